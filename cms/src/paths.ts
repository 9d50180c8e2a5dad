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
