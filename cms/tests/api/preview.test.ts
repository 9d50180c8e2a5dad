// Preview over real HTTP: the admin's Preview endpoint mints a signed, expiring token for
// an authenticated admin only; delivery serves the draft it names with that token alone,
// never caches such an answer, and without a valid token serves only what is published.
import fs from 'node:fs';
import path from 'node:path';
import { previewKey, signPreviewToken } from '@baobab/kit/preview-token';
import { adminLogin, cmsUrl, createArticle, gql, paragraph, rest, uniqueSlug } from '../support/client';

const ARTICLE = 'api::article.article';
const dataDir = () => {
  const dir = process.env.BAOBAB_TEST_CMS_DATA_DIR;
  if (!dir) throw new Error('BAOBAB_TEST_CMS_DATA_DIR is not set: run API tests through jest');
  return dir;
};
/** The test CMS's own signing key, so a test can mint expired tokens and tokens for other documents. */
const key = () => previewKey(JSON.parse(fs.readFileSync(path.join(dataDir(), 'secrets.json'), 'utf8')).ENCRYPTION_KEY);
const tokenFor = (documentId: string, options: { now?: number; ttlMs?: number; locale?: string } = {}) =>
  signPreviewToken({ documentId, type: ARTICLE, locale: options.locale ?? 'en' }, key(), options).token;

/** The admin's session (shared by the run's test files: the CMS allows few logins a minute). */
const adminToken = adminLogin;

const PREVIEW = 'query($site: String!, $token: String!) { site(code: $site) { preview(token: $token) { title lead body locale sms: channelText(channel: "sms") } } }';
const ARTICLE_BY_SLUG = 'query($site: String!, $slug: String!, $token: String) { site(code: $site) { article(slug: $slug, previewToken: $token) { title } } }';

describe('preview tokens from the admin', () => {
  it('gives an authenticated admin a mobi preview URL carrying a token for the draft, and nobody else anything', async () => {
    const documentId = await createArticle({ title: 'Token draft', slug: uniqueSlug('token-draft'), sites: ['kijana-ke'] }, { status: 'draft' });
    const route = `/content-manager/preview/url/${ARTICLE}?documentId=${documentId}&locale=en&status=draft`;
    const anonymous = await fetch(`${cmsUrl()}${route}`);
    expect(anonymous.status).toBe(401);
    const answer = await fetch(`${cmsUrl()}${route}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
    expect(answer.status).toBe(200);
    const url = new URL(((await answer.json()) as { data: { url: string } }).data.url);
    expect(url.pathname).toBe('/_baobab/preview');
    const token = url.searchParams.get('token') ?? '';
    const result = await gql(PREVIEW, { site: 'kijana-ke', token });
    expect(result.errors).toBeUndefined();
    expect(result.data.site.preview.title).toBe('Token draft');
  });
});

describe('drafts through the delivery API', () => {
  it('serves a never-published draft with a valid token, privately (no-store, not cached)', async () => {
    const slug = uniqueSlug('draft-only');
    const documentId = await createArticle({ title: 'Only a draft', lead: 'Draft lead', slug, sites: ['kijana-ke'], body: [paragraph('Draft body for {{helpline}}.')] }, { status: 'draft' });
    const token = tokenFor(documentId);
    // Twice: a second identical request is private again, never a cache hit.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await gql(PREVIEW, { site: 'kijana-ke', token });
      expect(result.errors).toBeUndefined();
      expect(result.data.site.preview).toMatchObject({ title: 'Only a draft', lead: 'Draft lead', locale: 'en' });
      expect(JSON.stringify(result.data.site.preview.body)).toContain('Draft body for');
      expect(result.headers.get('cache-control')).toBe('no-store');
      expect(result.headers.get('x-delivery-cache')).toBe('private');
    }
    // Without a token the draft does not exist for delivery.
    const tokenless = await gql(ARTICLE_BY_SLUG, { site: 'kijana-ke', slug, token: null });
    expect(tokenless.data.site.article).toBeNull();
  });

  it('lists the draft only on the sites that carry it', async () => {
    const documentId = await createArticle({ title: 'Kenya only draft', slug: uniqueSlug('ke-draft'), sites: ['kijana-ke'] }, { status: 'draft' });
    const result = await gql('query($token: String!) { sites { code preview(token: $token) { title } } }', { token: tokenFor(documentId) });
    expect(result.errors).toBeUndefined();
    const carrying = result.data.sites.filter((site: { preview: unknown }) => site.preview !== null).map((site: { code: string }) => site.code);
    expect(carrying).toEqual(['kijana-ke']);
  });

  it('refuses an expired or tampered token with a stable code and no draft', async () => {
    const documentId = await createArticle({ title: 'Secret draft', slug: uniqueSlug('expired'), sites: ['kijana-ke'] }, { status: 'draft' });
    const expired = await gql(PREVIEW, { site: 'kijana-ke', token: tokenFor(documentId, { now: Date.now() - 3_600_000 }) });
    expect(expired.errors?.[0]?.extensions?.code).toBe('PREVIEW_TOKEN_EXPIRED');
    expect(expired.data.site.preview).toBeNull();
    expect(expired.headers.get('cache-control')).toBe('no-store');
    const valid = tokenFor(documentId);
    const tampered = `${valid.slice(0, -2)}${valid.endsWith('AA') ? 'BB' : 'AA'}`;
    const forged = await gql(PREVIEW, { site: 'kijana-ke', token: tampered });
    expect(forged.errors?.[0]?.extensions?.code).toBe('PREVIEW_TOKEN_INVALID');
    expect(JSON.stringify(forged.data)).not.toContain('Secret draft');
  });

  it('serves the draft of a published article only with a token for that document, and never lets it into the shared cache', async () => {
    const slug = uniqueSlug('edited');
    const documentId = await createArticle({ title: 'Public title', slug, sites: ['kijana-ke'] });
    const edited = await rest('PUT', `/articles/${documentId}?locale=en&status=draft`, { data: { title: 'Draft title' } });
    expect(edited.status).toBe(200);
    const other = await createArticle({ title: 'Another', slug: uniqueSlug('another'), sites: ['kijana-ke'] }, { status: 'draft' });
    const titleWith = async (token: string | null) => {
      const result = await gql(ARTICLE_BY_SLUG, { site: 'kijana-ke', slug, token });
      return { title: result.data?.site.article?.title, result };
    };

    const before = await titleWith(null);
    expect(before.title).toBe('Public title');
    const preview = await titleWith(tokenFor(documentId));
    expect(preview.title).toBe('Draft title');
    expect(preview.result.headers.get('cache-control')).toBe('no-store');
    expect(preview.result.headers.get('x-delivery-cache')).toBe('private');
    // A token for another document is honoured only for that document.
    expect((await titleWith(tokenFor(other))).title).toBe('Public title');
    // The public answer after a preview is still the published one, from the cache or not.
    const after = await titleWith(null);
    expect(after.title).toBe('Public title');
    expect(after.result.headers.get('x-delivery-cache')).toBe('hit');
    expect(after.result.headers.get('cache-control')).not.toBe('no-store');
  });
});
