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
