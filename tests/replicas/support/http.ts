// The three kinds of request the replica test makes, each to any base URL (a replica or
// nginx): a mobi page by Host, a delivery query, a USSD hop. node:http, because fetch()
// drops a Host header; one keep-alive agent, as a load balancer's clients would hold.
import http from 'node:http';
import zlib from 'node:zlib';

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** Closes the kept-alive connections, so jest sees no open handles. */
export const closeConnections = () => agent.destroy();

export function request(url: string, options: { method?: 'GET' | 'POST'; host?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      target,
      {
        agent,
        method: options.method ?? 'GET',
        headers: { ...(options.host ? { host: options.host } : {}), 'accept-encoding': 'gzip', ...options.headers },
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          const body = res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
          resolve({ status: res.statusCode ?? 0, body: body.toString('utf8'), headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A mobi-site page of the site `host` names. */
export const page = (base: string, host: string, path: string) => request(`${base}${path}`, { host });

/** A delivery query; answers the parsed JSON (the caller checks `errors`). */
export async function delivery(base: string, query: string): Promise<Answer & { json: { data?: unknown; errors?: unknown } }> {
  const answer = await request(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const json: unknown = answer.status === 200 ? JSON.parse(answer.body) : {};
  return { ...answer, json: typeof json === 'object' && json !== null ? json : {} };
}

/** One Africa's Talking USSD callback: `text` carries every input of the session so far, joined by `*`. */
export const ussd = (base: string, fields: { sessionId: string; serviceCode: string; phoneNumber: string; text: string }) =>
  request(`${base}/ussd/africastalking`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, networkCode: '63902' }).toString(),
  });
