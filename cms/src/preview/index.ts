// Strapi's Preview button → a Baobab preview of the draft. The content-manager calls
// `handler` on the server, behind admin authentication (GET
// /content-manager/preview/url/:uid); the handler mints a preview token for an editor who
// may read the document and links to the mobi-site's preview page.
import { getSecrets } from '../secrets';
import { previewKey, previewTypes, signPreviewToken, type PreviewType } from '@baobab/kit/preview-token';

export { previewKey, signPreviewToken, verifyPreviewToken, PREVIEW_TOKEN_TTL_MS } from '@baobab/kit/preview-token';

const isPreviewType = (uid: string): uid is PreviewType => previewTypes.some((type) => type === uid);

interface RequestAbility {
  can(action: string, subject: string): boolean;
}
const hasCan = (value: unknown): value is RequestAbility => typeof value === 'object' && value !== null && 'can' in value && typeof value.can === 'function';

/** Read access to the content type in the content-manager, by the requesting admin's own permissions. */
function mayRead(uid: string): boolean {
  const ability: unknown = strapi.requestContext.get()?.state?.userAbility;
  return hasCan(ability) && ability.can('plugin::content-manager.explorer.read', uid);
}

/**
 * `config/admin.ts` `preview`: the handler returns the preview URL under `base` (the
 * mobi-site, BAOBAB_PREVIEW_URL), or null (no preview) for other types.
 */
export function previewAdminConfig(base: string) {
  return {
    enabled: true,
    config: {
      allowedOrigins: [new URL(base).origin],
      async handler(uid: string, params: { documentId?: string; locale?: string | null; status?: string }): Promise<string | null> {
        if (!isPreviewType(uid) || !params.documentId || !params.locale || !mayRead(uid)) return null;
        const { token } = signPreviewToken({ documentId: params.documentId, type: uid, locale: params.locale }, previewKey(getSecrets().ENCRYPTION_KEY));
        return `${base}/_baobab/preview?token=${encodeURIComponent(token)}`;
      },
    },
  };
}
