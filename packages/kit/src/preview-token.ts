// Preview tokens: a signed, expiring permission to read one draft (document, type,
// locale) through the delivery API. The CMS mints them for admin users only (the
// content-manager's preview handler runs behind admin authentication); delivery checks
// them. The key is derived from the CMS's ENCRYPTION_KEY, so no new secret is needed.
import crypto from 'node:crypto';
import { z } from 'zod';

/** Content types that can be previewed, by Strapi UID. */
export const previewTypes = ['api::article.article'] as const;
export type PreviewType = (typeof previewTypes)[number];

export const PREVIEW_TOKEN_TTL_MS = 30 * 60_000;
/** A token is short; anything longer is refused before it is parsed. */
export const MAX_PREVIEW_TOKEN_LENGTH = 512;

export const previewTokenErrorCodes = ['PREVIEW_TOKEN_INVALID', 'PREVIEW_TOKEN_EXPIRED'] as const;
export type PreviewTokenErrorCode = (typeof previewTokenErrorCodes)[number];

export interface PreviewClaims {
  readonly documentId: string;
  readonly type: PreviewType;
  readonly locale: string;
  /** Expiry, epoch milliseconds. */
  readonly expiresAt: number;
}

export type PreviewVerdict =
  | { readonly ok: true; readonly claims: PreviewClaims }
  | { readonly ok: false; readonly code: PreviewTokenErrorCode; readonly message: string };

const claimsSchema = z
  .object({
    d: z.string().regex(/^[a-z0-9]{1,64}$/),
    t: z.enum(previewTypes),
    l: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).max(35),
    e: z.number().int().positive(),
  })
  .strict();

const TOKEN_GRAMMAR = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/;

/** The signing key: ENCRYPTION_KEY bound to this one use, so a preview token is no other token. */
export function previewKey(encryptionKey: string): Buffer {
  return crypto.createHmac('sha256', encryptionKey).update('baobab preview token v1').digest();
}

const mac = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(payload).digest('base64url');

export function signPreviewToken(
  subject: { documentId: string; type: PreviewType; locale: string },
  key: Buffer,
  options: { now?: number; ttlMs?: number } = {},
): { token: string; expiresAt: number } {
  const expiresAt = (options.now ?? Date.now()) + (options.ttlMs ?? PREVIEW_TOKEN_TTL_MS);
  const claims = claimsSchema.parse({ d: subject.documentId, t: subject.type, l: subject.locale, e: expiresAt });
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { token: `${payload}.${mac(key, payload)}`, expiresAt };
}

const invalid = (message: string): PreviewVerdict => ({ ok: false, code: 'PREVIEW_TOKEN_INVALID', message });

/** Checks grammar, signature (constant-time) and expiry, in that order; never throws. */
export function verifyPreviewToken(token: unknown, key: Buffer, now = Date.now()): PreviewVerdict {
  const malformed = 'This preview link is not valid. Open the preview again from the CMS.';
  if (typeof token !== 'string' || token.length > MAX_PREVIEW_TOKEN_LENGTH) return invalid(malformed);
  const match = TOKEN_GRAMMAR.exec(token);
  if (!match) return invalid(malformed);
  const [, payload = '', signature = ''] = match;
  const expected = Buffer.from(mac(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return invalid(malformed);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return invalid(malformed);
  }
  const parsed = claimsSchema.safeParse(decoded);
  if (!parsed.success) return invalid(malformed);
  const { d, t, l, e } = parsed.data;
  if (e <= now) return { ok: false, code: 'PREVIEW_TOKEN_EXPIRED', message: 'This preview link has expired. Open the preview again from the CMS.' };
  return { ok: true, claims: { documentId: d, type: t, locale: l, expiresAt: e } };
}
