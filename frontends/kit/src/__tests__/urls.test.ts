import { isSafeUrl } from '..';

describe('isSafeUrl', () => {
  it.each(['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'data:text/html,x', 'vbscript:x'])('refuses %p', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });
  it.each(['https://example.org', 'http://a.b', 'mailto:a@b.c', 'tel:+254700000000', 'sms:21393', '/sections/hiv', 'article-2', '#top', '../up'])('allows %p', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });
});
