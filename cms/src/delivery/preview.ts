// Drafts for preview: the only way delivery reads an unpublished row. Every read goes
// through a preview token (see @baobab/kit/preview-token), and touching one marks the whole
// answer private: it is never kept in the response cache and is sent with no-store.
import type { Core } from '@strapi/strapi';
import { verifyPreviewToken } from '@baobab/kit/preview-token';
import { articleIndexFields, UID } from './content-index';
import { DeliveryError } from './errors';
import { articleSchema, type ArticleRow } from './records';

export interface PreviewAccess {
  /**
   * The draft the token names (null when it no longer exists). Throws a DeliveryError
   * PREVIEW_TOKEN_INVALID or PREVIEW_TOKEN_EXPIRED for a bad token.
   */
  draftArticle(token: string): Promise<ArticleRow | null>;
}

/** One per execution: `state.isPrivate` turns true as soon as a resolver asks for a draft. */
export function createPreviewAccess(strapi: Core.Strapi, key: Buffer, state: { isPrivate: boolean }, now: number): PreviewAccess {
  const drafts = new Map<string, Promise<ArticleRow | null>>();
  return {
    draftArticle(token) {
      state.isPrivate = true;
      const verdict = verifyPreviewToken(token, key, now);
      if (!verdict.ok) return Promise.reject(new DeliveryError(verdict.code, verdict.message));
      const { documentId, locale } = verdict.claims;
      const id = `${documentId}:${locale}`;
      let draft = drafts.get(id);
      if (!draft) {
        draft = strapi.db
          .query(UID.article)
          .findOne({ where: { documentId, locale, publishedAt: null }, select: [...articleIndexFields] })
          .then((row: unknown) => {
            if (typeof row !== 'object' || row === null) return null;
            // A draft has no publish date yet: it is shown as of its last save.
            const parsed = articleSchema.safeParse({ ...row, publishedAt: 'updatedAt' in row ? row.updatedAt : null });
            return parsed.success ? parsed.data : null;
          });
        drafts.set(id, draft);
      }
      return draft;
    },
  };
}
