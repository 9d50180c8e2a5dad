// Where the CMS keeps its files. Everything that changes at run time lives under one
// git-ignored data folder, so a fresh clone starts clean and `rm -rf data` resets it.
import fs from 'node:fs';
import path from 'node:path';

function findCmsDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && fs.readFileSync(manifest, 'utf8').includes('"name": "@baobab/cms"')) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the @baobab/cms package above ${start}`);
  }
}

export const cmsDir = findCmsDir(__dirname);
export const repoDir = path.dirname(cmsDir);
/** BAOBAB_DATA_DIR, default `<repo>/data`: the SQLite file, uploads, generated secrets, dev credentials. */
export const dataDir = path.resolve(process.env.BAOBAB_DATA_DIR ?? path.join(repoDir, 'data'));
export const sqliteFile = path.join(dataDir, 'cms.db');
export const publicDir = path.join(dataDir, 'public');
export const secretsFile = path.join(dataDir, 'secrets.json');
export const credentialsFile = path.join(dataDir, 'dev-credentials.env');

export function ensureDataDirs(): void {
  fs.mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });
}

/**
 * Installed `@baobab/<kind>-<name>` packages (themes, plugins), by name, with what their
 * package.json says they are: the workspaces npm linked into node_modules/@baobab.
 */
export function installedPackages(kind: 'theme' | 'plugin'): Array<{ name: string; description: string }> {
  for (let dir = cmsDir; ; dir = path.dirname(dir)) {
    const scope = path.join(dir, 'node_modules', '@baobab');
    if (fs.existsSync(scope)) {
      return fs
        .readdirSync(scope)
        .filter((entry) => entry.startsWith(`${kind}-`) && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.slice(kind.length + 1)))
        .sort()
        .map((entry) => {
          let description = '';
          try {
            const manifest: unknown = JSON.parse(fs.readFileSync(path.join(scope, entry, 'package.json'), 'utf8'));
            if (typeof manifest === 'object' && manifest !== null && 'description' in manifest && typeof manifest.description === 'string') {
              description = manifest.description;
            }
          } catch {
            // No readable manifest: listed without a description.
          }
          return { name: entry.slice(kind.length + 1), description };
        });
    }
    if (path.dirname(dir) === dir) return [];
  }
}
