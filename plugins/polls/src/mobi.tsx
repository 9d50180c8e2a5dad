// Placeholder for the mobi half (owned by the mobi helper; replaced on merge).
import type { MobiHalf } from '@baobab/plugin-api';

const mobi: MobiHalf = {};
export default mobi;
