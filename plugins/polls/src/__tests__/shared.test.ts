import { allowedChoices, checkChoices, isOpen, percents, shuffled } from '../shared';

describe('percents', () => {
  const sum = (values: Array<number | null>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

  it('sums to 100 by giving the missing points to the largest remainders', () => {
    expect(percents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(percents([2, 1])).toEqual([67, 33]);
    expect(percents([1, 2, 3, 4, 5, 6, 7])).toEqual([4, 7, 11, 14, 18, 21, 25]);
    expect(sum(percents([1, 2, 3, 4, 5, 6, 7]))).toBe(100);
  });

  it('keeps exact shares and zeros as they are', () => {
    expect(percents([1, 1, 2])).toEqual([25, 25, 50]);
    expect(percents([0, 5, 0])).toEqual([0, 100, 0]);
  });

  it('breaks a tie of remainders in stored order', () => {
    expect(percents([1, 1, 1, 1, 1, 1])).toEqual([17, 17, 17, 17, 16, 16]);
  });

  it('is null for every choice when nobody voted', () => {
    expect(percents([0, 0])).toEqual([null, null]);
  });

  it('sums to 100 for many random tallies', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let run = 0; run < 500; run += 1) {
      const counts = Array.from({ length: 2 + Math.floor(random() * 9) }, () => Math.floor(random() * 1000));
      if (counts.every((count) => count === 0)) continue;
      const result = percents(counts);
      expect(sum(result)).toBe(100);
      result.forEach((value, index) => {
        const exact = ((counts[index] ?? 0) * 100) / counts.reduce((a, b) => a + b, 0);
        expect(Math.abs((value ?? 0) - exact)).toBeLessThan(1);
      });
    }
  });
});

describe('checkChoices', () => {
  const single = { isMultiple: false, maxChoices: null, keys: ['yes', 'no', 'unsure'] };
  const multiple = { isMultiple: true, maxChoices: 2, keys: ['a', 'b', 'c', 'd'] };

  it('accepts one known choice of a single-choice poll', () => {
    expect(checkChoices(single, ['no'])).toEqual({ ok: true, choices: ['no'] });
  });

  it('refuses no choice with NO_CHOICE', () => {
    expect(checkChoices(single, [])).toMatchObject({ ok: false, code: 'NO_CHOICE' });
  });

  it('refuses a key the poll lacks with BAD_CHOICE, before counting', () => {
    expect(checkChoices(single, ['maybe'])).toMatchObject({ ok: false, code: 'BAD_CHOICE' });
    expect(checkChoices(multiple, ['a', 'b', 'zzz'])).toMatchObject({ ok: false, code: 'BAD_CHOICE' });
  });

  it('refuses two choices on a single-choice poll and more than maxChoices with TOO_MANY_CHOICES', () => {
    expect(checkChoices(single, ['yes', 'no'])).toMatchObject({ ok: false, code: 'TOO_MANY_CHOICES' });
    expect(checkChoices(multiple, ['a', 'b', 'c'])).toMatchObject({ ok: false, code: 'TOO_MANY_CHOICES', message: 'Choose at most 2 answers.' });
  });

  it('counts a repeated key once', () => {
    expect(checkChoices(single, ['yes', 'yes'])).toEqual({ ok: true, choices: ['yes'] });
    expect(checkChoices(multiple, ['a', 'b', 'a'])).toEqual({ ok: true, choices: ['a', 'b'] });
  });

  it('lets a multiple poll without maxChoices take every choice', () => {
    expect(checkChoices({ ...multiple, maxChoices: null }, ['a', 'b', 'c', 'd'])).toEqual({ ok: true, choices: ['a', 'b', 'c', 'd'] });
    expect(allowedChoices({ isMultiple: true, maxChoices: 20 }, 4)).toBe(4);
    expect(allowedChoices({ isMultiple: false, maxChoices: 3 }, 4)).toBe(1);
  });
});

describe('isOpen', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');
  it('is open with no bounds, from opensAt inclusive, until closesAt exclusive', () => {
    expect(isOpen({ opensAt: null, closesAt: null }, now)).toBe(true);
    expect(isOpen({ opensAt: now, closesAt: null }, now)).toBe(true);
    expect(isOpen({ opensAt: now + 1, closesAt: null }, now)).toBe(false);
    expect(isOpen({ opensAt: null, closesAt: now }, now)).toBe(false);
    expect(isOpen({ opensAt: null, closesAt: now + 1 }, now)).toBe(true);
  });
});

describe('shuffled', () => {
  it('returns a permutation without changing the input', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const result = shuffled(items);
    expect([...result].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('follows the random source (Fisher–Yates)', () => {
    expect(shuffled(['a', 'b', 'c'], () => 0)).toEqual(['b', 'c', 'a']);
    expect(shuffled(['a', 'b', 'c'], () => 0.999)).toEqual(['a', 'b', 'c']);
  });

  it('reaches every order', () => {
    const seen = new Set<string>();
    for (let run = 0; run < 300; run += 1) seen.add(shuffled(['a', 'b', 'c']).join(''));
    expect(seen.size).toBe(6);
  });
});
