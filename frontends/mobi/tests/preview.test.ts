// The editors' draft preview on the mobi process: the draft as each carrying site renders
// it and on every chat channel with sizes, never cached or indexed; a bad or expired link
// gets a readable 4xx page, never a 500.
import fs from 'node:fs';
import path from 'node:path';
import { previewKey, signPreviewToken } from '@baobab/kit/preview-token';
import { page, rest } from './support/http';

const HOST = 'localhost';
const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

function tokenFor(documentId: string, options: { now?: number } = {}): string {
  const dataDir = process.env.BAOBAB_TEST_MOBI_CMS_DATA_DIR ?? '';
  const { ENCRYPTION_KEY } = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'));
  return signPreviewToken({ documentId, type: 'api::article.article', locale: 'en' }, previewKey(ENCRYPTION_KEY), options).token;
}

const slug = `preview-draft-${Date.now().toString(36)}`;
let documentId = '';

beforeAll(async () => {
  const created = await rest('POST', '/articles?locale=en&status=draft', {
    data: {
      title: 'Draft about sleep',
      lead: 'Rest well',
      slug,
      sites: ['kijana-ke', 'thrive-za'],
      body: Array.from({ length: 6 }, (_, index) => paragraph(`Part ${index + 1}: sleep helps you learn and grow, so keep a regular bedtime every night.`)),
      channelOverrides: [{ channel: 'sms', text: 'Sleep well tonight: a regular bedtime helps.' }],
    },
  });
  expect(created.status).toBe(201);
  documentId = created.body.data.documentId;
});

const NOINDEX_META = /<meta name="robots" content="noindex"[^>]*\/>/;

const isPrivate = (headers: Headers) => {
  expect(headers.get('cache-control')).toBe('no-store');
  expect(headers.get('x-robots-tag')).toMatch(/noindex/);
  expect(headers.get('x-page-cache')).toBeNull();
};

describe('draft preview', () => {
  it('shows the draft as a carrying site renders it, with WhatsApp, SMS, USSD and Telegram renderings and sizes', async () => {
    const answer = await page(HOST, `/_baobab/preview?token=${encodeURIComponent(tokenFor(documentId))}`);
    expect(answer.status).toBe(200);
    isPrivate(answer.headers);
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('content-security-policy')).toMatch(/frame-ancestors http:\/\/127\.0\.0\.1:\d+/);
    expect(answer.headers.get('x-frame-options')).toBeNull();
    expect(answer.html).toMatch(NOINDEX_META);
    expect(answer.html).not.toMatch(/<script/i);
    expect(answer.html).toContain('Draft about sleep');
    expect(answer.html).toMatch(/WhatsApp: 1 message, \d+ characters/);
    expect(answer.html).toMatch(/SMS: 1 reply, 1 SMS part \(GSM-7\), 44 characters \(editor’s text for this channel\)/);
    expect(answer.html).toContain('Sleep well tonight: a regular bedtime helps.');
    expect(answer.html).toMatch(/USSD: \d+ USSD screens of at most 160 characters/);
    expect(answer.html).toMatch(/Telegram: 1 message, \d+ characters/);
    // Both carrying sites are listed; the other one is a link to its own rendering.
    expect(answer.html).toContain('kijana-ke, en-KE');
    expect(answer.html).toMatch(/href="\/_baobab\/preview\?token=[^"]+&amp;site=thrive-za"/);
  });

  it("renders another carrying site's page when asked, in that site's theme and locale", async () => {
    const kenya = await page(HOST, `/_baobab/preview?token=${encodeURIComponent(tokenFor(documentId))}`);
    const southAfrica = await page(HOST, `/_baobab/preview?token=${encodeURIComponent(tokenFor(documentId))}&site=thrive-za`);
    expect(southAfrica.status).toBe(200);
    isPrivate(southAfrica.headers);
    expect(southAfrica.html).toContain('lang="en-ZA"');
    expect(kenya.html).toContain('lang="en-KE"');
    const css = (html: string) => /<style[^>]*>([\s\S]*?)<\/style>/.exec(html)?.[1];
    expect(css(southAfrica.html)).not.toBe(css(kenya.html));
  });

  it('never lets the draft reach the public site or its cache', async () => {
    await page(HOST, `/_baobab/preview?token=${encodeURIComponent(tokenFor(documentId))}`);
    const site = await page('kijana-ke.localhost', `/articles/${slug}`);
    expect(site.status).toBe(404);
    expect(site.html).not.toContain('Draft about sleep');
  });

  it('answers an expired link 410 with a page saying what to do', async () => {
    const answer = await page(HOST, `/_baobab/preview?token=${encodeURIComponent(tokenFor(documentId, { now: Date.now() - 3_600_000 }))}`);
    expect(answer.status).toBe(410);
    isPrivate(answer.headers);
    expect(answer.html).toContain('This preview link has expired');
    expect(answer.html).toContain('press Preview again');
    expect(answer.html).toMatch(NOINDEX_META);
    expect(answer.html).not.toContain('Draft about sleep');
  });

  it('answers a missing, malformed or forged link with a readable 4xx, never a 500', async () => {
    const valid = tokenFor(documentId);
    const forged = `${valid.slice(0, -4)}${valid.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const cases: Array<[string, number, string]> = [
      ['/_baobab/preview', 400, 'No preview link'],
      ['/_baobab/preview?token=', 400, 'No preview link'],
      ['/_baobab/preview?token=%3Cscript%3E', 403, 'not valid'],
      [`/_baobab/preview?token=${'a'.repeat(5000)}`, 403, 'not valid'],
      [`/_baobab/preview?token=${encodeURIComponent(forged)}`, 403, 'not valid'],
      [`/_baobab/preview?token=${encodeURIComponent(valid)}&token=x`, 400, 'No preview link'],
    ];
    for (const [url, status, text] of cases) {
      const answer = await page(HOST, url);
      expect([url, answer.status]).toEqual([url, status]);
      isPrivate(answer.headers);
      expect(answer.html).toContain(text);
      expect(answer.html).not.toContain('Draft about sleep');
    }
  });
});
