import http from 'node:http';
import type { RunningGateway } from '../src/server/start';
import { startTestGateway, TEST_SECRETS } from './support/gateway';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startTestGateway(null);
});
afterAll(async () => {
  await gateway.stop();
});

/**
 * A POST of `bytes` from node:http, 64 KB a millisecond as a client on a slower link
 * would, with no keep-alive. Settles when the connection closes: the answer, and any socket
 * error seen before or after it (a reset after the answer still means a broken exchange).
 */
function postLarge(path: string, bytes: number, options: { chunked: boolean; headers?: Record<string, string> }): Promise<{ status: number; body: string; error: string | null }> {
  const { port, hostname } = new URL(gateway.url);
  return new Promise((resolve) => {
    let status = 0;
    let body = '';
    let error: string | null = null;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...(options.chunked ? {} : { 'content-length': String(bytes) }), ...options.headers };
    const req = http.request({ host: hostname, port, path, method: 'POST', headers, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', (failure: NodeJS.ErrnoException) => (error ??= failure.code ?? failure.message));
    });
    req.on('error', (failure: NodeJS.ErrnoException) => (error ??= failure.code ?? failure.message));
    req.on('close', () => setTimeout(() => resolve({ status, body, error }), 50));
    let sent = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      if (sent >= bytes) return void req.end();
      sent += chunk.length;
      req.write(chunk);
      setTimeout(pump, 1);
    };
    pump();
  });
}

describe('client mistakes are 4xx with a message', () => {
  it('answers a 10 MB body with 413 BODY_TOO_LARGE that the client reads, with or without Content-Length, on every POST route', async () => {
    const routes = ['/ussd/africastalking', `/sms/africastalking/${TEST_SECRETS.smsWebhook}`, '/whatsapp/webhook', '/ussd/africastalking/events'];
    for (const path of routes) {
      for (const chunked of [false, true]) {
        const answer = await postLarge(path, 10 * 1024 * 1024, { chunked });
        expect({ path, chunked, answer }).toEqual({ path, chunked, answer: { status: 413, body: expect.stringContaining('BODY_TOO_LARGE'), error: null } });
      }
    }
  });

  it('lets the client read a 401 or 404 sent before a 10 MB body was read', async () => {
    const telegram = await postLarge('/telegram/kijana-ke', 10 * 1024 * 1024, { chunked: true, headers: { 'content-type': 'application/json' } });
    expect(telegram).toEqual({ status: 401, body: expect.stringContaining('BAD_SECRET_TOKEN'), error: null });
    const nowhere = await postLarge('/no-such-route', 10 * 1024 * 1024, { chunked: true });
    expect(nowhere).toEqual({ status: 404, body: expect.stringContaining('NOT_FOUND'), error: null });
  });

  it('keeps the connection usable after a 413', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const { port, hostname } = new URL(gateway.url);
    const request = (path: string, body: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: hostname, port, path, method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      expect(await request('/ussd/africastalking', Buffer.alloc(2 * 1024 * 1024, 'a'))).toBe(413);
      expect(await request('/ussd/africastalking', Buffer.from('sessionId=k1&serviceCode=*999*999%23&phoneNumber=%2B254700000000&text='))).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('answers malformed percent-encoding in a content path with 400 BAD_USER_INPUT, not 503', async () => {
    for (const path of ['/content/kijana-ke/en-KE/%E0%A4%A?channel=sms', '/content/kijana-ke/%ZZ/hello?channel=sms', '/content/%C0%AF/en-KE/hello?channel=sms']) {
      const response = await fetch(`${gateway.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      const body = await response.json();
      expect(body.error.code).toBe('BAD_USER_INPUT');
      expect(body.error.message).toMatch(/malformed percent-encoding/);
    }
  });

  it('answers a slug that cannot exist with 400 naming the rule, before asking the CMS', async () => {
    const response = await fetch(`${gateway.url}/content/kijana-ke/en-KE/${encodeURIComponent('Hello There!')}?channel=sms`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message: '"Hello There!" is not a slug: lower-case letters, digits and single hyphens' } });
  });
});
