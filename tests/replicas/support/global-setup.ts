// The replica test needs PostgreSQL, Redis and nginx: each ensure script starts (or installs)
// its part, as .ci/run does for the PostgreSQL suite.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalSetup(): void {
  for (const script of ['ensure-postgres.sh', 'ensure-redis.sh', 'ensure-nginx.sh']) {
    execFileSync('bash', [path.resolve(__dirname, '../../../scripts', script)], { stdio: 'inherit' });
  }
}
