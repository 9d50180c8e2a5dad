// `npm run seed`: loads the CMS without serving it and creates any missing demo content.
// Idempotent: what exists is left as it is. Run it while the CMS is stopped (SQLite
// allows one writer); a running CMS would also keep serving its cache for up to 5 min.
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { seed } from '../src/seed';
import { buildServer, distDir } from './build-server';

async function main() {
  process.env.STRAPI_TELEMETRY_DISABLED ??= 'true';
  process.env.BAOBAB_SEED = 'false';
  process.env.LOG_LEVEL ??= 'warn';
  await buildServer();
  const app = await createStrapi({ appDir: path.resolve(__dirname, '..'), distDir, autoReload: false, serveAdminPanel: false }).load();
  try {
    const started = Date.now();
    const report = await seed(app, undefined, { progress: true });
    console.log(`Demo content: ${report.created} created, ${report.skipped} already there (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  } finally {
    await app.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
