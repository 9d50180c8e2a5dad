// The CMS's secrets. Development makes its own on first run and keeps them in the data
// folder; production takes them only from the environment and refuses placeholders and
// weak values (the kit's one secret rule).
import { makeSecretHint, secretProblem } from '@baobab/kit';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { ensureDataDirs, secretsFile } from './paths';

export const secretNames = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;
export type SecretName = (typeof secretNames)[number];
export type Secrets = Record<SecretName, string>;

export class SecretsError extends Error {
  readonly code = 'SECRETS_INVALID';
}

const PLACEHOLDER = /^(|tobemodified.*|changeme|change-me|replace-?me|secret|placeholder|xxx+|todo)$/i;

/** True when a value is empty or one of the well-known placeholders (any part of a comma list). */
export function isPlaceholder(value: string): boolean {
  return value.split(',').some((part) => PLACEHOLDER.test(part.trim()));
}

function generate(name: SecretName): string {
  // 24 random bytes: 32 characters, the kit's minimum, so a development secret copied to production passes.
  const random = () => crypto.randomBytes(24).toString('base64');
  return name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random();
}

/** The notice secret only guards clearing the front ends' caches: 24 characters (18 random bytes) suffice. */
export const NOTIFY_SECRET_MIN_LENGTH = 24;

/**
 * Why each production secret is weak, by the kit's rule (32 characters or more, no
 * well-known or repeated values): every APP_KEYS key on its own, and BAOBAB_NOTIFY_SECRET
 * when it is set. Missing and placeholder values are reported apart, by name.
 */
export function weakSecrets(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const check = (name: string, value: string, minLength?: number) => {
    const problem = secretProblem(name, value, { minLength });
    if (problem !== null) problems.push(problem);
  };
  for (const name of secretNames) {
    const value = env[name];
    if (value === undefined || isPlaceholder(value)) continue;
    const keys = name === 'APP_KEYS' ? value.split(',') : [value];
    keys.forEach((key, index) => check(keys.length === 1 ? name : `APP_KEYS key ${index + 1} of ${keys.length}`, key.trim()));
  }
  const notify = env.BAOBAB_NOTIFY_SECRET;
  if (notify !== undefined && notify !== '') check('BAOBAB_NOTIFY_SECRET', notify, NOTIFY_SECRET_MIN_LENGTH);
  return problems;
}

/** Production: every secret from the environment, none a placeholder or weak, or a SecretsError naming them. */
export function productionSecrets(env: NodeJS.ProcessEnv): Secrets {
  const missing = secretNames.filter((name) => env[name] === undefined);
  const placeholders = secretNames.filter((name) => env[name] !== undefined && isPlaceholder(env[name] ?? ''));
  const weak = weakSecrets(env);
  if (missing.length > 0 || placeholders.length > 0 || weak.length > 0) {
    const parts = [
      missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
      placeholders.length > 0 ? `placeholder values: ${placeholders.join(', ')}` : '',
      weak.length > 0 ? `weak values: ${weak.join(' ')}` : '',
    ].filter(Boolean);
    throw new SecretsError(`Refusing to start in production: set real secrets in the environment (${parts.join('; ')}). ${makeSecretHint}`);
  }
  return Object.fromEntries(secretNames.map((name) => [name, env[name] ?? ''])) as Secrets;
}

const storedSchema = z.record(z.string(), z.string());

/** Development: environment first, then the data folder's secrets file, generating what is missing. */
export function developmentSecrets(env: NodeJS.ProcessEnv): Secrets {
  ensureDataDirs();
  const stored = fs.existsSync(secretsFile) ? storedSchema.parse(JSON.parse(fs.readFileSync(secretsFile, 'utf8'))) : {};
  const secrets = Object.fromEntries(
    secretNames.map((name) => [name, env[name] ?? stored[name] ?? generate(name)]),
  ) as Secrets;
  const toStore = Object.fromEntries(secretNames.map((name) => [name, stored[name] ?? secrets[name]]));
  if (secretNames.some((name) => stored[name] === undefined)) {
    fs.writeFileSync(secretsFile, `${JSON.stringify(toStore, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}

let cached: Secrets | undefined;

export function getSecrets(): Secrets {
  cached ??= process.env.NODE_ENV === 'production' ? productionSecrets(process.env) : developmentSecrets(process.env);
  return cached;
}
