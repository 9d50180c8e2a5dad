// Builds Strapi's admin panel (about a minute) into dist/build, where the CMS serves it.
// We compile the server ourselves (build-server.ts), so this drives Strapi's own build
// steps (build context, static client files, Vite) with our Strapi instance instead of
// `strapi build`, which would recompile the TypeScript with tsc. These modules are
// internal to @strapi/strapi, which is pinned at 5.54.0.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { buildServer, distDir } from './build-server';

const cmsDir = path.resolve(__dirname, '..');
const adminSourceDir = path.join(cmsDir, 'src', 'admin');
const stampFile = path.join(distDir, 'build', '.baobab-admin-source');

/** Files under a folder, sorted, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** What the built panel was made from: Baobab's admin extension (src/admin) and the Strapi version. */
export function adminSourceHash(): string {
  const hash = crypto.createHash('sha256');
  hash.update(String(require('@strapi/strapi/package.json').version));
  for (const file of filesUnder(adminSourceDir)) hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(adminSourceDir, file)));
  return hash.digest('hex');
}

/** The panel is built, and from the admin extension as it is now (a change to src/admin needs a rebuild). */
export const isAdminBuilt = () =>
  fs.existsSync(path.join(distDir, 'build', 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === adminSourceHash();

function strapiInternal<T>(file: string): T {
  return require(path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'dist/src', file)) as T;
}

export async function buildAdmin(): Promise<void> {
  const { createBuildContext } = strapiInternal<{ createBuildContext: (options: Record<string, unknown>) => Promise<unknown> }>('node/create-build-context.js');
  const { writeStaticClientFiles } = strapiInternal<{ writeStaticClientFiles: (context: unknown) => Promise<void> }>('node/staticFiles.js');
  const { build } = strapiInternal<{ build: (context: unknown) => Promise<void> }>('node/vite/build.js');
  const { createLogger } = strapiInternal<{ createLogger: (options: Record<string, unknown>) => unknown }>('cli/utils/logger.js');
  const started = Date.now();
  // Hashed before building: a file changed while Vite runs makes the next start rebuild.
  const sourceHash = adminSourceHash();
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
    fs.writeFileSync(stampFile, sourceHash);
  } finally {
    process.chdir(previousCwd);
  }
  console.log(`Admin panel built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

if (require.main === module) {
  // `--if-stale`: only when the panel is missing or older than src/admin (the browser tests' set-up).
  const onlyIfStale = process.argv.includes('--if-stale');
  buildServer()
    .then(() => (onlyIfStale && isAdminBuilt() ? undefined : buildAdmin()))
    .catch((error: unknown) => {
      console.error(`Admin build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
