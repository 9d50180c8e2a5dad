// The mobi-site's settings: every environment variable it reads, each with its default
// beside it, parsed once per process. A bad value stops start-up with one line naming the
// variable; production refuses a weak or development notice secret (the kit's rule).
import net from 'node:net';
import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { secretProblem } from '@baobab/kit';
import { envProblems, flag, given, host, httpUrl, INVALID, metricsHost, metricsPort, metricsSettings, METRICS_PORTS, logLevels, oneOf, parseUrl, redisUrl, setting, STALE_MAX_AGE, staleMaxAge, whole, type LogLevel, type MetricsSettings } from '@baobab/kit/env';
import { z } from 'zod';

/** Page cache bounds when the variables are unset: 64 MiB of fresh pages, 32 MiB of last good copies, served for a day of failed renders. */
export const PAGE_CACHE_DEFAULTS = { maxBytes: 64 * 1024 * 1024, lastGoodMaxBytes: 32 * 1024 * 1024, staleMaxAgeMs: STALE_MAX_AGE.defaultSeconds * 1000 } as const;
/** The smallest store that holds a page or two. */
export const PAGE_CACHE_MIN_BYTES = 256 * 1024;
/** The notice secret only guards clearing the page cache: 24 characters (18 random bytes) suffice in production. */
export const NOTIFY_SECRET_MIN_LENGTH = 24;
/** Development stand-ins, refused in production: the reader cookie's signing key and the CMS write secret. */
export const DEV_READER_SECRET = 'baobab-dev-only-reader-secret';
export const DEV_WRITE_SECRET = 'baobab-dev-only-secret';
/** Plugin form posts (votes) one client address may make per minute when BAOBAB_POSTS_PER_MINUTE is unset. */
export const POSTS_PER_MINUTE_DEFAULT = 60;

const DEFAULT_CMS_URL = 'http://127.0.0.1:1337';
/** `<repo>/data`, as the CMS's default; from this file in frontends/mobi/src (scripts/serve.ts and tests load the source). */
const DEFAULT_DATA_DIR = path.resolve(__dirname, '../../../data');

export interface MobiConfig {
  /** NODE_ENV=production. */
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  /** Where the delivery API answers at /graphql, without a trailing slash. */
  readonly cmsUrl: string;
  /** Shared with the CMS for `POST /_baobab/invalidate`; null refuses every notice. */
  readonly notifySecret: string | null;
  /** The CMS admin's URLs (BAOBAB_ADMIN_URL, else CMS_URL): the only pages that may frame the draft preview. */
  readonly adminUrls: readonly string[];
  /**
   * null when BAOBAB_PAGE_CACHE=off. `staleMaxAgeMs` (BAOBAB_STALE_MAX_AGE, seconds, default
   * a day): how long a page's last good copy stands in for renders that fail (the CMS down)
   * after the first of them failed; past it the reader gets the "try again" page.
   */
  readonly pageCache: { readonly maxBytes: number; readonly lastGoodMaxBytes: number; readonly staleMaxAgeMs: number } | null;
  readonly dataDir: string;
  readonly imageCacheDir: string;
  /** Signs readers' anonymous cookies and the CSRF tokens bound to them (BAOBAB_READER_SECRET). */
  readonly readerSecret: string;
  /** Sent as `Authorization: Bearer …` with plugin mutations to the delivery API (BAOBAB_WRITE_SECRET, shared with the CMS). */
  readonly writeSecret: string;
  /**
   * Plugin form posts (`POST /_plugins/…`) one client address may make per minute, in
   * memory per process (BAOBAB_POSTS_PER_MINUTE); the next gets 429. The address is the
   * socket's, or the reader's from X-Forwarded-For when the socket is a trusted proxy.
   */
  readonly postsPerMinute: number;
  /**
   * The proxies (addresses and CIDR ranges, BAOBAB_TRUSTED_PROXIES) whose X-Forwarded-For
   * is believed; empty (the default) trusts nobody and counts the socket's address.
   */
  readonly trustedProxies: readonly string[];
  /** REDIS_URL: where the CMS's content changes are heard from every replica (@baobab/kit/changes), or null (notices only). */
  readonly redisUrl: string | null;
  /** Where `/metrics` is served (METRICS_PORT, default 9465; METRICS_HOST, default HOST), or null when METRICS_PORT=off. */
  readonly metrics: MetricsSettings | null;
  /** LOG_LEVEL of the JSON log lines (default info). */
  readonly logLevel: LogLevel;
}

export class MobiConfigError extends Error {
  readonly code = 'MOBI_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'MobiConfigError';
  }
}

// ---- readers: @baobab/kit/env (shared with the CMS), and sizes ----

const SIZE = /^(\d+)([KMG]?)$/i;
const UNITS: Readonly<Record<string, number>> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
/** Bytes, or a number with K, M or G (binary): `64M`. */
const size = (fallback: number) =>
  setting(
    `a size of at least ${PAGE_CACHE_MIN_BYTES} bytes (bytes, or a number with K, M or G such as 64M)`,
    (value) => {
      const match = SIZE.exec(value);
      const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? '').toUpperCase()] ?? 1) : NaN;
      return Number.isSafeInteger(bytes) && bytes >= PAGE_CACHE_MIN_BYTES ? bytes : INVALID;
    },
    fallback,
  );

/** At most this many entries in BAOBAB_TRUSTED_PROXIES: a few networks, never a list of every host. */
export const TRUSTED_PROXIES_MAX = 64;
const PREFIX = /^(0|[1-9]\d{0,2})$/;

/**
 * One BAOBAB_TRUSTED_PROXIES entry: an IPv4 or IPv6 address (no zone), or a network in CIDR
 * form with its host bits zero and a prefix of at least 1 (trusting every address would let
 * any reader name their own). Returns the entry in canonical form, or what is wrong with it.
 */
export function trustedProxyEntry(entry: string): { readonly ok: string } | { readonly problem: string } {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const family = address.includes('%') ? 0 : net.isIP(address);
  if (family === 0) return { problem: `"${entry}" is not an IP address or CIDR range` };
  const canonical = ipaddr.parse(address).toString();
  if (slash < 0) return { ok: canonical };
  const prefix = entry.slice(slash + 1);
  const max = family === 4 ? 32 : 128;
  if (!PREFIX.test(prefix) || Number(prefix) > max) return { problem: `"${entry}" needs a prefix length from 1 to ${max} after the /` };
  if (Number(prefix) === 0) return { problem: `"${entry}" trusts every address, so any reader could choose their own` };
  const network = (family === 4 ? ipaddr.IPv4 : ipaddr.IPv6).networkAddressFromCIDR(`${canonical}/${prefix}`).toString();
  if (network !== canonical) return { problem: `"${entry}" has host bits set: did you mean ${network}/${prefix}?` };
  return { ok: `${network}/${prefix}` };
}

const TRUSTED_PROXIES_EXPECTED = 'IP addresses or CIDR ranges separated by commas, such as 10.0.0.0/8,fd00::/8 (empty trusts nobody)';

/** BAOBAB_TRUSTED_PROXIES: every entry valid or start-up stops naming the first bad one. */
const trustedProxies = () =>
  z
    .string()
    .optional()
    .transform((raw, ctx): readonly string[] => {
      const entries = (given(raw) ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
      if (entries.length > TRUSTED_PROXIES_MAX) {
        ctx.addIssue({ code: 'custom', message: `at most ${TRUSTED_PROXIES_MAX} ${TRUSTED_PROXIES_EXPECTED}` });
        return z.NEVER;
      }
      const ok: string[] = [];
      for (const entry of entries) {
        const result = trustedProxyEntry(entry);
        if ('problem' in result) {
          ctx.addIssue({ code: 'custom', message: `${TRUSTED_PROXIES_EXPECTED}; ${result.problem}` });
          return z.NEVER;
        }
        ok.push(result.ok);
      }
      return ok;
    });

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: whole(0, 65535, 3000),
  HOST: host('0.0.0.0'),
  CMS_URL: httpUrl('http://127.0.0.1:1337', DEFAULT_CMS_URL),
  BAOBAB_NOTIFY_SECRET: z.string().optional(),
  BAOBAB_ADMIN_URL: setting<readonly string[] | null>(
    'http(s) URLs separated by commas, such as http://localhost:1337',
    (value) => {
      const urls = value.split(',').map((url) => url.trim()).filter(Boolean);
      return urls.every((url) => parseUrl(url, ['http:', 'https:']) !== INVALID) ? urls : INVALID;
    },
    null,
  ),
  BAOBAB_PAGE_CACHE: flag(true, 'on or off'),
  BAOBAB_PAGE_CACHE_BYTES: size(PAGE_CACHE_DEFAULTS.maxBytes),
  BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES: size(PAGE_CACHE_DEFAULTS.lastGoodMaxBytes),
  BAOBAB_STALE_MAX_AGE: staleMaxAge(),
  BAOBAB_DATA_DIR: setting('a folder', (value) => path.resolve(value), DEFAULT_DATA_DIR),
  BAOBAB_IMAGE_CACHE_DIR: setting<string | null>('a folder', (value) => path.resolve(value), null),
  BAOBAB_READER_SECRET: z.string().optional(),
  BAOBAB_WRITE_SECRET: z.string().optional(),
  BAOBAB_POSTS_PER_MINUTE: whole(1, 100_000, POSTS_PER_MINUTE_DEFAULT),
  BAOBAB_TRUSTED_PROXIES: trustedProxies(),
  REDIS_URL: redisUrl(),
  METRICS_PORT: metricsPort(METRICS_PORTS.mobi),
  METRICS_HOST: metricsHost(),
  LOG_LEVEL: oneOf(logLevels, 'info'),
});

/** Variables whose values never appear in a message. */
const SENSITIVE: ReadonlySet<string> = new Set(['BAOBAB_NOTIFY_SECRET', 'BAOBAB_READER_SECRET', 'BAOBAB_WRITE_SECRET', 'REDIS_URL']);

/**
 * Reads the mobi-site's settings from `env` (pure). Throws a MobiConfigError whose
 * one-line message names every bad variable: `PORT: expected a whole number from 0 to 65535, got "abc"`.
 */
export function parseMobiConfig(env: Readonly<Record<string, string | undefined>>): MobiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new MobiConfigError(envProblems(parsed.error.issues, env, SENSITIVE));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const notifySecret = given(e.BAOBAB_NOTIFY_SECRET) === undefined ? null : (e.BAOBAB_NOTIFY_SECRET ?? null);
  if (isProduction && notifySecret !== null) {
    const weak = secretProblem('BAOBAB_NOTIFY_SECRET', notifySecret, { minLength: NOTIFY_SECRET_MIN_LENGTH });
    if (weak !== null) throw new MobiConfigError(`Refusing to start in production: ${weak}`);
  }
  const readerSecret = given(e.BAOBAB_READER_SECRET);
  const writeSecret = given(e.BAOBAB_WRITE_SECRET);
  if (isProduction) {
    // A known cookie key lets anyone mint readers (and vote as many); a known write secret lets anyone write.
    const weak = [secretProblem('BAOBAB_READER_SECRET', readerSecret), secretProblem('BAOBAB_WRITE_SECRET', writeSecret)].filter((problem) => problem !== null);
    if (weak.length > 0) throw new MobiConfigError(`Refusing to start in production: ${weak.join(' ')}`);
  }
  return {
    isProduction,
    port: e.PORT,
    host: e.HOST,
    cmsUrl: e.CMS_URL,
    notifySecret,
    adminUrls: e.BAOBAB_ADMIN_URL ?? [e.CMS_URL],
    pageCache: e.BAOBAB_PAGE_CACHE ? { maxBytes: e.BAOBAB_PAGE_CACHE_BYTES, lastGoodMaxBytes: e.BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES, staleMaxAgeMs: e.BAOBAB_STALE_MAX_AGE * 1000 } : null,
    dataDir: e.BAOBAB_DATA_DIR,
    imageCacheDir: e.BAOBAB_IMAGE_CACHE_DIR ?? path.join(e.BAOBAB_DATA_DIR, 'image-cache'),
    readerSecret: readerSecret ?? DEV_READER_SECRET,
    writeSecret: writeSecret ?? DEV_WRITE_SECRET,
    postsPerMinute: e.BAOBAB_POSTS_PER_MINUTE,
    trustedProxies: e.BAOBAB_TRUSTED_PROXIES,
    redisUrl: e.REDIS_URL,
    metrics: metricsSettings(e.METRICS_PORT, e.METRICS_HOST, e.HOST),
    logLevel: e.LOG_LEVEL,
  };
}

declare global {
  // One parse per process, shared by scripts/serve.ts (which parses first, before any
  // build) and the copy Next bundles into the server that renders pages in that process.
  // eslint-disable-next-line no-var
  var __baobabMobiConfig: MobiConfig | undefined;
}

/** The mobi-site's settings from process.env, parsed on first use and kept for the life of the process. */
export function mobiConfig(): MobiConfig {
  globalThis.__baobabMobiConfig ??= parseMobiConfig(process.env);
  return globalThis.__baobabMobiConfig;
}
