import crypto from 'node:crypto';
import type { RunningGateway } from '../src/server/start';
import { isGsm7, ussdLength, ussdProblems } from '@baobab/channels';
import { dial, startTestGateway } from './support/gateway';

let gateway: RunningGateway;
beforeAll(async () => {
  gateway = await startTestGateway(null);
});
afterAll(async () => {
  await gateway.stop();
});

/** One USSD session as Africa's Talking drives it: `text` carries every input so far joined by `*`. */
function session(serviceCode: string, phoneNumber = `+2547${crypto.randomInt(10_000_000, 99_999_999)}`) {
  const sessionId = `ATUid_${crypto.randomUUID()}`;
  const inputs: string[] = [];
  return {
    phoneNumber,
    sessionId,
    async send(input?: string): Promise<string> {
      if (input !== undefined) inputs.push(input);
      const answer = await dial(gateway.url, { sessionId, serviceCode, phoneNumber, networkCode: '63902', text: inputs.join('*') });
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/^text\/plain/);
      expect(ussdProblems(answer.body, 160)).toEqual([]);
      return answer.body;
    },
  };
}

const choices = (screen: string) => screen.split('\n').filter((line) => /^\d+\. /.test(line));

const journeys = [
  { site: 'kijana-ke', code: '*384*100#', languageChoice: '2', more: '98 Zaidi', back: '0 Rudi', home: '00 Mwanzo' },
  { site: 'thrive-za', code: '*120*200#', languageChoice: '2', more: '98 Okunye', back: '0 Emuva', home: '00 Ekhaya' },
  { site: 'mama-ng', code: '*347*300#', languageChoice: '2', more: '98 Kari', back: '0 Koma baya', home: '00 Gida' },
];

describe.each(journeys)('a USSD journey on $site', ({ code, languageChoice, more, back, home }) => {
  it('goes dial → language → section → article → more → back → home with CON screens in the chosen language', async () => {
    const s = session(code);
    const first = await s.send();
    expect(first).toMatch(/^CON /);
    expect(choices(first).length).toBeGreaterThanOrEqual(2);

    const homeMenu = await s.send(languageChoice);
    expect(homeMenu).toMatch(/^CON /);
    expect(choices(homeMenu).length).toBeGreaterThan(0);

    // Into the first section, and down through sub-sections until an article shows.
    let screen = await s.send('1');
    const sectionMenu = screen;
    for (let depth = 0; choices(screen).length > 0 && depth < 4; depth += 1) screen = await s.send('1');
    expect(choices(screen)).toEqual([]);
    expect(screen).toContain(back);
    expect(screen).toContain(home);
    expect(screen).toContain(more);

    const page2 = await s.send('98');
    expect(page2).toMatch(/^CON /);
    expect(page2).not.toEqual(screen);

    const backAgain = await s.send('0');
    expect(choices(backAgain).length).toBeGreaterThan(0);
    expect(backAgain).toContain(back);
    void sectionMenu;

    const homeAgain = await s.send('00');
    expect(homeAgain).toEqual(homeMenu);
  });
});

describe('USSD input and state', () => {
  it('remembers the language per phone number on the next dial', async () => {
    const first = session('*384*100#');
    await first.send();
    const swahili = await first.send('2');
    const again = session('*384*100#', first.phoneNumber);
    expect(await again.send()).toEqual(swahili);
  });

  it('re-prompts with CON for a non-numeric answer, a number out of range and an input containing *', async () => {
    const s = session('*120*200#');
    await s.send();
    const menu = await s.send('1');
    for (const bad of ['abc', '42', '1*2']) {
      const answer = await s.send(bad);
      expect(answer).toMatch(/^CON /);
      expect(answer).toContain('Please choose one of the numbers.');
      expect(choices(answer)).toEqual(choices(menu));
    }
  });

  it('pages the Hausa main menu by its own text, offers 0 Back on its second page and re-prompts a full page and a full article screen', async () => {
    const s = session('*347*300#');
    await s.send();
    const first = await s.send('2');
    expect(first).toContain('98 Kari');
    expect(first.length).toBeGreaterThan(120);
    const second = await s.send('98');
    expect(second).not.toContain('98 Kari');
    expect(second.split('\n')).toContain('0 Koma baya');
    expect(await s.send('0')).toEqual(first);
    const reprompt = await s.send('7');
    expect(reprompt).toMatch(/^CON Don Allah/);
    expect(choices(reprompt)).toEqual(choices(first));
    // Down to an article, then a key that means nothing there.
    let screen = await s.send('1');
    for (let depth = 0; choices(screen).length > 0 && depth < 4; depth += 1) screen = await s.send('1');
    expect(choices(screen)).toEqual([]);
    const noticed = await s.send('5');
    expect(noticed).toMatch(/^CON Don Allah/);
    expect(noticed.split('\n').slice(-2)).toEqual(['0 Koma baya', '00 Gida']);
  });

  it('keeps a Hausa article screen in GSM-7 under the re-prompt, so the text still shows', async () => {
    const s = session('*347*300#');
    await s.send();
    await s.send('2');
    let screen = await s.send('1');
    for (let depth = 0; choices(screen).length > 0 && depth < 4; depth += 1) screen = await s.send('1');
    expect(choices(screen)).toEqual([]);
    const article = screen.replace(/^CON /, '');
    expect(isGsm7(article)).toBe(true);
    const noticed = (await s.send('5')).replace(/^CON /, '');
    // The re-prompt in its GSM-7 form ("zabi daya", as the Hausa content writes it), never one that turns the screen UCS-2.
    expect(isGsm7(noticed)).toBe(true);
    expect(noticed.split('\n')[0]).toMatch(/^Don Allah zabi/);
    const nav = (lines: string) => lines.split('\n').filter((line) => /^(98|0|00) /.test(line));
    const text = article.split('\n').slice(0, -nav(article).length).join('\n');
    const shown = noticed.split('\n').slice(1, -nav(article).length).join('\n');
    expect(ussdLength(shown)).toBeGreaterThanOrEqual(ussdLength(text) / 2);
    expect(text.startsWith(shown.replace(/(…|\.\.\.)$/, ''))).toBe(true);
    expect(nav(noticed)).toEqual(nav(article));
    expect(nav(article).slice(-2)).toEqual(['0 Koma baya', '00 Gida']);
  });

  it('answers END with a clear sentence for an unknown service code', async () => {
    const answer = await dial(gateway.url, { sessionId: 'x1', serviceCode: '*999*999#', phoneNumber: '+254700000000', text: '' });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('END This service code is not in use. Please check the number and dial again.');
  });

  it('answers 400 with the missing field named, not a stack trace, for empty or missing fields', async () => {
    const cases: Array<Record<string, string>> = [{}, { sessionId: '', serviceCode: '*384*100#', phoneNumber: '+2547' }, { sessionId: 's', phoneNumber: '+2547' }];
    for (const fields of cases) {
      const answer = await dial(gateway.url, fields);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatch(/^BAD_USER_INPUT: .*is required/);
      expect(answer.body).not.toMatch(/\n\s+at /);
    }
  });

  it('takes end-of-session notices without touching a menu, and forgets the session', async () => {
    const s = session('*347*300#');
    await s.send();
    const homeMenu = await s.send('1');
    const inside = await s.send('1');
    const response = await fetch(`${gateway.url}/ussd/africastalking/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ sessionId: s.sessionId, serviceCode: '*347*300#', networkCode: '62120', phoneNumber: '+2348000000000', status: 'Success', cost: 'NGN 0.00', date: '2026-11-22 10:00:00', input: '1*1', hopsCount: '3', errorMessage: '', lastAppResponse: 'CON …', durationInMillis: '12000' }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('OK');
    // The same id again starts afresh: its state went with the notice.
    const again = await dial(gateway.url, { sessionId: s.sessionId, serviceCode: '*347*300#', phoneNumber: s.phoneNumber, text: '' });
    expect(again.body).not.toEqual(inside);
    expect(again.body).toEqual(homeMenu);
  });

  it('refuses a 1 MB body with 413', async () => {
    const response = await fetch(`${gateway.url}/ussd/africastalking`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `text=${'1'.repeat(1024 * 1024)}` });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/^BODY_TOO_LARGE/);
  });

  it('keeps sessions in Redis when REDIS_URL is set, so a second gateway continues the session', async () => {
    const redis = process.env.BAOBAB_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';
    const a = await startTestGateway(null, { REDIS_URL: redis });
    const b = await startTestGateway(null, { REDIS_URL: redis });
    try {
      const fields = { sessionId: `ATUid_${crypto.randomUUID()}`, serviceCode: '*120*200#', phoneNumber: `+2782${crypto.randomInt(1_000_000, 9_999_999)}`, networkCode: '65501' };
      const first = await dial(a.url, { ...fields, text: '' });
      const english = await dial(b.url, { ...fields, text: '1' });
      const section = await dial(a.url, { ...fields, text: '1*1' });
      expect(first.body).toMatch(/^CON /);
      expect(choices(english.body).length).toBeGreaterThan(0);
      expect(section.body).not.toEqual(english.body);
      expect(section.body).toContain('0 Back');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
