// Reads the demo content folder (`cms/content/demo`: YAML for structure, one Markdown file per
// article or page per locale), validates its shape and references, and returns SeedContent.
import fs from 'node:fs';
import path from 'node:path';
import { isSlug } from '@baobab/kit';
import { isKnownLocale, locales as registry } from '@baobab/locales';
import { channels } from '@baobab/channels/limits';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { cmsDir } from '../paths';
import { localeRefusal } from '../translation/status';
import { motifs } from './images';
import type { Carriage, SeedArticle, SeedBanner, SeedContent, SeedPage, SeedSection, SeedSite } from './types';

/** The demo content, found from source (tsx, ts-jest) and from `cms/dist` alike: both sit under the cms package. */
export const demoContentDir = path.join(cmsDir, 'content', 'demo');

/** The CMS's default locale: where shared text is written, and what sections and banners must have. */
const SOURCE_LOCALE = 'en';

/** Every problem found in a content folder, one line each: `<file>: <field> <what is wrong>`. */
export class DemoContentError extends Error {
  readonly code = 'DEMO_CONTENT_INVALID';
  constructor(
    readonly problems: readonly string[],
    dir: string,
  ) {
    super(`Demo content in ${dir} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'DemoContentError';
  }
}

// ---- Shapes -----------------------------------------------------------------------------

/** Text kept exactly as written (the loader never rewrites content), but not blank. */
const text = z.string().refine((value) => value.trim() !== '', { error: 'must not be empty' });
const slug = z.string().refine(isSlug, { error: (issue) => `${JSON.stringify(issue.input)} is not a slug: use lowercase letters, digits and single hyphens, like "hiv-testing"` });
const locale = z.string().refine(isKnownLocale, { error: (issue) => `${JSON.stringify(issue.input)} is not in locales/registry.json` });
const carriage = z.union([z.literal('all'), z.array(slug)]);
const image = z.strictObject({ hue: z.number().min(0).max(360), motif: z.enum(motifs), alt: text });
const position = z.number().int().min(0);

const siteSchema = z.strictObject({
  code: slug,
  name: text,
  hostnames: z.array(text).min(1),
  defaultLocale: locale,
  locales: z.array(locale).min(1),
  theme: slug,
  themeTokens: z.record(z.string(), z.unknown()).optional(),
  plugins: z.array(slug).optional(),
  variables: z.array(z.strictObject({ key: text, value: z.string(), locale: locale.optional() })),
  channels: z.record(z.string(), z.unknown()),
});

const sectionSchema = z.strictObject({
  slug,
  parent: slug.optional(),
  position,
  sites: carriage,
  translations: z.record(locale, z.strictObject({ title: text, description: z.string() })),
});

const bannerSchema = z.strictObject({
  slug,
  position,
  sites: carriage,
  link: text,
  image: image.optional(),
  translations: z.record(locale, z.strictObject({ title: text, text: z.string() })),
});

/** `source`: the locale the text was written in, created first when seeding (default `en`). */
const articleSchema = z.strictObject({
  source: locale.optional(),
  section: slug,
  sites: carriage,
  tags: z.array(text),
  daysAgo: z.number().int().min(0),
  featured: z.boolean().optional(),
  image: image.optional(),
});
type Channel = (typeof channels)[number];
const isChannel = (key: string): key is Channel => (channels as readonly string[]).includes(key);
// Checked here, not by a record keyed by the enum: Zod words a record's bad key differently from
// one version to the next (unrecognized_keys in 4.6, the key's own invalid_value in 4.4).
const channelOverrides = z
  .record(z.string(), text)
  .superRefine((value, ctx) => {
    const unknown = Object.keys(value).filter((key) => !isChannel(key));
    if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `has an unknown channel ${unknown.map((key) => JSON.stringify(key)).join(', ')}; channels are ${channels.join(', ')}` });
  })
  .transform((value) => value as Partial<Record<Channel, string>>);
const articleFrontSchema = z.strictObject({
  title: text,
  lead: text,
  channelOverrides: channelOverrides.optional(),
});

const pageSchema = z.strictObject({ source: locale.optional(), position, sites: carriage });
const pageFrontSchema = z.strictObject({ title: text });

// ---- Reading files ------------------------------------------------------------------------

type Problems = string[];

const describeType = (expected: string) =>
  ({ string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a set of fields', record: 'a set of fields' })[expected] ?? expected;

/** People-readable zod messages: "is required", "must be text (put it in quotes)". */
function issueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'is required';
    return `must be ${describeType(issue.expected)}${issue.expected === 'string' ? ' (put it in quotes)' : ''}`;
  }
  if (issue.code === 'unrecognized_keys') return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
  if (issue.code === 'invalid_key') return issue.issues.map((inner) => inner.message).join('; ');
  if (issue.code === 'invalid_union') return 'must be "all" or a list of site codes';
  if (issue.code === 'invalid_value') return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
  return undefined;
}

/**
 * `sites[kijana-ke].defaultLocale`: a list index becomes the entry's slug or code when it has one.
 * `root` names a file's top-level list; files holding one object have none.
 */
function fieldPath(root: string, raw: unknown, issuePath: ReadonlyArray<PropertyKey>): string {
  let out = root;
  let value = raw;
  for (const key of issuePath) {
    if (typeof key === 'number') {
      const entry: unknown = Array.isArray(value) ? value[key] : undefined;
      const name = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? (Reflect.get(entry, 'slug') ?? Reflect.get(entry, 'code')) : undefined;
      out += `[${typeof name === 'string' ? name : key}]`;
      value = entry;
    } else {
      out += `${out === '' ? '' : '.'}${String(key)}`;
      value = value !== null && typeof value === 'object' ? Reflect.get(value, key) : undefined;
    }
  }
  return out;
}

function validate<T>(schema: z.ZodType<T>, raw: unknown, file: string, root: string, problems: Problems): T | undefined {
  const parsed = schema.safeParse(raw, { error: issueMessage });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const where = fieldPath(root, raw, issue.path);
    problems.push(`${file}: ${where === '' ? '' : `${where} `}${issue.message}`);
  }
  return undefined;
}

/** `lineOffset`: lines above the YAML in its file (front matter starts on line 2), so positions name file lines. */
function parseYaml(source: string, file: string, problems: Problems, what = '', lineOffset = 0): { ok: true; value: unknown } | { ok: false } {
  const document = parseDocument(source, { prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    const at = error.linePos ? ` (line ${error.linePos[0].line + lineOffset}, column ${error.linePos[0].col})` : '';
    problems.push(`${file}: ${what}${reason || 'is not valid YAML'}${at}`);
    return { ok: false };
  }
  return { ok: true, value: document.toJS() };
}

const readText = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** A YAML file's data, or undefined (with its problem noted) when it is missing or not YAML. */
function readYaml(dir: string, file: string, problems: Problems): { value: unknown } | undefined {
  if (!fs.existsSync(path.join(dir, file))) {
    problems.push(`${file}: is missing`);
    return undefined;
  }
  const parsed = parseYaml(readText(dir, file), file, problems);
  return parsed.ok ? { value: parsed.value } : undefined;
}

/** A YAML file checked against its schema; undefined when it could not be read or is not sound. */
function readChecked<T>(schema: z.ZodType<T>, dir: string, file: string, root: string, problems: Problems): T | undefined {
  const raw = readYaml(dir, file, problems);
  return raw === undefined ? undefined : validate(schema, raw.value, file, root, problems);
}

const FRONT_MATTER = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n|$)/;

/** A `<locale>.md` file: YAML front matter between `---` lines, then the Markdown body. */
function readMarkdown(dir: string, file: string, problems: Problems): { front: unknown; body: string } | undefined {
  const source = readText(dir, file);
  const match = FRONT_MATTER.exec(source);
  if (!match) {
    problems.push(`${file}: bad front matter: the file must start with a "---" line, then its fields (title: …), then a closing "---" line`);
    return undefined;
  }
  const parsed = parseYaml(match[1] ?? '', file, problems, 'bad front matter: ', 1);
  if (!parsed.ok) return undefined;
  const front = parsed.value ?? {};
  if (typeof front !== 'object' || Array.isArray(front)) {
    problems.push(`${file}: bad front matter: it must be fields like "title: …", one a line`);
    return undefined;
  }
  const body = source.slice(match[0].length).trim();
  if (body === '') problems.push(`${file}: body is required (write it below the front matter)`);
  return { front, body };
}

const subdirs = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    : [];

/** The source locale first, then the others in registry order, so seeding creates the document in its source. */
function ordered<T>(byLocale: ReadonlyMap<string, T>, source: string): Record<string, T> {
  const rank = (code: string) => (code === source ? -1 : registry.findIndex((entry) => entry.code === code));
  return Object.fromEntries([...byLocale.entries()].sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * A folder per document (`articles/<slug>/`, `pages/<slug>/`): a shared `<kind>.yaml` and a
 * `<locale>.md` per translation. Calls `build` with the parsed parts when every file is sound.
 */
function readFolders<Shared extends { source?: string | undefined }, Front, Out>(
  dir: string,
  kind: 'article' | 'page',
  sharedSchema: z.ZodType<Shared>,
  frontSchema: z.ZodType<Front>,
  problems: Problems,
  build: (slug: string, shared: Shared, translations: Record<string, Front & { body: string }>) => Out,
): Out[] {
  const folderName = `${kind}s`;
  const out: Out[] = [];
  if (!fs.existsSync(path.join(dir, folderName))) problems.push(`${folderName}/: is missing (a folder ${folderName}/<slug>/ per ${kind})`);
  for (const entry of subdirs(path.join(dir, folderName))) {
    const folder = `${folderName}/${entry.name}`;
    if (!entry.isDirectory()) {
      problems.push(`${folder}: is not a folder; each ${kind} is a folder ${folderName}/<slug>/ holding ${kind}.yaml and <locale>.md files`);
      continue;
    }
    const before = problems.length;
    if (!isSlug(entry.name)) problems.push(`${folder}: the folder name is the ${kind}'s slug: use lowercase letters, digits and single hyphens, like "hiv-testing"`);
    const shared = readChecked(sharedSchema, dir, `${folder}/${kind}.yaml`, '', problems);
    const translations = new Map<string, Front & { body: string }>();
    for (const file of subdirs(path.join(dir, folder))) {
      if (file.name === `${kind}.yaml`) continue;
      const code = file.name.endsWith('.md') ? file.name.slice(0, -'.md'.length) : null;
      if (!file.isFile() || code === null) {
        problems.push(`${folder}/${file.name}: unexpected; a ${kind} folder holds ${kind}.yaml and one <locale>.md per translation`);
        continue;
      }
      if (!isKnownLocale(code)) {
        problems.push(`${folder}/${file.name}: locale "${code}" is not in locales/registry.json (name the file <locale>.md, like sw-KE.md)`);
        continue;
      }
      const markdown = readMarkdown(dir, `${folder}/${file.name}`, problems);
      if (!markdown) continue;
      const front = validate(frontSchema, markdown.front, `${folder}/${file.name}`, '', problems);
      if (front !== undefined) translations.set(code, { ...front, body: markdown.body });
    }
    const source = shared?.source ?? SOURCE_LOCALE;
    if (shared !== undefined && !translations.has(source) && problems.length === before) {
      problems.push(`${folder}: ${source}.md is required: the source text (${kind}.yaml's source, default en)`);
    }
    if (shared !== undefined && problems.length === before) out.push(build(entry.name, shared, ordered(translations, source)));
  }
  return out;
}

// ---- References ----------------------------------------------------------------------------

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

const unknownSites = (sites: Carriage, siteCodes: ReadonlySet<string>) => (sites === 'all' ? [] : sites.filter((code) => !siteCodes.has(code)));

/**
 * What the shapes cannot see: sections, parents and sites that exist, a default locale among
 * the site's own, and translations only into locales a carrying site serves (as the CMS requires).
 */
function referenceProblems(content: SeedContent): string[] {
  const problems: string[] = [];
  const siteCodes = new Set(content.sites.map((site) => site.code));
  const sectionSlugs = new Set(content.sections.map((section) => section.slug));
  /** `where` ends with the field's path prefix: `sections.yaml: sections[periods].` or `articles/x/article.yaml: `. */
  const documentProblems = (where: string, file: (locale: string) => string, kind: string, document: SeedSection | SeedArticle | SeedPage | SeedBanner) => {
    for (const code of unknownSites(document.sites, siteCodes)) problems.push(`${where}sites "${code}" is not a site in sites.yaml`);
    const carriage = document.sites === 'all' ? { allSites: true, sites: [] } : { allSites: false, sites: [...document.sites] };
    for (const locale of Object.keys(document.translations)) {
      const refusal = localeRefusal(`${kind} "${document.slug}"`, locale, carriage, content.sites, SOURCE_LOCALE);
      if (refusal !== null) problems.push(`${file(locale)}: ${refusal}`);
    }
  };

  for (const code of duplicates(content.sites.map((site) => site.code))) problems.push(`sites.yaml: sites[${code}] is listed twice`);
  for (const site of content.sites) {
    const where = `sites.yaml: sites[${site.code}]`;
    if (!site.locales.includes(site.defaultLocale)) problems.push(`${where}.defaultLocale "${site.defaultLocale}" is not one of its locales [${site.locales.join(', ')}]`);
    for (const variable of site.variables) {
      if (variable.locale !== undefined && !site.locales.includes(variable.locale)) {
        problems.push(`${where}.variables[${variable.key}].locale "${variable.locale}" is not one of its locales [${site.locales.join(', ')}]`);
      }
    }
  }
  for (const slug of duplicates(content.sections.map((section) => section.slug))) problems.push(`sections.yaml: sections[${slug}] is listed twice`);
  for (const section of content.sections) {
    const where = `sections.yaml: sections[${section.slug}]`;
    if (section.parent !== undefined && (section.parent === section.slug || !sectionSlugs.has(section.parent))) {
      problems.push(`${where}.parent "${section.parent}" is not another section in sections.yaml`);
    }
    if (!(SOURCE_LOCALE in section.translations)) problems.push(`${where}.translations.${SOURCE_LOCALE} is required: the source text`);
    documentProblems(`${where}.`, (locale) => `${where}.translations.${locale}`, 'Section', section);
  }
  for (const article of content.articles) {
    const folder = `articles/${article.slug}`;
    if (!sectionSlugs.has(article.section)) problems.push(`${folder}/article.yaml: section "${article.section}" is not a section in sections.yaml`);
    documentProblems(`${folder}/article.yaml: `, (locale) => `${folder}/${locale}.md`, 'Article', article);
  }
  for (const page of content.pages) documentProblems(`pages/${page.slug}/page.yaml: `, (locale) => `pages/${page.slug}/${locale}.md`, 'Page', page);
  for (const slug of duplicates(content.banners.map((banner) => banner.slug))) problems.push(`banners.yaml: banners[${slug}] is listed twice`);
  for (const banner of content.banners) {
    const where = `banners.yaml: banners[${banner.slug}]`;
    if (!(SOURCE_LOCALE in banner.translations)) problems.push(`${where}.translations.${SOURCE_LOCALE} is required: the source text`);
    documentProblems(`${where}.`, (locale) => `${where}.translations.${locale}`, 'Banner', banner);
  }
  return problems;
}

// ---- The loader ----------------------------------------------------------------------------

/**
 * Reads and checks a demo content folder (default `cms/content/demo`). Throws a
 * DemoContentError listing every problem, each naming its file and field.
 */
export function loadDemoContent(dir: string = demoContentDir): SeedContent {
  if (!fs.existsSync(dir)) throw new DemoContentError([`${dir}: the folder does not exist`], dir);
  const problems: Problems = [];
  const sites: SeedSite[] = readChecked(z.array(siteSchema), dir, 'sites.yaml', 'sites', problems) ?? [];
  const sections: SeedSection[] = readChecked(z.array(sectionSchema), dir, 'sections.yaml', 'sections', problems) ?? [];
  const banners: SeedBanner[] = readChecked(z.array(bannerSchema), dir, 'banners.yaml', 'banners', problems) ?? [];
  const articles = readFolders(dir, 'article', articleSchema, articleFrontSchema, problems, (slug, shared, translations): SeedArticle => {
    const { source: _source, ...rest } = shared;
    return {
      slug,
      ...rest,
      translations: Object.fromEntries(
        Object.entries(translations).map(([code, { title, lead, channelOverrides, body }]) => [code, { title, lead, body, ...(channelOverrides ? { channelOverrides } : {}) }]),
      ),
    };
  });
  const pages = readFolders(dir, 'page', pageSchema, pageFrontSchema, problems, (slug, shared, translations): SeedPage => {
    const { source: _source, ...rest } = shared;
    return { slug, ...rest, translations };
  });
  // References are judged once every file is sound: a file that failed would make them all look broken.
  if (problems.length > 0) throw new DemoContentError(problems, dir);
  const content: SeedContent = { sites, sections, articles, pages, banners };
  const references = referenceProblems(content);
  if (references.length > 0) throw new DemoContentError(references, dir);
  return content;
}
