// Readers for environment variables, the one way every process turns a raw value into a
// typed setting: unset and blank mean "use the default"; a value that does not read is an
// issue saying what was expected, which the process's config module names with the variable.
import { z } from 'zod';

/** What a reader returns for a value it cannot read. */
export const INVALID = Symbol('invalid');
export type Read<T> = (value: string) => T | typeof INVALID;

/** The trimmed value, or undefined when unset or blank. */
export const given = (raw: string | undefined): string | undefined => (raw === undefined || raw.trim() === '' ? undefined : raw.trim());

/** A zod field: `fallback` when unset or blank, else what `read` makes of it, else an issue saying `expected`. */
export function setting<T>(expected: string, read: Read<T>, fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const value = given(raw);
      if (value === undefined) return fallback;
      const parsed = read(value);
      if (parsed === INVALID) {
        ctx.addIssue({ code: 'custom', message: expected });
        return z.NEVER;
      }
      return parsed;
    });
}

export const whole = (min: number, max: number, fallback: number) =>
  setting(`a whole number from ${min} to ${max}`, (value) => (/^\d+$/.test(value) && Number(value) >= min && Number(value) <= max ? Number(value) : INVALID), fallback);

/**
 * BAOBAB_STALE_MAX_AGE, in seconds: how long the mobi-site and the chat gateway go on serving
 * a last good copy (a page, a menu, an article) after the CMS first failed to refresh it;
 * past it they say "try again". A day by default, the pages' own `stale-if-error`, so an
 * outage overnight blanks no site; at most 30 days.
 */
export const STALE_MAX_AGE = { defaultSeconds: 86_400, maxSeconds: 30 * 86_400 } as const;
export const staleMaxAge = () => whole(1, STALE_MAX_AGE.maxSeconds, STALE_MAX_AGE.defaultSeconds);

const FLAGS: Readonly<Record<string, boolean>> = { true: true, false: false, '1': true, '0': false, yes: true, no: false };
/** true/false, 1/0, yes/no (any case); `on`/`off` too when `words` says so. */
export const flag = (fallback: boolean, words: 'true or false' | 'on or off' = 'true or false') =>
  setting(words, (value) => (words === 'on or off' ? ({ on: true, off: false } as Record<string, boolean>)[value.toLowerCase()] : undefined) ?? FLAGS[value.toLowerCase()] ?? INVALID, fallback);

export const oneOf = <T extends string>(values: readonly T[], fallback: T) =>
  setting(`one of ${values.join(', ')}`, (value) => values.find((option) => option === value) ?? INVALID, fallback);

/** The URL when it parses and has one of `protocols` (`['http:', 'https:']`), else INVALID. */
export function parseUrl(value: string, protocols: readonly string[]): URL | typeof INVALID {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) ? url : INVALID;
  } catch {
    return INVALID;
  }
}

/** An http(s) URL, kept as origin + path without a trailing slash. */
export const readHttpUrl: Read<string> = (value) => {
  const url = parseUrl(value, ['http:', 'https:']);
  return url === INVALID ? INVALID : `${url.origin}${url.pathname.replace(/\/$/, '')}`;
};

export const httpUrl = (example: string, fallback: string) => setting(`an http(s) URL such as ${example}`, readHttpUrl, fallback);

/** Host names and IP addresses a server may listen on. */
export const host = (fallback: string) => setting('a host name or IP address such as 0.0.0.0', (value) => (/^[A-Za-z0-9.:[\]-]+$/.test(value) ? value : INVALID), fallback);

/**
 * `NAME: expected …, got "…"` for each issue, joined by `; `. Variables in `sensitive` never
 * show their value (it may hold a password).
 */
export function envProblems(issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>, env: Readonly<Record<string, string | undefined>>, sensitive: ReadonlySet<string>): string {
  return issues
    .map((issue) => {
      const name = String(issue.path[0] ?? '');
      const got = sensitive.has(name) ? 'got another value (not shown: it may hold a password)' : `got ${JSON.stringify(env[name] ?? '')}`;
      return `${name}: expected ${issue.message}, ${got}`;
    })
    .join('; ');
}

/** REDIS_URL: a redis:// or rediss:// URL, or null when unset (one replica, no change channel). */
export const redisUrl = () =>
  setting<string | null>('a Redis URL such as redis://127.0.0.1:6379', (value) => (parseUrl(value, ['redis:', 'rediss:']) === INVALID ? INVALID : value), null);

/** Default metrics ports (`METRICS_PORT`): one per process, so all three can run on one box. */
export const METRICS_PORTS = { cms: 9464, mobi: 9465, chat: 9466 } as const;

/** `METRICS_PORT`: a port from 1 to 65535 (0 takes any free one), or `off` for no metrics server (null). */
export const metricsPort = (fallback: number) =>
  setting<number | null>('a port number from 0 to 65535, or off', (value) => (value.toLowerCase() === 'off' ? null : /^\d+$/.test(value) && Number(value) <= 65535 ? Number(value) : INVALID), fallback);

/** `METRICS_HOST`: where the metrics server listens; the process's own HOST when unset (null here). */
export const metricsHost = () => setting<string | null>('a host name or IP address such as 127.0.0.1', (value) => (/^[A-Za-z0-9.:[\]-]+$/.test(value) ? value : INVALID), null);

/** Where a process serves `/metrics`, or null when METRICS_PORT=off. */
export interface MetricsSettings {
  readonly port: number;
  readonly host: string;
}

export const metricsSettings = (port: number | null, host: string | null, processHost: string): MetricsSettings | null => (port === null ? null : { port, host: host ?? processHost });

/** LOG_LEVEL of the front ends' JSON logs (log.ts): `http` sits between `debug` and `info` (one line per request). */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'http', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];
