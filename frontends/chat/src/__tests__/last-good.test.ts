import { CmsError, type Delivery } from '@baobab/kit/delivery';
import { createContentSource, createLastGood } from '../content';

const HOUR = 3_600_000;

const answer = (bytes: number) => ({ text: 'x'.repeat(bytes) });

describe('last good copies', () => {
  it('stays within its byte bound, letting the least recently used go first', () => {
    const kept = createLastGood(10_000);
    for (let index = 0; index < 20; index += 1) kept.set(`k${index}`, answer(1000));
    expect(kept.bytes).toBeLessThanOrEqual(10_000);
    expect(kept.get('k0')).toBeUndefined();
    expect(kept.get('k19')?.value).toEqual(answer(1000));
  });

  it('keeps a copy that was just read when newer ones arrive', () => {
    const kept = createLastGood(5_000);
    for (let index = 0; index < 4; index += 1) kept.set(`k${index}`, answer(1000));
    kept.get('k0');
    kept.set('k4', answer(1000));
    kept.set('k5', answer(1000));
    expect(kept.get('k0')).toBeDefined();
    expect(kept.get('k1')).toBeUndefined();
  });

  it('does not keep an answer bigger than a quarter of the bound, and does not let it push others out', () => {
    const kept = createLastGood(10_000);
    kept.set('small', answer(100));
    kept.set('huge', answer(5_000));
    expect(kept.get('huge')).toBeUndefined();
    expect(kept.get('small')).toBeDefined();
  });

  it('replaces a key`s copy without counting it twice', () => {
    const kept = createLastGood(10_000);
    kept.set('k', answer(1000));
    const once = kept.bytes;
    kept.set('k', answer(1000));
    expect(kept.bytes).toBe(once);
    expect(kept.size).toBe(1);
  });

  it('stands in for failing loads until the max age from the first failure, and again from scratch once a load succeeds', () => {
    const kept = createLastGood(10_000);
    kept.set('k', answer(10));
    // Stored long before the failures: the clock starts at the first failure.
    expect(kept.standIn('k', 10 * HOUR, HOUR)?.value).toEqual(answer(10));
    expect(kept.standIn('k', 11 * HOUR - 1, HOUR)).toBeDefined();
    expect(kept.standIn('k', 11 * HOUR, HOUR)).toBeUndefined();
    kept.set('k', answer(20));
    expect(kept.standIn('k', 30 * HOUR, HOUR)?.value).toEqual(answer(20));
    expect(kept.standIn('missing', 0, HOUR)).toBeUndefined();
  });
});

describe('content while the CMS fails', () => {
  it('answers the last good menu for the stale max age past the TTL, then refuses, then refreshes when the CMS answers', async () => {
    let clock = 0;
    let isUp = true;
    let version = 1;
    const delivery: Delivery = async (schema) => {
      if (!isUp) throw new CmsError('CMS_UNREACHABLE', 'connect ECONNREFUSED');
      return schema.parse({ site: { navigation: [{ slug: 'x', title: `v${version}` }] } });
    };
    const content = createContentSource({ cmsUrl: 'http://cms.invalid', mediaUrl: 'http://cms.invalid', ttlMs: 1000, retryMs: 100, staleMaxAgeMs: HOUR, now: () => clock }, delivery);
    expect(await content.home('kijana-ke', 'en-KE')).toEqual([{ slug: 'x', title: 'v1' }]);
    isUp = false;
    clock += 5 * HOUR;
    expect(await content.home('kijana-ke', 'en-KE')).toEqual([{ slug: 'x', title: 'v1' }]);
    clock += HOUR - 1;
    expect(await content.home('kijana-ke', 'en-KE')).toEqual([{ slug: 'x', title: 'v1' }]);
    // Past the age once the last stand-in's retry pause (100 ms here) is over.
    clock += 100;
    await expect(content.home('kijana-ke', 'en-KE')).rejects.toThrow(CmsError);
    isUp = true;
    version = 2;
    expect(await content.home('kijana-ke', 'en-KE')).toEqual([{ slug: 'x', title: 'v2' }]);
  });
});
