import { isSafeUrl, normalizeHost } from '..';

describe('isSafeUrl', () => {
  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x'])('refuses %p', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
  it.each(['https://example.org', 'http://a.b', 'mailto:a@b.c', 'tel:+254700000000', 'sms:21393', '/sections/hiv', 'article-2', '#top', '../up'])('allows %p', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });
});

describe('normalizeHost', () => {
  it.each([
    ['Kijana-KE.localhost:3000', 'kijana-ke.localhost'],
    ['kijana-ke.localhost.', 'kijana-ke.localhost'],
    ['[::1]:8080', '[::1]'],
    ['  ', null],
  ])('normalises %p to %p', (host, expected) => {
    expect(normalizeHost(host)).toBe(expected);
  });
});
