// The one rule for secrets in production (keys, salts, webhook and notice secrets): long,
// not a well-known or placeholder value, not a repeated pattern. Each service applies it to
// the variables it reads, so a weak value stops start-up with a message naming the variable.

/** Shortest secret accepted: 32 characters (24 random bytes in base64, 16 in hex). */
export const MIN_SECRET_LENGTH = 32;

// Lower-cased, with separators removed before comparing.
const WEAK = [
  'password', 'passw0rd', 'admin', 'administrator', 'secret', 'changeme', 'changeit', 'replaceme', 'default',
  'letmein', 'welcome', 'qwerty', 'test', 'testing', 'example', 'sample', 'placeholder', 'todo', 'dummy', 'insecure',
  'development', 'dev', 'devsecret', 'local', 'baobab', 'strapi', 'token', 'key', 'apikey', 'verifytoken', 'notify',
];
const WEAK_PARTS = ['tobemodified', 'devonly', 'baobabdev', 'changeme', 'replaceme', 'placeholder', 'yoursecret', 'secrethere', 'insecure', 'notsecret', 'donotuse'];
const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm'];

function isRepeated(value: string): boolean {
  for (let size = 1; size <= Math.min(12, value.length / 2); size += 1) {
    const unit = value.slice(0, size);
    if (unit.repeat(Math.ceil(value.length / size)).startsWith(value)) return true;
  }
  return false;
}

export interface SecretRule {
  /** Defaults to MIN_SECRET_LENGTH. */
  readonly minLength?: number;
}

/**
 * Why a production secret is unfit, naming the variable; null when it is fit. Refuses a
 * missing or empty value, one shorter than 32 characters, a well-known word or placeholder
 * (password, admin, changeme, toBeModified…), one character or a short pattern repeated,
 * and runs like 0123456789.
 */
export function secretProblem(name: string, value: string | undefined, rule: SecretRule = {}): string | null {
  const minLength = rule.minLength ?? MIN_SECRET_LENGTH;
  if (value === undefined || value.trim() === '') return `${name} is not set.`;
  const folded = value.toLowerCase().replace(/[\s_.:-]+/g, '');
  if (WEAK.some((word) => folded === word || folded.replace(/\d+$/, '') === word) || WEAK_PARTS.some((part) => folded.includes(part))) {
    return `${name} is a well-known or placeholder value; use ${minLength} or more random characters.`;
  }
  if (value.length < minLength) return `${name} is ${value.length} characters; use ${minLength} or more random characters.`;
  if (isRepeated(value)) return `${name} repeats one short pattern; use ${minLength} or more random characters.`;
  if (SEQUENCES.some((run) => folded.includes(run.slice(0, 10)))) return `${name} contains an obvious run like "0123456789"; use random characters.`;
  if (new Set(value).size < 8) return `${name} uses fewer than 8 different characters; use ${minLength} or more random characters.`;
  return null;
}

/** How to make a fit secret, for start-up messages. */
export const makeSecretHint = 'Generate one with: node -e "console.log(require(\'crypto\').randomBytes(24).toString(\'base64url\'))"';
