import { page, rest } from './support/http';


describe('page cache', () => {
  it('answers a repeated page from cache with an ETag, 304 on If-None-Match, and proxy-friendly Cache-Control', async () => {
    await page('thrive-za.localhost', '/');
    const second = await page('thrive-za.localhost', '/');
    expect(second.headers.get('x-page-cache')).toBe('hit');
    expect(second.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+.*stale-if-error=\d+/);
    const etag = second.headers.get('etag') ?? '';
    const revalidated = await page('thrive-za.localhost', '/', { 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.html).toBe('');
  });

  it('serves gzip when the phone accepts it', async () => {
    const compressed = await page('thrive-za.localhost', '/', { 'accept-encoding': 'gzip' });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
  });

  it('shows a publish on the pages that show it within 2 seconds, without polling', async () => {
    const slug = `cache-${Date.now().toString(36)}`;
    const created = await rest('POST', '/articles?locale=en&status=published', {
      data: { title: 'Cache before', slug, sites: ['mama-ng'], body: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] },
    });
    expect(created.status).toBe(201);
    const path = `/articles/${slug}`;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await page('mama-ng.localhost', path)).html).toContain('Cache before');
    expect((await page('mama-ng.localhost', path)).headers.get('x-page-cache')).toBe('hit');

    const started = Date.now();
    const updated = await rest('PUT', `/articles/${created.body.data?.documentId ?? ''}?locale=en&status=published`, { data: { title: 'Cache after' } });
    expect(updated.status).toBe(200);
    let html = '';
    while (Date.now() - started < 5000) {
      html = (await page('mama-ng.localhost', path)).html;
      if (html.includes('Cache after')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(html).toContain('Cache after');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps other sites\' pages cached when one site\'s local article changes, and makes that site\'s home fresh', async () => {
    const slug = `local-${Date.now().toString(36)}`;
    const created = await rest('POST', '/articles?locale=en&status=published', {
      data: { title: 'Local news before', slug, sites: ['kijana-ke'], body: [{ type: 'paragraph', children: [{ type: 'text', text: 'x' }] }] },
    });
    expect(created.status).toBe(201);
    // Warm both homes (the first ask renders, the second must be a hit).
    for (const host of ['thrive-za.localhost', 'kijana-ke.localhost']) {
      await page(host, '/');
      expect((await page(host, '/')).headers.get('x-page-cache')).toBe('hit');
    }
    const updated = await rest('PUT', `/articles/${created.body.data?.documentId ?? ''}?locale=en&status=published`, { data: { title: 'Local news after' } });
    expect(updated.status).toBe(200);
    // The save returns once the mobi-site has been told.
    expect((await page('thrive-za.localhost', '/')).headers.get('x-page-cache')).toBe('hit');
    const home = await page('kijana-ke.localhost', '/');
    expect(home.headers.get('x-page-cache')).toBe('miss');
    expect(home.html).toContain('Local news after');
    expect((await page('kijana-ke.localhost', '/')).headers.get('x-page-cache')).toBe('hit');
  });

  it('refuses a content-changed notice whose body is not a change', async () => {
    const secret = process.env.BAOBAB_TEST_NOTIFY_SECRET ?? '';
    const malformed = await fetch(`${process.env.BAOBAB_TEST_MOBI_URL}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': secret }, body: '{"sites":"every"}' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toMatch(/^CHANGE_MALFORMED: /);
  });

  it('refuses a content-changed notice without the shared secret', async () => {
    const response = await fetch(`${process.env.BAOBAB_TEST_MOBI_URL}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': 'wrong-secret-wrong' } });
    expect(response.status).toBe(404);
    // As long as the secret (32 characters), in characters that take two bytes: still a wrong secret, not an error.
    const lookalike = await fetch(`${process.env.BAOBAB_TEST_MOBI_URL}/_baobab/invalidate`, { method: 'POST', headers: { 'x-baobab-secret': 'é'.repeat(32) } });
    expect(lookalike.status).toBe(404);
  });
});
