import { cmsEnv } from '../src/env';
import { dataPaths } from '../src/paths';
import { getSecrets } from '../src/secrets';

export default () => ({
  host: cmsEnv().host,
  port: cmsEnv().port,
  url: cmsEnv().publicUrl,
  app: { keys: getSecrets().APP_KEYS.split(',') },
  dirs: { public: dataPaths().publicDir },
  // No update checks: the machines this runs on may have no route to the internet.
  logger: { updates: { enabled: false } },
});
