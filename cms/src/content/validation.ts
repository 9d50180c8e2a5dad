// Editor-facing validation of sites and content, as pure functions: each returns the
// problems it finds as { path, message } so the admin shows them beside the field.
import { isKnownLocale } from '@baobab/locales';
import { tokenProblems, type Theme } from '@baobab/theme-api';
import { baseTheme } from '@baobab/theme-base';
import { isPlainObject, isSlug, linkProblem, looksLikeLink, normalizeHost } from '@baobab/kit';
import { hostnameProblem } from './hostnames';
import type { FieldProblem } from './problems';
import { siteChannelProblems } from './site-channels';

export type { FieldProblem } from './problems';

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * A link target as an editor writes it: the kit's link rule, plus one template rule. `{{name}}`
 * may fill in part of a link, but never its start (`{{link}}`, refused by the rule as no
 * scheme or path) nor right after a lone leading slash (`/{{path}}`), where a value starting
 * with / would make a link to another website (`//evil.example`).
 */
export function linkFieldProblem(url: string): string | null {
  const problem = linkProblem(url);
  if (problem !== null) return problem;
  if (/^\s*\/\{\{/.test(url)) return `${JSON.stringify(url)} starts with a {{variable}} after "/", which could make it a link to another website; start with a fixed path, like "/pages/{{page}}".`;
  return null;
}

/** Every `link` node's `url` in a Blocks value, with its path (`body[0].children[1].url`). */
export function blockLinkProblems(field: string, blocks: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const visit = (node: unknown, path: string) => {
    if (!isPlainObject(node)) return;
    if (node.type === 'link') {
      const url = typeof node.url === 'string' ? node.url : '';
      const problem = linkFieldProblem(url);
      if (problem !== null) problems.push({ path: `${path}.url`, message: problem });
    }
    if (Array.isArray(node.children)) node.children.forEach((child: unknown, index) => visit(child, `${path}.children[${index}]`));
  };
  if (Array.isArray(blocks)) blocks.forEach((block: unknown, index) => visit(block, `${field}[${index}]`));
  return problems;
}

/**
 * Site variables are filled into text and into links (`tel:{{helpline}}`). A value that would
 * act as a link target of its own (a scheme, or a leading slash) must pass the link rule;
 * prose such as `Call: 0800 723 253` is left alone.
 */
export function variableProblems(variables: unknown): FieldProblem[] {
  if (!Array.isArray(variables)) return [];
  return variables.flatMap((variable: unknown, index) => {
    const value = isPlainObject(variable) ? variable.value : undefined;
    if (typeof value !== 'string' || !looksLikeLink(value)) return [];
    const problem = linkProblem(value);
    if (problem === null) return [];
    return [{ path: `variables[${index}].value`, message: `This value reads as a link, and variables are filled into links: ${problem}` }];
  });
}

export interface OtherSite {
  readonly code: string;
  readonly hostnames: readonly string[];
  /** As stored; only its well-formed channel identifiers count. */
  readonly channels?: unknown;
}

/**
 * A site's own fields, and its code, hostnames and channel identifiers against every other site.
 * With the installed `themes`, the theme must be one of them and the token overrides are judged
 * on that theme's tokens (without, on the base theme's); with the installed `plugins`, each
 * plugin the site enables must be one of them.
 */
export function siteProblems(
  data: Record<string, unknown>,
  others: readonly OtherSite[],
  themes?: ReadonlyMap<string, Theme>,
  plugins?: readonly string[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { code, hostnames, locales, defaultLocale, theme, themeTokens, channels } = data;
  if (typeof code !== 'string' || !isSlug(code)) {
    problems.push({ path: 'code', message: 'Use lowercase letters, digits and single hyphens, like "kijana-ke".' });
  } else if (others.some((other) => other.code === code)) {
    problems.push({ path: 'code', message: `Another site already uses the code "${code}".` });
  }
  if (!isStringArray(hostnames) || hostnames.length === 0) {
    problems.push({ path: 'hostnames', message: 'List at least one hostname, like ["kijana-ke.localhost"].' });
  } else {
    const seen = new Set<string>();
    for (const host of hostnames) {
      const problem = hostnameProblem(host);
      const normalized = normalizeHost(host);
      if (problem !== null || normalized === null) {
        problems.push({ path: 'hostnames', message: problem ?? `"${host}" is not a hostname.` });
        continue;
      }
      if (seen.has(normalized)) problems.push({ path: 'hostnames', message: `"${host}" is listed twice.` });
      seen.add(normalized);
      const owner = others.find((other) => other.hostnames.some((otherHost) => normalizeHost(otherHost) === normalized));
      if (owner) problems.push({ path: 'hostnames', message: `"${normalized}" already belongs to site ${owner.code}; a hostname belongs to one site only.` });
    }
  }
  if (!isStringArray(locales) || locales.length === 0) {
    problems.push({ path: 'locales', message: 'List the site\'s locales, like ["en-KE", "sw-KE"].' });
  } else {
    for (const locale of locales) {
      if (!isKnownLocale(locale)) problems.push({ path: 'locales', message: `"${locale}" is not in the locale registry (locales/registry.json).` });
    }
    if (new Set(locales).size !== locales.length) problems.push({ path: 'locales', message: 'A locale is listed twice.' });
    if (typeof defaultLocale !== 'string' || !locales.includes(defaultLocale)) {
      problems.push({ path: 'defaultLocale', message: `The default locale "${String(defaultLocale ?? '')}" must be one of the site's locales [${locales.join(', ')}].` });
    }
  }
  if (theme !== undefined && theme !== null && (typeof theme !== 'string' || !isSlug(theme))) {
    problems.push({ path: 'theme', message: 'Name a theme package by its short name, like "sunrise".' });
  } else if (themes !== undefined && typeof theme === 'string' && !themes.has(theme)) {
    problems.push({ path: 'theme', message: `"${theme}" is not an installed theme; choose one of ${[...themes.keys()].join(', ')}.` });
  }
  if (themeTokens !== undefined && themeTokens !== null && !isPlainObject(themeTokens)) {
    problems.push({ path: 'themeTokens', message: 'Theme tokens must be a JSON object, like {"colors": {"primary": "#0b6e4f"}}.' });
  } else if (isPlainObject(themeTokens)) {
    // Judged on the site's theme when it is installed: the reader sees the overrides over its tokens.
    const onTheme = (typeof theme === 'string' ? themes?.get(theme) : undefined) ?? baseTheme;
    for (const problem of tokenProblems(onTheme, themeTokens)) problems.push({ path: `themeTokens.${problem.path}`, message: problem.message });
  }
  const enabled = data.plugins;
  if (enabled !== undefined && enabled !== null && (!isStringArray(enabled) || !enabled.every(isSlug))) {
    problems.push({ path: 'plugins', message: 'Plugins must be a JSON list of plugin names, like ["polls"].' });
  } else if (plugins !== undefined && isStringArray(enabled)) {
    for (const name of enabled.filter((candidate) => !plugins.includes(candidate))) {
      const choice = plugins.length === 0 ? 'no plugins are installed' : `installed: ${plugins.join(', ')}`;
      problems.push({ path: 'plugins', message: `"${name}" is not an installed plugin (${choice}).` });
    }
  }
  problems.push(...variableProblems(data.variables));
  problems.push(...siteChannelProblems(channels, others));
  return problems;
}

export interface ContentRefs {
  /** Another document of the same type already has this slug. */
  readonly slugTaken: boolean;
  readonly siteCodes: ReadonlySet<string>;
  /** Section slugs, when the content type refers to a section (articles) or a parent (sections). */
  readonly sectionSlugs?: ReadonlySet<string>;
}

const time = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const parsed = new Date(typeof value === 'string' || typeof value === 'number' || value instanceof Date ? value : Number.NaN).getTime();
  return Number.isNaN(parsed) ? Number.NaN : parsed;
};

/** A window's end must come after its start; the message names the start as the edit view labels it. */
function windowProblem(data: Record<string, unknown>, from: string, until: string, fromLabel: string): FieldProblem | null {
  const start = time(data[from]);
  const end = time(data[until]);
  if (start !== null && end !== null && !(end > start)) {
    return { path: until, message: `Choose a time after "${fromLabel}".` };
  }
  return null;
}

/** Sections, articles, pages and banners: slug, carriage, references and windows. */
export function contentProblems(kind: 'section' | 'article' | 'page' | 'banner', data: Record<string, unknown>, refs: ContentRefs): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { slug, sites, allSites, tags } = data;
  if (typeof slug !== 'string' || !isSlug(slug)) {
    problems.push({ path: 'slug', message: 'Use lowercase letters, digits and single hyphens, like "hiv-testing".' });
  } else if (refs.slugTaken) {
    problems.push({ path: 'slug', message: `Another ${kind} already uses the slug "${slug}"; slugs are shared by all locales and must be unique.` });
  }
  if (sites !== undefined && sites !== null) {
    if (!isStringArray(sites)) {
      problems.push({ path: 'sites', message: 'Sites must be a JSON list of site codes, like ["kijana-ke"].' });
    } else {
      for (const code of sites) {
        if (!refs.siteCodes.has(code)) problems.push({ path: 'sites', message: `"${code}" is not a site code.` });
      }
    }
  }
  if (allSites !== true && (!isStringArray(sites) || sites.length === 0)) {
    problems.push({ path: 'sites', message: 'Tick the sites that carry this, or tick "Every site".' });
  }
  if (kind === 'article') {
    const section = data.section;
    if (section !== undefined && section !== null && section !== '' && !refs.sectionSlugs?.has(String(section))) {
      problems.push({ path: 'section', message: `There is no section with the slug "${String(section)}".` });
    }
    if (tags !== undefined && tags !== null && (!isStringArray(tags) || tags.some((tag) => tag.trim() === '' || tag.length > 40))) {
      problems.push({ path: 'tags', message: 'Tags must be a JSON list of short words, like ["hiv", "testing"].' });
    }
    const featured = windowProblem(data, 'featuredFrom', 'featuredUntil', 'Featured from');
    if (featured) problems.push(featured);
  }
  if (kind === 'section') {
    const parent = data.parent;
    if (parent !== undefined && parent !== null && parent !== '') {
      if (parent === slug) problems.push({ path: 'parent', message: 'A section cannot be its own parent.' });
      else if (!refs.sectionSlugs?.has(String(parent))) problems.push({ path: 'parent', message: `There is no section with the slug "${String(parent)}".` });
    }
  }
  if (kind === 'article' || kind === 'page') problems.push(...blockLinkProblems('body', data.body));
  if (kind === 'banner' && data.link !== undefined && data.link !== null && data.link !== '') {
    const problem = typeof data.link === 'string' ? linkFieldProblem(data.link) : 'The link must be text, like "/hiv-and-stis" or "https://example.org".';
    if (problem !== null) problems.push({ path: 'link', message: problem });
  }
  if (kind === 'article' || kind === 'banner') {
    const live = windowProblem(data, 'goLiveAt', 'expireAt', 'Goes live at');
    if (live) problems.push(live);
    for (const field of ['goLiveAt', 'expireAt']) {
      if (Number.isNaN(time(data[field]))) problems.push({ path: field, message: 'This is not a date and time.' });
    }
  }
  return problems;
}
