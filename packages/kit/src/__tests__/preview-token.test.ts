import { previewKey, signPreviewToken, verifyPreviewToken, PREVIEW_TOKEN_TTL_MS } from '../preview-token';

const key = previewKey('a-test-encryption-key-of-enough-length');
const subject = { documentId: 'abc123def456', type: 'api::article.article', locale: 'sw-KE' } as const;
const now = Date.UTC(2026, 0, 1);

describe('preview tokens', () => {
  it('verifies a token it signed and returns its document, type and locale', () => {
    const { token, expiresAt } = signPreviewToken(subject, key, { now });
    expect(expiresAt).toBe(now + PREVIEW_TOKEN_TTL_MS);
    expect(verifyPreviewToken(token, key, now + 1000)).toEqual({ ok: true, claims: { ...subject, expiresAt } });
  });

  it('refuses a token once it has expired, with PREVIEW_TOKEN_EXPIRED', () => {
    const { token } = signPreviewToken(subject, key, { now, ttlMs: 60_000 });
    expect(verifyPreviewToken(token, key, now + 59_999).ok).toBe(true);
    expect(verifyPreviewToken(token, key, now + 60_000)).toMatchObject({ ok: false, code: 'PREVIEW_TOKEN_EXPIRED' });
  });

  it('refuses a token whose claims were changed (another document, a later expiry) with PREVIEW_TOKEN_INVALID', () => {
    const { token } = signPreviewToken(subject, key, { now });
    const [payload = '', signature = ''] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    for (const changed of [{ ...claims, d: 'other000doc' }, { ...claims, e: claims.e + 86_400_000 }]) {
      const forged = `${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
      expect(verifyPreviewToken(forged, key, now)).toMatchObject({ ok: false, code: 'PREVIEW_TOKEN_INVALID' });
    }
  });

  it('refuses a token signed with another key', () => {
    const { token } = signPreviewToken(subject, previewKey('another-encryption-key-entirely-0000'), { now });
    expect(verifyPreviewToken(token, key, now)).toMatchObject({ ok: false, code: 'PREVIEW_TOKEN_INVALID' });
  });

  it('refuses malformed input without throwing', () => {
    for (const input of [undefined, 42, '', 'abc', 'a.b', `${'x'.repeat(600)}.${'y'.repeat(43)}`, 'eyJ9.' + 'A'.repeat(43), '<script>.x']) {
      expect(verifyPreviewToken(input, key, now)).toMatchObject({ ok: false, code: 'PREVIEW_TOKEN_INVALID' });
    }
  });

  it('refuses to sign a document id or locale outside their grammar', () => {
    expect(() => signPreviewToken({ ...subject, documentId: '../x' }, key)).toThrow();
    expect(() => signPreviewToken({ ...subject, locale: 'not a locale' }, key)).toThrow();
  });
});
