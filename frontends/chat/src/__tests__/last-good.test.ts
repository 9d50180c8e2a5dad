import { createLastGood } from '../content';

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
});
