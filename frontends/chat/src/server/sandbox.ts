// Development only: the gateway's own stand-in for the WhatsApp Graph API, the Telegram Bot
// API and Africa's Talking's SMS API, so every channel works on a laptop with no accounts.
// It checks each request as the provider would (token, shape, channel limits) and keeps
// what was sent in an outbox the simulator (`npm run chat`) reads.
import type { IncomingHttpHeaders } from 'node:http';
import type { ChatConfig } from '../config';
import { smsProblems, telegramProblems, whatsappProblems } from '@baobab/channels';

export interface SandboxMessage {
  readonly seq: number;
  readonly channel: 'whatsapp' | 'telegram' | 'sms';
  readonly to: string;
  readonly payload: unknown;
}

const OUTBOX_SIZE = 1000;

export function createSandbox(config: ChatConfig) {
  const outbox: SandboxMessage[] = [];
  let seq = 0;
  const record = (channel: SandboxMessage['channel'], to: string, payload: unknown) => {
    seq += 1;
    outbox.push({ seq, channel, to, payload });
    if (outbox.length > OUTBOX_SIZE) outbox.shift();
    return seq;
  };
  const parse = (raw: Buffer): unknown => {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return null;
    }
  };
  const refuse = (status: number, message: string) => ({ status, body: { error: { message } } });

  return {
    handle(method: string, pathname: string, query: URLSearchParams, headers: IncomingHttpHeaders, raw: Buffer): { status: number; body: unknown } {
      if (method === 'GET' && pathname === '/_sandbox/outbox') {
        const after = Number(query.get('after') ?? 0);
        const to = query.get('to');
        return { status: 200, body: { messages: outbox.filter((m) => m.seq > after && (to === null || m.to === to)) } };
      }
      if (method === 'POST' && /^\/_sandbox\/whatsapp\/[^/]+\/[0-9]+\/messages$/.test(pathname)) {
        if (headers.authorization !== `Bearer ${config.whatsapp.token}`) return refuse(401, 'Invalid OAuth access token');
        const payload = parse(raw);
        const problems = whatsappProblems(payload);
        if (problems.length > 0) return refuse(400, problems.join('; '));
        const to = typeof payload === 'object' && payload !== null && 'to' in payload ? String(payload.to) : '';
        const id = record('whatsapp', to, payload);
        return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.sandbox${id}` }] } };
      }
      const telegram = /^\/_sandbox\/telegram\/bot([^/]+)\/(sendMessage|answerCallbackQuery)$/.exec(pathname);
      if (method === 'POST' && telegram) {
        if (telegram[1] !== config.telegram.botToken) return refuse(401, 'Unauthorized');
        const payload = parse(raw);
        if (telegram[2] === 'answerCallbackQuery') return { status: 200, body: { ok: true, result: true } };
        const problems = telegramProblems(payload);
        if (problems.length > 0) return { status: 400, body: { ok: false, error_code: 400, description: problems.join('; ') } };
        const to = typeof payload === 'object' && payload !== null && 'chat_id' in payload ? String(payload.chat_id) : '';
        const id = record('telegram', to, payload);
        return { status: 200, body: { ok: true, result: { message_id: id } } };
      }
      if (method === 'POST' && pathname === '/_sandbox/sms/version1/messaging') {
        if (headers.apikey !== config.sms.apiKey) return refuse(401, 'The supplied authentication is invalid');
        const form = new URLSearchParams(raw.toString('utf8'));
        const message = form.get('message') ?? '';
        const to = form.get('to') ?? '';
        const problems = smsProblems(message);
        if (problems.length > 0 || to === '') return refuse(400, problems.join('; ') || 'to is required');
        record('sms', to, { to, from: form.get('from'), message });
        return { status: 201, body: { SMSMessageData: { Message: 'Sent to 1/1', Recipients: [{ statusCode: 101, number: to, status: 'Success', cost: 'KES 0.0000', messageId: `ATXid_sandbox${seq}` }] } } };
      }
      return refuse(404, `the sandbox has no ${method} ${pathname}`);
    },
  };
}
