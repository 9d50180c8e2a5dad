// The gateway's one HTTP server (port 3100): every channel's webhook, the content API for
// flow tools, health and cache notices, and in development the provider sandbox. Bodies
// are capped, every input is validated, and no error ever reaches a caller as a stack.
import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { CmsError } from '@baobab/kit/delivery';
import { NOTICE_BODY_LIMITS, noticeChange } from '@baobab/kit/changes';
import { discardBody, readBody as readBodyWithin, type BodyLimits } from '@baobab/kit/http';
import { NO_SITE, UNKNOWN_SITE, type RequestLabels } from '@baobab/kit/metrics';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '@baobab/kit/request-id';
import { contentMessage, ContentApiError } from '../gateways/content-api';
import type { Runtime } from '../gateways/runtime';
import { translateFor, uiFormFor } from '@baobab/channels';
import { handleSms, isPhoneNumber, smsFormSchema } from '../gateways/sms';
import { hashAddress } from '../gateways/runtime';
import { StoreUnavailableError } from '../store';
import { handleTelegramUpdate, hasTelegramSecret, updateSchema } from '../gateways/telegram';
import { answerUssd, ussdFormSchema } from '../gateways/ussd';
import { handleWhatsAppEvents, isSignedByMeta, webhookSchema } from '../gateways/whatsapp';
import { createSandbox } from './sandbox';

export const MAX_BODY_BYTES = 64 * 1024;
/** A body over MAX_BODY_BYTES is read and thrown away up to this much, so its sender reads the 413. */
export const DISCARD_MAX_BYTES = 16 * 1024 * 1024;
const BODY_LIMITS: BodyLimits = { maxBytes: MAX_BODY_BYTES, discardBytes: DISCARD_MAX_BYTES, discardMs: 5000 };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = () => new HttpError(413, 'BODY_TOO_LARGE', `request body is over ${MAX_BODY_BYTES} bytes; send at most ${MAX_BODY_BYTES / 1024} KB`);

/** The body, at most MAX_BODY_BYTES; a longer one is a 413 once its rest is discarded (the kit's one body reader). */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const result = await readBodyWithin(req, BODY_LIMITS);
  if (result.ok) return result.body;
  if (result.reason === 'too-large') throw tooLarge();
  throw new HttpError(400, 'BAD_REQUEST', 'the request body could not be read');
}

/** A path segment decoded; malformed percent-encoding is the caller's mistake. */
function decodeSegment(segment: string, name: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'BAD_USER_INPUT', `${name} has malformed percent-encoding (a % must be followed by two hex digits of valid UTF-8)`);
  }
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

/** Writes the answer once any unread request body is discarded (bounded); past the bound, the connection closes. */
function send(res: ServerResponse, status: number, body: string, contentType: string, started: bigint): void {
  const write = (canKeepAlive: boolean) => {
    if (res.headersSent || res.destroyed) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    res.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'server-timing': `app;dur=${ms.toFixed(2)}`,
      'cache-control': 'no-store',
      ...(canKeepAlive ? {} : { connection: 'close' }),
    });
    res.end(body);
  };
  const { req } = res;
  if (req.complete) write(true);
  else void discardBody(req, BODY_LIMITS).then(write);
}

const json = (res: ServerResponse, status: number, value: unknown, started: bigint) => send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', started);
const text = (res: ServerResponse, status: number, value: string, started: bigint) => send(res, status, value, 'text/plain; charset=utf-8', started);

/** Constant-time comparison that does not reveal the secret's length either. */
function sameSecret(given: string | string[] | undefined | null, secret: string | null): boolean {
  if (secret === null || typeof given !== 'string') return false;
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(secret));
}

/** The request line for logs, with the SMS callback's secret hidden. */
const loggable = (url: string | undefined) => (url ?? '').replace(/^(\/sms\/africastalking\/)[^/?#]+/, '$1***').slice(0, 300);

/** Whether the gateway can serve: the CMS answers, and Redis when REDIS_URL is set. */
export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

export interface ChatServer {
  readonly server: http.Server;
  /** Resolves when every webhook accepted so far has been handled (tests, shutdown). */
  idle(): Promise<void>;
}

export function createChatServer(runtime: Runtime, readiness: () => Promise<Readiness> = async () => ({ ready: true })): ChatServer {
  const pending = new Set<Promise<void>>();
  const background = (work: () => Promise<unknown>) => {
    const task = work().then(
      () => undefined,
      (error: unknown) => runtime.log(`background: ${error instanceof CmsError || error instanceof StoreUnavailableError ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    );
    pending.add(task);
    void task.finally(() => pending.delete(task));
  };
  const sandbox = runtime.config.sandbox ? createSandbox(runtime.config) : null;

  async function route(req: IncomingMessage, res: ServerResponse, started: bigint, labels: RequestLabels): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://gateway');
    } catch {
      throw new HttpError(400, 'BAD_USER_INPUT', 'the request URL cannot be parsed');
    }
    const { pathname } = url;
    const method = req.method ?? 'GET';

    if (pathname === '/_baobab/health') {
      labels.route = 'health';
      return send(res, 204, '', 'text/plain', started);
    }
    if (pathname === '/_baobab/ready') {
      labels.route = 'ready';
      const state = await readiness();
      return json(res, state.ready ? 200 : 503, state.ready ? { ready: true } : { ready: false, reason: state.reason }, started);
    }
    if (pathname === '/_baobab/invalidate' && method === 'POST' && sameSecret(req.headers['x-baobab-secret'], runtime.config.notifySecret)) {
      labels.route = 'invalidate';
      const body = await readBodyWithin(req, NOTICE_BODY_LIMITS);
      const change = noticeChange(body.ok ? body.body : null);
      if (!body.ok || change === null) throw new HttpError(400, 'CHANGE_MALFORMED', 'the notice body must be a content change (JSON, @baobab/kit/changes), or empty for everything');
      if (runtime.changes) runtime.changes.receive(change, 'notice');
      else runtime.content.invalidate(change);
      return send(res, 204, '', 'text/plain', started);
    }

    if (pathname === '/ussd/africastalking' && method === 'POST') {
      Object.assign(labels, { route: 'ussd', channel: 'ussd', site: UNKNOWN_SITE });
      const form = parseForm(ussdFormSchema, await readBody(req));
      return text(res, 200, await answerUssd(runtime, form, (code) => (labels.site = code)), started);
    }
    if (pathname === '/ussd/africastalking/events' && method === 'POST') {
      Object.assign(labels, { route: 'ussd_events', channel: 'ussd' });
      const form = parseForm(z.object({ sessionId: z.string({ error: 'sessionId is required' }).min(1, 'sessionId is required').max(200), status: z.string().max(40).optional() }), await readBody(req));
      // The session is over: forget it now rather than at its expiry. Never a menu.
      await runtime.store.delete(`ussd:${form.sessionId}`);
      await runtime.store.delete(`ussd-text:${form.sessionId}`);
      return text(res, 200, 'OK', started);
    }

    if (pathname === '/whatsapp/webhook') Object.assign(labels, { route: 'whatsapp', channel: 'whatsapp' });
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
      Object.assign(labels, { route: 'telegram', channel: 'telegram', site: UNKNOWN_SITE });
      if (!hasTelegramSecret(req.headers['x-telegram-bot-api-secret-token'], runtime.config.telegram.secretToken)) {
        return json(res, 401, { error: { code: 'BAD_SECRET_TOKEN', message: 'X-Telegram-Bot-Api-Secret-Token is missing or wrong' } }, started);
      }
      const update = parseJson(updateSchema, await readBody(req), 'Telegram update');
      const site = await runtime.content.site(telegram[1] ?? '');
      if (!site || !site.channels.telegram) return json(res, 404, { error: { code: 'SITE_NOT_FOUND', message: `no site "${telegram[1]}" with a Telegram channel` } }, started);
      labels.site = site.code;
      background(() => handleTelegramUpdate(runtime, site, update));
      return json(res, 200, { ok: true }, started);
    }

    const sms = /^\/sms\/africastalking(?:\/([^/]*))?$/.exec(pathname);
    if (sms && method === 'POST') {
      Object.assign(labels, { route: 'sms', channel: 'sms', site: UNKNOWN_SITE });
      // Africa's Talking cannot send headers of ours: the secret is the callback URL's last segment.
      if (!sameSecret(sms[1] ?? '', runtime.config.sms.webhookSecret)) {
        return text(res, 401, 'BAD_WEBHOOK_SECRET: the SMS callback URL must be /sms/africastalking/<SMS_WEBHOOK_SECRET>', started);
      }
      const form = parseForm(smsFormSchema, await readBody(req));
      if (!isPhoneNumber(form.from)) throw new HttpError(400, 'BAD_PHONE_NUMBER', 'from must be a phone number: + and 7–15 digits, like +254711000111');
      const limited = await runtime.smsLimiter.consume(hashAddress(form.from));
      if (limited !== null) {
        res.setHeader('retry-after', String(limited.retryAfterSeconds));
        return text(res, 429, `RATE_LIMITED: more than ${runtime.config.sms.ratePerMinute} messages a minute from this number; try again in ${limited.retryAfterSeconds} s (no reply is sent)`, started);
      }
      const site = await runtime.content.siteFor('sms', form.to);
      if (!site) return text(res, 404, `SITE_NOT_FOUND: no site has the short code ${form.to}`, started);
      labels.site = site.code;
      background(() => handleSms(runtime, site, form));
      return text(res, 200, 'OK', started);
    }

    const content = /^\/content\/([^/]{1,100})\/([^/]{1,20})\/([^/]{1,120})$/.exec(pathname);
    if (content && method === 'GET') {
      labels.route = 'content';
      const site = decodeSegment(content[1] ?? '', 'the site');
      // A known site's code only: the label set stays bounded whatever callers send.
      labels.site = (await runtime.content.site(site).catch(() => null))?.code ?? UNKNOWN_SITE;
      const locale = decodeSegment(content[2] ?? '', 'the locale');
      const slug = decodeSegment(content[3] ?? '', 'the slug');
      return json(res, 200, await contentMessage(runtime, { site, locale, slug }, url.searchParams), started);
    }

    if (sandbox && pathname.startsWith('/_sandbox/')) {
      labels.route = 'sandbox';
      const raw = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
      const answer = sandbox.handle(method, pathname, url.searchParams, req.headers, raw);
      return json(res, answer.status, answer.body, started);
    }
    return json(res, 404, { error: { code: 'NOT_FOUND', message: `no ${method} ${pathname} here; see frontends/chat/README.md for the endpoints` } }, started);
  }

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    // Route kinds, never raw paths, so the label set stays small.
    const initial: RequestLabels = { route: 'other', site: NO_SITE, channel: NO_SITE };
    const labels = runtime.metrics?.track(res, initial) ?? initial;
    // One id per request (the caller's when well formed): every CMS call made for it, background work included, carries it.
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    const { logRequest } = runtime;
    if (logRequest) {
      res.once('finish', () =>
        withRequestId(requestId, () => logRequest({ method: req.method, url: loggable(req.url), route: labels.route, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 })),
      );
    }
    withRequestId(requestId, () => route(req, res, started, labels).catch((error: unknown) => {
      const path = req.url ?? '';
      const isUssd = path.startsWith('/ussd/africastalking') && !path.startsWith('/ussd/africastalking/events');
      const isText = isUssd || path.startsWith('/ussd/') || path.startsWith('/sms/');
      if (error instanceof HttpError || error instanceof ContentApiError) {
        return isText ? text(res, error.status, `${error.code}: ${error.message}`, started) : json(res, error.status, { error: { code: error.code, message: error.message } }, started);
      }
      if (error instanceof CmsError && error.isRefusedInput && !isUssd) {
        // The delivery API refused a value the caller sent: their mistake, not an outage.
        const message = `the content service refused a parameter: ${error.message.slice(0, 200)}`;
        return isText ? text(res, 400, `BAD_USER_INPUT: ${message}`, started) : json(res, 400, { error: { code: 'BAD_USER_INPUT', message } }, started);
      }
      const isUnavailable = error instanceof CmsError || error instanceof StoreUnavailableError;
      runtime.log(`${req.method} ${loggable(req.url)}: ${isUnavailable ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      // A USSD caller must get a screen, or the session dies with the network's own error.
      if (isUssd) return text(res, 200, `END ${translateFor('en', uiFormFor('ussd', runtime.config.ussd.smartEncoding))('unavailable')}`, started);
      if (isUnavailable) {
        const what = error instanceof CmsError ? 'the content service' : 'the session store';
        return isText
          ? text(res, 503, `UNAVAILABLE: the gateway could not reach ${what}; try again shortly`, started)
          : json(res, 503, { error: { code: 'UNAVAILABLE', message: `the gateway could not reach ${what}; try again shortly` } }, started);
      }
      return isText ? text(res, 500, 'INTERNAL: the gateway failed; it has been logged', started) : json(res, 500, { error: { code: 'INTERNAL', message: 'the gateway failed; it has been logged' } }, started);
    }));
  });
  return {
    server,
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
