// Shared by the CMS (delivery) and every front end, so a rule is written once.
export { isSafeUrl, linkProblem, linkSchemes, looksLikeLink, MAX_LINK_LENGTH, type LinkScheme } from './links';
export { makeSecretHint, MIN_SECRET_LENGTH, secretProblem, type SecretRule } from './secrets';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Site codes, document slugs, theme and plugin names: `kijana-ke`, `hiv-testing-basics`. */
export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

/** A bare lower-case hostname: no scheme, port or path. */
export function isHostname(value: string): boolean {
  return HOSTNAME.test(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Kijana-KE.localhost:3000` → `kijana-ke.localhost`; `[::1]:80` → `[::1]`; empty → null. */
export function normalizeHost(host: string): string | null {
  let value = host.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    value = end === -1 ? value : value.slice(0, end + 1);
  } else {
    const colon = value.indexOf(':');
    if (colon !== -1) value = value.slice(0, colon);
  }
  value = value.replace(/\.$/, '');
  return value === '' ? null : value;
}
