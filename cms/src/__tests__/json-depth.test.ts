import { jsonDepth, MAX_JSON_DEPTH } from '../middlewares/json-depth';

describe('jsonDepth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(jsonDepth('text')).toBe(0);
    expect(jsonDepth(null)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ data: { body: [{ children: [{ text: 'x' }] }] } })).toBe(6);
    expect(jsonDepth([[], [[[]]], {}])).toBe(4);
  });

  it('stops counting past the limit, without recursing, on a value far deeper than the stack allows', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(jsonDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(deep, 1_000_000)).toBe(200_000);
  });
});
