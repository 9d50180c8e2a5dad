// Builds Strapi's admin panel (about 40 s) into dist/build, where the CMS serves it.
// We compile the server ourselves (build-server.ts), so Strapi's build runs without a
// tsconfig and writes to build/, which is then moved into dist/.
import fs from 'node:fs';
import path from 'node:path';
import { distDir } from './build-server';

const cmsDir = path.resolve(__dirname, '..');
const adminDir = path.join(distDir, 'build');

export const isAdminBuilt = () => fs.existsSync(path.join(adminDir, 'index.html'));

export async function buildAdmin(): Promise<void> {
  // Strapi's build API is internal but stable across 5.x; pinned at 5.54.0.
  const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json'));
  const { build } = require(path.join(strapiDir, 'dist/src/node/build.js')) as {
    build: (options: Record<string, unknown>) => Promise<void>;
  };
  const { createLogger } = require(path.join(strapiDir, 'dist/src/cli/utils/logger.js')) as {
    createLogger: (options: Record<string, unknown>) => unknown;
  };
  console.log('Building the admin panel (first start only, about a minute)…');
  await build({ cwd: cmsDir, logger: createLogger({ debug: false, silent: false, timestamp: false }), tsconfig: undefined, minify: true, sourcemaps: false, stats: false });
  fs.rmSync(adminDir, { recursive: true, force: true });
  fs.mkdirSync(distDir, { recursive: true });
  fs.renameSync(path.join(cmsDir, 'build'), adminDir);
}

if (require.main === module) {
  buildAdmin().catch((error: unknown) => {
    console.error(`Admin build failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
