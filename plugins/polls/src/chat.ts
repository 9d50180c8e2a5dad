// Placeholder for the chat half (owned by the chat helper; replaced on merge).
import type { ChatHalf } from '@baobab/plugin-api';

const chat: ChatHalf = { views: {} };
export default chat;
