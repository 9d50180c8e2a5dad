// The CMS's six secrets. Production takes them from the environment, checked in env.ts;
// development takes what the environment gives and makes the rest on first run, kept in
// the data folder so logins and tokens survive restarts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { cmsEnv, secretNames, type SecretName, type Secrets } from './env';
import { dataPaths } from './paths';

export { secretNames, type SecretName, type Secrets } from './env';

function generate(name: SecretName): string {
  // 24 random bytes: 32 characters, the kit's minimum, so a development secret copied to production passes.
  const random = () => crypto.randomBytes(24).toString('base64');
  return name === 'APP_KEYS' ? [random(), random(), random(), random()].join(',') : random();
}

const storedSchema = z.record(z.string(), z.string());

/** Development: the given secrets first, then the secrets file, generating (and storing) what is missing. */
export function developmentSecrets(given: Partial<Secrets>, file: string): Secrets {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const stored = fs.existsSync(file) ? storedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : {};
  const missing = secretNames.filter((name) => stored[name] === undefined);
  const generated = Object.fromEntries(missing.map((name) => [name, generate(name)]));
  const pick = (name: SecretName): string => given[name] ?? stored[name] ?? generated[name] ?? generate(name);
  const secrets: Secrets = {
    APP_KEYS: pick('APP_KEYS'),
    API_TOKEN_SALT: pick('API_TOKEN_SALT'),
    ADMIN_JWT_SECRET: pick('ADMIN_JWT_SECRET'),
    TRANSFER_TOKEN_SALT: pick('TRANSFER_TOKEN_SALT'),
    JWT_SECRET: pick('JWT_SECRET'),
    ENCRYPTION_KEY: pick('ENCRYPTION_KEY'),
  };
  if (missing.length > 0) {
    // The file keeps its own values (or freshly generated ones), never those the environment gave.
    const toStore = Object.fromEntries(secretNames.map((name) => [name, stored[name] ?? generated[name]]));
    fs.writeFileSync(file, `${JSON.stringify(toStore, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}

let cached: Secrets | undefined;

export function getSecrets(): Secrets {
  const { secrets } = cmsEnv();
  cached ??= secrets.source === 'environment' ? secrets.values : developmentSecrets(secrets.given, dataPaths().secretsFile);
  return cached;
}
