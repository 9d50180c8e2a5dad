import crypto from 'node:crypto';
import { createPageCache, pageKey } from '../../server/page-cache';

const HOUR = 3_600_000;
const html = (bytes: number) => ({ status: 200, contentType: 'text/html; charset=utf-8', body: crypto.randomBytes(bytes) });
const key = (url: string, host = 'kijana-ke.localhost') => pageKey({ url, headers: { host } }, false);

describe('page cache key', () => {
  it('leaves out query parameters the route does not read', () => {
    expect(key('/?utm=1')).toBe(key('/'));
    expect(key('/?utm=1&after=x')).toBe(key('/'));
    expect(key('/articles/eat-well?utm_source=sms&fbclid=abc')).toBe(key('/articles/eat-well'));
    expect(key('/sw-KE/language?q=x')).toBe(key('/sw-KE/language'));
  });

  it('keeps the parameters a route reads, first value each, in one order', () => {
    expect(key('/hiv-and-stis?after=abc&utm=2')).toBe(key('/hiv-and-stis?after=abc'));
    expect(key('/hiv-and-stis?after=abc')).not.toBe(key('/hiv-and-stis'));
    expect(key('/search?utm=1&after=c&q=hiv')).toBe(key('/search?q=hiv&after=c'));
    expect(key('/search?q=hiv&q=other')).toBe(key('/search?q=hiv'));
    expect(key('/search?q=hiv')).not.toBe(key('/search?q=aids'));
    expect(key('/sw-KE/search?q=vvu&x=1')).toBe(key('/sw-KE/search?q=vvu'));
    expect(key('/search?q=')).toBe(key('/search'));
  });

  it('keeps host and the lite flag apart', () => {
    expect(key('/', 'mama-ng.localhost')).not.toBe(key('/'));
    expect(pageKey({ url: '/', headers: { host: 'kijana-ke.localhost' } }, true)).not.toBe(key('/'));
  });
});

describe('page cache', () => {
  it('stays within its byte bound, dropping the least recently used page first', () => {
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR });
    cache.set('a', html(12_000));
    for (let n = 0; n < 30; n += 1) {
      cache.set(`page-${n}`, html(12_000));
      cache.get('a');
    }
    expect(cache.stats.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(cache.stats.entries).toBeLessThanOrEqual(10);
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('page-0')).toBeUndefined();
    expect(cache.get('page-29')).toBeDefined();
  });

  it('keeps last good copies when a flood of one-off pages churns the fresh ones', () => {
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR });
    const home = cache.set('home', html(4_000));
    expect(cache.get('home')?.page).toBe(home); // asked again: now a last good copy
    for (let n = 0; n < 5200; n += 1) cache.set(`/search?q=${n}`, html(4_000));
    expect(cache.get('home')).toBeUndefined();
    expect(cache.lastGood('home')).toBe(home);
    expect(cache.stats.lastGoodEntries).toBe(1);
    expect(cache.stats.bytes).toBeLessThanOrEqual(256 * 1024);
  });

  it('refreshes the last good copy when a known page is rendered again, and marks pages stale on a notice', () => {
    let clock = 1_000;
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR, now: () => clock });
    cache.set('home', html(1_000));
    cache.get('home');
    cache.invalidate();
    expect(cache.get('home')?.isStale).toBe(true);
    clock += 1;
    const again = cache.set('home', html(1_000));
    expect(cache.get('home')).toEqual({ page: again, isStale: false });
    expect(cache.lastGood('home')).toBe(again);
  });

  it('marks stale only the pages of the sites a change reaches, and pages of no site when sites change', () => {
    let clock = 1_000;
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR, now: () => clock });
    cache.set('kijana.localhost/', html(1_000), 'kijana-ke');
    cache.set('thrive.localhost/', html(1_000), 'thrive-za');
    cache.set('nobody.localhost/', html(1_000), null);
    clock += 5;
    cache.invalidate({ sites: ['kijana-ke'], tags: ['doc:abc'] });
    expect(cache.get('kijana.localhost/')?.isStale).toBe(true);
    expect(cache.get('thrive.localhost/')?.isStale).toBe(false);
    expect(cache.get('nobody.localhost/')?.isStale).toBe(false);
    cache.invalidate({ sites: ['zm-demo'], tags: ['sites', 'site:zm-demo'] });
    expect(cache.get('nobody.localhost/')?.isStale).toBe(true);
    expect(cache.get('thrive.localhost/')?.isStale).toBe(false);
    cache.invalidate({ sites: 'all', tags: ['doc:shared'] });
    expect(cache.get('thrive.localhost/')?.isStale).toBe(true);
  });

  it('keeps renders that started before a change, or while it settles, stale', () => {
    let clock = 1_000;
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR, now: () => clock });
    const startedBefore = clock;
    clock += 10;
    cache.invalidate({ sites: ['kijana-ke'], tags: [] }, 500);
    // A render that started before the change, finishing after it, read the old content.
    cache.set('kijana.localhost/', html(1_000), 'kijana-ke', startedBefore);
    expect(cache.get('kijana.localhost/')?.isStale).toBe(true);
    clock += 400;
    cache.set('kijana.localhost/', html(1_000), 'kijana-ke');
    expect(cache.get('kijana.localhost/')?.isStale).toBe(true);
    clock += 200;
    cache.set('kijana.localhost/', html(1_000), 'kijana-ke');
    expect(cache.get('kijana.localhost/')?.isStale).toBe(false);
  });

  it('stands in a page asked for once while the fresh store still holds it', () => {
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR });
    const seen = cache.set('/once', html(1_000));
    cache.invalidate();
    expect(cache.stats.lastGoodEntries).toBe(0);
    expect(cache.lastGood('/once')).toBe(seen);
    expect(cache.lastGood('/never')).toBeUndefined();
  });

  it('stands in for failing renders until the stale max age from the first failure, then again after a good render', () => {
    let clock = 1_000_000;
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR, now: () => clock });
    const home = cache.set('home', html(1_000));
    cache.get('home');
    // Rendered long before the outage: the age counts from the first failed render, not from the render.
    clock += 5 * HOUR;
    expect(cache.lastGood('home')).toBe(home);
    clock += HOUR - 1;
    expect(cache.lastGood('home')).toBe(home);
    clock += 1;
    expect(cache.lastGood('home')).toBeUndefined();
    const back = cache.set('home', html(1_000));
    clock += 10 * HOUR;
    expect(cache.lastGood('home')).toBe(back);
  });

  it('does not keep a page larger than an eighth of the store', () => {
    const cache = createPageCache({ maxBytes: 256 * 1024, lastGoodMaxBytes: 256 * 1024, staleMaxAgeMs: HOUR });
    cache.set('huge', html(40_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.stats.bytes).toBe(0);
  });
});
