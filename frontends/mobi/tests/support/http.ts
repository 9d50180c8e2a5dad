// Fetch a mobi page as a phone would: by Host header, compressed, and measure it.
import zlib from 'node:zlib';

export interface Page {
  readonly status: number;
  readonly html: string;
  readonly gzipBytes: number;
  readonly headers: Headers;
}

export async function page(host: string, path: string, extraHeaders: Record<string, string> = {}, base?: string): Promise<Page> {
  const url = base ?? process.env.BAOBAB_TEST_MOBI_URL;
  if (!url) throw new Error('BAOBAB_TEST_MOBI_URL is not set: run through jest (global-setup starts the mobi-site)');
  // fetch() cannot set Host, so go through node:http.
  const http = await import('node:http');
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const request = http.request(target, { headers: { host, 'accept-encoding': 'identity', ...extraHeaders } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = response.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
        const headers = new Headers();
        for (const [key, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(key, value);
        resolve({ status: response.statusCode ?? 0, html: body.toString('utf8'), gzipBytes: zlib.gzipSync(body, { level: 9 }).length, headers });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** Same-site links on a page: hrefs that start with `/`, without fragments. */
export const links = (html: string): string[] =>
  [...html.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));

export const count = (html: string, pattern: RegExp) => (html.match(pattern) ?? []).length;

/** Answers of the CMS's REST API are checked field by field in tests; this is the one loose type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Strapi's REST API on the test CMS, with its full-access API token. */
export async function rest(method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${process.env.BAOBAB_TEST_MOBI_CMS_URL ?? ''}/api${apiPath}`, {
    method,
    headers: { authorization: `Bearer ${process.env.BAOBAB_TEST_MOBI_API_TOKEN ?? ''}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}
