// Every workspace's package.json points at files that exist: an import of a workspace by
// name, or of one of its exported subpaths, never resolves to nothing.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function workspaceDirs(): string[] {
  const manifest: { workspaces: string[] } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return manifest.workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
    const parent = path.join(root, pattern.slice(0, -2));
    return fs.readdirSync(parent, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(parent, entry.name));
  }).filter((dir) => fs.existsSync(path.join(dir, 'package.json')));
}

/** The files a manifest names as entry points: main, types, and every export target. */
function entryPoints(manifest: Record<string, unknown>): string[] {
  const targets = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : value !== null && typeof value === 'object' ? Object.values(value).flatMap(targets) : [];
  return [...targets(manifest.main), ...targets(manifest.types), ...targets(manifest.exports)];
}

describe('workspaces', () => {
  const dirs = workspaceDirs();

  it('are found', () => {
    expect(dirs.map((dir) => path.relative(root, dir))).toEqual(expect.arrayContaining(['cms', 'locales', 'frontends/chat', 'frontends/mobi', 'packages/kit', 'packages/channels', 'packages/testkit', 'themes/base']));
  });

  it.each(dirs.map((dir) => [path.relative(root, dir), dir]))('%s exports only files that exist', (_name, dir) => {
    const manifest: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const missing = entryPoints(manifest).filter((target) => !target.includes('*') && !fs.existsSync(path.join(dir, target)));
    expect(missing).toEqual([]);
  });
});
