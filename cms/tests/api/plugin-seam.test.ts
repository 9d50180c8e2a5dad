// The plugin seam end to end: plugins/README.md's minimal plugin, installed in a registry of
// its own (BAOBAB_CONFIG), in a real CMS of its own, over HTTP. A plugin's Site field answers
// only on sites that enable it; its mutation needs the write secret, POST, and stays within
// its rate limit; a cached answer is dropped by the tag a write invalidates, and only then.
import fs from 'node:fs';
import path from 'node:path';
import { startCms, type RunningCms } from '@baobab/testkit';

const repo = path.resolve(__dirname, '../../..');
const exampleDir = path.join(repo, '.tmp', `plugin-example-${process.pid}`);
const WRITE_SECRET = 'plugin-seam-test-write-secret';

let cms: RunningCms;

interface Answer {
  readonly status: number;
  readonly cache: string | null;
  readonly data: { site?: { greeting?: string } | null; wave?: number } | null | undefined;
  readonly codes: string[];
}

async function post(query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${cms.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: Answer['data']; errors?: Array<{ extensions?: { code?: string } }> };
  return { status: response.status, cache: response.headers.get('x-delivery-cache'), data: body.data, codes: (body.errors ?? []).map((error) => error.extensions?.code ?? '') };
}

const greeting = (site: string) => post(`{ site(code: "${site}") { greeting(name: "Amina") } }`);
const wave = (site: string, reader: string, headers: Record<string, string> = { authorization: `Bearer ${WRITE_SECRET}` }) =>
  post(`mutation { wave(site: "${site}", reader: "${reader}") }`, headers);

beforeAll(async () => {
  const readme = fs.readFileSync(path.join(repo, 'plugins/README.md'), 'utf8');
  const example = /```ts\n(\/\/ plugins\/hello\/src\/index\.ts[\s\S]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error('plugins/README.md has no minimal plugin example');
  fs.mkdirSync(exampleDir, { recursive: true });
  fs.writeFileSync(path.join(exampleDir, 'hello.ts'), example);
  fs.writeFileSync(
    path.join(exampleDir, 'baobab.config.ts'),
    "import { defineConfig } from '@baobab/plugin-api';\nimport { baseTheme } from '@baobab/theme-base';\nimport { sunriseTheme } from '@baobab/theme-sunrise';\nimport { pulseTheme } from '@baobab/theme-pulse';\nimport hello from './hello';\n\nexport default defineConfig({ themes: [baseTheme, sunriseTheme, pulseTheme], plugins: [hello] });\n",
  );
  // SQLite of its own even when the suite runs on PostgreSQL: this CMS must not reset the suite's database.
  cms = await startCms({ env: { BAOBAB_CONFIG: path.join(exampleDir, 'baobab.config.ts'), BAOBAB_WRITE_SECRET: WRITE_SECRET, DATABASE_URL: undefined } });
  // Enable the plugin on kijana-ke only, as an editor would (the save checks it is installed).
  const sites = (await (await fetch(`${cms.url}/api/sites?filters[code][$eq]=kijana-ke`, { headers: { authorization: `Bearer ${cms.apiToken}` } })).json()) as { data: Array<{ documentId: string }> };
  const documentId = sites.data[0]?.documentId;
  const saved = await fetch(`${cms.url}/api/sites/${documentId}?status=published`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ data: { plugins: ['hello'] } }),
  });
  if (!saved.ok) throw new Error(`enabling the plugin failed: ${saved.status} ${await saved.text()}`);
}, 240_000);

afterAll(async () => {
  await cms?.stop();
  fs.rmSync(exampleDir, { recursive: true, force: true });
});

describe('a plugin installed by the registry', () => {
  it("answers its Site field on a site that enables it, and PLUGIN_NOT_ENABLED elsewhere", async () => {
    expect((await greeting('kijana-ke')).data?.site?.greeting).toBe('Hello Amina from kijana-ke (0 waves)');
    const elsewhere = await greeting('thrive-za');
    expect(elsewhere.codes).toEqual(['PLUGIN_NOT_ENABLED']);
    expect(elsewhere.data?.site).toBeNull();
  });

  it('refuses its mutation without the write secret, over GET, and on a site without the plugin; counts nothing then', async () => {
    expect((await wave('kijana-ke', 'reader-a', {})).codes).toEqual(['UNAUTHENTICATED']);
    expect((await wave('kijana-ke', 'reader-a', { authorization: 'Bearer not-the-secret' })).codes).toEqual(['UNAUTHENTICATED']);
    const viaGet = await fetch(`${cms.url}/graphql?query=${encodeURIComponent('mutation { wave(site: "kijana-ke", reader: "reader-a") }')}`, {
      headers: { authorization: `Bearer ${WRITE_SECRET}`, accept: 'application/graphql-response+json' },
    });
    expect(viaGet.status).toBe(405);
    expect((await wave('thrive-za', 'reader-a')).codes).toEqual(['PLUGIN_NOT_ENABLED']);
    expect((await wave('no-such-site', 'reader-a')).codes).toEqual(['SITE_NOT_FOUND']);
    expect((await greeting('kijana-ke')).data?.site?.greeting).toBe('Hello Amina from kijana-ke (0 waves)');
  });

  it('keeps a cached answer until a write invalidates its tag, then serves the new one', async () => {
    await greeting('kijana-ke');
    const cached = await greeting('kijana-ke');
    expect(cached.cache).toBe('hit');
    const waved = await wave('kijana-ke', 'reader-b');
    expect(waved.data?.wave).toBe(1);
    expect(waved.cache).toBe('private');
    const after = await greeting('kijana-ke');
    expect(after.cache).toBe('miss');
    expect(after.data?.site?.greeting).toBe('Hello Amina from kijana-ke (1 waves)');
  });

  it('limits one reader to its rate per minute, without limiting another', async () => {
    expect((await wave('kijana-ke', 'reader-c')).codes).toEqual([]);
    expect((await wave('kijana-ke', 'reader-c')).codes).toEqual([]);
    expect((await wave('kijana-ke', 'reader-c')).codes).toEqual([]);
    expect((await wave('kijana-ke', 'reader-c')).codes).toEqual(['RATE_LIMITED']);
    expect((await wave('kijana-ke', 'reader-d')).codes).toEqual([]);
  });

  it('refuses enabling a plugin that is not installed, naming the installed ones', async () => {
    const sites = (await (await fetch(`${cms.url}/api/sites?filters[code][$eq]=thrive-za`, { headers: { authorization: `Bearer ${cms.apiToken}` } })).json()) as { data: Array<{ documentId: string }> };
    const refused = await fetch(`${cms.url}/api/sites/${sites.data[0]?.documentId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: { plugins: ['quizzes'] } }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('\\"quizzes\\" is not an installed plugin (installed: hello)');
  });
});
