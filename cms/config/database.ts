import { databaseConfig } from '../src/database';
import { cmsEnv } from '../src/env';

export default () => databaseConfig(cmsEnv().database);
