import { databaseConfig } from '../src/database';

export default () => databaseConfig(process.env);
