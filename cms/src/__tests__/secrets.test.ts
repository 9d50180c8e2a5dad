import { isPlaceholder, productionSecrets, secretNames } from '../secrets';

const real = Object.fromEntries(secretNames.map((name) => [name, `real-${name}-value-0123456789`]));

describe('production secrets', () => {
  it('accepts real secrets from the environment', () => {
    expect(productionSecrets(real).JWT_SECRET).toBe(real.JWT_SECRET);
  });

  it('refuses to start with a missing or placeholder secret and says which', () => {
    const env = { ...real, JWT_SECRET: undefined, APP_KEYS: 'toBeModified1,toBeModified2', ADMIN_JWT_SECRET: 'changeme' };
    expect(() => productionSecrets(env)).toThrow(/missing: JWT_SECRET; placeholder values: APP_KEYS, ADMIN_JWT_SECRET/);
  });

  it('treats empty strings and the Strapi template values as placeholders', () => {
    expect(isPlaceholder('')).toBe(true);
    expect(isPlaceholder('tobemodified')).toBe(true);
    expect(isPlaceholder('a-real-key,toBeModified2')).toBe(true);
    expect(isPlaceholder('9f8e7d6c5b4a')).toBe(false);
  });
});
