// What `npm run build:dist` removes from a production install (`npm ci --omit=dev`), and why.
// npm installs every package a dependency *lists*; Strapi lists the tools that build its
// admin panel and run its CLI as dependencies, its plugins list the admin panel's browser
// libraries, and `next` ships its compiler and every runtime variant. None of that runs in
// the image: the admin panel is prebuilt into cms/dist/build and the mobi-site into .next.
//
// Two cuts, both by rule rather than by file:
//   1. Packages: the dependency graph is walked from the workspaces, as Node would resolve it,
//      without following an edge in BUILD_ONLY (each with its reason), and, for a Strapi
//      package with a browser half (dist/admin), only the dependencies its server half
//      imports, by name or by a computed name's prefix (Strapi's upload and email providers).
//      Whatever the walk does not reach is removed.
//   2. Next's own files: only those Next's build traced for its server (.next/*.nft.json, the
//      list `output: 'standalone'` copies) and those `next()`, the mobi server's entry,
//      reaches (traced with the same tracer, @vercel/nft, which next bundles).
// `npm run build:dist -- --check` then starts the folder and asks every process a question.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Dependencies never followed, wherever they are listed: the reason each is not needed at
 * run time. A package reached by another, runtime path still stays.
 */
export const BUILD_ONLY: Readonly<Record<string, string>> = {
  // `strapi build` / `strapi develop` (cms/scripts/build-admin.ts runs it in the build stage).
  vite: 'bundles the admin panel (strapi build); the panel is prebuilt in cms/dist/build',
  '@vitejs/plugin-react-swc': 'vite plugin of the admin build',
  '@swc/core': 'compiler of the admin build (via @vitejs/plugin-react-swc)',
  webpack: "the admin build's alternative bundler (strapi build --bundler=webpack)",
  'webpack-dev-middleware': 'serves the admin panel under strapi develop',
  'webpack-hot-middleware': 'hot reload under strapi develop',
  'webpack-bundle-analyzer': 'strapi build --stats',
  'esbuild-loader': 'webpack loader of the admin build',
  'fork-ts-checker-webpack-plugin': 'type checks during the webpack admin build',
  'html-webpack-plugin': 'writes the admin index.html during the webpack build',
  'mini-css-extract-plugin': 'webpack admin build',
  'css-loader': 'webpack admin build',
  'style-loader': 'webpack admin build',
  '@pmmmwh/react-refresh-webpack-plugin': 'hot reload under strapi develop',
  'react-refresh': 'hot reload under strapi develop',
  'browserslist-to-esbuild': 'targets of the admin build',
  'esbuild-register': 'the strapi CLI compiles TypeScript config with it; the server is compiled by cms/scripts/build-server.ts at build time',
  concurrently: 'runs the admin watcher beside strapi develop',
  '@strapi/cloud-cli': 'strapi deploy / login (Strapi Cloud), a CLI command',
  '@strapi/generators': 'strapi generate and the content-type builder writing code, both development-only (the builder is off in production)',
  typedoc: "generates @strapi/types' documentation",
  'typedoc-plugin-markdown': "generates @strapi/types' documentation",
  // The admin panel's browser libraries the CMS workspace lists for `strapi build`.
  'react-router-dom': 'router of the admin panel in the browser; bundled into cms/dist/build',
  'styled-components': 'styles of the admin panel in the browser; bundled into cms/dist/build',
  // Next's image optimiser is off (images.unoptimized in frontends/mobi/next.config.js): the
  // mobi server resizes with the root sharp (server/images.ts), which stays.
  'next>sharp': "Next's image optimiser, turned off (images.unoptimized)",
};

export interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readJson = (file: string): PackageJson => JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;

/** Whether the edge from `from` (a package name) to `dependency` is never followed. */
export function cut(from: string | undefined, dependency: string): boolean {
  return dependency in BUILD_ONLY || `${from ?? ''}>${dependency}` in BUILD_ONLY;
}

/** `require('x/y')`, `from 'x'`, `import('x')`: the package names a file imports (bare specifiers only). */
export function importedPackages(source: string): Set<string> {
  const names = new Set<string>();
  for (const match of source.matchAll(/(?:require\(|import\(|\bfrom\s*)\s*['"]([^'"./][^'"]*)['"]/g)) {
    const specifier = match[1] ?? '';
    if (specifier.startsWith('node:')) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
  }
  return names;
}

/**
 * Prefixes of packages a file loads by a computed name: `require.resolve(\`@strapi/provider-upload-${name}\`)`
 * is how Strapi's upload and email plugins load their configured provider.
 */
export function importedPrefixes(source: string): Set<string> {
  const prefixes = new Set<string>();
  for (const match of source.matchAll(/(?:require(?:\.resolve)?\(|import\()\s*`([^`$./][^`$]*)\$\{/g)) prefixes.add(match[1] ?? '');
  return prefixes;
}

/**
 * A Strapi package with a browser half (dist/admin, bundled into the prebuilt admin panel):
 * the packages its server half imports (every script under dist/ outside its admin folders
 * and the `_internal` build entry). Null for any other package: all its dependencies count.
 */
export function serverHalfImports(dir: string, manifest: PackageJson): Set<string> | null {
  if (!manifest.name?.startsWith('@strapi/') || !fs.existsSync(path.join(dir, 'dist', 'admin'))) return null;
  const names = new Set<string>();
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'admin' && entry.name !== '_internal' && entry.name !== 'node_modules') visit(full);
      } else if (/\.(c|m)?js$/.test(entry.name) && !entry.name.startsWith('_internal')) {
        const source = fs.readFileSync(full, 'utf8');
        for (const name of importedPackages(source)) names.add(name);
        for (const prefix of importedPrefixes(source)) prefixes.push(prefix);
      }
    }
  };
  const prefixes: string[] = [];
  visit(path.join(dir, 'dist'));
  // A dependency named by a computed import (a provider) counts as imported.
  for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    if (prefixes.some((prefix) => dependency.startsWith(prefix))) names.add(dependency);
  }
  return names;
}

/** Where Node finds `name` from a package in `dir`: its own node_modules, then each parent's. */
export function resolvePackage(dir: string, name: string, top: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    if (path.basename(current) !== 'node_modules') {
      const candidate = path.join(current, 'node_modules', name);
      if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    }
    if (current === top || path.dirname(current) === current) return null;
  }
}

/** Every package folder (real paths) reachable from the given roots under the rules above. */
export function reachablePackages(top: string, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = roots.map((dir) => fs.realpathSync(dir));
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = readJson(path.join(dir, 'package.json'));
    const serverHalf = serverHalfImports(dir, manifest);
    const listed = { ...manifest.peerDependencies, ...manifest.optionalDependencies, ...manifest.dependencies };
    for (const dependency of Object.keys(listed)) {
      if (cut(manifest.name, dependency)) continue;
      if (serverHalf !== null && !serverHalf.has(dependency)) continue;
      const found = resolvePackage(dir, dependency, top);
      // A missing optional or peer dependency (another platform's binary, say) is no error.
      if (found !== null && !seen.has(found)) queue.push(found);
    }
  }
  return seen;
}

function sizeOf(target: string): number {
  const stat = fs.lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of fs.readdirSync(target)) total += sizeOf(path.join(target, entry));
  return total;
}

/** Package folders directly in a node_modules folder (scoped ones too), links excluded. */
function installedIn(modules: string): string[] {
  if (!fs.existsSync(modules)) return [];
  return fs.readdirSync(modules, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(modules, entry.name);
    if (entry.name.startsWith('.') || !entry.isDirectory()) return [];
    if (entry.name.startsWith('@')) {
      return fs
        .readdirSync(full, { withFileTypes: true })
        .filter((scoped) => scoped.isDirectory())
        .map((scoped) => path.join(full, scoped.name));
    }
    return [full];
  });
}

/** Links in node_modules/.bin folders whose target is gone. */
function dropDanglingBins(modules: string): void {
  const bin = path.join(modules, '.bin');
  if (!fs.existsSync(bin)) return;
  for (const name of fs.readdirSync(bin)) {
    const link = path.join(bin, name);
    if (!fs.existsSync(link)) fs.rmSync(link, { force: true });
  }
}

export interface PruneResult {
  removed: string[];
  bytes: number;
}

/**
 * Removes every installed package under `top` (its node_modules and each workspace's) that
 * the walk from the workspaces does not reach. Returns what went, relative to `top`.
 */
export function pruneUnreachable(top: string, workspaces: readonly string[]): PruneResult {
  const roots = workspaces.map((dir) => path.join(top, dir));
  const keep = reachablePackages(top, roots);
  const result: PruneResult = { removed: [], bytes: 0 };
  const sweep = (modules: string) => {
    for (const dir of installedIn(modules)) {
      if (keep.has(dir)) {
        sweep(path.join(dir, 'node_modules'));
        continue;
      }
      result.bytes += sizeOf(dir);
      result.removed.push(path.relative(top, dir));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const scope of fs.existsSync(modules) ? fs.readdirSync(modules) : []) {
      const full = path.join(modules, scope);
      if (scope.startsWith('@') && fs.statSync(full).isDirectory() && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
    }
    dropDanglingBins(modules);
  };
  for (const modules of [top, ...roots].map((dir) => path.join(dir, 'node_modules'))) sweep(modules);
  return result;
}

/** The files of the `next` package that a built mobi-site's server reads (absolute paths). */
export function nextServerFiles(appDir: string, nextDir: string): Set<string> {
  const dotNext = path.join(appDir, '.next');
  const traces: string[] = [];
  const collect = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && entry.name !== 'cache' && entry.name !== 'node_modules') collect(full);
      else if (entry.name.endsWith('.nft.json')) traces.push(full);
    }
  };
  collect(dotNext);
  if (!traces.some((trace) => path.basename(trace) === 'next-server.js.nft.json')) {
    throw new Error(`${path.relative(appDir, dotNext)} has no next-server.js.nft.json: is it a production build?`);
  }
  const files = new Set<string>();
  for (const trace of traces) {
    const { files: listed } = JSON.parse(fs.readFileSync(trace, 'utf8')) as { files: string[] };
    for (const file of listed) files.add(path.resolve(path.dirname(trace), file));
  }
  return new Set([...files].filter((file) => file.startsWith(nextDir + path.sep)));
}

/**
 * Traces what `require('next')` (next/dist/server/next.js, the custom server's entry) reaches
 * in the build tree, with the tracer Next bundles. Returns absolute paths inside `nextDir`.
 */
export async function nextEntryFiles(nextDir: string): Promise<Set<string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { nodeFileTrace } = require(path.join(nextDir, 'dist', 'compiled', '@vercel', 'nft')) as {
    nodeFileTrace: (files: string[], options: { base: string }) => Promise<{ fileList: Set<string> }>;
  };
  const base = path.parse(nextDir).root;
  const entries = ['dist/server/next.js', 'dist/server/lib/start-server.js'].map((file) => path.join(nextDir, file));
  const { fileList } = await nodeFileTrace(entries, { base });
  return new Set([...fileList].map((file) => path.join(base, file)).filter((file) => file.startsWith(nextDir + path.sep)));
}

/**
 * Removes the files of the installed `next` at `installedNext` that are not in `keep` (paths
 * relative to the package); package.json and licences stay. Returns bytes freed.
 */
export function trimPackage(installedNext: string, keep: ReadonlySet<string>): number {
  let freed = 0;
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const relative = path.relative(installedNext, full);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules') continue;
        visit(full);
        if (fs.readdirSync(full).length === 0) fs.rmdirSync(full);
      } else if (!keep.has(relative) && relative !== 'package.json' && !/^licen[cs]e/i.test(entry.name)) {
        freed += fs.statSync(full).size;
        fs.rmSync(full);
      }
    }
  };
  visit(installedNext);
  return freed;
}
