// The editors' preview of a draft (`/_baobab/preview?token=…&site=…`): the delivery API
// serves the draft only for the CMS's signed token; the page shows it as each carrying
// site renders it, and as each chat channel would send it (the chat gateway's renderers).
// Never cached, never indexed: server/http.ts answers it outside the page cache.
import type { IncomingMessage } from 'node:http';
import { channelPreviews, type ChannelPreview } from '@baobab/channels/preview';
import { getLocale } from '@baobab/locales';
import { z } from 'zod';
import { CmsError, delivery } from './cms';
import { articleView, FRAME, frameSchema } from './content';
import { uiStrings } from './i18n';
import { isLiteRequest } from './lite';
import type { PageProps } from './site-page';
import { siteCss } from './themes';

/** The CMS's token grammar (base64url payload, dot, signature); anything else is refused before the CMS is asked. */
const TOKEN = /^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{43}$/;
const SITE_CODE = /^[a-z0-9-]{1,64}$/;

const draft = articleView.extend({
  whatsapp: z.string().nullable(),
  sms: z.string().nullable(),
  ussd: z.string().nullable(),
  telegram: z.string().nullable(),
});
/** Which sites carry the draft, in which of their locales: cheap enough for every site at once. */
const carryingSchema = z.object({ sites: z.array(z.object({ code: z.string(), name: z.string(), preview: z.object({ requestedLocale: z.string() }).nullable() })) });
const CARRYING_QUERY = 'query PreviewSites($token: String!) { sites { code name preview(token: $token) { requestedLocale } } }';

/** One site's frame and the draft in full, as the site's article page asks for it. */
const siteSchema = z.object({ site: frameSchema.extend({ preview: draft.nullable() }).nullable() });
const SITE_QUERY = `query PreviewSite($token: String!, $code: String!, $locale: String) { site(code: $code) { ${FRAME}
  preview(token: $token) { slug title lead body locale requestedLocale isFallback availableLocales updatedAt tags
    section { slug title articles(first: 4) { nodes { slug title } } } image { url alt width height }
    whatsapp: channelText(channel: "whatsapp") sms: channelText(channel: "sms") ussd: channelText(channel: "ussd") telegram: channelText(channel: "telegram") } } }`;

type SiteProps = Extract<PageProps, { status: 'site' }>;

export type PreviewProps =
  | {
      status: 'preview';
      lang: string;
      dir: 'ltr' | 'rtl';
      title: string;
      token: string;
      /** Every site that carries the draft; `isCurrent` for the one shown. */
      sites: Array<{ code: string; name: string; locale: string; isCurrent: boolean }>;
      /** The draft as the current site renders it. */
      page: SiteProps;
      channels: ChannelPreview[];
    }
  | { status: 'problem'; lang: 'en'; dir: 'ltr'; heading: string; message: string };

const problem = (statusCode: number, heading: string, message: string) => ({
  props: { status: 'problem' as const, lang: 'en' as const, dir: 'ltr' as const, heading, message },
  statusCode,
});

const AGAIN = 'Open the article in the CMS and press Preview again to get a fresh link.';

export async function loadPreview(req: IncomingMessage, query: Readonly<Record<string, string | string[] | undefined>>): Promise<{ props: PreviewProps; statusCode: number }> {
  const token = query.token;
  if (typeof token !== 'string' || token === '') return problem(400, 'No preview link', `This address needs the preview link from the CMS. ${AGAIN}`);
  if (!TOKEN.test(token)) return problem(403, 'This preview link is not valid', `It may have been cut or changed when it was copied. ${AGAIN}`);
  const wanted = typeof query.site === 'string' && SITE_CODE.test(query.site) ? query.site : null;
  let carrying: Array<{ code: string; name: string; locale: string }>;
  let current: NonNullable<z.infer<typeof siteSchema>['site']> & { preview: z.infer<typeof draft> };
  try {
    const { sites } = await delivery(carryingSchema, CARRYING_QUERY, { token });
    carrying = sites.flatMap((site) => (site.preview ? [{ code: site.code, name: site.name, locale: site.preview.requestedLocale }] : []));
    const chosen = carrying.find((site) => site.code === wanted) ?? carrying[0];
    if (!chosen) return problem(404, 'No site carries this article', 'The draft exists, but no site lists it, or none serves its language. Choose its sites (or "every site") in the CMS, save, and press Preview again.');
    const { site } = await delivery(siteSchema, SITE_QUERY, { token, code: chosen.code, locale: chosen.locale });
    if (!site?.preview) return problem(404, 'No site carries this article', 'The draft changed while the preview loaded. Press Preview again.');
    current = { ...site, preview: site.preview };
  } catch (error) {
    if (error instanceof CmsError && error.apiCodes.includes('PREVIEW_TOKEN_EXPIRED')) return problem(410, 'This preview link has expired', `Preview links last 30 minutes. ${AGAIN}`);
    if (error instanceof CmsError && error.apiCodes.includes('PREVIEW_TOKEN_INVALID')) return problem(403, 'This preview link is not valid', `It may have been cut or changed when it was copied. ${AGAIN}`);
    if (error instanceof CmsError) {
      console.error(`mobi: preview: ${error.code}: ${error.message}`);
      return problem(503, 'The CMS cannot be reached', 'The preview could not load the draft just now. Try again in a moment.');
    }
    throw error;
  }
  const article = current.preview;
  const locale = article.requestedLocale;
  const direction = current.locales.find((entry) => entry.code === locale)?.direction ?? getLocale(locale)?.direction ?? 'ltr';
  const { preview: _, ...frame } = current;
  const page: SiteProps = {
    status: 'site',
    lang: locale,
    dir: direction,
    css: siteCss(frame.theme.name, frame.theme.tokens),
    frame,
    locale,
    route: { kind: 'article', slug: article.slug },
    data: { kind: 'article', article },
    strings: uiStrings(locale),
    alternates: [],
    isLite: isLiteRequest(req.headers),
    // A draft shows no plugin slots: their forms would post as a reader from the editor's browser.
    plugins: null,
    notice: null,
  };
  const channels = channelPreviews({
    slug: article.slug,
    title: article.title,
    lead: article.lead,
    body: article.body,
    locale,
    overrides: { whatsapp: article.whatsapp, sms: article.sms, ussd: article.ussd, telegram: article.telegram },
    image: article.image ? { url: article.image.url, alt: article.image.alt ?? '' } : null,
  });
  return {
    props: {
      status: 'preview',
      lang: locale,
      dir: direction,
      title: article.title,
      token,
      sites: carrying.map((site) => ({ ...site, isCurrent: site.code === current.code })),
      page,
      channels,
    },
    statusCode: 200,
  };
}
