// The gateway's one HTTP server (port 3100): every channel's webhook, the content API for
// flow tools, health and cache notices, and in development the provider sandbox. Bodies
// are capped, every input is validated, and no error ever reaches a caller as a stack.
import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { CmsError } from '@baobab/kit/delivery';
import { contentMessage, ContentApiError } from '../gateways/content-api';
import type { Runtime } from '../gateways/runtime';
import { translateFor } from '../strings';
import { handleSms, smsFormSchema } from '../gateways/sms';
import { handleTelegramUpdate, hasTelegramSecret, updateSchema } from '../gateways/telegram';
import { answerUssd, ussdFormSchema } from '../gateways/ussd';
import { handleWhatsAppEvents, isSignedByMeta, webhookSchema } from '../gateways/whatsapp';
import { createSandbox } from './sandbox';

export const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new HttpError(413, 'BODY_TOO_LARGE', `request body is over ${MAX_BODY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'BODY_TOO_LARGE', `request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseForm<T>(schema: z.ZodType<T>, raw: Buffer): T {
  const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  const parsed = schema.safeParse(form);
  if (!parsed.success) throw new HttpError(400, 'BAD_USER_INPUT', parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

function parseJson<T>(schema: z.ZodType<T>, raw: Buffer, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_JSON', `${what} body is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new HttpError(400, 'BAD_USER_INPUT', `${what}: ${parsed.error.issues[0]?.path.join('.') || 'body'} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function send(res: ServerResponse, status: number, body: string, contentType: string, started: bigint): void {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'server-timing': `app;dur=${ms.toFixed(2)}`, 'cache-control': 'no-store' });
  res.end(body);
}

const json = (res: ServerResponse, status: number, value: unknown, started: bigint) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', started);
const text = (res: ServerResponse, status: number, value: string, started: bigint) => send(res, status, value, 'text/plain; charset=utf-8', started);

const sameSecret = (given: string | string[] | undefined, secret: string | null) =>
  secret !== null && typeof given === 'string' && given.length === secret.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(secret));

export interface ChatServer {
  readonly server: http.Server;
  /** Resolves when every webhook accepted so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
}

export function createChatServer(runtime: Runtime): ChatServer {
  const pending = new Set<Promise<void>>();
  const background = (work: () => Promise<unknown>) => {
    const task = work().then(
      () => undefined,
      (error: unknown) => runtime.log(`background: ${error instanceof CmsError ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  const sandbox = runtime.config.sandbox ? createSandbox(runtime.config) : null;

  async function route(req: IncomingMessage, res: ServerResponse, started: bigint): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const { pathname } = url;
    const method = req.method ?? 'GET';

    if (pathname === '/_baobab/health') return send(res, 204, '', 'text/plain', started);
    if (pathname === '/_baobab/invalidate' && method === 'POST' && sameSecret(req.headers['x-baobab-secret'], runtime.config.notifySecret)) {
      req.resume();
      res.setHeader('x-invalidated', String(runtime.content.invalidate()));
      return send(res, 204, '', 'text/plain', started);
    }

    if (pathname === '/ussd/africastalking' && method === 'POST') {
      const form = parseForm(ussdFormSchema, await readBody(req));
      return text(res, 200, await answerUssd(runtime, form), started);
    }
    if (pathname === '/ussd/africastalking/events' && method === 'POST') {
      const form = parseForm(z.object({ sessionId: z.string({ error: 'sessionId is required' }).min(1, 'sessionId is required').max(200), status: z.string().max(40).optional() }), await readBody(req));
      // The session is over: forget it now rather than at its expiry. Never a menu.
      await runtime.store.delete(`ussd:${form.sessionId}`);
      await runtime.store.delete(`ussd-text:${form.sessionId}`);
      return text(res, 200, 'OK', started);
    }

    if (pathname === '/whatsapp/webhook' && method === 'GET') {
      const mode = url.searchParams.get('hub.mode');
      const challenge = url.searchParams.get('hub.challenge') ?? '';
      if (mode === 'subscribe' && sameSecret(url.searchParams.get('hub.verify_token') ?? undefined, runtime.config.whatsapp.verifyToken) && /^[A-Za-z0-9_-]{1,200}$/.test(challenge)) {
        return text(res, 200, challenge, started);
      }
      return json(res, 403, { error: { code: 'VERIFY_TOKEN_MISMATCH', message: 'hub.mode must be subscribe and hub.verify_token must match WHATSAPP_VERIFY_TOKEN' } }, started);
    }
    if (pathname === '/whatsapp/webhook' && method === 'POST') {
      const raw = await readBody(req);
      const signature = req.headers['x-hub-signature-256'];
      if (!isSignedByMeta(raw, typeof signature === 'string' ? signature : undefined, runtime.config.whatsapp.appSecret)) {
        return json(res, 401, { error: { code: 'BAD_SIGNATURE', message: 'X-Hub-Signature-256 is missing or does not match the body' } }, started);
      }
      const body = parseJson(webhookSchema, raw, 'WhatsApp webhook');
      background(() => handleWhatsAppEvents(runtime, body));
      return json(res, 200, { ok: true }, started);
    }

    const telegram = /^\/telegram\/([a-z0-9-]{1,80})$/.exec(pathname);
    if (telegram && method === 'POST') {
      if (!hasTelegramSecret(req.headers['x-telegram-bot-api-secret-token'], runtime.config.telegram.secretToken)) {
        return json(res, 401, { error: { code: 'BAD_SECRET_TOKEN', message: 'X-Telegram-Bot-Api-Secret-Token is missing or wrong' } }, started);
      }
      const update = parseJson(updateSchema, await readBody(req), 'Telegram update');
      const site = await runtime.content.site(telegram[1] ?? '');
      if (!site || !site.channels.telegram) return json(res, 404, { error: { code: 'SITE_NOT_FOUND', message: `no site "${telegram[1]}" with a Telegram channel` } }, started);
      background(() => handleTelegramUpdate(runtime, site, update));
      return json(res, 200, { ok: true }, started);
    }

    if (pathname === '/sms/africastalking' && method === 'POST') {
      const form = parseForm(smsFormSchema, await readBody(req));
      const site = await runtime.content.siteFor('sms', form.to);
      if (!site) return text(res, 404, `SITE_NOT_FOUND: no site has the short code ${form.to}`, started);
      background(() => handleSms(runtime, site, form));
      return text(res, 200, 'OK', started);
    }

    const content = /^\/content\/([^/]{1,100})\/([^/]{1,20})\/([^/]{1,120})$/.exec(pathname);
    if (content && method === 'GET') {
      const [site, locale, slug] = [content[1], content[2], content[3]].map((part) => decodeURIComponent(part ?? ''));
      return json(res, 200, await contentMessage(runtime, { site: site ?? '', locale: locale ?? '', slug: slug ?? '' }, url.searchParams), started);
    }

    if (sandbox && pathname.startsWith('/_sandbox/')) {
      const raw = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
      const answer = sandbox.handle(method, pathname, url.searchParams, req.headers, raw);
      return json(res, answer.status, answer.body, started);
    }
    req.resume();
    return json(res, 404, { error: { code: 'NOT_FOUND', message: `no ${method} ${pathname} here; see frontends/chat/README.md for the endpoints` } }, started);
  }

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    route(req, res, started).catch((error: unknown) => {
      const isUssd = req.url?.startsWith('/ussd/africastalking') === true && req.url.indexOf('/events') === -1;
      if (error instanceof HttpError || error instanceof ContentApiError) {
        if (res.headersSent) return;
        return isUssd || req.url?.startsWith('/sms/') ? text(res, error.status, `${error.code}: ${error.message}`, started) : json(res, error.status, { error: { code: error.code, message: error.message } }, started);
      }
      runtime.log(`${req.method} ${req.url}: ${error instanceof CmsError ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (res.headersSent) return;
      // A USSD caller must get a screen, or the session dies with the network's own error.
      if (isUssd) return text(res, 200, `END ${translateFor('en')('unavailable')}`, started);
      return json(res, 503, { error: { code: 'UNAVAILABLE', message: 'the gateway could not reach the content service; try again shortly' } }, started);
    });
  });
  return {
    server,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
