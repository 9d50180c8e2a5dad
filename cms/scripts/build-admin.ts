// Builds Strapi's admin panel (about a minute) into dist/build, where the CMS serves it.
// We compile the server ourselves (build-server.ts), so this drives Strapi's own build
// steps (build context, static client files, Vite) with our Strapi instance instead of
// `strapi build`, which would recompile the TypeScript with tsc. These modules are
// internal to @strapi/strapi, which is pinned at 5.54.0.
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { buildServer, distDir } from './build-server';
import fs from 'node:fs';

const cmsDir = path.resolve(__dirname, '..');

export const isAdminBuilt = () => fs.existsSync(path.join(distDir, 'build', 'index.html'));

function strapiInternal<T>(file: string): T {
  return require(path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'dist/src', file)) as T;
}

export async function buildAdmin(): Promise<void> {
  const { createBuildContext } = strapiInternal<{ createBuildContext: (options: Record<string, unknown>) => Promise<unknown> }>('node/create-build-context.js');
  const { writeStaticClientFiles } = strapiInternal<{ writeStaticClientFiles: (context: unknown) => Promise<void> }>('node/staticFiles.js');
  const { build } = strapiInternal<{ build: (context: unknown) => Promise<void> }>('node/vite/build.js');
  const { createLogger } = strapiInternal<{ createLogger: (options: Record<string, unknown>) => unknown }>('cli/utils/logger.js');
  const started = Date.now();
  console.log('Building the admin panel (first start only, about a minute)…');
  const previousCwd = process.cwd();
  process.chdir(cmsDir);
  try {
    const strapi = createStrapi({ appDir: cmsDir, distDir, autoReload: true, serveAdminPanel: false });
    const context = await createBuildContext({
      cwd: cmsDir,
      logger: createLogger({ debug: false, silent: false, timestamp: false }),
      strapi,
      options: { minify: true, sourcemaps: false, stats: false },
    });
    await writeStaticClientFiles(context);
    await build(context);
  } finally {
    process.chdir(previousCwd);
  }
  console.log(`Admin panel built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (require.main === module) {
  buildServer()
    .then(buildAdmin)
    .catch((error: unknown) => {
      console.error(`Admin build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
