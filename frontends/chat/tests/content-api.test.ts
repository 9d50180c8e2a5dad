import type { RunningGateway } from '../src/server/start';
import { channels, messengerProblems, smsProblems, telegramProblems, ussdProblems, whatsappProblems } from '@baobab/channels';
import { startTestGateway } from './support/gateway';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startTestGateway(null);
});
afterAll(async () => {
  await gateway.stop();
});

const get = async (path: string) => {
  const response = await fetch(`${gateway.url}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const problemsFor = (channel: string, message: unknown): string[] => {
  const text = typeof message === 'object' && message !== null && 'text' in message ? String(message.text) : '';
  if (channel === 'whatsapp') return whatsappProblems({ messaging_product: 'whatsapp', to: '1', ...(message as object) });
  if (channel === 'telegram') return telegramProblems({ chat_id: 1, ...(message as object) });
  if (channel === 'messenger') return messengerProblems(message);
  if (channel === 'sms') return smsProblems(text);
  return ussdProblems(`CON ${text}`, 160);
};

describe('GET /content/:site/:locale/:slug for flow tools', () => {
  it.each(channels)('serves every message of an article on %s, numbered, within limits', async (channel) => {
    const first = await get(`/content/kijana-ke/en-KE/hiv-testing-basics?channel=${channel}&message=1`);
    expect(first.status).toBe(200);
    const total = Number(first.body.total_messages);
    expect(total).toBeGreaterThanOrEqual(1);
    expect(first.body.previous_message).toBeNull();
    expect(first.body.next_message).toBe(total > 1 ? 2 : null);
    for (let n = 1; n <= total; n += 1) {
      const { status, body } = await get(`/content/kijana-ke/en-KE/hiv-testing-basics?channel=${channel}&message=${n}`);
      expect(status).toBe(200);
      expect(body.message_number).toBe(n);
      expect(problemsFor(channel, body.message)).toEqual([]);
    }
    const last = await get(`/content/kijana-ke/en-KE/hiv-testing-basics?channel=${channel}&message=${total}`);
    expect(last.body.next_message).toBeNull();
  });

  it.each([
    ['message=0', 'message must be a whole number from 1'],
    ['message=-1', 'message must be a whole number from 1'],
    ['message=1.5', 'message must be a whole number from 1'],
    ['message=abc', 'message must be a whole number from 1'],
    ['message=999', 'message must be between 1 and'],
  ])('answers 400 with a clear text for %s', async (query, text) => {
    const { status, body } = await get(`/content/kijana-ke/en-KE/hiv-testing-basics?channel=sms&${query}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.stringContaining(text) } });
  });

  it('reads the channel by value: missing, empty or unknown is a 400 naming the channels', async () => {
    for (const query of ['', '?channel=', '?channel=fax', '?whatsapp=true']) {
      const { status, body } = await get(`/content/kijana-ke/en-KE/hiv-testing-basics${query}`);
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toContain('whatsapp, sms, ussd, telegram, messenger');
    }
  });

  it('answers 404 for an unknown site or article and 400 for a locale the site does not serve', async () => {
    expect((await get('/content/nowhere/en/hiv-testing-basics?channel=sms')).body).toEqual({ error: { code: 'SITE_NOT_FOUND', message: expect.any(String) } });
    expect((await get('/content/kijana-ke/en-KE/no-such-article?channel=sms')).status).toBe(404);
    const locale = await get('/content/kijana-ke/ar-EG/hiv-testing-basics?channel=sms');
    expect(locale.status).toBe(400);
    expect(JSON.stringify(locale.body)).toContain('en-KE, sw-KE');
  });

  it('answers 404 as JSON for unknown paths, never a stack trace', async () => {
    const { status, body } = await get('/nothing/here');
    expect(status).toBe(404);
    expect(JSON.stringify(body)).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
  });
});
