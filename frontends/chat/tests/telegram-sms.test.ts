import crypto from 'node:crypto';
import { segmentSms } from '@baobab/channels';
import type { RunningGateway } from '../src/server/start';
import { startTestGateway, TEST_SECRETS } from './support/gateway';
import { startProviders, type Providers } from './support/providers';

let providers: Providers;
let gateway: RunningGateway;
beforeAll(async () => {
  providers = await startProviders();
  gateway = await startTestGateway(providers);
});
afterAll(async () => {
  await gateway.stop();
  await providers.close();
});

let updateId = 1000;
function update(chatId: number, part: { text?: string; data?: string }) {
  updateId += 1;
  if (part.data !== undefined) return { update_id: updateId, callback_query: { id: `cb${updateId}`, from: { id: chatId, is_bot: false, first_name: 'R' }, data: part.data, message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private' } } } };
  return { update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'R' }, text: part.text } };
}

const postTelegram = (site: string, body: unknown, secret: string = TEST_SECRETS.telegram) =>
  fetch(`${gateway.url}/telegram/${site}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret }, body: JSON.stringify(body) });

const keyboard = (body: Record<string, unknown>) => ((body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined)?.inline_keyboard ?? []).flat();

describe('Telegram bot webhook', () => {
  it('refuses a missing or wrong secret token with 401 and sends nothing', async () => {
    const before = providers.sent.length;
    expect((await postTelegram('kijana-ke', update(1, { text: '/start' }), 'wrong')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(providers.sent.length).toBe(before);
  });

  it('answers 404 for a site without Telegram and 400 for a body that is not an update', async () => {
    expect((await postTelegram('no-such-site', update(1, { text: '/start' }))).status).toBe(404);
    const bad = await postTelegram('kijana-ke', { hello: 1 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('BAD_USER_INPUT');
  });

  it('shows menus as inline keyboards and an article as HTML messages, all within limits', async () => {
    const chat = 424242;
    let mark = providers.sent.length;
    await postTelegram('thrive-za', update(chat, { text: '/start' }));
    const [languages] = await providers.waitFor(String(chat), 1, mark);
    expect(languages?.body.parse_mode).toBe('HTML');
    const english = keyboard(languages?.body ?? {}).find((button) => button.text.startsWith('English'));
    mark = providers.sent.length;
    await postTelegram('thrive-za', update(chat, { data: english?.callback_data }));
    let [screen] = await providers.waitFor(String(chat), 1, mark);
    for (let depth = 0; depth < 4 && keyboard(screen?.body ?? {}).some((b) => /^[sa]:/.test(b.callback_data)); depth += 1) {
      const first = keyboard(screen?.body ?? {}).find((b) => /^[sa]:/.test(b.callback_data));
      mark = providers.sent.length;
      await postTelegram('thrive-za', update(chat, { data: first?.callback_data }));
      [screen] = await providers.waitFor(String(chat), 1, mark);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const article = providers.sent.slice(mark).filter((m) => m.body.chat_id === chat);
    expect(article.length).toBeGreaterThanOrEqual(2);
    expect(String(article[0]?.body.text)).toMatch(/\n<b>.+<\/b>\n/);
    expect(keyboard(article[article.length - 1]?.body ?? {}).map((b) => b.callback_data)).toEqual(['back', 'home']);
    expect(providers.sent.filter((m) => m.channel === 'telegram').flatMap((m) => m.problems)).toEqual([]);
  });
});

const postSms = (fields: Record<string, string>, path = `/sms/africastalking/${TEST_SECRETS.smsWebhook}`) =>
  fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

let smsId = 0;
async function sms(from: string, text: string, to = '21393'): Promise<string> {
  smsId += 1;
  const mark = providers.sent.length;
  const response = await postSms({ from, to, text, date: '2026-11-22 10:00:00', id: `ATXid_in${smsId}`, linkId: `link${smsId}` });
  expect(response.status).toBe(200);
  const [reply] = await providers.waitFor(from, 1, mark);
  expect(reply?.body.from).toBe(to);
  expect(reply?.body.linkId).toBe(`link${smsId}`);
  expect(reply?.problems).toEqual([]);
  return String(reply?.body.message ?? '');
}

describe('SMS (Africa\'s Talking)', () => {
  it('answers MENU with a numbered list, a number with the next menu, MORE with the next page of an article', async () => {
    const phone = '+254722000001';
    const languages = await sms(phone, 'MENU');
    expect(languages).toMatch(/^Choose your language\n1 English \(Kenya\)\n2 Kiswahili \(Kenya\)/);
    const home = await sms(phone, '1');
    expect(home).toMatch(/\n1 /);
    let reply = await sms(phone, '1');
    for (let depth = 0; depth < 4 && /\n1 /.test(reply); depth += 1) reply = await sms(phone, '1');
    expect(reply).toContain('Reply MORE for more');
    const next = await sms(phone, 'MORE');
    expect(next).not.toEqual(reply);
    expect(await sms(phone, 'menu')).toEqual(home);
  });

  it.each([
    { language: 'English', choice: '1', more: 'Reply MORE for more', end: /^That is the end of this article\.\nReply BACK to go back or MENU for topics\.$/ },
    { language: 'Kiswahili', choice: '2', more: 'Jibu MORE kwa zaidi', end: /^Huu ndio mwisho wa makala hii\.\nJibu BACK kurudi nyuma au MENU kwa mada\.$/ },
  ])('answers MORE after the last page of an article with one short part in $language saying there is no more, never the article again', async ({ choice, more, end }) => {
    const phone = `+2547${crypto.randomInt(10_000_000, 99_999_999)}`;
    await sms(phone, 'MENU');
    await sms(phone, choice);
    let reply = await sms(phone, '1');
    for (let depth = 0; depth < 4 && /\n1 /.test(reply); depth += 1) reply = await sms(phone, '1');
    for (let page = 0; page < 10 && reply.includes(more); page += 1) reply = await sms(phone, 'MORE');
    expect(reply).not.toContain(more);
    const mark = providers.sent.length;
    const answer = await sms(phone, 'MORE');
    expect(answer).toMatch(end);
    expect(answer).not.toEqual(reply);
    expect(segmentSms(answer).parts).toHaveLength(1);
    expect(await sms(phone, 'MORE')).toEqual(answer);
    expect(providers.sent.slice(mark).filter((m) => m.body.to === phone)).toHaveLength(2);
    // BACK and MENU, as it says, still work.
    expect(await sms(phone, 'BACK')).toMatch(/\n1 /);
  });

  it('re-prompts for a word it does not know and refuses missing fields with 400', async () => {
    const phone = '+254722000002';
    await sms(phone, 'hi');
    expect(await sms(phone, 'banana')).toMatch(/^Please choose one of the numbers\./);
    const missing = await postSms({ to: '21393', text: 'MENU' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/^BAD_USER_INPUT: .*from is required/);
    const unknown = await postSms({ from: '+254722000003', to: '99999', text: 'MENU', id: 'x' });
    expect(unknown.status).toBe(404);
  });
});

describe('SMS webhook protection', () => {
  const form = (from: string, id: string) => ({ from, to: '21393', text: 'MENU', date: '2026-11-22 10:00:00', id, linkId: id });

  it('refuses a callback without the secret in its URL, or with a wrong one, with 401 and sends nothing', async () => {
    const before = providers.sent.length;
    for (const path of ['/sms/africastalking', '/sms/africastalking/', '/sms/africastalking/wrong-secret-0123456789', `/sms/africastalking/${TEST_SECRETS.smsWebhook}x`]) {
      const response = await postSms(form('+254722000010', `auth-${path.length}`), path);
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('BAD_WEBHOOK_SECRET: the SMS callback URL must be /sms/africastalking/<SMS_WEBHOOK_SECRET>');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(providers.sent.length).toBe(before);
  });

  it('refuses a from that is not a phone number with 400 BAD_PHONE_NUMBER and sends nothing', async () => {
    const before = providers.sent.length;
    for (const from of ['not-a-phone<script>', '254722000011', '+12345', '+1234567890123456', '+2547 2200 0011', '+254722000011\nBcc']) {
      const response = await postSms(form(from, `phone-${crypto.randomUUID()}`));
      expect(response.status).toBe(400);
      expect(await response.text()).toBe('BAD_PHONE_NUMBER: from must be a phone number: + and 7–15 digits, like +254711000111');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(providers.sent.length).toBe(before);
  });

  it('answers 429 RATE_LIMITED with Retry-After past SMS_RATE_PER_MINUTE messages from one sender, and sends no reply for them', async () => {
    const limited = await startTestGateway(providers, { SMS_RATE_PER_MINUTE: '3' });
    try {
      const post = (from: string) =>
        fetch(`${limited.url}/sms/africastalking/${TEST_SECRETS.smsWebhook}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form(from, `rate-${crypto.randomUUID()}`)).toString() });
      const sender = '+254722000020';
      const mark = providers.sent.length;
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await post(sender)).status);
      const refused = await post(sender);
      expect(statuses).toEqual([200, 200, 200]);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await refused.text()).toMatch(/^RATE_LIMITED: more than 3 messages a minute from this number; try again in \d+ s/);
      // Another sender is not held back by the first one.
      expect((await post('+254722000021')).status).toBe(200);
      await limited.idle();
      expect(providers.sent.slice(mark).filter((m) => m.body.to === sender)).toHaveLength(3);
    } finally {
      await limited.stop();
    }
  });

  it('shares the per-sender count between gateways through Redis when REDIS_URL is set', async () => {
    const redis = process.env.BAOBAB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
    const a = await startTestGateway(providers, { SMS_RATE_PER_MINUTE: '2', REDIS_URL: redis });
    const b = await startTestGateway(providers, { SMS_RATE_PER_MINUTE: '2', REDIS_URL: redis });
    try {
      const sender = `+2547${crypto.randomInt(10_000_000, 99_999_999)}`;
      const post = (gateway: RunningGateway) =>
        fetch(`${gateway.url}/sms/africastalking/${TEST_SECRETS.smsWebhook}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form(sender, `shared-${crypto.randomUUID()}`)).toString() });
      expect([(await post(a)).status, (await post(b)).status, (await post(a)).status]).toEqual([200, 200, 429]);
      await a.idle();
      await b.idle();
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
