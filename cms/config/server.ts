import { publicDir } from '../src/paths';
import { getSecrets } from '../src/secrets';

export default ({ env }: { env: { (key: string, fallback?: string): string; int(key: string, fallback?: number): number } }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: { keys: getSecrets().APP_KEYS.split(',') },
  dirs: { public: publicDir },
  // No update checks: the machines this runs on may have no route to the internet.
  logger: { updates: { enabled: false } },
});
