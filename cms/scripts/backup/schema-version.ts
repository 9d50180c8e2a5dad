// The content schema version a backup carries and a restore compares: one function, so both
// commands agree. It is a sha256 over what shapes the database — every content type's and
// component's table and attributes (the CMS's own schema.json files and each installed
// plugin's content types), the installed plugins' names and versions (their own tables, such
// as polls' ballots, live outside Strapi's schemas), and Strapi's version — and nothing an
// editor only reads (labels, descriptions, layouts), nor indexes (the CMS makes those as it
// starts), so a reworded hint or a new index never refuses a restore.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cmsDir } from '../../src/paths';

export interface SchemaPart {
  readonly uid: string;
  readonly collectionName: string;
  /** Only for content types: collectionType or singleType, draft and publish, localized. */
  readonly kind?: string;
  readonly draftAndPublish?: boolean;
  readonly localized?: boolean;
  readonly attributes: unknown;
}

export interface SchemaInput {
  readonly strapiVersion: string;
  readonly contentTypes: readonly SchemaPart[];
  readonly components: readonly SchemaPart[];
  readonly plugins: ReadonlyArray<{ readonly name: string; readonly version: string }>;
}

export interface ContentSchema extends SchemaInput {
  /** `sha256:<64 hex>` */
  readonly version: string;
}

/** JSON with every object's keys sorted, so the same schema always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, inner]) => inner !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const byUid = (a: SchemaPart, b: SchemaPart) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0);

/** The version of a schema input (pure: the unit tests feed it by hand). */
export function schemaVersion(input: SchemaInput): string {
  const normalised = {
    strapiVersion: input.strapiVersion,
    contentTypes: [...input.contentTypes].sort(byUid),
    components: [...input.components].sort(byUid),
    plugins: [...input.plugins].sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  return `sha256:${crypto.createHash('sha256').update(canonicalJson(normalised)).digest('hex')}`;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The database-shaping half of a content type's schema. */
export function contentTypePart(uid: string, schema: unknown): SchemaPart {
  if (!isObject(schema) || typeof schema.collectionName !== 'string') throw new Error(`${uid}: a content type schema needs a collectionName`);
  const options = isObject(schema.options) ? schema.options : {};
  const pluginOptions = isObject(schema.pluginOptions) ? schema.pluginOptions : {};
  const i18n = isObject(pluginOptions.i18n) ? pluginOptions.i18n : {};
  return {
    uid,
    collectionName: schema.collectionName,
    kind: typeof schema.kind === 'string' ? schema.kind : 'collectionType',
    draftAndPublish: options.draftAndPublish === true,
    localized: i18n.localized === true,
    attributes: schema.attributes ?? {},
  };
}

export function componentPart(uid: string, schema: unknown): SchemaPart {
  if (!isObject(schema) || typeof schema.collectionName !== 'string') throw new Error(`${uid}: a component schema needs a collectionName`);
  return { uid, collectionName: schema.collectionName, attributes: schema.attributes ?? {} };
}

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const subdirs = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort() : []);

/** A package's version, found from its entry point upwards (exports need not list package.json). */
function packageVersion(name: string): string {
  for (let dir = path.dirname(require.resolve(name, { paths: [cmsDir] })); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = readJson(manifest);
      if (isObject(parsed) && parsed.name === name && typeof parsed.version === 'string') return parsed.version;
    }
    if (path.dirname(dir) === dir) throw new Error(`cannot find the version of ${name}`);
  }
}

export const strapiVersion = (): string => packageVersion('@strapi/strapi');
export const baobabVersion = (): string => {
  const parsed = readJson(path.join(cmsDir, 'package.json'));
  return isObject(parsed) && typeof parsed.version === 'string' ? parsed.version : '0.0.0';
};

/**
 * This code's content schema: the CMS's `src/api/<api>/content-types/<type>/schema.json`,
 * `src/components/<category>/<name>.json`, and the content types of every plugin the
 * registry installs (their CMS halves are loaded, as the CMS loads them).
 */
export async function contentSchema(): Promise<ContentSchema> {
  const contentTypes: SchemaPart[] = [];
  const apiDir = path.join(cmsDir, 'src', 'api');
  for (const api of subdirs(apiDir)) {
    for (const type of subdirs(path.join(apiDir, api, 'content-types'))) {
      const file = path.join(apiDir, api, 'content-types', type, 'schema.json');
      if (fs.existsSync(file)) contentTypes.push(contentTypePart(`api::${api}.${type}`, readJson(file)));
    }
  }
  const components: SchemaPart[] = [];
  const componentsDir = path.join(cmsDir, 'src', 'components');
  for (const category of subdirs(componentsDir)) {
    for (const file of fs.readdirSync(path.join(componentsDir, category)).filter((name) => name.endsWith('.json')).sort()) {
      components.push(componentPart(`${category}.${file.slice(0, -'.json'.length)}`, readJson(path.join(componentsDir, category, file))));
    }
  }
  // Loaded here, not at import: the registry reads the CMS's settings (a bad one is the caller's error to report).
  const { registry } = require('../../src/registry') as typeof import('../../src/registry');
  const plugins: Array<{ name: string; version: string }> = [];
  for (const plugin of registry.plugins) {
    plugins.push({ name: plugin.name, version: packageVersion(`@baobab/plugin-${plugin.name}`) });
    const half = plugin.cms ? (await plugin.cms()).default : null;
    for (const [key, { schema }] of Object.entries(half?.contentTypes ?? {})) contentTypes.push(contentTypePart(`plugin::${plugin.name}.${key}`, schema));
  }
  const input: SchemaInput = { strapiVersion: strapiVersion(), contentTypes, components, plugins };
  return { ...input, version: schemaVersion(input) };
}

/** The tables whose row counts a manifest records: every content type's and component's, and the Media Library's. */
export function countedTables(schema: SchemaInput): string[] {
  return [...new Set([...schema.contentTypes.map((part) => part.collectionName), ...schema.components.map((part) => part.collectionName), 'files'])].sort();
}

/** The tables that make a database "have Baobab content": the content types' and the Media Library's. */
export function contentTables(schema: SchemaInput): string[] {
  return [...new Set([...schema.contentTypes.map((part) => part.collectionName), 'files'])].sort();
}
