// What build:dist prunes from a production install: the dependency walk (cut edges, Strapi's
// browser halves, Node's resolution order), and the trim of a package to a traced file list.
// On a small node_modules tree made here; `npm run build:dist -- --check` runs the real one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_ONLY, cut, importedPackages, importedPrefixes, pruneUnreachable, reachablePackages, trimPackage } from '../dist-prune';

let top: string;

/** Writes a package: its manifest, and any files (relative path → content). */
function pkg(dir: string, manifest: Record<string, unknown>, files: Record<string, string> = {}): void {
  const full = path.join(top, dir);
  fs.mkdirSync(full, { recursive: true });
  fs.writeFileSync(path.join(full, 'package.json'), JSON.stringify(manifest));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(full, file)), { recursive: true });
    fs.writeFileSync(path.join(full, file), content);
  }
}

const exists = (relative: string) => fs.existsSync(path.join(top, relative));

beforeEach(() => {
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-prune-'));
  pkg('.', { name: 'root', workspaces: ['app'] });
  pkg('app', { name: '@x/app', dependencies: { a: '1', vite: '5', '@strapi/plugin': '5', next: '16', sharp: '0.35' } });
  // Workspaces are linked into node_modules: links are never removed or followed twice.
  fs.mkdirSync(path.join(top, 'node_modules', '@x'), { recursive: true });
  fs.symlinkSync('../../app', path.join(top, 'node_modules', '@x', 'app'));
  pkg('node_modules/a', { name: 'a', dependencies: { b: '2' } });
  pkg('node_modules/a/node_modules/b', { name: 'b', version: '2.0.0' });
  pkg('node_modules/b', { name: 'b', version: '1.0.0' });
  pkg('node_modules/orphan', { name: 'orphan' });
  pkg('node_modules/vite', { name: 'vite', dependencies: { esbuild: '0.21' } });
  pkg('node_modules/vite/node_modules/esbuild', { name: 'esbuild' });
  pkg(
    'node_modules/@strapi/plugin',
    { name: '@strapi/plugin', dependencies: { lodash: '4', 'react-intl': '6', '@strapi/provider-upload-local': '5' }, peerDependencies: { react: '18' } },
    {
      'dist/server/index.js': "const _ = require('lodash/fp'); const fs = require('node:fs'); const p = require.resolve(`@strapi/provider-upload-${name}`);",
      'dist/admin/index.mjs': "import { useIntl } from 'react-intl'; import React from 'react';",
    },
  );
  pkg('node_modules/lodash', { name: 'lodash' });
  pkg('node_modules/@strapi/provider-upload-local', { name: '@strapi/provider-upload-local' });
  pkg('node_modules/react-intl', { name: 'react-intl' });
  pkg('node_modules/react', { name: 'react' });
  pkg('node_modules/next', { name: 'next', optionalDependencies: { sharp: '^0.35.5' } });
  pkg('node_modules/next/node_modules/sharp', { name: 'sharp', version: '0.35.5' });
  pkg('node_modules/sharp', { name: 'sharp', version: '0.35.3' });
  fs.mkdirSync(path.join(top, 'node_modules', '.bin'));
  fs.symlinkSync('../vite/bin/vite.js', path.join(top, 'node_modules', '.bin', 'vite'));
  fs.symlinkSync('../a/index.js', path.join(top, 'node_modules', '.bin', 'a'));
  fs.writeFileSync(path.join(top, 'node_modules', 'a', 'index.js'), '');
});

afterEach(() => fs.rmSync(top, { recursive: true, force: true }));

describe('the dependency walk', () => {
  test('reaches what the workspaces need, resolving as Node does (own node_modules first)', () => {
    const reached = [...reachablePackages(top, [path.join(top, 'app')])].map((dir) => path.relative(fs.realpathSync(top), dir)).sort();
    expect(reached).toEqual(['app', 'node_modules/@strapi/plugin', 'node_modules/@strapi/provider-upload-local', 'node_modules/a', 'node_modules/a/node_modules/b', 'node_modules/lodash', 'node_modules/next', 'node_modules/sharp'].sort());
  });

  test('removes build tools, browser-only libraries, orphans and their dangling bin links; keeps the rest', () => {
    const { removed, bytes } = pruneUnreachable(top, ['app']);
    expect(removed.sort()).toEqual(
      ['node_modules/b', 'node_modules/next/node_modules/sharp', 'node_modules/orphan', 'node_modules/react', 'node_modules/react-intl', 'node_modules/vite'].sort(),
    );
    expect(bytes).toBeGreaterThan(0);
    for (const kept of ['node_modules/a/node_modules/b', 'node_modules/lodash', 'node_modules/@strapi/provider-upload-local', 'node_modules/sharp', 'node_modules/@strapi/plugin', 'node_modules/@x/app', 'app/package.json']) expect(exists(kept)).toBe(true);
    expect(exists('node_modules/vite/node_modules/esbuild')).toBe(false);
    expect(fs.readdirSync(path.join(top, 'node_modules', '.bin'))).toEqual(['a']);
  });

  test('a Strapi package without a browser half keeps every dependency', () => {
    fs.rmSync(path.join(top, 'node_modules/@strapi/plugin/dist/admin'), { recursive: true });
    const { removed } = pruneUnreachable(top, ['app']);
    expect(removed).not.toContain('node_modules/react-intl');
    expect(removed).not.toContain('node_modules/react');
  });

  test('every cut says why, and an edge cut applies only from its package', () => {
    for (const [name, reason] of Object.entries(BUILD_ONLY)) expect({ name, reason: reason.length > 10 }).toEqual({ name, reason: true });
    expect(cut('@strapi/strapi', 'vite')).toBe(true);
    expect(cut('next', 'sharp')).toBe(true);
    expect(cut('@strapi/upload', 'sharp')).toBe(false);
  });
});

test('importedPackages reads bare specifiers from require, import and from, scoped or not, never node: or relative', () => {
  const source = "require('lodash/fp'); import x from \"@strapi/utils/dist\"; await import('koa'); require('./local'); require('node:fs'); export * from 'zod';";
  expect([...importedPackages(source)].sort()).toEqual(['@strapi/utils', 'koa', 'lodash', 'zod']);
});

test('importedPrefixes reads the fixed start of a computed require (how Strapi loads its providers)', () => {
  const source = 'modulePath = require.resolve(`@strapi/provider-upload-${providerName}`); require(`./local/${x}`); require(`${y}`);';
  expect([...importedPrefixes(source)]).toEqual(['@strapi/provider-upload-']);
});

test('trimPackage keeps the traced files, package.json and the licence, and drops empty folders', () => {
  pkg('node_modules/next', { name: 'next' }, { 'dist/server/next.js': 'x', 'dist/compiled/webpack/bundle.js': 'xxxx', 'LICENSE': 'MIT', 'dist/server/lib/start-server.js': 'y' });
  const freed = trimPackage(path.join(top, 'node_modules/next'), new Set(['dist/server/next.js', 'dist/server/lib/start-server.js']));
  expect(freed).toBe(4);
  expect(exists('node_modules/next/dist/server/next.js')).toBe(true);
  expect(exists('node_modules/next/dist/server/lib/start-server.js')).toBe(true);
  expect(exists('node_modules/next/LICENSE')).toBe(true);
  expect(exists('node_modules/next/package.json')).toBe(true);
  expect(exists('node_modules/next/dist/compiled')).toBe(false);
  // Its own node_modules is the dependency walk's business, not the trim's.
  expect(exists('node_modules/next/node_modules/sharp/package.json')).toBe(true);
});
