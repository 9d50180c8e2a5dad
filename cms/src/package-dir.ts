// Where the @baobab/cms package and the repository sit on disk, found from this file's own
// location, so the answer is the same from src/ (tsx, jest) and from dist/ (Strapi).
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
