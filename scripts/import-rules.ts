// Imports run one way (shared/ARCHITECTURE.md): the floor (`packages/*`, `locales`) imports
// nothing above it; the CMS and the front ends stand beside each other and never import each
// other (nor one front end another); themes and plugins import only the floor. This reads
// every source file's import specifiers, resolves each to the workspace it lands in, and
// lists the imports that break a rule. `npm test` runs it (scripts/__tests__/import-rules.test.ts).
import fs from 'node:fs';
import path from 'node:path';

export type Layer = 'floor' | 'cms' | 'frontend' | 'theme' | 'plugin' | 'registry' | 'scripts';

export interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly layer: Layer;
}

export interface ImportViolation {
  /** Relative to the repository root. */
  readonly file: string;
  readonly specifier: string;
  readonly from: string;
  readonly to: string;
  readonly rule: string;
}

const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.next', '.strapi', '.cache', 'data', 'coverage']);
const IMPORT = /(?:\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?|\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

function layerOf(relativeDir: string): Layer {
  if (relativeDir.startsWith('packages/') || relativeDir === 'locales') return 'floor';
  if (relativeDir === 'cms') return 'cms';
  if (relativeDir.startsWith('frontends/')) return 'frontend';
  if (relativeDir.startsWith('themes/')) return 'theme';
  if (relativeDir.startsWith('plugins/')) return 'plugin';
  return 'scripts';
}

/** The workspaces the root package.json lists, with their package names and layers. */
export function listWorkspaces(root: string): Workspace[] {
  const manifest: { workspaces: string[] } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return manifest.workspaces
    .flatMap((pattern) => {
      if (!pattern.endsWith('/*')) return [path.join(root, pattern)];
      const parent = path.join(root, pattern.slice(0, -2));
      if (!fs.existsSync(parent)) return [];
      return fs.readdirSync(parent, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => path.join(parent, entry.name));
    })
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const { name } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string };
      return { dir, name, layer: layerOf(path.relative(root, dir)) };
    });
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(path.join(dir, entry.name));
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.join(dir, entry.name)] : [];
  });
}

/** Import specifiers in a source text: static imports and re-exports, dynamic import(), require(). */
export function importSpecifiers(text: string): string[] {
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(IMPORT)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** Which layers a layer may import from (its own included). */
const allowed: Readonly<Record<Layer, readonly Layer[]>> = {
  floor: ['floor'],
  theme: ['floor'],
  plugin: ['floor'],
  // The registry names what is installed: themes and plugins.
  registry: ['floor', 'theme', 'plugin'],
  cms: ['floor', 'cms', 'registry', 'theme', 'plugin'],
  frontend: ['floor', 'registry', 'theme', 'plugin'],
  scripts: ['floor', 'cms', 'frontend', 'theme', 'plugin', 'registry', 'scripts'],
};

const rules: Readonly<Record<Layer, string>> = {
  floor: 'packages/* and locales import nothing from cms, frontends, themes or plugins',
  theme: 'themes import only packages/',
  plugin: 'plugins import only packages/; the CMS, mobi and chat load them through the registry',
  registry: 'baobab.config.ts names themes and plugins only',
  cms: 'the CMS imports nothing from frontends: front ends read content over the delivery API',
  frontend: 'front ends import nothing from cms nor from each other',
  scripts: '',
};

export function importViolations(root: string): ImportViolation[] {
  const workspaces = listWorkspaces(root);
  const byName = new Map(workspaces.map((workspace) => [workspace.name, workspace]));
  const registryFile = path.join(root, 'baobab.config.ts');
  const home = (file: string): { layer: Layer; dir: string } => {
    if (file.replace(SOURCE, '') === registryFile.replace(SOURCE, '')) return { layer: 'registry', dir: registryFile };
    const workspace = workspaces.filter((candidate) => file.startsWith(`${candidate.dir}${path.sep}`)).sort((a, b) => b.dir.length - a.dir.length)[0];
    return workspace ? { layer: workspace.layer, dir: workspace.dir } : { layer: 'scripts', dir: root };
  };
  const files = [...workspaces.flatMap((workspace) => sourceFiles(workspace.dir)), ...(fs.existsSync(registryFile) ? [registryFile] : [])];
  const violations: ImportViolation[] = [];
  for (const file of files) {
    const from = home(file);
    for (const specifier of importSpecifiers(fs.readFileSync(file, 'utf8'))) {
      let target: { layer: Layer; dir: string } | null = null;
      if (specifier.startsWith('.')) {
        target = home(path.resolve(path.dirname(file), specifier));
      } else {
        const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        const workspace = packageName === undefined ? undefined : byName.get(packageName);
        if (workspace) target = { layer: workspace.layer, dir: workspace.dir };
      }
      if (target === null || target.dir === from.dir) continue;
      const sameFrontEnd = from.layer === 'frontend' && target.layer === 'frontend';
      if (!allowed[from.layer].includes(target.layer) || sameFrontEnd) {
        violations.push({
          file: path.relative(root, file),
          specifier,
          from: path.relative(root, from.dir) || '.',
          to: path.relative(root, target.dir) || '.',
          rule: rules[from.layer],
        });
      }
    }
  }
  return violations;
}

if (require.main === module) {
  const violations = importViolations(path.resolve(__dirname, '..'));
  for (const v of violations) console.error(`${v.file}: imports '${v.specifier}' (${v.to}): ${v.rule}`);
  process.exit(violations.length === 0 ? 0 : 1);
}
