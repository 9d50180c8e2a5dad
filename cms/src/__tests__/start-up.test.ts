// The real entry (scripts/serve.ts, what `npm start` runs) with a bad setting: it must stop
// at once, before compiling anything, with one line naming the variable.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const serve = path.resolve(__dirname, '../../scripts/serve.ts');

function start(env: Record<string, string>): { status: number | null; output: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-start-'));
  try {
    const result = spawnSync(process.execPath, ['--import', 'tsx', serve], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BAOBAB_DATA_DIR: dataDir, BAOBAB_SERVE_ADMIN: 'false', METRICS_PORT: 'off', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('CMS start-up', () => {
  it('stops with one line naming a bad variable, and no stack trace', () => {
    const { status, output } = start({ NODE_ENV: 'development', BAOBAB_ADMIN_LOGIN_LIMIT: 'abc' });
    expect(status).toBe(1);
    expect(output.trim()).toBe('CMS failed to start [CMS_CONFIG_INVALID]: BAOBAB_ADMIN_LOGIN_LIMIT: expected a whole number from 1 to 1000, got "abc"');
  });

  it('refuses a development secret in production, naming the variable', () => {
    const { status, output } = start({ NODE_ENV: 'production', ENCRYPTION_KEY: 'baobab-dev-only-secret' });
    expect(status).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toMatch(/^CMS failed to start \[SECRETS_INVALID\]: Refusing to start in production: .*missing: APP_KEYS, API_TOKEN_SALT, ADMIN_JWT_SECRET, TRANSFER_TOKEN_SALT, JWT_SECRET; .*ENCRYPTION_KEY is a well-known or placeholder value/);
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('stops with one line naming the path when the registry lists a theme twice', () => {
    // Inside the repository, so the file resolves the workspace packages it imports.
    const dir = fs.mkdtempSync(path.join(path.resolve(__dirname, '../../..'), '.tmp-registry-'));
    const file = path.join(dir, 'baobab.config.ts');
    fs.writeFileSync(file, "import { defineConfig } from '@baobab/plugin-api';\nimport { baseTheme } from '@baobab/theme-base';\nexport default defineConfig({ themes: [baseTheme, baseTheme], plugins: [] });\n");
    try {
      const { status, output } = start({ NODE_ENV: 'development', BAOBAB_CONFIG: file });
      expect(status).toBe(1);
      expect(output.trim()).toBe('CMS failed to start [REGISTRY_INVALID]: baobab.config.ts: themes[1] "base" is listed twice');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
