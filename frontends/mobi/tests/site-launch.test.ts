import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { page, rest } from './support/http';

const script = path.resolve(__dirname, '../../../scripts/site-new.ts');
const siteNew = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args, '--cms', process.env.BAOBAB_TEST_MOBI_CMS_URL ?? '', '--mobi', process.env.BAOBAB_TEST_MOBI_URL ?? ''], {
    env: { ...process.env, BAOBAB_API_TOKEN: process.env.BAOBAB_TEST_MOBI_API_TOKEN },
    encoding: 'utf8',
    timeout: 60_000,
  });


describe('site:new', () => {
  it('launches a themed site that the mobi-site serves within 5 seconds, with no restart', async () => {
    const started = Date.now();
    const result = siteNew(['--code', 'zm-demo', '--name', 'Kijana Zambia', '--host', 'kijana-zm.localhost', '--locales', 'en', '--theme', 'sunrise']);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(result.stdout).toContain('Site zm-demo is live');
    const home = await page('kijana-zm.localhost', '/');
    expect(Date.now() - started).toBeLessThan(15_000); // includes starting tsx twice
    expect(home.status).toBe(200);
    expect(home.html).toContain('Kijana Zambia');
    expect(home.html).toContain('#a4470f'); // sunrise's primary colour
    const served = /served (\d+) ms/.exec(result.stdout);
    expect(Number(served?.[1])).toBeLessThan(5000);
  });

  it('shows what --dry-run would create and creates nothing', async () => {
    const result = siteNew(['--code', 'dry-demo', '--name', 'Dry', '--host', 'dry.localhost', '--locales', 'en', '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('"code": "dry-demo"');
    expect((await page('dry.localhost', '/')).status).toBe(404);
  });

  it('refuses bad flags with a message naming each, and exit code 2', () => {
    const result = siteNew(['--code', 'ok-code', '--name', 'X', '--host', 'ok.localhost', '--locales', 'en,xx-YY', '--theme', 'neon', '--plugins', 'quizzes']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"xx-YY" is not in locales/registry.json');
    expect(result.stderr).toContain('--theme "neon" is not an installed theme (baobab.config.ts); use one of: base, sunrise, pulse');
    expect(result.stderr).toContain('--plugins: "quizzes" is not an installed plugin (baobab.config.ts)');
    const unknown = siteNew(['--colour', 'red']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
  });

  it('refuses a hostname another site owns, with the CMS\'s reason', () => {
    const result = siteNew(['--code', 'dup-demo', '--name', 'Dup', '--host', 'kijana-ke.localhost', '--locales', 'en']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('already belongs to site kijana-ke');
  });
});

describe('token overrides', () => {
  it('shows a colour override from the CMS on the very next request after publish', async () => {
    const before = await page('thrive-za.localhost', '/');
    expect(before.html).not.toContain('#2d1e6b');
    const found = await rest('GET', '/sites?filters[code][$eq]=thrive-za');
    const documentId = found.body.data?.[0]?.documentId ?? '';
    const updated = await rest('PUT', `/sites/${documentId}?status=published`, { data: { themeTokens: { colors: { primary: '#2d1e6b' } } } });
    expect(updated.status).toBe(200);
    const next = await page('thrive-za.localhost', '/');
    expect(next.html).toContain('#2d1e6b');
  });
});
