// The CMS REST calls scripts make with an API token, in one place: `site:new` launches a site
// with them and `bench:scale` launches a thousand, so the benchmark measures what an operator runs.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
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

/** The API token scripts use: BAOBAB_API_TOKEN, else the one the CMS wrote in development (`<data>/dev-credentials.env`). */
export function apiTokenFor(dataDir: string): string | null {
  if (process.env.BAOBAB_API_TOKEN) return process.env.BAOBAB_API_TOKEN;
  const file = path.join(dataDir, 'dev-credentials.env');
  const line = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').find((entry) => entry.startsWith('BAOBAB_API_TOKEN=')) : undefined;
  return line === undefined ? null : line.slice('BAOBAB_API_TOKEN='.length).trim();
}

const query = (params: Readonly<Record<string, string | undefined>>) =>
  new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();

async function call(cms: CmsTarget, route: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`${cms.url.replace(/\/$/, '')}${route}`, { ...init, headers: { authorization: `Bearer ${cms.token}`, ...init.headers } });
  } catch (error) {
    throw new CmsUnreachableError(error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
  }
  if (!response.ok) {
    const refused = refusedSchema.safeParse(await response.json().catch(() => ({})));
    throw new CmsRefusedError(response.status, refused.success ? refused.data.error.message : response.statusText);
  }
  return response;
}

/** `GET /api/baobab/content/export`: the file's bytes. */
export async function exportContent(cms: CmsTarget, params: Readonly<Record<string, string | undefined>>): Promise<Buffer> {
  const response = await call(cms, `/api/baobab/content/export?${query(params)}`);
  return Buffer.from(await response.arrayBuffer());
}

export const importProblemSchema = z.object({
  file: z.string(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export const importResultSchema = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  pruned: z.number(),
  problems: z.array(importProblemSchema),
  problemCount: z.number(),
  summary: z.string(),
});
export type ImportAnswer = z.infer<typeof importResultSchema>;
const progressSchema = z.object({ phase: z.enum(['read', 'write']), rows: z.number(), of: z.number().optional() });
export type ImportProgressLine = z.infer<typeof progressSchema>;
const lineSchema = z.union([z.object({ progress: progressSchema }), z.object({ result: importResultSchema })]);

/**
 * `POST /api/baobab/content/import` with the file's bytes: calls `onProgress` for each progress
 * line the CMS streams back, and returns its result.
 */
export async function importContent(
  cms: CmsTarget,
  params: Readonly<Record<string, string | undefined>>,
  body: Buffer | ReadableStream<Uint8Array>,
  onProgress: (progress: ImportProgressLine) => void = () => undefined,
): Promise<ImportAnswer> {
  const response = await call(cms, `/api/baobab/content/import?${query(params)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body,
    // Node's fetch streams a request body only when told so.
    ...(body instanceof Buffer ? {} : { duplex: 'half' }),
  } as RequestInit);
  let buffered = '';
  let result: ImportAnswer | null = null;
  const decoder = new TextDecoder();
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next !== undefined && !next.done; next = await reader?.read()) {
    const chunk = next.value;
    buffered += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n')) !== -1) {
      const line = lineSchema.safeParse(JSON.parse(buffered.slice(0, end) || 'null'));
      buffered = buffered.slice(end + 1);
      if (!line.success) continue;
      if ('progress' in line.data) onProgress(line.data.progress);
      else result = line.data.result;
    }
  }
  if (result === null) throw new CmsRefusedError(response.status, 'the CMS ended the import without a result (see its log)');
  return result;
}
