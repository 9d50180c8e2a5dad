import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const serve = path.resolve(__dirname, '../../scripts/serve.ts');

function startProduction(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-prod-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', serve], {
      env: { ...process.env, NODE_ENV: 'production', BAOBAB_SERVE_ADMIN: 'false', BAOBAB_DATA_DIR: dataDir, PORT: '0', METRICS_PORT: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

describe('production start-up', () => {
  it('refuses to start with missing or placeholder secrets, naming each one, without a stack trace', async () => {
    const { code, output } = await startProduction({
      APP_KEYS: 'toBeModified1,toBeModified2',
      API_TOKEN_SALT: 'tobemodified',
      ADMIN_JWT_SECRET: 'a-real-looking-secret-123',
      TRANSFER_TOKEN_SALT: 'another-real-secret-456',
      JWT_SECRET: '',
      ENCRYPTION_KEY: undefined,
    });
    expect(code).toBe(1);
    expect(output).toContain('Refusing to start in production');
    expect(output).toMatch(/missing: ENCRYPTION_KEY/);
    expect(output).toMatch(/placeholder values: APP_KEYS, API_TOKEN_SALT, JWT_SECRET/);
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
