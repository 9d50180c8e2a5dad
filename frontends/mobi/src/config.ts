// The mobi-site's settings: every environment variable it reads, each with its default
// beside it, parsed once per process. A bad value stops start-up with one line naming the
// variable; production refuses a weak or development notice secret (the kit's rule).
import path from 'node:path';
import { secretProblem } from '@baobab/kit';
import { envProblems, flag, given, host, httpUrl, INVALID, metricsHost, metricsPort, metricsSettings, METRICS_PORTS, logLevels, oneOf, parseUrl, setting, whole, type LogLevel, type MetricsSettings } from '@baobab/kit/env';
import { z } from 'zod';

/** Page cache bounds when the variables are unset: 64 MiB of fresh pages, 32 MiB of last good copies. */
export const PAGE_CACHE_DEFAULTS = { maxBytes: 64 * 1024 * 1024, lastGoodMaxBytes: 32 * 1024 * 1024 } as const;
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
  /** null when BAOBAB_PAGE_CACHE=off. */
  readonly pageCache: { readonly maxBytes: number; readonly lastGoodMaxBytes: number } | null;
  readonly dataDir: string;
  readonly imageCacheDir: string;
  /** Signs readers' anonymous cookies and the CSRF tokens bound to them (BAOBAB_READER_SECRET). */
  readonly readerSecret: string;
  /** Sent as `Authorization: Bearer …` with plugin mutations to the delivery API (BAOBAB_WRITE_SECRET, shared with the CMS). */
  readonly writeSecret: string;
  /**
   * Plugin form posts (`POST /_plugins/…`) one client address may make per minute, in
   * memory per process (BAOBAB_POSTS_PER_MINUTE); the next gets 429. The address is the
   * socket's: X-Forwarded-For is not trusted.
   */
  readonly postsPerMinute: number;
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
  BAOBAB_DATA_DIR: setting('a folder', (value) => path.resolve(value), DEFAULT_DATA_DIR),
  BAOBAB_IMAGE_CACHE_DIR: setting<string | null>('a folder', (value) => path.resolve(value), null),
  BAOBAB_READER_SECRET: z.string().optional(),
  BAOBAB_WRITE_SECRET: z.string().optional(),
  BAOBAB_POSTS_PER_MINUTE: whole(1, 100_000, POSTS_PER_MINUTE_DEFAULT),
  METRICS_PORT: metricsPort(METRICS_PORTS.mobi),
  METRICS_HOST: metricsHost(),
  LOG_LEVEL: oneOf(logLevels, 'info'),
});

/** Variables whose values never appear in a message. */
const SENSITIVE: ReadonlySet<string> = new Set(['BAOBAB_NOTIFY_SECRET', 'BAOBAB_READER_SECRET', 'BAOBAB_WRITE_SECRET']);

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
    pageCache: e.BAOBAB_PAGE_CACHE ? { maxBytes: e.BAOBAB_PAGE_CACHE_BYTES, lastGoodMaxBytes: e.BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES } : null,
    dataDir: e.BAOBAB_DATA_DIR,
    imageCacheDir: e.BAOBAB_IMAGE_CACHE_DIR ?? path.join(e.BAOBAB_DATA_DIR, 'image-cache'),
    readerSecret: readerSecret ?? DEV_READER_SECRET,
    writeSecret: writeSecret ?? DEV_WRITE_SECRET,
    postsPerMinute: e.BAOBAB_POSTS_PER_MINUTE,
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
