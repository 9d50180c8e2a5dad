import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CmsConfigError, isPlaceholder, parseCmsEnv, secretNames, weakSecrets, type CmsEnv } from '../env';
import { repoDir } from '../package-dir';

const strong = () => randomBytes(24).toString('base64');
const realSecrets: Record<string, string> = Object.fromEntries(secretNames.map((name) => [name, name === 'APP_KEYS' ? [strong(), strong()].join(',') : strong()]));
const production = { NODE_ENV: 'production', ...realSecrets, BAOBAB_WRITE_SECRET: strong() };

/** The error parseCmsEnv throws for `env`, or a failure when it accepts it. */
function refusal(env: Record<string, string | undefined>): CmsConfigError {
  try {
    parseCmsEnv(env);
  } catch (error) {
    if (error instanceof CmsConfigError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('the CMS settings', () => {
  it('has a default for every variable, so `npm start` needs none', () => {
    const expected: CmsEnv = {
      isProduction: false,
      host: '0.0.0.0',
      port: 1337,
      publicUrl: '',
      dataDir: path.join(repoDir, 'data'),
      database: { client: 'sqlite' },
      serveAdmin: true,
      seed: true,
      logLevel: 'http',
      adminLoginLimit: 5,
      previewUrl: 'http://localhost:3000',
      notify: null,
      redisUrl: null,
      deliveryCacheMb: 64,
      secrets: { source: 'data-dir', given: {} },
      writeSecret: 'baobab-dev-only-secret',
      registryFile: path.join(repoDir, 'baobab.config.ts'),
      metrics: { port: 9464, host: '0.0.0.0' },
      upload: { provider: 'local' },
    };
    expect(parseCmsEnv({})).toEqual(expected);
    // Metrics: off, another port and host; a bad value is refused naming the variable.
    expect(parseCmsEnv({ METRICS_PORT: 'off' }).metrics).toBeNull();
    expect(parseCmsEnv({ METRICS_PORT: '9100', METRICS_HOST: '10.0.0.5', HOST: '127.0.0.1' }).metrics).toEqual({ port: 9100, host: '10.0.0.5' });
    expect(parseCmsEnv({ HOST: '127.0.0.1' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(() => parseCmsEnv({ METRICS_PORT: 'on' })).toThrow('METRICS_PORT: expected a port number from 0 to 65535, or off, got "on"');
    // Blank is unset, as an empty line in an env file means.
    expect(parseCmsEnv({ PORT: '', BAOBAB_ADMIN_LOGIN_LIMIT: ' ', DATABASE_URL: '', JWT_SECRET: '' })).toEqual(expected);
  });

  it('reads what is set', () => {
    const settings = parseCmsEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      PUBLIC_URL: 'https://cms.example.org/',
      BAOBAB_DATA_DIR: 'tmp/cms-data',
      DATABASE_URL: 'postgres://baobab:pw@db:5432/baobab',
      DATABASE_POOL_MAX: '4',
      BAOBAB_SERVE_ADMIN: 'false',
      BAOBAB_SEED: '0',
      LOG_LEVEL: 'warn',
      BAOBAB_ADMIN_LOGIN_LIMIT: '100',
      BAOBAB_PREVIEW_URL: 'https://preview.example.org/mobi/',
      BAOBAB_NOTIFY_URLS: 'http://127.0.0.1:3000/_baobab/invalidate, http://127.0.0.1:3100/_baobab/invalidate',
      BAOBAB_NOTIFY_SECRET: 'a-notify-secret-of-some-length',
      BAOBAB_DELIVERY_CACHE_MB: '128',
      JWT_SECRET: 'from-the-environment',
    });
    expect(settings).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      publicUrl: 'https://cms.example.org',
      dataDir: path.resolve('tmp/cms-data'),
      database: { client: 'postgres', url: 'postgres://baobab:pw@db:5432/baobab', poolMax: 4 },
      serveAdmin: false,
      seed: false,
      logLevel: 'warn',
      adminLoginLimit: 100,
      previewUrl: 'https://preview.example.org/mobi',
      notify: { urls: ['http://127.0.0.1:3000/_baobab/invalidate', 'http://127.0.0.1:3100/_baobab/invalidate'], secret: 'a-notify-secret-of-some-length' },
      deliveryCacheMb: 128,
      secrets: { source: 'data-dir', given: { JWT_SECRET: 'from-the-environment' } },
    });
  });

  it('stops on a bad value with one line naming the variable, what it takes and what it got', () => {
    const error = refusal({ BAOBAB_ADMIN_LOGIN_LIMIT: 'abc' });
    expect(error.code).toBe('CMS_CONFIG_INVALID');
    expect(error.message).toBe('BAOBAB_ADMIN_LOGIN_LIMIT: expected a whole number from 1 to 1000, got "abc"');
    for (const raw of ['0', '-3', '2.5', '1001']) expect(refusal({ BAOBAB_ADMIN_LOGIN_LIMIT: raw }).message).toBe(`BAOBAB_ADMIN_LOGIN_LIMIT: expected a whole number from 1 to 1000, got "${raw}"`);
  });

  it('names every bad variable at once, on one line', () => {
    const { message } = refusal({ PORT: '70000', BAOBAB_SEED: 'maybe', LOG_LEVEL: 'loud', BAOBAB_DELIVERY_CACHE_MB: '0', HOST: 'a host\nwith a newline' });
    expect(message.split('; ')).toEqual([
      'HOST: expected a host name or IP address such as 0.0.0.0, got "a host\\nwith a newline"',
      'PORT: expected a whole number from 0 to 65535, got "70000"',
      'BAOBAB_SEED: expected true or false, got "maybe"',
      'LOG_LEVEL: expected one of error, warn, info, http, verbose, debug, silly, got "loud"',
      'BAOBAB_DELIVERY_CACHE_MB: expected a whole number from 1 to 4096, got "0"',
    ]);
    expect(message).not.toContain('\n');
  });

  it('checks URLs, and never repeats a database URL, which may hold a password', () => {
    expect(refusal({ BAOBAB_PREVIEW_URL: 'localhost:3000' }).message).toBe('BAOBAB_PREVIEW_URL: expected an http(s) URL such as http://localhost:3000, got "localhost:3000"');
    expect(refusal({ PUBLIC_URL: 'ftp://cms.example.org' }).message).toMatch(/^PUBLIC_URL: expected an http\(s\) URL/);
    expect(refusal({ BAOBAB_NOTIFY_URLS: 'http://ok.example, ftp://x', BAOBAB_NOTIFY_SECRET: 'x'.repeat(20) }).message).toBe(
      'BAOBAB_NOTIFY_URLS: expected http(s) URLs separated by commas, got "http://ok.example, ftp://x"',
    );
    const database = refusal({ DATABASE_URL: 'mysql://root:hunter2@db/baobab' }).message;
    expect(database).toMatch(/^DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\/user:password@host:5432\/database, got another value \(not shown/);
    expect(database).not.toContain('hunter2');
    const redis = refusal({ REDIS_URL: 'http://:hunter2@cache:6379' }).message;
    expect(redis).toMatch(/^REDIS_URL: expected a Redis URL such as redis:\/\/127\.0\.0\.1:6379, got another value \(not shown/);
    expect(redis).not.toContain('hunter2');
  });

  it('needs a notice secret of 16 characters when front ends are to be told', () => {
    expect(refusal({ BAOBAB_NOTIFY_URLS: 'http://127.0.0.1:1/x', BAOBAB_NOTIFY_SECRET: 'short' }).message).toBe(
      'BAOBAB_NOTIFY_SECRET: expected 16 characters or more when BAOBAB_NOTIFY_URLS is set, got 5',
    );
    expect(refusal({ BAOBAB_NOTIFY_URLS: 'http://127.0.0.1:1/x' }).message).toMatch(/BAOBAB_NOTIFY_SECRET: .* got none/);
  });
});

describe('production secrets', () => {
  it('accepts real secrets from the environment', () => {
    const settings = parseCmsEnv(production);
    expect(settings.isProduction).toBe(true);
    expect(settings.secrets).toEqual({ source: 'environment', values: realSecrets });
  });

  it('refuses to start with a missing or placeholder secret and says which', () => {
    const error = refusal({ ...production, JWT_SECRET: undefined, APP_KEYS: 'toBeModified1,toBeModified2', ADMIN_JWT_SECRET: 'changeme' });
    expect(error.code).toBe('SECRETS_INVALID');
    expect(error.message).toMatch(/^Refusing to start in production: .*missing: JWT_SECRET; placeholder values: APP_KEYS, ADMIN_JWT_SECRET/);
  });

  it('refuses the development secrets other Baobab services use, naming the variable', () => {
    // The chat gateway's sandbox secret and the Strapi template's value: taken in development, never in production.
    expect(parseCmsEnv({ ENCRYPTION_KEY: 'baobab-dev-only-secret' }).secrets).toEqual({ source: 'data-dir', given: { ENCRYPTION_KEY: 'baobab-dev-only-secret' } });
    expect(refusal({ ...production, ENCRYPTION_KEY: 'baobab-dev-only-secret' }).message).toContain('weak values: ENCRYPTION_KEY is a well-known or placeholder value');
    expect(refusal({ ...production, TRANSFER_TOKEN_SALT: 'tobemodified' }).message).toContain('placeholder values: TRANSFER_TOKEN_SALT');
  });

  it.each(['a', 'password', 'admin', 'secret123', 'ab'.repeat(24), 'short-but-random-Zq8'])('refuses the weak value %p, naming the variable', (value) => {
    expect(refusal({ ...production, API_TOKEN_SALT: value }).message).toMatch(/weak values: API_TOKEN_SALT (is|repeats)/);
  });

  it('checks every APP_KEYS key on its own and names the weak one', () => {
    const env = { ...production, APP_KEYS: [strong(), 'admin', strong()].join(',') };
    expect(weakSecrets(env)).toEqual(['APP_KEYS key 2 of 3 is a well-known or placeholder value; use 32 or more random characters.']);
  });

  it('refuses a weak BAOBAB_NOTIFY_SECRET when one is set, and accepts 18 random bytes', () => {
    expect(refusal({ ...production, BAOBAB_NOTIFY_SECRET: 'notify-secret-123' }).message).toMatch(/BAOBAB_NOTIFY_SECRET is 17 characters; use 24 or more/);
    expect(weakSecrets({ ...production, BAOBAB_NOTIFY_SECRET: randomBytes(18).toString('base64url') })).toEqual([]);
    expect(weakSecrets({ ...production, BAOBAB_NOTIFY_SECRET: undefined })).toEqual([]);
  });

  it('never repeats a secret in a message', () => {
    const { message } = refusal({ ...production, JWT_SECRET: 'short-but-random-Zq8' });
    expect(message).toContain('JWT_SECRET is 20 characters');
    expect(message).not.toContain('short-but-random-Zq8');
  });

  it('treats empty strings and the Strapi template values as placeholders', () => {
    expect(isPlaceholder('')).toBe(true);
    expect(isPlaceholder('tobemodified')).toBe(true);
    expect(isPlaceholder('a-real-key,toBeModified2')).toBe(true);
    expect(isPlaceholder('9f8e7d6c5b4a')).toBe(false);
  });
});

describe('BAOBAB_WRITE_SECRET', () => {
  it('defaults to the development secret outside production, and is refused there in production', () => {
    expect(parseCmsEnv({}).writeSecret).toBe('baobab-dev-only-secret');
    expect(refusal({ ...production, BAOBAB_WRITE_SECRET: undefined }).message).toContain('BAOBAB_WRITE_SECRET');
    expect(refusal({ ...production, BAOBAB_WRITE_SECRET: 'baobab-dev-only-secret' }).message).toContain('BAOBAB_WRITE_SECRET');
    expect(parseCmsEnv(production).writeSecret).toBe(production.BAOBAB_WRITE_SECRET);
  });

  it('never shows the write secret in a message', () => {
    expect(refusal({ ...production, BAOBAB_WRITE_SECRET: 'short-write-secret' }).message).not.toContain('short-write-secret');
  });
});

describe('BAOBAB_CONFIG', () => {
  it('names the registry file, by default baobab.config.ts at the repository root', () => {
    expect(parseCmsEnv({}).registryFile).toBe(path.join(repoDir, 'baobab.config.ts'));
    expect(parseCmsEnv({ BAOBAB_CONFIG: '/srv/baobab.config.ts' }).registryFile).toBe('/srv/baobab.config.ts');
  });
});
