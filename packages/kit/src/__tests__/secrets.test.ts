import { randomBytes } from 'node:crypto';
import { secretProblem } from '..';

describe('secretProblem', () => {
  const weak = [
    'a',
    'password',
    'Password1',
    'admin',
    'secret',
    'changeme',
    'CHANGE-ME',
    '123456',
    'toBeModified1',
    'x'.repeat(40),
    'ab'.repeat(20),
    'password'.repeat(5),
    'changeme-changeme-changeme-change',
    'abcdefghijklmnopqrstuvwxyz0123456789',
    '0123456789012345678901234567890123',
    'short-but-random-Zq8!',
    'aaaabbbbccccddddaaaabbbbccccdddd11',
    'baobab-dev-only-secret-padded-to-40-chars',
  ];
  it.each(weak)('refuses %p, naming the variable', (value) => {
    expect(secretProblem('JWT_SECRET', value)).toMatch(/^JWT_SECRET /);
  });

  it('refuses a missing or empty value', () => {
    expect(secretProblem('APP_KEYS', undefined)).toBe('APP_KEYS is not set.');
    expect(secretProblem('APP_KEYS', '  ')).toBe('APP_KEYS is not set.');
  });

  it('says how long a short value is and how long it must be', () => {
    expect(secretProblem('SMS_API_KEY', 'Zq8rT2vK9wXy')).toBe('SMS_API_KEY is 12 characters; use 32 or more random characters.');
  });

  it('accepts 24 random bytes in base64 and 16 in hex, every time', () => {
    for (let i = 0; i < 200; i += 1) {
      expect(secretProblem('X', randomBytes(24).toString('base64'))).toBeNull();
      expect(secretProblem('X', randomBytes(16).toString('hex'))).toBeNull();
    }
  });

  it('takes a different minimum length when a service needs one', () => {
    expect(secretProblem('X', 'Zq8rT2vK9wXyLm4P', { minLength: 16 })).toBeNull();
  });
});
