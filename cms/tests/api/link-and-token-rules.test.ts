// Every field that becomes a link or CSS is refused at save when it breaks its grammar, with
// a message at the field's path, and a refused save writes nothing.
import { rest, uniqueSlug, type Json, problemAt } from '../support/client';


const stored = async (type: string, field: string, value: string) =>
  (await rest('GET', `/${type}?filters[${field}][$eq]=${encodeURIComponent(value)}&status=draft&locale=all`)).body.data;

const newSite = (extra: Record<string, unknown> = {}) => {
  const code = uniqueSlug('rules');
  return { code, name: 'Rules test', hostnames: [`${code}.localhost`], defaultLocale: 'en', locales: ['en'], ...extra };
};

const link = (url: string) => ({ type: 'link', url, children: [{ type: 'text', text: 'here' }] });

describe('theme tokens at save', () => {
  const hostile = [
    ['font', 'system-ui}</style><script>alert(1)</script><style>x{', 'is not a font stack'],
    ['font', 'url(javascript:alert(1))', 'is not a font stack'],
    ['font', '@import url(https://evil.example/x.css)', 'is not a font stack'],
    ['font', 'expression(alert(1))', 'is not a font stack'],
    ['fontSize', '16px;}body{display:none', 'is not a length'],
    ['siteName', 'Kijana\u0000', 'is not plain text'],
  ] as const;

  it.each(hostile)('refuses a new site whose %s is %p, naming the token, and saves nothing', async (token, value, says) => {
    const data = newSite({ themeTokens: { [token]: value, colors: { primary: '#0b6e4f' } } });
    const response = await rest('POST', '/sites', { data });
    expect(problemAt(response, ['themeTokens', token]).message).toContain(says);
    expect(response.body.error.message).toContain(`Theme overrides › ${token}: `);
    expect(await stored('sites', 'code', data.code)).toHaveLength(0);
  });

  it('refuses a bad colour on an existing site and keeps its stored tokens', async () => {
    const data = newSite({ themeTokens: { colors: { primary: '#0b6e4f' } } });
    const created = await rest('POST', '/sites', { data });
    expect(created.status).toBe(201);
    const documentId: string = created.body.data.documentId;
    const response = await rest('PUT', `/sites/${documentId}`, { data: { themeTokens: { colors: { primary: '#0b6e4f;}*{x:url(//evil.example)' } } } });
    expect(problemAt(response, ['themeTokens', 'colors', 'primary']).message).toContain('is not a colour');
    expect((await rest('GET', `/sites/${documentId}?status=draft`)).body.data.themeTokens).toEqual({ colors: { primary: '#0b6e4f' } });
    await rest('DELETE', `/sites/${documentId}`);
  });
});

describe('links at save', () => {
  it.each(['javascript:alert(1)', 'JAVA\tSCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example', '/\\evil.example', 'www.example.org', '/{{path}}'])(
    'refuses the banner link %p and saves nothing',
    async (url) => {
      const slug = uniqueSlug('banner-link');
      const response = await rest('POST', '/banners?locale=en', { data: { title: 'Banner', slug, allSites: true, link: url } });
      expect(problemAt(response, ['link']).message.length).toBeGreaterThan(20);
      expect(await stored('banners', 'slug', slug)).toHaveLength(0);
    },
  );

  it('accepts a same-site path and a web link on a banner', async () => {
    for (const url of ['/hiv-and-stis', 'https://example.org/clinics']) {
      const response = await rest('POST', '/banners?locale=en', { data: { title: 'Banner', slug: uniqueSlug('banner-ok'), allSites: true, link: url } });
      expect(response.status).toBe(201);
      await rest('DELETE', `/banners/${response.body.data.documentId}?locale=en`);
    }
  });

  it('refuses a protocol-relative link nested in a page body, at the url path', async () => {
    const slug = uniqueSlug('page-link');
    const body = [
      { type: 'paragraph', children: [{ type: 'text', text: 'See ' }, link('/pages/contact')] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [link('//evil.example')] }] },
    ];
    const response = await rest('POST', '/pages?locale=en', { data: { title: 'Links', slug, allSites: true, body } });
    expect(problemAt(response, ['body', '1', 'children', '0', 'children', '0', 'url']).message).toContain('leads to another website');
    expect(response.body.error.details.errors).toHaveLength(1);
    expect(await stored('pages', 'slug', slug)).toHaveLength(0);
  });

  it('refuses a scripting link hidden with a tab in an article body', async () => {
    const slug = uniqueSlug('article-link');
    const body = [{ type: 'paragraph', children: [link('java\tscript:alert(1)')] }];
    const response = await rest('POST', '/articles?locale=en', { data: { title: 'Links', slug, allSites: true, body } });
    expect(problemAt(response, ['body', '0', 'children', '0', 'url']).message).toContain('"javascript:" links run code');
    expect(await stored('articles', 'slug', slug)).toHaveLength(0);
  });

  it('refuses a site variable that reads as an unsafe link, and keeps prose values', async () => {
    const data = newSite({ variables: [{ key: 'helpline', value: 'Call: 0800 723 253' }, { key: 'clinic', value: 'javascript:alert(1)' }] });
    const response = await rest('POST', '/sites', { data });
    expect(problemAt(response, ['variables', '1', 'value']).message).toContain('variables are filled into links');
    expect(response.body.error.details.errors).toHaveLength(1);
    expect(await stored('sites', 'code', data.code)).toHaveLength(0);
  });
});
