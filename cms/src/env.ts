// The CMS's settings: every environment variable the CMS reads, each with its default
// beside it, parsed once per process. A bad value stops start-up with one line naming the
// variable; production refuses missing, placeholder and weak secrets (the kit's rule).
import path from 'node:path';
import { makeSecretHint, secretProblem } from '@baobab/kit';
import { envProblems, flag, given, host, httpUrl, INVALID, metricsHost, metricsPort, metricsSettings, METRICS_PORTS, oneOf, parseUrl, redisUrl, setting, whole, type MetricsSettings } from '@baobab/kit/env';
import { z } from 'zod';
import { repoDir } from './package-dir';
import { parseUploadEnv, type UploadSettings } from './upload-env';

export const secretNames = ['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'] as const;
export type SecretName = (typeof secretNames)[number];
export type Secrets = Readonly<Record<SecretName, string>>;

export const logLevels = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof logLevels)[number];

/** The notice secret only guards clearing the front ends' caches: 24 characters (18 random bytes) suffice in production. */
export const NOTIFY_SECRET_MIN_LENGTH = 24;
/** Below this the CMS refuses a notice secret anywhere, development included. */
const NOTIFY_SECRET_FLOOR = 16;

export interface CmsEnv {
  /** NODE_ENV=production. */
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  /** PUBLIC_URL without a trailing slash, or '' (then Strapi and delivery use http://localhost:<port>). */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly database: { readonly client: 'sqlite' } | { readonly client: 'postgres'; readonly url: string; readonly poolMax: number };
  readonly serveAdmin: boolean;
  readonly seed: boolean;
  readonly logLevel: LogLevel;
  /** Admin logins per 5 minutes for one e-mail from one address. */
  readonly adminLoginLimit: number;
  /** Where the mobi-site answers `/_baobab/preview`: origin and path, no trailing slash. */
  readonly previewUrl: string;
  /** Front ends told when content changes, or null when none is configured. */
  readonly notify: { readonly urls: readonly string[]; readonly secret: string } | null;
  readonly deliveryCacheMb: number;
  /** REDIS_URL: where replicas tell each other of content changes (@baobab/kit/changes), or null for one replica. */
  readonly redisUrl: string | null;
  /** What front ends prove with `Authorization: Bearer …` to call the delivery API's mutations (plugins' writes: votes, …). */
  readonly writeSecret: string;
  /** The registry of installed themes and plugins (BAOBAB_CONFIG, default `<repo>/baobab.config.ts`). */
  readonly registryFile: string;
  /** Where `/metrics` is served (METRICS_PORT, default 9464; METRICS_HOST, default HOST), or null when METRICS_PORT=off. */
  readonly metrics: MetricsSettings | null;
  /** Where uploads are stored: the data folder, or an S3-compatible bucket (UPLOAD_PROVIDER=s3, S3_*: upload-env.ts). */
  readonly upload: UploadSettings;
  /**
   * Production: all six from the environment, checked. Development: those the environment
   * gives; the rest come from (or are generated into) the data folder (secrets.ts).
   */
  readonly secrets: { readonly source: 'environment'; readonly values: Secrets } | { readonly source: 'data-dir'; readonly given: Partial<Secrets> };
}

export class CmsConfigError extends Error {
  constructor(
    readonly code: 'CMS_CONFIG_INVALID' | 'SECRETS_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'CmsConfigError';
  }
}

// ---- readers: @baobab/kit/env (shared with the mobi-site) ----

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  HOST: host('0.0.0.0'),
  PORT: whole(0, 65535, 1337),
  PUBLIC_URL: httpUrl('https://cms.example.org', ''),
  BAOBAB_DATA_DIR: setting('a folder', (value) => path.resolve(value), path.join(repoDir, 'data')),
  DATABASE_URL: setting<string | null>('a PostgreSQL URL such as postgres://user:password@host:5432/database', (value) => (parseUrl(value, ['postgres:', 'postgresql:']) === INVALID ? INVALID : value), null),
  DATABASE_POOL_MAX: whole(1, 1000, 10),
  BAOBAB_SERVE_ADMIN: flag(true),
  BAOBAB_SEED: flag(true),
  LOG_LEVEL: oneOf(logLevels, 'http'),
  BAOBAB_ADMIN_LOGIN_LIMIT: whole(1, 1000, 5),
  BAOBAB_PREVIEW_URL: httpUrl('http://localhost:3000', 'http://localhost:3000'),
  BAOBAB_NOTIFY_URLS: setting<readonly string[]>(
    'http(s) URLs separated by commas',
    (value) => {
      const urls = value.split(',').map((url) => url.trim()).filter(Boolean);
      return urls.every((url) => parseUrl(url, ['http:', 'https:']) !== INVALID) ? urls : INVALID;
    },
    [],
  ),
  BAOBAB_NOTIFY_SECRET: z.string().optional(),
  BAOBAB_DELIVERY_CACHE_MB: whole(1, 4096, 64),
  BAOBAB_WRITE_SECRET: z.string().optional(),
  REDIS_URL: redisUrl(),
  METRICS_PORT: metricsPort(METRICS_PORTS.cms),
  METRICS_HOST: metricsHost(),
  BAOBAB_CONFIG: setting('a file such as /srv/baobab/baobab.config.ts', (value) => path.resolve(value), path.join(repoDir, 'baobab.config.ts')),
  // The six secrets are read apart (productionSecrets, givenSecrets): their rule is the kit's.
});

/** Variables whose values never appear in a message: they may hold a password. */
const SENSITIVE: ReadonlySet<string> = new Set([...secretNames, 'DATABASE_URL', 'REDIS_URL', 'BAOBAB_NOTIFY_SECRET', 'BAOBAB_WRITE_SECRET']);

/** Outside production, front ends and the CMS share this write secret unless one is set. */
export const DEVELOPMENT_WRITE_SECRET = 'baobab-dev-only-secret';

// ---- secrets ----

const PLACEHOLDER = /^(|tobemodified.*|changeme|change-me|replace-?me|secret|placeholder|xxx+|todo)$/i;

/** True when a value is empty or one of the well-known placeholders (any part of a comma list). */
export function isPlaceholder(value: string): boolean {
  return value.split(',').some((part) => PLACEHOLDER.test(part.trim()));
}

/**
 * Why each production secret is weak, by the kit's rule (32 characters or more, no
 * well-known or repeated values): every APP_KEYS key on its own, and BAOBAB_NOTIFY_SECRET
 * when it is set. Missing and placeholder values are reported apart, by name.
 */
export function weakSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const check = (name: string, value: string, minLength?: number) => {
    const problem = secretProblem(name, value, { minLength });
    if (problem !== null) problems.push(problem);
  };
  for (const name of secretNames) {
    const value = env[name];
    if (value === undefined || isPlaceholder(value)) continue;
    const keys = name === 'APP_KEYS' ? value.split(',') : [value];
    keys.forEach((key, index) => check(keys.length === 1 ? name : `APP_KEYS key ${index + 1} of ${keys.length}`, key.trim()));
  }
  const notify = env.BAOBAB_NOTIFY_SECRET;
  if (notify !== undefined && notify !== '') check('BAOBAB_NOTIFY_SECRET', notify, NOTIFY_SECRET_MIN_LENGTH);
  // Mutations are refused without it, so production must have a real one.
  check('BAOBAB_WRITE_SECRET', env.BAOBAB_WRITE_SECRET ?? '');
  return problems;
}

/** Production: every secret from the environment, none missing, a placeholder or weak; else a SECRETS_INVALID error naming them. */
function productionSecrets(env: Readonly<Record<string, string | undefined>>): Secrets {
  const missing = secretNames.filter((name) => env[name] === undefined);
  const placeholders = secretNames.filter((name) => env[name] !== undefined && isPlaceholder(env[name] ?? ''));
  const weak = weakSecrets(env);
  if (missing.length > 0 || placeholders.length > 0 || weak.length > 0) {
    const parts = [
      missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
      placeholders.length > 0 ? `placeholder values: ${placeholders.join(', ')}` : '',
      weak.length > 0 ? `weak values: ${weak.join(' ')}` : '',
    ].filter(Boolean);
    throw new CmsConfigError('SECRETS_INVALID', `Refusing to start in production: set real secrets in the environment (${parts.join('; ')}). ${makeSecretHint}`);
  }
  const value = (name: SecretName) => env[name] ?? '';
  return {
    APP_KEYS: value('APP_KEYS'),
    API_TOKEN_SALT: value('API_TOKEN_SALT'),
    ADMIN_JWT_SECRET: value('ADMIN_JWT_SECRET'),
    TRANSFER_TOKEN_SALT: value('TRANSFER_TOKEN_SALT'),
    JWT_SECRET: value('JWT_SECRET'),
    ENCRYPTION_KEY: value('ENCRYPTION_KEY'),
  };
}

/** Development: the secrets the environment gives (blank counts as not given). */
function givenSecrets(env: Readonly<Record<string, string | undefined>>): Partial<Secrets> {
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const name of secretNames) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') secrets[name] = value;
  }
  return secrets;
}

// ---- the whole ----

/**
 * Reads the CMS's settings from `env` (pure: no files, no process.env). Throws a
 * CmsConfigError whose one-line message names every bad variable:
 * `BAOBAB_ADMIN_LOGIN_LIMIT: expected a whole number from 1 to 1000, got "abc"`.
 */
export function parseCmsEnv(env: Readonly<Record<string, string | undefined>>): CmsEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new CmsConfigError('CMS_CONFIG_INVALID', envProblems(parsed.error.issues, env, SENSITIVE));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const notifySecret = env.BAOBAB_NOTIFY_SECRET ?? '';
  if (e.BAOBAB_NOTIFY_URLS.length > 0 && notifySecret.length < NOTIFY_SECRET_FLOOR) {
    throw new CmsConfigError(
      'CMS_CONFIG_INVALID',
      `BAOBAB_NOTIFY_SECRET: expected ${NOTIFY_SECRET_FLOOR} characters or more when BAOBAB_NOTIFY_URLS is set, got ${notifySecret.length === 0 ? 'none' : `${notifySecret.length}`}`,
    );
  }
  const upload = parseUploadEnv(env);
  if ('problems' in upload) throw new CmsConfigError('CMS_CONFIG_INVALID', upload.problems);
  return {
    isProduction,
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    dataDir: e.BAOBAB_DATA_DIR,
    database: e.DATABASE_URL === null ? { client: 'sqlite' } : { client: 'postgres', url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX },
    serveAdmin: e.BAOBAB_SERVE_ADMIN,
    seed: e.BAOBAB_SEED,
    logLevel: e.LOG_LEVEL,
    adminLoginLimit: e.BAOBAB_ADMIN_LOGIN_LIMIT,
    previewUrl: e.BAOBAB_PREVIEW_URL,
    redisUrl: e.REDIS_URL,
    notify: e.BAOBAB_NOTIFY_URLS.length > 0 ? { urls: e.BAOBAB_NOTIFY_URLS, secret: notifySecret } : null,
    deliveryCacheMb: e.BAOBAB_DELIVERY_CACHE_MB,
    writeSecret: given(env.BAOBAB_WRITE_SECRET) ?? (isProduction ? '' : DEVELOPMENT_WRITE_SECRET),
    registryFile: e.BAOBAB_CONFIG,
    metrics: metricsSettings(e.METRICS_PORT, e.METRICS_HOST, e.HOST),
    upload,
    secrets: isProduction ? { source: 'environment', values: productionSecrets(env) } : { source: 'data-dir', given: givenSecrets(env) },
  };
}

declare global {
  // One parse per process, shared by the copy tsx loads (scripts/serve.ts checks before
  // compiling) and the copy Strapi loads from dist/.
  // eslint-disable-next-line no-var
  var __baobabCmsEnv: CmsEnv | undefined;
}

/** The CMS's settings from process.env, parsed on first use and kept for the life of the process. */
export function cmsEnv(): CmsEnv {
  globalThis.__baobabCmsEnv ??= parseCmsEnv(process.env);
  return globalThis.__baobabCmsEnv;
}
