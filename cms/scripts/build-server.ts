// Compiles the CMS's TypeScript (config/ and src/) to dist/ with esbuild, file by file,
// and copies the JSON schemas Strapi loads beside them. Type checking is `npm run
// typecheck`'s job; this only has to be fast (about 100 ms).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const cmsDir = path.resolve(__dirname, '..');
export const distDir = path.join(cmsDir, 'dist');

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : files(full);
    return [full];
  });
}

export async function buildServer(): Promise<void> {
  const sources = [...files(path.join(cmsDir, 'config')), ...files(path.join(cmsDir, 'src'))];
  for (const dir of ['config', 'src']) fs.rmSync(path.join(distDir, dir), { recursive: true, force: true });
  await build({
    entryPoints: sources.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')),
    outdir: distDir,
    outbase: cmsDir,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  for (const file of sources.filter((name) => name.endsWith('.json'))) {
    const target = path.join(distDir, path.relative(cmsDir, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
}

if (require.main === module) {
  buildServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
