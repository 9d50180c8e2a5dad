import { randomBytes } from 'node:crypto';
import { isPlaceholder, productionSecrets, secretNames, weakSecrets } from '../secrets';

const strong = () => randomBytes(24).toString('base64');
const real: NodeJS.ProcessEnv = Object.fromEntries(secretNames.map((name) => [name, name === 'APP_KEYS' ? [strong(), strong()].join(',') : strong()]));

describe('production secrets', () => {
  it('accepts real secrets from the environment', () => {
    expect(productionSecrets(real).JWT_SECRET).toBe(real.JWT_SECRET);
  });

  it('refuses to start with a missing or placeholder secret and says which', () => {
    const env = { ...real, JWT_SECRET: undefined, APP_KEYS: 'toBeModified1,toBeModified2', ADMIN_JWT_SECRET: 'changeme' };
    expect(() => productionSecrets(env)).toThrow(/missing: JWT_SECRET; placeholder values: APP_KEYS, ADMIN_JWT_SECRET/);
  });

  it.each(['a', 'password', 'admin', 'secret123', 'ab'.repeat(24), 'short-but-random-Zq8'])('refuses the weak value %p, naming the variable', (value) => {
    expect(() => productionSecrets({ ...real, API_TOKEN_SALT: value })).toThrow(/weak values: API_TOKEN_SALT (is|repeats)/);
  });

  it('checks every APP_KEYS key on its own and names the weak one', () => {
    const env = { ...real, APP_KEYS: [strong(), 'admin', strong()].join(',') };
    expect(weakSecrets(env)).toEqual(['APP_KEYS key 2 of 3 is a well-known or placeholder value; use 32 or more random characters.']);
  });

  it('refuses a weak BAOBAB_NOTIFY_SECRET when one is set, and accepts 18 random bytes', () => {
    expect(() => productionSecrets({ ...real, BAOBAB_NOTIFY_SECRET: 'notify-secret-123' })).toThrow(/BAOBAB_NOTIFY_SECRET is 17 characters; use 24 or more/);
    expect(weakSecrets({ ...real, BAOBAB_NOTIFY_SECRET: randomBytes(18).toString('base64url') })).toEqual([]);
    expect(weakSecrets({ ...real, BAOBAB_NOTIFY_SECRET: undefined })).toEqual([]);
  });

  it('treats empty strings and the Strapi template values as placeholders', () => {
    expect(isPlaceholder('')).toBe(true);
    expect(isPlaceholder('tobemodified')).toBe(true);
    expect(isPlaceholder('a-real-key,toBeModified2')).toBe(true);
    expect(isPlaceholder('9f8e7d6c5b4a')).toBe(false);
  });
});
