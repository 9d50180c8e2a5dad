// Where the CMS keeps its files. Everything that changes at run time lives under one
// git-ignored data folder (BAOBAB_DATA_DIR, read through env.ts), so a fresh clone starts
// clean and `rm -rf data` resets it.
import fs from 'node:fs';
import path from 'node:path';
import { cmsEnv } from './env';
import { cmsDir } from './package-dir';

export { cmsDir, repoDir } from './package-dir';

export interface DataPaths {
  /** BAOBAB_DATA_DIR, default `<repo>/data`. */
  readonly dataDir: string;
  readonly sqliteFile: string;
  /** Strapi's public folder; uploads go to `public/uploads`. */
  readonly publicDir: string;
  /** Development secrets generated on first run. */
  readonly secretsFile: string;
  /** Development admin login and API token. */
  readonly credentialsFile: string;
}

/** The data folder's files, for the configured folder unless one is given. Read when asked, not at import. */
export function dataPaths(dataDir: string = cmsEnv().dataDir): DataPaths {
  return {
    dataDir,
    sqliteFile: path.join(dataDir, 'cms.db'),
    publicDir: path.join(dataDir, 'public'),
    secretsFile: path.join(dataDir, 'secrets.json'),
    credentialsFile: path.join(dataDir, 'dev-credentials.env'),
  };
}

export function ensureDataDirs(): void {
  fs.mkdirSync(path.join(dataPaths().publicDir, 'uploads'), { recursive: true });
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
