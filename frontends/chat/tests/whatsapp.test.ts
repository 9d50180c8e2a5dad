import crypto from 'node:crypto';
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

const KIJANA_NUMBER_ID = '100000000000001';

function event(from: string, message: Record<string, unknown>, phoneNumberId = KIJANA_NUMBER_ID) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '0',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '254700100100', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: 'Reader' }, wa_id: from }],
              messages: [{ from, id: `wamid.${crypto.randomUUID()}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
            },
          },
        ],
      },
    ],
  };
}

async function post(body: unknown, signature?: string) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const sig = signature ?? `sha256=${crypto.createHmac('sha256', TEST_SECRETS.whatsappApp).update(raw).digest('hex')}`;
  return fetch(`${gateway.url}/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sig }, body: raw });
}

function rowsOf(body: Record<string, unknown>): Array<{ id: string; title: string }> {
  const interactive = body.interactive as { type: string; action: { sections?: Array<{ rows: Array<{ id: string; title: string }> }>; buttons?: Array<{ reply: { id: string; title: string } }> } };
  return interactive.type === 'list' ? (interactive.action.sections ?? []).flatMap((s) => s.rows) : (interactive.action.buttons ?? []).map((b) => b.reply);
}

describe('WhatsApp Cloud API webhook', () => {
  it('echoes hub.challenge when the verify token matches, 403 otherwise', async () => {
    const ok = await fetch(`${gateway.url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=${TEST_SECRETS.whatsappVerify}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${gateway.url}/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
  });

  it('refuses unsigned or wrongly signed posts with 401 and sends nothing', async () => {
    const before = providers.sent.length;
    const body = event('254711000001', { type: 'text', text: { body: 'hi' } });
    expect((await post(body, '')).status).toBe(401);
    expect((await post(body, `sha256=${'0'.repeat(64)}`)).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(providers.sent.length).toBe(before);
  });

  it('answers 400 for garbage JSON and a body that is not a webhook event', async () => {
    const garbage = await post('{"object": "whatsapp_business_account", entry: [');
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({ error: { code: 'BAD_JSON', message: expect.any(String) } });
    const wrongShape = await post({ hello: 'world' });
    expect(wrongShape.status).toBe(400);
    expect((await wrongShape.json()).error.code).toBe('BAD_USER_INPUT');
  });

  it('leads a reader from a first message to an article: language, menu list, section, text and image messages', async () => {
    const reader = '254711000002';
    const start = providers.sent.length;
    expect((await post(event(reader, { type: 'text', text: { body: 'Hello' } }))).status).toBe(200);
    const [languages] = await providers.waitFor(reader, 1, start);
    expect(languages?.body.type).toBe('interactive');
    const english = rowsOf(languages?.body ?? {}).find((row) => row.title.startsWith('English'));
    expect(english).toBeDefined();

    let mark = providers.sent.length;
    await post(event(reader, { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: english?.id, title: english?.title } } }));
    const [home] = await providers.waitFor(reader, 1, mark);
    const sections = rowsOf(home?.body ?? {});
    expect(sections.length).toBeGreaterThan(2);
    expect(sections.every((row) => row.title.length <= 24)).toBe(true);

    // Down through the first section until the answer is an article (text messages).
    let answer = home;
    for (let depth = 0; depth < 4 && answer?.body.type === 'interactive'; depth += 1) {
      const first = rowsOf(answer.body)[0];
      mark = providers.sent.length;
      await post(event(reader, { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: first?.id, title: first?.title } } }));
      const got = await providers.waitFor(reader, 1, mark);
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = providers.sent.slice(mark).filter((m) => m.body.to === reader)[0] ?? got[0];
    }
    const article = providers.sent.slice(mark).filter((m) => m.body.to === reader);
    const types = article.map((m) => m.body.type);
    expect(types).toContain('text');
    expect(types[types.length - 1]).toBe('interactive');
    const nav = rowsOf(article[article.length - 1]?.body ?? {}).map((row) => row.id);
    expect(nav).toEqual(['back', 'home']);
  });

  it('sends only messages within WhatsApp limits', async () => {
    const whatsapp = providers.sent.filter((m) => m.channel === 'whatsapp');
    expect(whatsapp.length).toBeGreaterThan(3);
    expect(whatsapp.flatMap((m) => m.problems)).toEqual([]);
  });

  it('ignores a message it has already handled (Meta retries deliveries)', async () => {
    const reader = '254711000003';
    const body = event(reader, { type: 'text', text: { body: 'hi' } });
    const mark = providers.sent.length;
    await post(body);
    await post(body);
    await providers.waitFor(reader, 2, mark);
    expect(providers.sent.slice(mark).filter((m) => m.body.to === reader)).toHaveLength(1);
  });
});
