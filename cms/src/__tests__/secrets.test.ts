import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { developmentSecrets, secretNames } from '../secrets';

describe('development secrets', () => {
  let dir = '';
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-secrets-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are made on first run, kept in the data folder, and the same on the next run', () => {
    const file = path.join(dir, 'data', 'secrets.json');
    const first = developmentSecrets({}, file);
    for (const name of secretNames) expect(first[name].length).toBeGreaterThanOrEqual(32);
    expect(first.APP_KEYS.split(',')).toHaveLength(4);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(developmentSecrets({}, file)).toEqual(first);
  });

  it('take what the environment gives first, without writing it to the file', () => {
    const file = path.join(dir, 'secrets.json');
    const secrets = developmentSecrets({ JWT_SECRET: 'given-by-the-environment' }, file);
    expect(secrets.JWT_SECRET).toBe('given-by-the-environment');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('given-by-the-environment');
    expect(developmentSecrets({}, file).JWT_SECRET).not.toBe('given-by-the-environment');
  });
});
