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

describe('the write secret plugins call the CMS with', () => {
  it('defaults to the development secret outside production, with a reader-hash key derived from it', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.writeSecret).toBe(DEVELOPMENT_SECRET);
    expect(config.readerSecret).not.toBe(DEVELOPMENT_SECRET);
    expect(config.readerSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses to start in production without BAOBAB_WRITE_SECRET, naming it', () => {
    expect(() => loadConfig(production({ BAOBAB_WRITE_SECRET: undefined }))).toThrow(new ChatConfigError('production needs BAOBAB_WRITE_SECRET (see deploy/.env.example); it is not set'));
  });

  it('refuses a weak or placeholder write secret in production', () => {
    expect(() => loadConfig(production({ BAOBAB_WRITE_SECRET: DEVELOPMENT_SECRET }))).toThrow(ChatConfigError);
    expect(() => loadConfig(production({ BAOBAB_WRITE_SECRET: 'short' }))).toThrow(/BAOBAB_WRITE_SECRET/);
  });

  it('keys reader hashes with CHAT_READER_SECRET when set, else with a key derived from the write secret', () => {
    const write = strong();
    const own = strong();
    expect(loadConfig(production({ BAOBAB_WRITE_SECRET: write, CHAT_READER_SECRET: own })).readerSecret).toBe(own);
    const derived = loadConfig(production({ BAOBAB_WRITE_SECRET: write })).readerSecret;
    expect(derived).not.toBe(write);
    expect(loadConfig(production({ BAOBAB_WRITE_SECRET: write })).readerSecret).toBe(derived);
  });
});

describe('production settings', () => {
  it('names every missing setting at once', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CMS_URL: 'http://cms:1337' })).toThrow(
      /^production needs SMS_API_URL, SMS_API_KEY, SMS_USERNAME, SMS_WEBHOOK_SECRET, WHATSAPP_API_URL, WHATSAPP_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN, TELEGRAM_API_URL, TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET_TOKEN, BAOBAB_WRITE_SECRET \(see deploy\/\.env\.example\); they are not set$/,
    );
  });
});
