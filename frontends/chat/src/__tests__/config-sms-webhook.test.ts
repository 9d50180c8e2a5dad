import crypto from 'node:crypto';
import { ChatConfigError, DEVELOPMENT_SECRET, loadConfig } from '../config';

const strong = () => crypto.randomBytes(30).toString('base64url');
const production = (overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'production',
  WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0',
  WHATSAPP_TOKEN: strong(),
  WHATSAPP_APP_SECRET: strong(),
  WHATSAPP_VERIFY_TOKEN: strong(),
  TELEGRAM_API_URL: 'https://api.telegram.org',
  TELEGRAM_BOT_TOKEN: strong(),
  TELEGRAM_SECRET_TOKEN: strong(),
  SMS_API_URL: 'https://api.africastalking.com/version1/messaging',
  SMS_API_KEY: strong(),
  SMS_USERNAME: 'baobab',
  SMS_WEBHOOK_SECRET: strong(),
  BAOBAB_WRITE_SECRET: strong(),
  ...overrides,
});

describe('SMS webhook settings', () => {
  it('starts in production with every setting given', () => {
    const env = production();
    expect(loadConfig(env).sms.webhookSecret).toBe(env.SMS_WEBHOOK_SECRET);
  });

  it('refuses to start in production without SMS_WEBHOOK_SECRET, naming it', () => {
    expect(() => loadConfig(production({ SMS_WEBHOOK_SECRET: undefined }))).toThrow(new ChatConfigError('SMS_WEBHOOK_SECRET must be set in production'));
  });

  it('refuses the development secret in production', () => {
    expect(() => loadConfig(production({ SMS_WEBHOOK_SECRET: DEVELOPMENT_SECRET }))).toThrow(ChatConfigError);
  });

  it('refuses a secret that cannot go in a URL path as is, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', SMS_WEBHOOK_SECRET: 'has/slash?and#more-0123456789' })).toThrow(/^SMS_WEBHOOK_SECRET: use 16–128 characters/);
    expect(() => loadConfig({ NODE_ENV: 'development', SMS_WEBHOOK_SECRET: 'short' })).toThrow(/^SMS_WEBHOOK_SECRET: /);
  });

  it('uses the development secret, 10 messages a minute and a 5-minute content TTL outside production', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.sms.webhookSecret).toBe(DEVELOPMENT_SECRET);
    expect(config.sms.ratePerMinute).toBe(10);
    expect(config.contentTtlMs).toBe(300_000);
    expect(() => loadConfig({ NODE_ENV: 'development', SMS_RATE_PER_MINUTE: '0' })).toThrow(/^SMS_RATE_PER_MINUTE: /);
    expect(() => loadConfig({ NODE_ENV: 'development', CONTENT_TTL_SECONDS: 'soon' })).toThrow(/^CONTENT_TTL_SECONDS: /);
  });

  it('serves last good content for a day of CMS failures unless BAOBAB_STALE_MAX_AGE (seconds) says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).staleMaxAgeMs).toBe(86_400_000);
    expect(loadConfig({ NODE_ENV: 'development', BAOBAB_STALE_MAX_AGE: '3600' }).staleMaxAgeMs).toBe(3_600_000);
    for (const bad of ['0', '1h', '-5', '2592001']) expect(() => loadConfig({ NODE_ENV: 'development', BAOBAB_STALE_MAX_AGE: bad })).toThrow(/^BAOBAB_STALE_MAX_AGE: .*whole number from 1 to 2592000/);
  });
});
