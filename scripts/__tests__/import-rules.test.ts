// Imports run one way (scripts/import-rules.ts): the repository holds the rules, and the
// checker catches each kind of wrong-way import in a throwaway repository.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSpecifiers, importViolations } from '../import-rules';

const root = path.resolve(__dirname, '../..');

function fixtureRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-imports-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('package.json', JSON.stringify({ workspaces: ['packages/*', 'locales', 'cms', 'frontends/*', 'themes/*', 'plugins/*'] }));
  const workspaces: Record<string, string> = {
    'packages/kit': '@baobab/kit',
    locales: '@baobab/locales',
    cms: '@baobab/cms',
    'frontends/mobi': '@baobab/mobi',
    'frontends/chat': '@baobab/chat',
    'themes/base': '@baobab/theme-base',
    'plugins/polls': '@baobab/plugin-polls',
  };
  for (const [folder, name] of Object.entries(workspaces)) write(`${folder}/package.json`, JSON.stringify({ name }));
  for (const [file, text] of Object.entries(files)) write(file, text);
  return dir;
}

describe('import direction', () => {
  it('holds in this repository: no import runs the wrong way', () => {
    expect(importViolations(root)).toEqual([]);
  });

  it.each([
    ['a package importing the CMS', 'packages/kit/src/a.ts', "import { x } from '@baobab/cms';", 'cms'],
    ['a package importing a front end by path', 'packages/kit/src/a.ts', "import x from '../../../frontends/mobi/src/x';", 'frontends/mobi'],
    ['a package importing a theme', 'packages/kit/src/a.ts', "export * from '@baobab/theme-base';", 'themes/base'],
    ['a package importing a plugin lazily', 'packages/kit/src/a.ts', "const p = () => import('@baobab/plugin-polls');", 'plugins/polls'],
    ['the CMS importing a front end', 'cms/src/a.ts', "import { limits } from '@baobab/chat/limits';", 'frontends/chat'],
    ['the CMS requiring a front end by path', 'cms/src/a.ts', "const x = require('../../frontends/mobi/src/x');", 'frontends/mobi'],
    ['a front end importing the CMS', 'frontends/mobi/src/a.ts', "import type { T } from '../../../cms/src/t';", 'cms'],
    ['one front end importing another', 'frontends/mobi/src/a.tsx', "import { preview } from '@baobab/chat/preview';", 'frontends/chat'],
    ['a theme importing another theme', 'themes/base/src/a.ts', "import { x } from '@baobab/plugin-polls';", 'plugins/polls'],
    ['a plugin importing the CMS', 'plugins/polls/src/a.ts', "import { x } from '@baobab/cms';", 'cms'],
  ])('catches %s', (_what, file, source, target) => {
    const repo = fixtureRepo({ [file]: source });
    try {
      expect(importViolations(repo)).toEqual([expect.objectContaining({ file, to: target })]);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('allows the floor, the registry and a workspace importing itself', () => {
    const repo = fixtureRepo({
      'cms/src/a.ts': "import { isSlug } from '@baobab/kit';\nimport { b } from './b';\nimport registry from '../../baobab.config';",
      'frontends/mobi/src/a.ts': "import { getLocale } from '@baobab/locales';\nimport registry from '../../../baobab.config';",
      'plugins/polls/src/a.ts': "import { isSlug } from '@baobab/kit';",
      'baobab.config.ts': "import { baseTheme } from '@baobab/theme-base';\nimport polls from '@baobab/plugin-polls';",
    });
    try {
      expect(importViolations(repo)).toEqual([]);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('reads static, type-only, re-export, dynamic and require specifiers, not ones in comments', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import {\n  c,\n  d,\n} from 'c';",
      "export { e } from 'e';",
      "export * from 'f';",
      "const g = await import('g');",
      "const h = require('h');",
      "import 'side-effect';",
      "// import x from 'commented';",
      "/* import y from 'block'; */",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['a', 'b', 'c', 'e', 'f', 'g', 'h', 'side-effect']);
  });
});
