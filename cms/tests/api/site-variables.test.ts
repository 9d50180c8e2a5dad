// A site's variables and locales reach every carried article's channel overrides: a site
// save that would push one over its channel's limit is refused, naming the article; an
// article save is never refused for an override it did not make too long.
import knex from 'knex';
import path from 'node:path';
import { overrideProblem } from '@baobab/channels/limits';
import { startCms, type RunningCms } from '@baobab/testkit';
import { rest, uniqueSlug, type Json, problemAt } from '../support/client';


// 140 characters + a space + the hotline: 145 with "1190", 163 with a 22-character number.
const OVERRIDE = `${'x'.repeat(140)} {{vhotline}}`;
const SHORT = '1190';
const LONG = '0800 723 253 (ext 555)';

async function siteWithArticle(call: typeof rest) {
  const code = uniqueSlug('vars');
  const site = await call('POST', '/sites?status=published', {
    data: { code, name: 'Variables test', hostnames: [`${code}.localhost`], defaultLocale: 'en-KE', locales: ['en-KE'], variables: [{ key: 'vhotline', value: SHORT }] },
  });
  expect(site.status).toBe(201);
  const slug = uniqueSlug('hotline-article');
  const article = await call('POST', '/articles?locale=en&status=published', {
    data: { title: 'Hotline', slug, sites: [code], body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Body.' }] }], channelOverrides: [{ channel: 'ussd', text: OVERRIDE }] },
  });
  expect(article.status).toBe(201);
  return { code, siteId: String(site.body.data.documentId), slug, articleId: String(article.body.data.documentId) };
}

describe('a site variable change that breaks an override', () => {
  let fixture: Awaited<ReturnType<typeof siteWithArticle>>;
  beforeAll(async () => {
    fixture = await siteWithArticle(rest);
  });
  afterAll(async () => {
    await rest('DELETE', `/articles/${fixture.articleId}?locale=en`);
    await rest('DELETE', `/sites/${fixture.siteId}`);
  });

  it('is refused at the variable, naming the article, translation, site and by how much, and saves nothing', async () => {
    const served = OVERRIDE.replace('{{vhotline}}', LONG);
    expect(overrideProblem('ussd', served)?.over).toBe(3);
    const response = await rest('PUT', `/sites/${fixture.siteId}?status=published`, { data: { variables: [{ key: 'vhotline', value: LONG }] } });
    const problem = problemAt(response, ['variables', '0', 'value']);
    expect(problem.message).toBe(
      `With this value, the USSD override of "${fixture.slug}" (en) no longer fits as ${fixture.code} serves it in en-KE. ` +
        'The USSD text is 163 characters; one screen holds at most 160. Shorten this value or that override by 3 characters.',
    );
    expect(response.body.error.message).toContain(`Variables 1 › Value: With this value, the USSD override of "${fixture.slug}" (en)`);
    const stored = await rest('GET', `/sites/${fixture.siteId}?status=draft&populate=variables`);
    expect(stored.body.data.variables.map((variable: { value: string }) => variable.value)).toEqual([SHORT]);
  });

  it('is refused when a draft saved earlier is published after the article was written', async () => {
    const other = await siteWithArticle(rest);
    // A draft with the long value is fine while no article uses it on this site...
    const draftCode = uniqueSlug('vars-draft');
    const site = await rest('POST', '/sites?status=published', {
      data: { code: draftCode, name: 'Draft first', hostnames: [`${draftCode}.localhost`], defaultLocale: 'en-KE', locales: ['en-KE'], variables: [{ key: 'vhotline', value: SHORT }] },
    });
    const siteId = String(site.body.data.documentId);
    expect((await rest('PUT', `/sites/${siteId}?status=draft`, { data: { variables: [{ key: 'vhotline', value: LONG }] } })).status).toBe(200);
    // ...then an article is carried by it (checked against the published 1190), then the draft is published.
    const code = draftCode;
    expect((await rest('PUT', `/articles/${other.articleId}?locale=en`, { data: { sites: [other.code, code] } })).status).toBe(200);
    const publish = await rest('PUT', `/sites/${siteId}?status=published`, { data: {} });
    expect(problemAt(publish, ['variables']).message).toContain(`the USSD override of "${other.slug}" (en) no longer fits as ${code} serves it in en-KE`);
    await rest('DELETE', `/articles/${other.articleId}?locale=en`);
    await rest('DELETE', `/sites/${other.siteId}`);
    await rest('DELETE', `/sites/${siteId}`);
  });

  it('is refused when a new locale would serve the override with a longer value, at locales', async () => {
    const withLocaleValue = await rest('PUT', `/sites/${fixture.siteId}?status=published`, {
      data: { variables: [{ key: 'vhotline', value: SHORT }, { key: 'vhotline', value: LONG, locale: 'sw-KE' }] },
    });
    expect(withLocaleValue.status).toBe(200);
    const response = await rest('PUT', `/sites/${fixture.siteId}?status=published`, { data: { locales: ['en-KE', 'sw-KE'] } });
    expect(problemAt(response, ['locales']).message).toContain(`With these locales, the USSD override of "${fixture.slug}" (en) no longer fits as ${fixture.code} serves it in sw-KE`);
  });

  it('lets the value change when the override still fits', async () => {
    const response = await rest('PUT', `/sites/${fixture.siteId}?status=published`, { data: { variables: [{ key: 'vhotline', value: '0800 723 25' }] } });
    expect(response.status).toBe(200);
  });
});

describe('an override already too long before a save', () => {
  // The state a site change made before this check existed: written straight into the
  // database of a CMS of our own (SQLite), as an older version could have left it.
  let cms: RunningCms;
  let fixture: Awaited<ReturnType<typeof siteWithArticle>>;
  const call: typeof rest = async (method, route, body) => {
    const response = await fetch(`${cms.url}/api${route}`, {
      method,
      headers: { authorization: `Bearer ${cms.apiToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : JSON.parse(text) };
  };

  beforeAll(async () => {
    cms = await startCms({ env: { DATABASE_URL: '', BAOBAB_SEED: 'false' } });
    fixture = await siteWithArticle(call);
    const db = knex({ client: 'better-sqlite3', connection: { filename: path.join(cms.dataDir, 'cms.db') }, useNullAsDefault: true });
    try {
      expect(await db('components_site_variables').where({ key: 'vhotline' }).update({ value: LONG })).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
  }, 180_000);
  afterAll(async () => {
    await cms?.stop();
  });

  it('does not refuse a tags-only save of the article', async () => {
    const response = await call('PUT', `/articles/${fixture.articleId}?locale=en`, { data: { tags: ['hiv'] } });
    expect(response.status).toBe(200);
  });

  it('does not refuse a save that sends the unchanged override along, as the admin does', async () => {
    const response = await call('PUT', `/articles/${fixture.articleId}?locale=en`, { data: { title: 'Hotline (edited)', channelOverrides: [{ channel: 'ussd', text: OVERRIDE }] } });
    expect(response.status).toBe(200);
  });

  it('refuses a save that changes the override and leaves it too long, naming the site', async () => {
    const response = await call('PUT', `/articles/${fixture.articleId}?locale=en`, { data: { channelOverrides: [{ channel: 'ussd', text: `${OVERRIDE}.` }] } });
    expect(problemAt(response, ['channelOverrides', '0', 'text']).message).toContain(`Counted as ${fixture.code} serves it in en-KE`);
  });

  it('does not refuse a site save that leaves the value as it is', async () => {
    expect((await call('PUT', `/sites/${fixture.siteId}?status=published`, { data: { name: 'Renamed' } })).status).toBe(200);
  });
});
