// The one link rule: which link targets may reach a reader, for every field that becomes an
// href (banner links, links in bodies, variables filled into links) at save and on the way out.

/** Longest link target accepted; browsers and proxies start failing well above this. */
export const MAX_LINK_LENGTH = 2048;

/** Schemes a reader's link may use. Everything else (javascript:, data:, vbscript:, file:, …) is refused. */
export const linkSchemes = ['http', 'https', 'mailto', 'tel', 'sms'] as const;
export type LinkScheme = (typeof linkSchemes)[number];

const ALLOWED = new Set<string>(linkSchemes);
const SCRIPTING = new Set(['javascript', 'vbscript', 'data', 'livescript', 'mocha']);
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Browsers ignore ASCII tab and newlines anywhere in a URL and trim C0 controls and spaces
// at both ends; we drop every control and space character, which refuses a superset.
const IGNORED = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2064\u3000\ufeff]/g;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

const quote = (url: string) => JSON.stringify(url.length > 60 ? `${url.slice(0, 57)}...` : url);
const useInstead = 'use https://…, mailto:, tel:, sms: or a path on this site like /hiv-and-stis';

/**
 * Why a link target may not reach a reader, for people; null when it may. Allowed:
 * http(s) with a host, mailto:, tel:, sms:, and same-site links `/x`, `#x`, `?x`, `./x`, `../x`.
 */
export function linkProblem(url: string): string | null {
  if (url.trim() === '') return 'The link is empty; give a target or remove the link.';
  if (url.length > MAX_LINK_LENGTH) return `The link is ${url.length} characters; at most ${MAX_LINK_LENGTH} are allowed.`;
  const compact = url.replace(IGNORED, '');
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme !== undefined && SCRIPTING.has(scheme)) return `"${scheme}:" links run code or carry a whole document and are never allowed; ${useInstead}.`;
  if (CONTROL.test(url.trim())) return `${quote(url)} contains control characters (tabs, line breaks); remove them.`;
  if (scheme !== undefined) {
    if (!ALLOWED.has(scheme)) return `"${scheme}:" is not an allowed kind of link; ${useInstead}.`;
    if (scheme === 'http' || scheme === 'https') {
      const host = hostOf(compact);
      if (host === '') return `${quote(url)} names no website; write it in full, like "https://example.org/page".`;
    } else if (compact.length === scheme.length + 1) {
      return `${quote(url)} has nothing after "${scheme}:"; write it like "${scheme === 'mailto' ? 'mailto:info@example.org' : `${scheme}:+254700000000`}".`;
    }
    return null;
  }
  if (/^(\\|\/[/\\])/.test(compact)) {
    return `${quote(url)} leads to another website without saying how (browsers read a leading // or \\ as "same scheme, other host"); write it in full, like "https://example.org", or as a path on this site, like "/hiv-and-stis".`;
  }
  if (/^(\/|#|\?|\.\.?\/)/.test(compact)) return null;
  return `${quote(url)} is neither a full link nor a path on this site; write "https://…" for another website or start with / for a page of this site.`;
}

/** Whether a link target may reach a reader (see `linkProblem`). */
export function isSafeUrl(url: string): boolean {
  return linkProblem(url) === null;
}

/**
 * Whether a piece of text (a site variable's value) would act as a link target of its own:
 * it starts with a slash or backslash, a scripting scheme however spaced (`javascript: x`),
 * an allowed scheme (`https:`, `tel:`…) or any scheme followed by `//` (`ftp://`). Prose
 * with a colon (`Call: 0800 723 253`, `Helpline:1190`) is not a link.
 */
export function looksLikeLink(text: string): boolean {
  const compact = text.replace(IGNORED, '');
  if (/^[/\\]/.test(compact)) return true;
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) return false;
  if (SCRIPTING.has(scheme)) return true;
  return ALLOWED.has(scheme) || /^[a-z][a-z0-9+.-]*:[/\\]{2}/i.test(compact);
}
