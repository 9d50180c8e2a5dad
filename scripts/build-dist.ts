// `npm run build:dist`: the runtime folder the image holds, built into dist/app (git-ignored)
// and measured, since no container engine runs here. The Dockerfile's build stage runs this
// same script and its runtime stage copies dist/app; change one, change the other.
//
//   1. builds in this tree, as `npm start` would (each only when stale): the CMS server
//      (esbuild) and admin panel (Vite) into cms/dist, the mobi-site (`next build`) into
//      frontends/mobi/.next;
//   2. copies what the processes run from: the workspaces' sources (tsx compiles them at
//      run time), the builds, baobab.config.ts, the locales; no tests, no caches;
//   3. installs production dependencies only (`npm ci --omit=dev`, from the npm cache when
//      it can; pass --offline to never ask the registry);
//   4. drops what nothing runs: packages only a build, a CLI or the admin panel's browser
//      code uses, and Next's files its server never reads (scripts/dist-prune.ts says which
//      and why); then source maps, type declarations, Markdown (licences stay),
//      Next's SWC compiler binaries (`next build` needs them, `next start` does not; Next's
//      own standalone output leaves them out too), native addons' object files and C sources;
//   5. writes .baobab-dist.json, which tells the serve scripts never to build there;
//   6. prints the folder's size against the 300 MB target and the fifteen biggest packages;
//   7. with --check, starts the folder as the image would and asks each process a question
//      (scripts/dist-check.ts: admin page and API, /graphql, a mobi page, a USSD dial).
//
// Flags: --skip-build (copy the builds as they are), --offline, --out <folder>, --check.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkDist } from './dist-check';
import { nextEntryFiles, nextServerFiles, pruneUnreachable, trimPackage } from './dist-prune';

export const TARGET_MB = 300;
const root = path.resolve(__dirname, '..');
const MB = 1024 * 1024;

/** Top-level files the runtime needs beside the workspaces. */
const ROOT_FILES = ['package.json', 'package-lock.json', 'baobab.config.ts', 'tsconfig.json', 'tsconfig.base.json', '.npmrc'];

/**
 * What is never copied, as paths relative to the repository: installed modules (reinstalled
 * with production dependencies only), tests, caches, and state a running tree leaves behind.
 */
export function excluded(relative: string): boolean {
  const parts = relative.split(path.sep);
  const name = parts[parts.length - 1] ?? '';
  if (parts.includes('node_modules') && !relative.startsWith(path.join('frontends', 'mobi', '.next'))) return true;
  if (parts.some((part) => part === '__tests__' || part === 'coverage' || part === '.strapi')) return true;
  if (name.endsWith('.tsbuildinfo') || name === 'tsconfig.jest.json' || name === '.strapi-updater.json') return true;
  // Each workspace's own test folders (HTTP, API, admin and browser suites).
  if (parts.length === 2 && (name === 'tests' || name === 'browser')) return true;
  if (parts.length === 3 && parts[0] === 'frontends' && (name === 'tests' || name === 'browser')) return true;
  // The CMS's compiled output is copied whole, except the file a running server leaves there.
  if (relative === path.join('cms', 'dist', '.ready')) return true;
  // Next's build cache and traces: needed to build again, not to serve.
  if (relative.startsWith(path.join('frontends', 'mobi', '.next') + path.sep)) {
    const inner = parts[3];
    if (inner === 'cache' || inner === 'trace' || inner === 'trace-build' || inner === 'diagnostics' || inner === 'types') return true;
  }
  return false;
}

/** The workspace folders the root package.json lists (relative). */
function workspaceDirs(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  return manifest.workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = pattern.slice(0, -2);
    return fs
      .readdirSync(path.join(root, parent), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, parent, entry.name, 'package.json')))
      .map((entry) => path.join(parent, entry.name));
  });
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  console.log(`build:dist: ${command} ${args.join(' ')}${cwd === root ? '' : `   (in ${path.relative(root, cwd) || '.'})`}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
}

/** Apparent size in bytes (what a layer's tar holds), symbolic links counted as links. */
export function sizeOf(target: string): number {
  const stat = fs.lstatSync(target);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of fs.readdirSync(target)) total += sizeOf(path.join(target, entry));
  return total;
}

/** Every installed package under a node_modules folder (nested copies too), by name, without its own node_modules. */
export function packageSizes(nodeModules: string): Map<string, number> {
  const sizes = new Map<string, number>();
  const visitPackage = (dir: string, name: string) => {
    let own = 0;
    for (const entry of fs.readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (entry === 'node_modules') visitModules(full);
      else own += sizeOf(full);
    }
    sizes.set(name, (sizes.get(name) ?? 0) + own);
  };
  const visitModules = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules, { withFileTypes: true })) {
      const full = path.join(modules, entry.name);
      if (entry.name.startsWith('.') || entry.isSymbolicLink() || !entry.isDirectory()) continue;
      if (entry.name.startsWith('@')) {
        for (const scoped of fs.readdirSync(full, { withFileTypes: true })) {
          if (scoped.isDirectory() && !scoped.isSymbolicLink()) visitPackage(path.join(full, scoped.name), `${entry.name}/${scoped.name}`);
        }
      } else visitPackage(full, entry.name);
    }
  };
  visitModules(nodeModules);
  return sizes;
}

/** Files in node_modules no process reads at run time. Licences and notices always stay. */
export function droppable(name: string): boolean {
  if (/^(licen[cs]e|notice|copying|authors)/i.test(name)) return false;
  return /\.(map|d\.ts|d\.mts|d\.cts|md|markdown)$/i.test(name);
}

/**
 * Folders only a build reads: Next's SWC binaries, and what node-gyp leaves beside a native
 * addon (object files; a C library's sources once it is compiled in, as better-sqlite3's
 * SQLite). The addon itself (build/Release/*.node) stays.
 */
function buildLeftover(parent: string, name: string): boolean {
  if (path.basename(parent) === '@next') return /^swc-(linux|darwin|win32|freebsd|android)-/.test(name);
  if (path.basename(parent) === 'Release' && path.basename(path.dirname(parent)) === 'build') return name === 'obj' || name === 'obj.target' || name === '.deps';
  if (name === 'deps' && fs.existsSync(path.join(parent, 'binding.gyp'))) {
    const release = path.join(parent, 'build', 'Release');
    const built = fs.existsSync(release) && fs.readdirSync(release).some((file) => file.endsWith('.node'));
    const hasCSources = fs.readdirSync(path.join(parent, name), { recursive: true, encoding: 'utf8' }).some((file) => file.endsWith('.c'));
    return built && hasCSources;
  }
  return false;
}

/** Removes droppable files, and Next's SWC binaries, from node_modules (never through a link: workspaces are linked). Returns bytes freed. */
export function prune(nodeModules: string): number {
  let freed = 0;
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (buildLeftover(dir, entry.name)) {
          freed += sizeOf(full);
          fs.rmSync(full, { recursive: true, force: true });
        } else visit(full);
      } else if (entry.isFile() && (droppable(entry.name) || (entry.name.endsWith('.a') && path.basename(dir) === 'Release'))) {
        freed += fs.statSync(full).size;
        fs.rmSync(full);
      }
    }
  };
  if (fs.existsSync(nodeModules)) visit(nodeModules);
  return freed;
}

const mb = (bytes: number) => (bytes / MB).toFixed(1);

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(root, outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] ?? '' : 'dist/app');
  const started = Date.now();
  if (path.relative(root, out).startsWith('..') || out === root) throw new Error(`--out must be a folder inside the repository, got ${out}`);

  // 1. Builds, in this tree (the same ones `npm start` makes and reuses).
  if (!args.includes('--skip-build')) {
    run(process.execPath, ['--import', 'tsx', 'cms/scripts/build-admin.ts', '--if-stale'], root);
    run(process.execPath, ['--import', 'tsx', 'frontends/mobi/scripts/build.ts'], root);
  }
  for (const needed of ['cms/dist/src/index.js', 'cms/dist/build/index.html', 'frontends/mobi/.next/BUILD_ID']) {
    if (!fs.existsSync(path.join(root, needed))) throw new Error(`${needed} is missing: run without --skip-build`);
  }

  // 2. The files the processes run from.
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const file of ROOT_FILES) if (fs.existsSync(path.join(root, file))) fs.copyFileSync(path.join(root, file), path.join(out, file));
  // The entrypoint: `dist/app/baobab cms | mobi | chat`, the image's too.
  fs.copyFileSync(path.join(root, 'deploy', 'baobab'), path.join(out, 'baobab'));
  fs.chmodSync(path.join(out, 'baobab'), 0o755);
  for (const dir of workspaceDirs()) {
    fs.cpSync(path.join(root, dir), path.join(out, dir), {
      recursive: true,
      // Next's .next/node_modules holds relative links to hoisted packages: kept as links.
      verbatimSymlinks: true,
      // The mobi build stays newer than its sources.
      preserveTimestamps: true,
      filter: (source) => !excluded(path.relative(root, source)),
    });
  }
  const sourceBytes = sizeOf(out);

  // 3. Production dependencies only.
  const npmArgs = ['ci', '--omit=dev', '--no-audit', '--no-fund', args.includes('--offline') ? '--offline' : '--prefer-offline'];
  run('npm', npmArgs, out, { ...process.env, NODE_ENV: 'production' });

  // 4. What nothing runs: packages only a build, a CLI or a browser uses (scripts/dist-prune.ts),
  //    Next's files its server never reads, then files no process reads in what is left.
  const unreachable = pruneUnreachable(out, workspaceDirs());
  console.log(`build:dist: removed ${unreachable.removed.length} packages (${mb(unreachable.bytes)} MB) no process reaches: build tools, CLIs, the admin panel's browser libraries (scripts/dist-prune.ts)`);
  const nextDir = path.join(root, 'node_modules', 'next');
  const nextKeep = new Set([...nextServerFiles(path.join(root, 'frontends', 'mobi'), nextDir), ...(await nextEntryFiles(nextDir))].map((file) => path.relative(nextDir, file)));
  const nextFreed = trimPackage(path.join(out, 'node_modules', 'next'), nextKeep);
  console.log(`build:dist: kept ${nextKeep.size} files of next (its server's trace), removed ${mb(nextFreed)} MB`);
  let freed = prune(path.join(out, 'node_modules'));
  for (const dir of workspaceDirs()) freed += prune(path.join(out, dir, 'node_modules'));
  console.log(`build:dist: dropped ${mb(freed)} MB from node_modules (source maps, type declarations, Markdown, SWC binaries, native build leftovers)`);

  // 5. The marker: never build here.
  fs.writeFileSync(
    path.join(out, '.baobab-dist.json'),
    `${JSON.stringify({ builtAt: new Date().toISOString(), commit: gitCommit(), node: process.version }, null, 2)}\n`,
  );

  // 6. Measure.
  const total = sizeOf(out);
  const modules = packageSizes(path.join(out, 'node_modules'));
  for (const dir of workspaceDirs()) for (const [name, bytes] of packageSizes(path.join(out, dir, 'node_modules'))) modules.set(name, (modules.get(name) ?? 0) + bytes);
  const biggest = [...modules.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  const builds = sizeOf(path.join(out, 'cms', 'dist')) + sizeOf(path.join(out, 'frontends', 'mobi', '.next'));
  const lines = [
    '',
    `Runtime folder: ${path.relative(root, out)} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    `  total              ${mb(total).padStart(8)} MB   target ${TARGET_MB} MB: ${total <= TARGET_MB * MB ? 'within' : `OVER by ${mb(total - TARGET_MB * MB)} MB`}`,
    `  dependencies       ${mb(total - sourceBytes).padStart(8)} MB   (${modules.size} packages)`,
    `  sources and builds ${mb(sourceBytes).padStart(8)} MB   (of which builds ${mb(builds)} MB: admin panel, CMS server, mobi)`,
    '  biggest packages:',
    ...biggest.map(([name, bytes]) => `    ${mb(bytes).padStart(7)} MB  ${name}`),
    '',
  ];
  console.log(lines.join('\n'));

  // 7. Optionally, start it: CMS, mobi and chat from the folder, each asked a question (scripts/dist-check.ts).
  if (args.includes('--check')) await checkDist(out);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`build:dist: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
