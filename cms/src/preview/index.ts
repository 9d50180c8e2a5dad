// Strapi's Preview button → a Baobab preview of the draft. The content-manager calls
// `handler` on the server, behind admin authentication (GET
// /content-manager/preview/url/:uid); the handler mints a preview token for an editor who
// may read the document and links to the mobi-site's preview page.
import { getSecrets } from '../secrets';
import { previewKey, previewTypes, signPreviewToken, type PreviewType } from '@baobab/kit/preview-token';

export { previewKey, signPreviewToken, verifyPreviewToken, PREVIEW_TOKEN_TTL_MS } from '@baobab/kit/preview-token';

/** Where the mobi-site answers `/_baobab/preview` (BAOBAB_PREVIEW_URL; `npm start` sets it, default http://localhost:3000). */
export function previewBaseUrl(env: NodeJS.ProcessEnv): string {
  const raw = env.BAOBAB_PREVIEW_URL ?? 'http://localhost:3000';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`BAOBAB_PREVIEW_URL must be an http(s) URL such as http://localhost:3000 (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`BAOBAB_PREVIEW_URL must be an http(s) URL (got "${raw}")`);
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}

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

/** `config/admin.ts` `preview`: the handler returns the preview URL, or null (no preview) for other types. */
export function previewAdminConfig(env: NodeJS.ProcessEnv) {
  const base = previewBaseUrl(env);
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
