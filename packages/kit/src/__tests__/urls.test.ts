import { isSafeUrl, linkProblem, looksLikeLink, normalizeHost } from '..';

describe('isSafeUrl', () => {
  // Hostile targets seen in stored-XSS corpora: scripting schemes however disguised, links to
  // other hosts without a scheme, and anything that is not a plain web, mail, phone or SMS link.
  const hostile = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    ' javascript:x',
    '\u0001javascript:x',
    '\u00a0javascript:x',
    'javascript&colon;alert(1)'.replace('&colon;', ':'),
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:image/svg+xml;base64,PHN2Zz4=',
    'file:///etc/passwd',
    'ftp://example.org',
    'intent://x#Intent;end',
    'whatsapp://send?text=x',
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/ /evil.example',
    ' //evil.example',
    'https://',
    'mailto:',
    'evil.example',
    'www.example.org',
    '{{link}}',
    `https://example.org/${'a'.repeat(2048)}`,
    '',
    '   ',
  ];
  it.each(hostile)('refuses %p', (url) => {
    expect(isSafeUrl(url)).toBe(false);
  });

  const fine = [
    'https://example.org',
    'http://a.b',
    'HTTPS://Example.org/Path?q=1#x',
    'https://example.org/{{campaign}}',
    'mailto:a@b.c',
    'tel:+254700000000',
    'tel:{{helpline}}',
    'sms:21393',
    '/sections/hiv',
    '/',
    '#top',
    '?page=2',
    './article-2',
    '../up',
    '  /trimmed  ',
  ];
  it.each(fine)('allows %p', (url) => {
    expect(isSafeUrl(url)).toBe(true);
  });
});

describe('linkProblem', () => {
  it('says why a scripting scheme is refused, naming the scheme', () => {
    expect(linkProblem('java\tscript:alert(1)')).toMatch(/^"javascript:" links run code/);
  });
  it('explains protocol-relative links and suggests writing them in full', () => {
    expect(linkProblem('//evil.example')).toContain('write it in full, like "https://example.org"');
  });
  it('names the length limit', () => {
    expect(linkProblem(`/${'a'.repeat(3000)}`)).toBe('The link is 3001 characters; at most 2048 are allowed.');
  });
  it('is null for a fine link', () => {
    expect(linkProblem('https://example.org/a')).toBeNull();
  });
});

describe('looksLikeLink', () => {
  it.each(['javascript:alert(1)', 'javascript: alert(1)', 'JavaScript :alert(1)', 'https://example.org', 'tel:+254700000000', '//evil.example', '/sections/hiv', '\\\\evil', 'ftp://x'])('treats %p as a link', (text) => {
    expect(looksLikeLink(text)).toBe(true);
  });
  it.each(['0800 723 253', 'Call: 0800 723 253', 'Kijana KE', '1190', 'Helpline:1190 (free)', 'Helpline:1190', 'Time: 9:00-17:00'])('treats %p as prose', (text) => {
    expect(looksLikeLink(text)).toBe(false);
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
