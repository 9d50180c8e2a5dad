// An article scheduled a few seconds ahead reaches the pages that list it within 2 s of
// its go-live time, with no edit to set it off: the CMS drops its caches and notifies the
// mobi-site at every publish window boundary.
import { page, rest } from './support/http';


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('scheduled articles', () => {
  it('appear on the home page and in their section within 2 s of goLiveAt, without another edit', async () => {
    const host = 'kijana-ke.localhost';
    const title = `Scheduled ${Date.now().toString(36)}`;
    const goLiveAt = Date.now() + 5000;
    const created = await rest('POST', '/articles?locale=en&status=published', {
      data: {
        title,
        slug: `scheduled-${Date.now().toString(36)}`,
        section: 'hiv-and-stis',
        sites: ['kijana-ke'],
        goLiveAt: new Date(goLiveAt).toISOString(),
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Goes live by itself.' }] }],
      },
    });
    expect(created.status).toBe(201);

    // Before go-live the pages are rendered and cached without it.
    for (const path of ['/', '/hiv-and-stis']) {
      expect((await page(host, path)).html).not.toContain(title);
      expect((await page(host, path)).headers.get('x-page-cache')).toBe('hit');
    }
    expect(Date.now()).toBeLessThan(goLiveAt);

    await sleep(goLiveAt - Date.now());
    const seenAt: Record<string, number> = {};
    while (Date.now() - goLiveAt < 6000 && Object.keys(seenAt).length < 2) {
      for (const path of ['/', '/hiv-and-stis']) {
        if (seenAt[path] === undefined && (await page(host, path)).html.includes(title)) seenAt[path] = Date.now() - goLiveAt;
      }
      await sleep(100);
    }
    expect(Object.keys(seenAt).sort()).toEqual(['/', '/hiv-and-stis']);
    for (const delay of Object.values(seenAt)) expect(delay).toBeLessThan(2000);
  });
});
