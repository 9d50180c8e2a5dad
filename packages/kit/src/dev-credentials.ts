// The development credentials file (`data/dev-credentials.env`): the CMS writes it on
// first start, and scripts, tests and benchmarks read it to log in. One format, one place.
import fs from 'node:fs';
import { z } from 'zod';

export interface DevCredentials {
  readonly BAOBAB_ADMIN_EMAIL: string;
  readonly BAOBAB_ADMIN_PASSWORD: string;
  readonly BAOBAB_API_TOKEN: string;
}

const credentialsSchema = z.object({
  BAOBAB_ADMIN_EMAIL: z.string(),
  BAOBAB_ADMIN_PASSWORD: z.string(),
  BAOBAB_API_TOKEN: z.string(),
});

/** The credentials in `file`, or null when it is missing or incomplete. */
export function readCredentialsFile(file: string): DevCredentials | null {
  if (!fs.existsSync(file)) return null;
  const entries = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
    .flatMap((match) => (match?.[1] && match[2] !== undefined ? [[match[1], match[2]] as const] : []));
  const parsed = credentialsSchema.safeParse(Object.fromEntries(entries));
  return parsed.success ? parsed.data : null;
}

/** Writes `file` readable by its owner only. */
export function writeCredentialsFile(file: string, credentials: DevCredentials): void {
  const lines = Object.entries(credentials).map(([key, value]) => `${key}=${value}`);
  fs.writeFileSync(file, `# Development credentials for the local CMS. Not for production.\n${lines.join('\n')}\n`, { mode: 0o600 });
}
