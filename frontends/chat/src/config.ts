// The gateway's settings, read once from the environment at start-up and validated: a
// bad value stops the process with a message naming the variable. Outside production the
// provider URLs default to the gateway's own sandbox, so every channel works offline.
import crypto from 'node:crypto';
import { secretProblem } from '@baobab/kit';
import { metricsHost, metricsPort, metricsSettings, METRICS_PORTS, logLevels, oneOf, staleMaxAge, type LogLevel, type MetricsSettings } from '@baobab/kit/env';
import { z } from 'zod';
import { limits } from '@baobab/channels';

const DEV_SECRET = 'baobab-dev-only-secret';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((value) => (value === undefined ? undefined : ['true', '1', 'yes'].includes(value)));
const httpUrl = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  HOST: z.string().default('127.0.0.1'),
  CMS_URL: httpUrl.default('http://127.0.0.1:1337'),
  /** Where readers' phones fetch images: the CMS's public URL. */
  CMS_PUBLIC_URL: httpUrl.optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  USSD_BUDGET: z.coerce.number().int().min(40).max(limits.ussd.maxGsm7).default(limits.ussd.defaultBudget),
  SMART_ENCODING: flag,
  WHATSAPP_API_URL: httpUrl.optional(),
  WHATSAPP_TOKEN: z.string().min(1).optional(),
  WHATSAPP_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(1).optional(),
  TELEGRAM_API_URL: httpUrl.optional(),
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_SECRET_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'Telegram allows 1–256 characters A-Z, a-z, 0-9, _ and -')
    .optional(),
  SMS_API_URL: httpUrl.optional(),
  SMS_API_KEY: z.string().min(1).optional(),
  SMS_USERNAME: z.string().min(1).optional(),
  SMS_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, 'use 16–128 characters A-Z, a-z, 0-9, _ and - (it goes in the callback URL)')
    .optional(),
  SMS_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  CONTENT_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  BAOBAB_STALE_MAX_AGE: staleMaxAge(),
  BAOBAB_NOTIFY_SECRET: z.string().min(16).optional(),
  /** The front ends' shared secret for the CMS's mutations (plugin writes: votes). */
  BAOBAB_WRITE_SECRET: z.string().min(1).optional(),
  /** Keys the hash of a sender that plugins see (`ChatContext.voter`); derived from BAOBAB_WRITE_SECRET when unset. */
  CHAT_READER_SECRET: z.string().min(1).optional(),
  METRICS_PORT: metricsPort(METRICS_PORTS.chat),
  METRICS_HOST: metricsHost(),
  LOG_LEVEL: oneOf(logLevels, 'info'),
});

export interface ChatConfig {
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  readonly cmsUrl: string;
  readonly mediaUrl: string;
  readonly redisUrl: string | null;
  readonly ussd: { readonly budget: number; readonly smartEncoding: boolean };
  readonly sms: {
    readonly smartEncoding: boolean;
    readonly apiUrl: string;
    readonly apiKey: string;
    readonly username: string;
    /** The secret in the inbound callback URL, `/sms/africastalking/<secret>`. */
    readonly webhookSecret: string;
    /** Inbound messages one sender may send per minute; more get 429 and no reply. */
    readonly ratePerMinute: number;
  };
  /** How long fetched content is fresh, in ms. */
  readonly contentTtlMs: number;
  /** How long last good content stands in while the CMS fails, from the first failure (BAOBAB_STALE_MAX_AGE, seconds; default a day). */
  readonly staleMaxAgeMs: number;
  readonly whatsapp: { readonly apiUrl: string; readonly token: string; readonly appSecret: string; readonly verifyToken: string };
  readonly telegram: { readonly apiUrl: string; readonly botToken: string; readonly secretToken: string };
  readonly notifySecret: string | null;
  /** Sent as `Authorization: Bearer …` with the CMS mutations plugins make. */
  readonly writeSecret: string;
  /** The HMAC key of `ChatContext.voter`: a sender's channel, address and site, never the raw number. */
  readonly readerSecret: string;
  /** True when provider URLs point at the gateway's own sandbox (development only). */
  readonly sandbox: boolean;
  /** Where `/metrics` is served (METRICS_PORT, default 9466; METRICS_HOST, default HOST), or null when METRICS_PORT=off. */
  readonly metrics: MetricsSettings | null;
  /** LOG_LEVEL of the JSON log lines (default info). */
  readonly logLevel: LogLevel;
}

export class ChatConfigError extends Error {
  readonly code = 'CHAT_CONFIG_INVALID';
}

export function loadConfig(env: NodeJS.ProcessEnv): ChatConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ChatConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const self = `http://127.0.0.1:${e.PORT}/_sandbox`;
  const orDev = (value: string | undefined, name: string, dev: string): string => {
    if (value !== undefined) return value;
    if (isProduction) throw new ChatConfigError(`${name} must be set in production`);
    return dev;
  };
  const config: ChatConfig = {
    isProduction,
    port: e.PORT,
    host: e.HOST,
    cmsUrl: e.CMS_URL.replace(/\/$/, ''),
    mediaUrl: (e.CMS_PUBLIC_URL ?? e.CMS_URL).replace(/\/$/, ''),
    redisUrl: e.REDIS_URL ?? null,
    ussd: { budget: e.USSD_BUDGET, smartEncoding: e.SMART_ENCODING ?? true },
    sms: {
      smartEncoding: e.SMART_ENCODING ?? true,
      apiUrl: orDev(e.SMS_API_URL, 'SMS_API_URL', `${self}/sms/version1/messaging`),
      apiKey: orDev(e.SMS_API_KEY, 'SMS_API_KEY', DEV_SECRET),
      username: orDev(e.SMS_USERNAME, 'SMS_USERNAME', 'sandbox'),
      webhookSecret: orDev(e.SMS_WEBHOOK_SECRET, 'SMS_WEBHOOK_SECRET', DEV_SECRET),
      ratePerMinute: e.SMS_RATE_PER_MINUTE,
    },
    whatsapp: {
      apiUrl: orDev(e.WHATSAPP_API_URL, 'WHATSAPP_API_URL', `${self}/whatsapp/v21.0`).replace(/\/$/, ''),
      token: orDev(e.WHATSAPP_TOKEN, 'WHATSAPP_TOKEN', DEV_SECRET),
      appSecret: orDev(e.WHATSAPP_APP_SECRET, 'WHATSAPP_APP_SECRET', DEV_SECRET),
      verifyToken: orDev(e.WHATSAPP_VERIFY_TOKEN, 'WHATSAPP_VERIFY_TOKEN', DEV_SECRET),
    },
    telegram: {
      apiUrl: orDev(e.TELEGRAM_API_URL, 'TELEGRAM_API_URL', `${self}/telegram`).replace(/\/$/, ''),
      botToken: orDev(e.TELEGRAM_BOT_TOKEN, 'TELEGRAM_BOT_TOKEN', 'dev-bot-token'),
      secretToken: orDev(e.TELEGRAM_SECRET_TOKEN, 'TELEGRAM_SECRET_TOKEN', DEV_SECRET),
    },
    notifySecret: e.BAOBAB_NOTIFY_SECRET ?? null,
    writeSecret: orDev(e.BAOBAB_WRITE_SECRET, 'BAOBAB_WRITE_SECRET', DEV_SECRET),
    readerSecret: e.CHAT_READER_SECRET ?? deriveReaderSecret(orDev(e.BAOBAB_WRITE_SECRET, 'BAOBAB_WRITE_SECRET', DEV_SECRET)),
    contentTtlMs: e.CONTENT_TTL_SECONDS * 1000,
    staleMaxAgeMs: e.BAOBAB_STALE_MAX_AGE * 1000,
    sandbox: false,
    metrics: metricsSettings(e.METRICS_PORT, e.METRICS_HOST, e.HOST),
    logLevel: e.LOG_LEVEL,
  };
  if (isProduction && [config.whatsapp.appSecret, config.whatsapp.verifyToken, config.telegram.secretToken, config.sms.apiKey, config.sms.webhookSecret, config.writeSecret, e.CHAT_READER_SECRET].includes(DEV_SECRET)) {
    throw new ChatConfigError('production refuses the development placeholder secret');
  }
  if (isProduction) {
    // The kit's one secret rule (32+ characters, no well-known values); the notice and SMS callback secrets keep their own minimums.
    const weak = [
      secretProblem('WHATSAPP_APP_SECRET', e.WHATSAPP_APP_SECRET),
      secretProblem('WHATSAPP_VERIFY_TOKEN', e.WHATSAPP_VERIFY_TOKEN),
      secretProblem('TELEGRAM_SECRET_TOKEN', e.TELEGRAM_SECRET_TOKEN),
      secretProblem('SMS_API_KEY', e.SMS_API_KEY),
      secretProblem('BAOBAB_WRITE_SECRET', e.BAOBAB_WRITE_SECRET),
      e.CHAT_READER_SECRET === undefined ? null : secretProblem('CHAT_READER_SECRET', e.CHAT_READER_SECRET),
      e.SMS_WEBHOOK_SECRET === undefined ? null : secretProblem('SMS_WEBHOOK_SECRET', e.SMS_WEBHOOK_SECRET, { minLength: 16 }),
      e.BAOBAB_NOTIFY_SECRET === undefined ? null : secretProblem('BAOBAB_NOTIFY_SECRET', e.BAOBAB_NOTIFY_SECRET, { minLength: 24 }),
    ].filter((problem): problem is string => problem !== null);
    if (weak.length > 0) throw new ChatConfigError(`Refusing to start in production: ${weak.join(' ')}`);
  }
  const sandbox = [config.sms.apiUrl, config.whatsapp.apiUrl, config.telegram.apiUrl].some((url) => url.startsWith(self));
  return { ...config, sandbox };
}

/** A key for readers' hashes of its own, so the write secret itself never keys a stored value. */
function deriveReaderSecret(writeSecret: string): string {
  return crypto.createHmac('sha256', writeSecret).update('baobab-chat-reader-hash').digest('base64url');
}

/** The secret the development sandbox and the simulator share; never valid in production. */
export const DEVELOPMENT_SECRET = DEV_SECRET;
