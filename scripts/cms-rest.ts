// The CMS REST calls scripts make with an API token, in one place: `site:new` launches a site
// with them and `bench:scale` launches a thousand, so the benchmark measures what an operator runs.
import http from 'node:http';
import { z } from 'zod';

/** A site as `POST /api/sites` takes it (fields of the Site content type). */
export interface SiteData {
  readonly code: string;
  readonly name: string;
  readonly hostnames: readonly string[];
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly theme: string;
  readonly themeTokens: Record<string, unknown>;
  readonly plugins: readonly string[];
  readonly variables: ReadonlyArray<{ readonly key: string; readonly value: string }>;
  readonly channels: Record<string, unknown>;
}

/** An article as `POST /api/articles?locale=…` takes it: one locale's text, and the sites that carry it. */
export interface ArticleData {
  readonly slug: string;
  readonly title: string;
  readonly lead: string;
  readonly body: readonly unknown[];
  readonly section: string;
  readonly sites: readonly string[];
  readonly allSites: boolean;
}

/** The CMS answered, but refused (status ≥ 400), with the message it gave. */
export class CmsRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The CMS did not answer at all (down, wrong URL). */
export class CmsUnreachableError extends Error {}

export interface CmsTarget {
  /** Like http://127.0.0.1:1337 (a trailing slash is dropped). */
  readonly url: string;
  readonly token: string;
}

// Read apart: a refusal carries `data: null` beside its error, and must still yield the error's message.
const createdSchema = z.object({ data: z.object({ documentId: z.string() }) });
const refusedSchema = z.object({ error: z.object({ message: z.string() }) });

/** One REST write; the document's id, or CmsRefusedError / CmsUnreachableError. */
async function write(cms: CmsTarget, method: 'POST' | 'PUT', route: string, data: unknown): Promise<{ documentId: string }> {
  let response: Response;
  try {
    response = await fetch(`${cms.url.replace(/\/$/, '')}${route}`, {
      method,
      headers: { authorization: `Bearer ${cms.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data }),
    });
  } catch (error) {
    throw new CmsUnreachableError(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const refused = refusedSchema.safeParse(body);
    throw new CmsRefusedError(response.status, refused.success ? refused.data.error.message : '');
  }
  const created = createdSchema.safeParse(body);
  if (!created.success) throw new CmsRefusedError(response.status, 'the answer carried no documentId');
  return { documentId: created.data.data.documentId };
}

/** Creates and publishes a site: what `npm run site:new` does after checking its flags. */
export const publishSite = (cms: CmsTarget, site: SiteData) => write(cms, 'POST', '/api/sites?status=published', site);

/** Creates and publishes an article in one locale. */
export const publishArticle = (cms: CmsTarget, locale: string, article: ArticleData) =>
  write(cms, 'POST', `/api/articles?locale=${encodeURIComponent(locale)}&status=published`, article);

/** Changes fields of an article's locale and publishes the change. */
export const updateArticle = (cms: CmsTarget, documentId: string, locale: string, fields: Partial<ArticleData>) =>
  write(cms, 'PUT', `/api/articles/${encodeURIComponent(documentId)}?locale=${encodeURIComponent(locale)}&status=published`, fields);

/** The mobi-site's status for `/` on `host` (0 when it does not answer); fetch() would drop the Host header. */
export function homeStatus(mobi: string, host: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(`${mobi.replace(/\/$/, '')}/`, { headers: { host } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', () => resolve(0));
  });
}

/** Polls the mobi-site every `everyMs` until it serves `host` (200); true if it did before `deadline` (epoch ms). */
export async function waitUntilServed(mobi: string, host: string, deadline: number, everyMs = 100): Promise<boolean> {
  while (Date.now() < deadline) {
    if ((await homeStatus(mobi, host)) === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}
