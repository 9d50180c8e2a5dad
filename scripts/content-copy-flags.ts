// content:copy's flags and tokens, parsed strictly and apart from the copy, so they are tested
// without a CMS: two CMS addresses (origins only), a token for each, and the export's filters.
import { parseArgs } from 'node:util';
import { isSlug } from '@baobab/kit';
import { isKnownLocale } from '@baobab/locales';

export const contentTypes = ['article', 'section', 'page', 'banner'] as const;
export type ContentType = (typeof contentTypes)[number];

export interface CopyFlags {
  /** The source CMS's origin, like https://cms.staging.example.org (no trailing slash). */
  readonly from: string;
  readonly to: string;
  readonly fromToken: string;
  readonly toToken: string;
  readonly site: string | null;
  readonly locale: string | null;
  readonly type: ContentType | null;
  readonly isDryRun: boolean;
}

/** A bad flag: the message names it (the CLI prints it with the usage and exits 2). */
export class CopyFlagsError extends Error {}

export const COPY_USAGE = `Usage: npm run content:copy -- --from <cms url> --to <cms url> [--site <code>] [--locale <code>]
  [--type article|section|page|banner] [--dry-run] [--from-token <token>] [--to-token <token>]
The tokens come from BAOBAB_FROM_TOKEN and BAOBAB_TO_TOKEN (better: a token given as a flag shows in \`ps\`).`;

/** Strapi's API tokens are 256 hex characters; this allows any printable token up to 1,024. */
const TOKEN = /^[\x21-\x7e]{1,1024}$/;

/** An http(s) origin: no user or password, no path beyond `/`, no query or fragment. The origin, or a sentence. */
export function parseCmsUrl(flag: string, raw: string): string | { problem: string } {
  const example = `like https://cms.example.org or http://127.0.0.1:1337`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: `${flag} "${raw}" is not a URL; give the CMS's address, ${example}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { problem: `${flag} "${raw}" must start with http:// or https://` };
  if (url.username !== '' || url.password !== '') return { problem: `${flag} must not carry a user or password; give the API token with --${flag.slice(2)}-token or BAOBAB_${flag.slice(2).toUpperCase()}_TOKEN` };
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(raw)) return { problem: `${flag} "${raw}" must be the CMS's address alone, without a path, query or fragment, ${example}` };
  return url.origin;
}

function tokenFor(side: 'from' | 'to', flagValue: unknown, env: Readonly<Record<string, string | undefined>>, problems: string[]): string {
  const name = `BAOBAB_${side.toUpperCase()}_TOKEN`;
  const value = typeof flagValue === 'string' ? flagValue : env[name];
  const source = typeof flagValue === 'string' ? `--${side}-token` : name;
  if (value === undefined || value === '') {
    problems.push(`no API token for --${side}: set ${name} (or give --${side}-token)`);
    return '';
  }
  if (!TOKEN.test(value)) problems.push(`${source} is not an API token (printable characters without spaces, at most 1,024)`);
  return value;
}

/** Reads `args` (argv without node and the script) and the environment's tokens; CopyFlagsError naming every bad flag. */
export function parseCopyFlags(args: readonly string[], env: Readonly<Record<string, string | undefined>>): CopyFlags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'from-token': { type: 'string' },
        'to-token': { type: 'string' },
        site: { type: 'string' },
        locale: { type: 'string' },
        type: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CopyFlagsError(error instanceof Error ? error.message : String(error));
  }
  const problems: string[] = [];
  const origin = (flag: '--from' | '--to', raw: unknown): string => {
    if (typeof raw !== 'string') {
      problems.push(`${flag} is required: the ${flag === '--from' ? 'source' : 'target'} CMS's address, like https://cms.example.org`);
      return '';
    }
    const parsed = parseCmsUrl(flag, raw);
    if (typeof parsed === 'string') return parsed;
    problems.push(parsed.problem);
    return '';
  };
  const from = origin('--from', values.from);
  const to = origin('--to', values.to);
  if (from !== '' && from === to) problems.push(`--from and --to are the same CMS (${from}); copying a CMS onto itself changes nothing`);
  const fromToken = tokenFor('from', values['from-token'], env, problems);
  const toToken = tokenFor('to', values['to-token'], env, problems);

  const site = typeof values.site === 'string' ? values.site : null;
  if (site !== null && !(isSlug(site) && site.length <= 63)) problems.push(`--site "${site}" is not a site code (lowercase letters, digits and single hyphens, like kijana-ke)`);
  const locale = typeof values.locale === 'string' ? values.locale : null;
  if (locale !== null && !isKnownLocale(locale)) problems.push(`--locale "${locale}" is not in locales/registry.json (like sw-KE)`);
  const rawType = typeof values.type === 'string' ? values.type : null;
  const type = contentTypes.find((known) => known === rawType) ?? null;
  if (rawType !== null && type === null) problems.push(`--type "${rawType}" must be one of ${contentTypes.join(', ')}`);

  if (problems.length > 0) throw new CopyFlagsError(problems.join('; '));
  return { from, to, fromToken, toToken, site, locale, type, isDryRun: values['dry-run'] === true };
}
