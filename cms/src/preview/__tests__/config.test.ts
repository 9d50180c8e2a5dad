import { previewBaseUrl } from '../index';

describe('BAOBAB_PREVIEW_URL', () => {
  it('defaults to the mobi-site npm start runs on port 3000', () => {
    expect(previewBaseUrl({})).toBe('http://localhost:3000');
  });

  it('keeps a configured origin and path without a trailing slash', () => {
    expect(previewBaseUrl({ BAOBAB_PREVIEW_URL: 'https://preview.example.org/mobi/' })).toBe('https://preview.example.org/mobi');
  });

  it('stops start-up naming the variable when it is not an http(s) URL', () => {
    expect(() => previewBaseUrl({ BAOBAB_PREVIEW_URL: 'localhost:3000' })).toThrow(/BAOBAB_PREVIEW_URL must be an http\(s\) URL/);
    expect(() => previewBaseUrl({ BAOBAB_PREVIEW_URL: 'not a url' })).toThrow(/BAOBAB_PREVIEW_URL/);
  });
});
