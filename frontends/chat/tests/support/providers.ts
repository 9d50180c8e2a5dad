// Local stand-ins for the providers across the internet: the WhatsApp Graph API, the
// Telegram Bot API and Africa's Talking's SMS API. Each checks auth and wire format as the
// provider would, checks the payload against the channel's limits, and records it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsProblems, telegramProblems, whatsappProblems } from '@baobab/channels';

export const PROVIDER_TOKENS = { whatsapp: 'test-wa-token', telegram: 'test-bot-token', sms: 'test-sms-key' } as const;

export interface Recorded {
  readonly channel: 'whatsapp' | 'telegram' | 'sms';
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** Channel-limit problems found in the payload: a test fails when any is not empty. */
  readonly problems: readonly string[];
}

export interface Providers {
  readonly url: string;
  readonly sent: Recorded[];
  /** Waits until `count` messages for `to` are recorded (after `from`), at most 5 s. */
  waitFor(to: string, count: number, from?: number): Promise<Recorded[]>;
  close(): Promise<void>;
}

const recipient = (body: Record<string, unknown>) => String(body.to ?? body.chat_id ?? '');

export async function startProviders(): Promise<Providers> {
  const sent: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (/^\/v21\.0\/[0-9]+\/messages$/.test(path)) {
        if (req.headers.authorization !== `Bearer ${PROVIDER_TOKENS.whatsapp}`) return reply(401, { error: { message: 'Invalid OAuth access token', code: 190 } });
        const body = JSON.parse(raw) as Record<string, unknown>;
        sent.push({ channel: 'whatsapp', path, body, problems: whatsappProblems(body) });
        return reply(200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id: `wamid.test${sent.length}` }] });
      }
      const telegram = /^\/bot([^/]+)\/(sendMessage|answerCallbackQuery)$/.exec(path);
      if (telegram) {
        if (telegram[1] !== PROVIDER_TOKENS.telegram) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
        const body = JSON.parse(raw) as Record<string, unknown>;
        if (telegram[2] === 'answerCallbackQuery') return reply(200, { ok: true, result: true });
        sent.push({ channel: 'telegram', path, body, problems: telegramProblems(body) });
        return reply(200, { ok: true, result: { message_id: sent.length } });
      }
      if (path === '/version1/messaging') {
        if (req.headers.apikey !== PROVIDER_TOKENS.sms || !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) return reply(401, { error: 'The supplied authentication is invalid' });
        const body = Object.fromEntries(new URLSearchParams(raw));
        sent.push({ channel: 'sms', path, body, problems: smsProblems(String(body.message ?? '')) });
        return reply(201, { SMSMessageData: { Message: 'Sent to 1/1', Recipients: [{ statusCode: 101, number: body.to, status: 'Success', cost: 'KES 0.8000', messageId: `ATXid_${sent.length}` }] } });
      }
      reply(404, { error: `no ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    async waitFor(to, count, from = 0) {
      const deadline = Date.now() + 5000;
      for (;;) {
        const mine = sent.slice(from).filter((message) => recipient(message.body) === to);
        if (mine.length >= count || Date.now() > deadline) return mine;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
