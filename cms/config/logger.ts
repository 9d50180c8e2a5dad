// LOG_LEVEL (error, warn, info, http, debug, …; see src/env.ts); default http, which logs each request.
import { cmsEnv } from '../src/env';

export default { level: cmsEnv().logLevel };
