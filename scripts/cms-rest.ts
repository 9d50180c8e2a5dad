// The CMS REST calls scripts make with an API token, in one place: `site:new` launches a site
// with them, `bench:scale` launches a thousand (so the benchmark measures what an operator runs),
// and `content:copy` reads one CMS and writes another with them.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { PROBLEM_CODES, type Problem } from '../cms/src/transfer/problems';

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
  /** `locale`: the value for that locale only (none: every locale). */
  readonly variables: ReadonlyArray<{ readonly key: string; readonly value: string; readonly locale?: string | null }>;
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

/** Why fetch() failed, in its own words (ECONNREFUSED, ENOTFOUND…): undici hides it in `cause`. */
function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

/** One request with the token; CmsUnreachableError when nothing answered. */
async function send(cms: CmsTarget, route: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(`${cms.url.replace(/\/$/, '')}${route}`, { ...init, headers: { authorization: `Bearer ${cms.token}`, ...init.headers } });
  } catch (error) {
    throw new CmsUnreachableError(networkReason(error));
  }
}

/** A refusal with its message (the status text when the body is not Strapi's error shape). */
async function refusal(response: Response): Promise<CmsRefusedError> {
  const body: unknown = await response.json().catch(() => ({}));
  const refused = refusedSchema.safeParse(body);
  return new CmsRefusedError(response.status, refused.success ? refused.data.error.message : response.statusText);
}

/** One REST read, checked against `schema`; CmsRefusedError for a refusal or an answer of another shape. */
async function read<T>(cms: CmsTarget, route: string, schema: z.ZodType<T>): Promise<T> {
  const response = await call(cms, route);
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new CmsRefusedError(response.status, `${route.split('?')[0]} answered something other than what a Baobab CMS answers`);
  return parsed.data;
}

/** One REST write; the document's id, or CmsRefusedError / CmsUnreachableError. */
async function write(cms: CmsTarget, method: 'POST' | 'PUT', route: string, data: unknown): Promise<{ documentId: string }> {
  const response = await call(cms, route, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
  const body: unknown = await response.json().catch(() => ({}));
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

// ---- content:copy: checking a CMS, its sites, its media files, the content transfer endpoints ----

/** The first request content:copy makes of each CMS: a sentence a person can act on when it fails. */
export class CmsCheckError extends Error {}

const sitesPageSchema = z.object({ data: z.array(z.unknown()) });

/**
 * Reads one site with the token: nothing answered, the token refused (401), not allowed (403),
 * no Baobab API there (404, or another shape) each give a CmsCheckError with one sentence.
 */
export async function checkCms(cms: CmsTarget): Promise<void> {
  let response: Response;
  try {
    response = await send(cms, '/api/sites?pagination%5BpageSize%5D=1&fields%5B0%5D=code');
  } catch (error) {
    throw new CmsCheckError(`cannot reach ${cms.url} (${error instanceof Error ? error.message : String(error)}): is the CMS running, and is the URL right?`);
  }
  const status = response.status;
  if (status === 401) throw new CmsCheckError(`401: the token was refused by ${cms.url} (unknown, expired or revoked API token; make one under Settings → API Tokens)`);
  if (status === 403) throw new CmsCheckError(`403: the token may not read sites on ${cms.url} (give it full access)`);
  if (status === 404) throw new CmsCheckError(`404: ${cms.url} has no Baobab CMS API (is it the CMS's address, not the mobi-site's?)`);
  if (!response.ok) {
    const { message } = await refusal(response);
    throw new CmsCheckError(`${status}: ${cms.url} refused to list sites${message ? ` (${message})` : ''}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!sitesPageSchema.safeParse(body).success) throw new CmsCheckError(`${cms.url} answered, but not as a Baobab CMS does (no list of sites)`);
}

const siteIdsSchema = z.object({ data: z.array(z.object({ documentId: z.string() })) });

/**
 * The document ids of a CMS's sites, sorted: two addresses whose sites have the same ids are
 * one database (or a restored copy of it), whatever their spelling (localhost, 127.0.0.1, a proxy).
 */
export async function siteIds(cms: CmsTarget): Promise<string[]> {
  const response = await send(cms, '/api/sites?status=draft&fields%5B0%5D=code&pagination%5BpageSize%5D=100');
  const parsed = siteIdsSchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success ? parsed.data.data.map((site) => site.documentId).sort() : [];
}

const nullable = <T extends z.ZodTypeAny>(schema: T, fallback: z.infer<T>) => schema.nullish().transform((value) => value ?? fallback);

const siteRecordSchema = z.object({
  code: z.string(),
  name: z.string(),
  hostnames: nullable(z.array(z.string()), []),
  defaultLocale: z.string(),
  locales: nullable(z.array(z.string()), []),
  theme: nullable(z.string(), 'base'),
  themeTokens: nullable(z.record(z.string(), z.unknown()), {}),
  plugins: nullable(z.array(z.string()), []),
  variables: nullable(z.array(z.object({ key: z.string(), value: z.string(), locale: z.string().nullish() })), []),
  channels: nullable(z.record(z.string(), z.unknown()), {}),
});
const siteListSchema = z.object({ data: z.array(siteRecordSchema) });

/**
 * The site with this code as `POST /api/sites` takes it (ids and timestamps left out), or null.
 * `status`: the published version (what readers get), or the draft (every site has one).
 */
export async function findSite(cms: CmsTarget, code: string, status: 'published' | 'draft' = 'published'): Promise<SiteData | null> {
  const query = new URLSearchParams({ 'filters[code][$eq]': code, status, populate: '*' });
  const { data } = await read(cms, `/api/sites?${query}`, siteListSchema);
  const site = data[0];
  if (site === undefined) return null;
  return { ...site, variables: site.variables.map(({ key, value, locale }) => ({ key, value, locale: locale ?? null })) };
}

/** A Media Library file as `GET /api/upload/files` lists it. */
export interface MediaFile {
  readonly id: number;
  readonly name: string;
  /** Relative to the CMS (`/uploads/x.jpg`, local provider) or absolute (a bucket). */
  readonly url: string;
  readonly mime: string;
  /** In kilobytes, as Strapi keeps it (two decimals). */
  readonly size: number;
  readonly width: number | null;
  readonly height: number | null;
  readonly alternativeText: string;
  readonly caption: string;
}

const mediaFileSchema = z.object({
  id: z.number(),
  name: z.string(),
  url: z.string(),
  mime: z.string(),
  size: z.number(),
  width: z.number().nullish().transform((value) => value ?? null),
  height: z.number().nullish().transform((value) => value ?? null),
  alternativeText: nullable(z.string(), ''),
  caption: nullable(z.string(), ''),
});

/** The Media Library files named exactly `name` (the oldest first; names need not be unique). */
export async function findFiles(cms: CmsTarget, name: string): Promise<MediaFile[]> {
  const query = new URLSearchParams({ 'filters[name][$eq]': name, sort: 'id:asc' });
  return read(cms, `/api/upload/files?${query}`, z.array(mediaFileSchema));
}

/** A file over the byte cap was not downloaded (or was stopped part way). */
export class MediaTooLargeError extends Error {}

export interface DownloadedFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Streams a media file to `destination`, hashing as it goes, stopping at `maxBytes`
 * (MediaTooLargeError; the partial file removed). Media are public: no token is sent, so
 * it never goes to a bucket's host. Only http(s) URLs are followed.
 */
export async function downloadFile(cms: CmsTarget, file: MediaFile, destination: string, maxBytes: number): Promise<DownloadedFile> {
  const url = new URL(file.url, `${cms.url.replace(/\/$/, '')}/`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CmsRefusedError(0, `${file.name}: its URL ${url.protocol} is not http(s)`);
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new CmsUnreachableError(`${url.origin}: ${networkReason(error)}`);
  }
  if (!response.ok || response.body === null) throw new CmsRefusedError(response.status, `${file.name}: ${url.href} answered ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  const tooLarge = () => new MediaTooLargeError(`${file.name} is larger than ${maxBytes} bytes`);
  if (declared > maxBytes) {
    await response.body.cancel();
    throw tooLarge();
  }
  const hash = crypto.createHash('sha256');
  const out = fs.createWriteStream(destination);
  const reader = response.body.getReader();
  let bytes = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes += next.value.byteLength;
      if (bytes > maxBytes) throw tooLarge();
      hash.update(next.value);
      if (!out.write(next.value)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    out.destroy();
    fs.rmSync(destination, { force: true });
    throw error instanceof MediaTooLargeError ? error : new CmsUnreachableError(`${url.origin}: the download of ${file.name} broke off (${networkReason(error)})`);
  }
  return { path: destination, bytes, sha256: hash.digest('hex') };
}

export interface UploadData {
  /** The file on disk; it is streamed, not read into memory. */
  readonly path: string;
  readonly name: string;
  readonly mime: string;
  readonly alternativeText: string;
  readonly caption: string;
}

/** `POST /api/upload` (multipart) with the file's name, alternative text and caption; the new file. */
export async function uploadFile(cms: CmsTarget, upload: UploadData): Promise<MediaFile> {
  const form = new FormData();
  form.append('files', await fs.openAsBlob(upload.path, { type: upload.mime }), path.basename(upload.name));
  form.append('fileInfo', JSON.stringify({ name: upload.name, alternativeText: upload.alternativeText, caption: upload.caption }));
  const response = await call(cms, '/api/upload', { method: 'POST', body: form });
  const parsed = z.array(mediaFileSchema).safeParse(await response.json().catch(() => undefined));
  const created = parsed.success ? parsed.data[0] : undefined;
  if (created === undefined) throw new CmsRefusedError(response.status, `the upload of ${upload.name} answered without the file`);
  return created;
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

/** One request that must succeed: the response, or CmsRefusedError / CmsUnreachableError. */
async function call(cms: CmsTarget, route: string, init: RequestInit = {}): Promise<Response> {
  const response = await send(cms, route, init);
  if (!response.ok) throw await refusal(response);
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
  deleted: z.array(z.object({ type: z.string(), slug: z.string(), locale: z.string() })).default([]),
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

// ---- content:copy: the export's rows, and the rows as a file for the import ----

/** The largest file the CMS's import takes (TRANSFER_FILE_TOO_LARGE above it; cms/README.md). */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

/** One row per document and locale, every cell a string (the contract of issue 12). */
export type ContentRow = Readonly<Record<string, string>>;

const contentFileSchema = z.object({ format: z.literal('baobab-content'), version: z.literal(1), rows: z.array(z.record(z.string(), z.string())) });

/** The rows of a JSON export; CmsRefusedError when it is not one (another version of Baobab, or not Baobab). */
export function contentRows(bytes: Buffer): ContentRow[] {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    body = undefined;
  }
  const parsed = contentFileSchema.safeParse(body);
  if (!parsed.success) throw new CmsRefusedError(200, 'the export was not a baobab-content JSON file of version 1 (is the source a Baobab CMS of the same version?)');
  return parsed.data.rows;
}

/** Rows as the JSON file the import reads. */
export const contentFile = (rows: readonly ContentRow[]): Buffer => Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows }));

/** An import problem as problemLine prints it: a code this version does not know reads as TRANSFER_INVALID. */
export const knownProblem = (problem: z.infer<typeof importProblemSchema>): Problem => ({ ...problem, code: PROBLEM_CODES.find((code) => code === problem.code) ?? 'TRANSFER_INVALID' });
