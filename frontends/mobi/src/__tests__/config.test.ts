import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { previewFrameAncestors } from '../../server/http';
import { MobiConfigError, PAGE_CACHE_DEFAULTS, parseMobiConfig, type MobiConfig } from '../config';

const repoDir = path.resolve(__dirname, '../../../..');

/** The message parseMobiConfig refuses `env` with, or a failure when it accepts it. */
function refusal(env: Record<string, string | undefined>): string {
  try {
    parseMobiConfig(env);
  } catch (error) {
    if (error instanceof MobiConfigError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('the mobi-site settings', () => {
  it('has a default for every variable', () => {
    const expected: MobiConfig = {
      isProduction: false,
      port: 3000,
      host: '0.0.0.0',
      cmsUrl: 'http://127.0.0.1:1337',
      notifySecret: null,
      adminUrls: ['http://127.0.0.1:1337'],
      pageCache: { maxBytes: 64 * 1024 * 1024, lastGoodMaxBytes: 32 * 1024 * 1024, staleMaxAgeMs: 86_400_000 },
      dataDir: path.join(repoDir, 'data'),
      imageCacheDir: path.join(repoDir, 'data', 'image-cache'),
      readerSecret: 'baobab-dev-only-reader-secret',
      writeSecret: 'baobab-dev-only-secret',
      postsPerMinute: 60,
      trustedProxies: [],
      redisUrl: null,
      metrics: { port: 9465, host: '0.0.0.0' },
      logLevel: 'info',
    };
    expect(parseMobiConfig({})).toEqual(expected);
    expect(PAGE_CACHE_DEFAULTS).toEqual(expected.pageCache);
    // Metrics: off, another port, another host; a bad value names the variable.
    expect(parseMobiConfig({ METRICS_PORT: 'off' }).metrics).toBeNull();
    expect(parseMobiConfig({ METRICS_PORT: 'OFF' }).metrics).toBeNull();
    expect(parseMobiConfig({ METRICS_PORT: '9999', METRICS_HOST: '127.0.0.1', HOST: '0.0.0.0' }).metrics).toEqual({ port: 9999, host: '127.0.0.1' });
    expect(() => parseMobiConfig({ METRICS_PORT: '70000' })).toThrow('METRICS_PORT: expected a port number from 0 to 65535, or off, got "70000"');
    expect(() => parseMobiConfig({ METRICS_HOST: 'a b' })).toThrow('METRICS_HOST: expected a host name or IP address');
    expect(() => parseMobiConfig({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL: expected one of fatal, error, warn, info, http, debug, trace, silent, got "loud"');
    // Blank is unset.
    expect(parseMobiConfig({ PORT: '', BAOBAB_NOTIFY_SECRET: '', BAOBAB_PAGE_CACHE_BYTES: ' ' })).toEqual(expected);
  });

  it('reads what is set', () => {
    expect(
      parseMobiConfig({
        NODE_ENV: 'production',
        PORT: '8080',
        HOST: '127.0.0.1',
        CMS_URL: 'http://cms.internal:1337/',
        BAOBAB_NOTIFY_SECRET: 'Zq8-random-notify-secret-value-1',
        BAOBAB_ADMIN_URL: 'https://admin.example.org, http://localhost:1337',
        BAOBAB_PAGE_CACHE_BYTES: '128M',
        BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES: '512k',
        BAOBAB_STALE_MAX_AGE: '90',
        BAOBAB_DATA_DIR: '/srv/baobab',
        BAOBAB_IMAGE_CACHE_DIR: '/var/cache/baobab-images',
        BAOBAB_READER_SECRET: 'Rk3-random-reader-secret-value-7HqWx2',
        BAOBAB_WRITE_SECRET: 'Wm9-random-write-secret-value-4TzPq8',
        BAOBAB_POSTS_PER_MINUTE: '100000',
        BAOBAB_TRUSTED_PROXIES: ' 10.0.0.0/8, 172.18.0.0/16,192.0.2.7 ,fd00::/8,2001:DB8:0:0::1,',
        REDIS_URL: 'redis://:pass@redis.internal:6379/2',
        METRICS_PORT: '9100',
        LOG_LEVEL: 'http',
      }),
    ).toEqual({
      isProduction: true,
      port: 8080,
      host: '127.0.0.1',
      cmsUrl: 'http://cms.internal:1337',
      notifySecret: 'Zq8-random-notify-secret-value-1',
      adminUrls: ['https://admin.example.org', 'http://localhost:1337'],
      pageCache: { maxBytes: 128 * 1024 * 1024, lastGoodMaxBytes: 512 * 1024, staleMaxAgeMs: 90_000 },
      dataDir: '/srv/baobab',
      imageCacheDir: '/var/cache/baobab-images',
      readerSecret: 'Rk3-random-reader-secret-value-7HqWx2',
      writeSecret: 'Wm9-random-write-secret-value-4TzPq8',
      postsPerMinute: 100_000,
      trustedProxies: ['10.0.0.0/8', '172.18.0.0/16', '192.0.2.7', 'fd00::/8', '2001:db8::1'],
      redisUrl: 'redis://:pass@redis.internal:6379/2',
      metrics: { port: 9100, host: '127.0.0.1' },
      logLevel: 'http',
    });
    expect(parseMobiConfig({ BAOBAB_PAGE_CACHE: 'off' }).pageCache).toBeNull();
    expect(parseMobiConfig({ BAOBAB_PAGE_CACHE_BYTES: '1048576' }).pageCache?.maxBytes).toBe(1024 * 1024);
    expect(parseMobiConfig({ BAOBAB_DATA_DIR: '/srv/baobab' }).imageCacheDir).toBe('/srv/baobab/image-cache');
  });

  it('stops on a bad value with one line naming the variable, what it takes and what it got', () => {
    expect(refusal({ PORT: 'abc' })).toBe('PORT: expected a whole number from 0 to 65535, got "abc"');
    expect(refusal({ CMS_URL: 'cms:1337' })).toBe('CMS_URL: expected an http(s) URL such as http://127.0.0.1:1337, got "cms:1337"');
    expect(refusal({ BAOBAB_PAGE_CACHE: 'sometimes' })).toBe('BAOBAB_PAGE_CACHE: expected on or off, got "sometimes"');
    expect(refusal({ BAOBAB_ADMIN_URL: 'http://ok.example,not a url' })).toBe(
      'BAOBAB_ADMIN_URL: expected http(s) URLs separated by commas, such as http://localhost:1337, got "http://ok.example,not a url"',
    );
  });

  it.each(['0', '2592001', '-1', '1.5', '1h'])('refuses the stale max age %p naming the variable and its range in seconds', (value) => {
    expect(refusal({ BAOBAB_STALE_MAX_AGE: value })).toBe(`BAOBAB_STALE_MAX_AGE: expected a whole number from 1 to 2592000, got "${value}"`);
  });

  it.each(['0', '100001', '-1', '1.5', 'many'])('refuses the posts-per-minute budget %p naming the variable and its range', (value) => {
    expect(refusal({ BAOBAB_POSTS_PER_MINUTE: value })).toBe(`BAOBAB_POSTS_PER_MINUTE: expected a whole number from 1 to 100000, got "${value}"`);
  });

  it('reads trusted proxies: addresses and ranges of both families, canonical; blank trusts nobody', () => {
    expect(parseMobiConfig({ BAOBAB_TRUSTED_PROXIES: '127.0.0.1' }).trustedProxies).toEqual(['127.0.0.1']);
    expect(parseMobiConfig({ BAOBAB_TRUSTED_PROXIES: '::1,::ffff:10.0.0.0/104,0.0.0.0/1' }).trustedProxies).toEqual(['::1', '::ffff:a00:0/104', '0.0.0.0/1']);
    expect(parseMobiConfig({ BAOBAB_TRUSTED_PROXIES: ' , ' }).trustedProxies).toEqual([]);
    expect(parseMobiConfig({ BAOBAB_TRUSTED_PROXIES: '' }).trustedProxies).toEqual([]);
  });

  const PROXIES = 'BAOBAB_TRUSTED_PROXIES: expected IP addresses or CIDR ranges separated by commas, such as 10.0.0.0/8,fd00::/8 (empty trusts nobody)';
  it.each([
    ['10.0.0.0/8,10.0.0/8', '"10.0.0/8" is not an IP address or CIDR range'],
    ['nginx', '"nginx" is not an IP address or CIDR range'],
    ['loopback', '"loopback" is not an IP address or CIDR range'],
    ['127.1', '"127.1" is not an IP address or CIDR range'],
    ['0x7f.0.0.1', '"0x7f.0.0.1" is not an IP address or CIDR range'],
    ['fe80::1%eth0', '"fe80::1%eth0" is not an IP address or CIDR range'],
    ['10.0.0.0/33', '"10.0.0.0/33" needs a prefix length from 1 to 32 after the /'],
    ['fd00::/129', '"fd00::/129" needs a prefix length from 1 to 128 after the /'],
    ['10.0.0.0/255.0.0.0', '"10.0.0.0/255.0.0.0" needs a prefix length from 1 to 32 after the /'],
    ['10.0.0.0/08', '"10.0.0.0/08" needs a prefix length from 1 to 32 after the /'],
    ['10.0.0.0/', '"10.0.0.0/" needs a prefix length from 1 to 32 after the /'],
    ['0.0.0.0/0', '"0.0.0.0/0" trusts every address, so any reader could choose their own'],
    ['::/0', '"::/0" trusts every address, so any reader could choose their own'],
    ['10.1.2.3/8', '"10.1.2.3/8" has host bits set: did you mean 10.0.0.0/8?'],
    ['fd00::1/8', '"fd00::1/8" has host bits set: did you mean fd00::/8?'],
  ])('refuses the trusted proxies %p naming the variable and the entry', (value, problem) => {
    expect(refusal({ BAOBAB_TRUSTED_PROXIES: value })).toBe(`${PROXIES}; ${problem}, got "${value}"`);
  });

  it('refuses more than 64 trusted proxies', () => {
    const value = Array.from({ length: 65 }, (_, i) => `10.0.0.${i}`).join(',');
    expect(refusal({ BAOBAB_TRUSTED_PROXIES: value })).toMatch(/^BAOBAB_TRUSTED_PROXIES: expected at most 64 IP addresses or CIDR ranges/);
    expect(parseMobiConfig({ BAOBAB_TRUSTED_PROXIES: value.split(',').slice(0, 64).join(',') }).trustedProxies).toHaveLength(64);
  });

  it.each(['lots', '-5', '1.5M', '1000', '0'])('refuses the page cache size %p naming the variable', (value) => {
    expect(refusal({ BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES: value })).toBe(
      `BAOBAB_PAGE_CACHE_LAST_GOOD_BYTES: expected a size of at least 262144 bytes (bytes, or a number with K, M or G such as 64M), got "${value}"`,
    );
  });

  it('names every bad variable at once, on one line', () => {
    const message = refusal({ PORT: '65536', HOST: 'two\nlines', BAOBAB_PAGE_CACHE_BYTES: '1K' });
    expect(message.split('; ').map((part) => part.split(':')[0])).toEqual(['PORT', 'HOST', 'BAOBAB_PAGE_CACHE_BYTES']);
    expect(message).not.toContain('\n');
  });

  it('refuses a development or weak notice secret in production only, without repeating it', () => {
    expect(parseMobiConfig({ BAOBAB_NOTIFY_SECRET: 'baobab-dev-only-secret' }).notifySecret).toBe('baobab-dev-only-secret');
    const message = refusal({ NODE_ENV: 'production', BAOBAB_NOTIFY_SECRET: 'baobab-dev-only-secret' });
    expect(message).toBe('Refusing to start in production: BAOBAB_NOTIFY_SECRET is a well-known or placeholder value; use 24 or more random characters.');
    expect(refusal({ NODE_ENV: 'production', BAOBAB_NOTIFY_SECRET: 'notify-secret-123' })).toMatch(/BAOBAB_NOTIFY_SECRET is 17 characters; use 24 or more/);
    const strong = { BAOBAB_READER_SECRET: crypto.randomBytes(24).toString('base64url'), BAOBAB_WRITE_SECRET: crypto.randomBytes(24).toString('base64url') };
    expect(parseMobiConfig({ NODE_ENV: 'production', BAOBAB_NOTIFY_SECRET: crypto.randomBytes(18).toString('base64url'), ...strong }).isProduction).toBe(true);
  });

  it('signs cookies and writes with development secrets by default, and refuses them in production, without repeating them', () => {
    const strong = crypto.randomBytes(24).toString('base64url');
    expect(refusal({ NODE_ENV: 'production', BAOBAB_WRITE_SECRET: strong })).toBe('Refusing to start in production: BAOBAB_READER_SECRET is not set.');
    const message = refusal({ NODE_ENV: 'production', BAOBAB_READER_SECRET: 'baobab-dev-only-reader-secret', BAOBAB_WRITE_SECRET: 'baobab-dev-only-secret' });
    expect(message).toMatch(/^Refusing to start in production: BAOBAB_READER_SECRET is a well-known or placeholder value.*BAOBAB_WRITE_SECRET is a well-known or placeholder value/);
    expect(message).not.toContain('baobab-dev-only');
    expect(parseMobiConfig({ NODE_ENV: 'production', BAOBAB_READER_SECRET: strong, BAOBAB_WRITE_SECRET: `${strong}x` })).toMatchObject({ readerSecret: strong, writeSecret: `${strong}x` });
  });

  it('lets the admin frame the preview from its origins and their localhost twins', () => {
    expect(previewFrameAncestors(parseMobiConfig({}).adminUrls)).toEqual(['http://127.0.0.1:1337', 'http://localhost:1337']);
    expect(previewFrameAncestors(parseMobiConfig({ CMS_URL: 'http://cms:1337', BAOBAB_ADMIN_URL: 'https://admin.example.org/admin' }).adminUrls)).toEqual(['https://admin.example.org']);
  });
});

describe('mobi-site start-up', () => {
  it('stops before building with one line naming a bad variable, and no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../scripts/serve.ts')], {
      cwd: repoDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('mobi-site failed to start [MOBI_CONFIG_INVALID]: PORT: expected a whole number from 0 to 65535, got "eighty"');
  });
});
