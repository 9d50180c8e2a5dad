// The polls plugin's chat half through the real gateway and the real CMS (demo polls seeded
// by the plugin): an entry after the article a poll is placed after, the poll, a vote, the
// results, on USSD, WhatsApp and SMS, in the reader's language; none on a site without polls.
import crypto from 'node:crypto';
import { smartEncode, ussdProblems } from '@baobab/channels';
import type { RunningGateway } from '../src/server/start';
import { cmsUrl, dial, startTestGateway, TEST_SECRETS } from './support/gateway';
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

async function cms<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${cmsUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`CMS answered ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Titled {
  title: string;
  parent?: Titled | null;
}

/** The menu titles that lead to an article in a locale: sections from the top, then the article. */
async function pathTo(site: string, slug: string, locale: string): Promise<string[]> {
  const data = await cms<{ site: { article: { title: string; section: Titled | null } | null } }>(
    `query Path($site: String!, $slug: String!, $locale: String) { site(code: $site) { article(slug: $slug, locale: $locale) {
      title section { title parent { title parent { title parent { title } } } } } } }`,
    { site, slug, locale },
  );
  const article = data.site.article;
  if (!article) throw new Error(`${site} does not carry ${slug}`);
  const sections: string[] = [];
  for (let section = article.section; section; section = section.parent ?? null) sections.unshift(section.title);
  return [...sections, article.title];
}

/** The polls the CMS places after an article, as a reader in `locale` sees them. */
async function pollsAfter(site: string, article: string, locale: string) {
  const data = await cms<{ site: { polls: Array<{ slug: string; question: string; results: string; choices: Array<{ id: string; label: string }> }> } }>(
    `query Polls($site: String!, $article: String!, $locale: String) { site(code: $site) { polls(locale: $locale, placement: ARTICLE, article: $article) { slug question results choices { id label } } } }`,
    { site, article, locale },
  );
  return data.site.polls;
}

/** One USSD session as Africa's Talking drives it; every screen is checked against the 160-septet budget. */
function ussdSession(serviceCode: string, phoneNumber = `+2348${crypto.randomInt(100_000_000, 999_999_999)}`) {
  const sessionId = `ATUid_${crypto.randomUUID()}`;
  const inputs: string[] = [];
  return {
    /** The keys pressed so far (hops after the dial). */
    get hops(): readonly string[] {
      return inputs;
    },
    async send(input?: string): Promise<string> {
      if (input !== undefined) inputs.push(input);
      const answer = await dial(gateway.url, { sessionId, serviceCode, phoneNumber, networkCode: '62120', text: inputs.join('*') });
      expect(answer.status).toBe(200);
      expect(ussdProblems(answer.body, 160)).toEqual([]);
      expect(answer.body).toMatch(/^CON /);
      return answer.body.slice('CON '.length);
    },
    phoneNumber,
  };
}

/** The number of the line `N. title` (or `N title` on SMS) on a screen, paging with `more` until it shows. */
async function pick(screen: string, title: string, send: (input: string) => Promise<string>, more: string, separator: '. ' | ' '): Promise<string> {
  const wanted = smartEncode(title);
  let current = screen;
  for (let page = 0; page < 8; page += 1) {
    const line = current.split('\n').find((candidate) => candidate.endsWith(`${separator}${wanted}`) && /^\d+/.test(candidate));
    if (line) return send(line.slice(0, line.indexOf(separator)));
    current = await send(more);
  }
  throw new Error(`"${title}" is on no page of:\n${screen}`);
}

/**
 * Reads on through an article's pages (sending `more.input` while a line says `more.line`)
 * until a numbered line holding `text` shows; answers that screen and the line's number.
 */
async function pageUntil(
  screen: string,
  text: string,
  send: (input: string) => Promise<string>,
  more: { line: string; input: string },
  separator: '. ' | ' ',
): Promise<{ screen: string; number: string | null }> {
  let current = screen;
  for (let page = 0; page < 40; page += 1) {
    const line = current.split('\n').find((candidate) => /^\d+/.test(candidate) && candidate.includes(separator) && candidate.includes(text));
    if (line) return { screen: current, number: line.slice(0, line.indexOf(separator)) };
    if (!current.split('\n').some((candidate) => candidate.startsWith(more.line))) return { screen: current, number: null };
    current = await send(more.input);
  }
  return { screen: current, number: null };
}

/** A USSD text and the screens after it (`98 Kari`), joined. */
async function readAll(first: string, send: (input: string) => Promise<string>): Promise<string> {
  let all = first;
  let screen = first;
  for (let page = 0; page < 6 && screen.split('\n').includes('98 Kari'); page += 1) {
    screen = await send('98');
    all = `${all}\n${screen}`;
  }
  return all;
}

describe('a poll on USSD (mama-ng, in Hausa)', () => {
  it('goes dial → Hausa → article → poll → a re-prompt → vote → results, all in Hausa words, and a second vote from the same phone is not counted', async () => {
    const [poll] = await pollsAfter('mama-ng', 'antenatal-registration-nigeria', 'ha-NG');
    expect(poll).toBeDefined();
    if (!poll) return;
    const path = await pathTo('mama-ng', 'antenatal-registration-nigeria', 'ha-NG');
    const session = ussdSession('*347*300#');
    const languages = await session.send();
    let screen = await pick(languages, 'Hausa (Najeriya)', session.send, '98', '. ');
    for (const title of path) screen = await pick(screen, title, session.send, '98', '. ');

    // The article's first screen offers the poll beside "98 Kari": no paging through the article.
    const entry = smartEncode(`Kuri'a: ${poll.question}`).slice(0, 20);
    const first = screen.split('\n');
    expect(first.slice(-3)).toEqual(['98 Kari', '0 Koma baya', '00 Gida']);
    const line = first.find((candidate) => candidate.startsWith(`1. ${entry}`)) ?? '';
    // Cut at a word, "..." in its GSM-7 form, as long as the entries' share of the screen allows.
    expect(line).toMatch(/^1\. Kuri'a: [^\n]{30,}( \S+\.\.\.|\?)$/);
    const question = await session.send('1');
    // dial, Hausa, the sections and the article, the poll: one hop per menu, none for paging.
    expect(session.hops).toHaveLength(1 + path.length + 1);
    expect(session.hops).not.toContain('98');
    expect(question).toContain(smartEncode(poll.question).slice(0, 30));
    expect(question).toContain(`1. ${poll.choices[0]?.label}`);
    expect(question).toContain('0 Koma baya');

    // A number that is no choice: the same choices under the Hausa re-prompt in its GSM-7 form.
    const reprompt = await session.send('7');
    expect(reprompt.split('\n')[0]).toMatch(/^Don Allah amsa da lambar zabi/);
    expect(reprompt).toContain(`1. ${poll.choices[0]?.label}`);

    // The results are paged like article text: read every screen.
    const results = await readAll(await session.send('2'), session.send);
    expect(results).toContain("Na gode da kuri'arka.");
    const label = poll.choices[1]?.label ?? '';
    expect(results).toMatch(poll.results === 'PERCENT' ? new RegExp(`${label}: \\d+%`) : new RegExp(`${label}: [1-9]\\d*`));
    expect(results).toMatch(/Kuri'u: [1-9]\d*/);

    // Back to the article, then home.
    const back = await session.send('0');
    expect(back).toContain('00 Gida');
    const home = await session.send('00');
    expect(home).toContain(path[0] ?? '');

    // The same phone in a new session: the vote is not counted twice.
    const again = ussdSession('*347*300#', session.phoneNumber);
    screen = await again.send();
    for (const title of path) screen = await pick(screen, title, again.send, '98', '. ');
    // Read to the end this time: the last screen offers the poll again, labelled the same.
    expect(screen.split('\n')).toContain(line);
    let last = screen;
    while (last.split('\n').includes('98 Kari')) last = await again.send('98');
    expect(last.split('\n').slice(-3)).toEqual([line, '0 Koma baya', '00 Gida']);
    await again.send('1');
    const second = await readAll(await again.send('1'), again.send);
    expect(second).toContain("Ka riga ka jefa kuri'a.");
  });
});

const KIJANA_NUMBER_ID = '100000000000001';

function whatsappEvent(from: string, message: Record<string, unknown>) {
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
              metadata: { display_phone_number: '254700100100', phone_number_id: KIJANA_NUMBER_ID },
              contacts: [{ profile: { name: 'Reader' }, wa_id: from }],
              messages: [{ from, id: `wamid.${crypto.randomUUID()}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
            },
          },
        ],
      },
    ],
  };
}

interface Row {
  id: string;
  title: string;
  description?: string;
}

function rowsOf(body: Record<string, unknown>): Row[] {
  const interactive = body.interactive as { type: string; action: { sections?: Array<{ rows: Row[] }>; buttons?: Array<{ reply: Row }> } } | undefined;
  if (!interactive) return [];
  return interactive.type === 'list' ? (interactive.action.sections ?? []).flatMap((s) => s.rows) : (interactive.action.buttons ?? []).map((b) => b.reply);
}

/** Sends one WhatsApp message and answers every message the gateway sent back for it. */
async function whatsapp(reader: string, message: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const raw = JSON.stringify(whatsappEvent(reader, message));
  const signature = `sha256=${crypto.createHmac('sha256', TEST_SECRETS.whatsappApp).update(raw).digest('hex')}`;
  const mark = providers.sent.length;
  const response = await fetch(`${gateway.url}/whatsapp/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body: raw });
  expect(response.status).toBe(200);
  // The last message of an answer is always interactive (a menu); wait until it arrives.
  for (let tries = 0; tries < 100; tries += 1) {
    const mine = providers.sent.slice(mark).filter((m) => m.body.to === reader);
    if (mine.length > 0 && mine[mine.length - 1]?.body.type === 'interactive') return mine.map((m) => m.body);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error('no WhatsApp answer');
}

const choose = (row: Row) => ({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: row.id, title: row.title } } });

/** The row whose title (or, when shortened, its description) is `title`, paging through "More" rows. */
async function rowFor(reader: string, answer: Array<Record<string, unknown>>, title: string): Promise<Row> {
  let current = answer;
  for (let page = 0; page < 6; page += 1) {
    const rows = rowsOf(current[current.length - 1] ?? {});
    const row = rows.find((candidate) => candidate.title === title || candidate.description === title || (candidate.title.endsWith('…') && title.startsWith(candidate.title.slice(0, -1))));
    if (row) return row;
    const more = rows.find((candidate) => candidate.id === 'more');
    if (!more) break;
    current = await whatsapp(reader, choose(more));
  }
  throw new Error(`no row "${title}"`);
}

describe('a poll on WhatsApp (kijana-ke, in Kiswahili)', () => {
  it('offers the poll in the list after the article, shows its choices as a list and answers a choice with the results in Kiswahili', async () => {
    const [poll] = await pollsAfter('kijana-ke', 'hiv-testing-basics', 'sw-KE');
    expect(poll).toBeDefined();
    if (!poll) return;
    const path = await pathTo('kijana-ke', 'hiv-testing-basics', 'sw-KE');
    const reader = `2547${crypto.randomInt(10_000_000, 99_999_999)}`;
    let answer = await whatsapp(reader, { type: 'text', text: { body: 'Habari' } });
    answer = await whatsapp(reader, choose(await rowFor(reader, answer, 'Kiswahili (Kenya)')));
    for (const title of path) answer = await whatsapp(reader, choose(await rowFor(reader, answer, title)));

    // The article's text, then the menu after it: the poll first, then back and home.
    expect(answer.some((message) => message.type === 'text')).toBe(true);
    const after = rowsOf(answer[answer.length - 1] ?? {});
    expect(after.map((row) => row.id)).toEqual(['p:0', 'back', 'home']);
    const entry = after[0];
    expect(`Kura: ${poll.question}`.startsWith((entry?.title ?? '').replace(/…$/, ''))).toBe(true);

    const question = await whatsapp(reader, choose(entry ?? { id: '', title: '' }));
    const choices = rowsOf(question[question.length - 1] ?? {});
    expect(choices.map((row) => row.id)).toEqual([...poll.choices.map((choice) => `c:${choice.id}`), 'back', 'home']);
    expect(JSON.stringify(question[question.length - 1])).toContain(poll.question);

    const results = await whatsapp(reader, choose(choices[0] ?? { id: '', title: '' }));
    const text = results
      .filter((message) => message.type === 'text')
      .map((message) => (message.text as { body: string }).body)
      .join('\n');
    expect(text).toContain('Asante kwa kupiga kura.');
    expect(text).toMatch(new RegExp(`${poll.choices[0]?.label}: \\d+%`));
    expect(rowsOf(results[results.length - 1] ?? {}).map((row) => row.id)).toEqual(['back', 'home']);
  });
});

let updateId = 5000;
/** One Telegram update (a message or a button press) to kijana-ke's bot; answers what the gateway sent back. */
async function telegram(chatId: number, part: { text?: string; data?: string }): Promise<Array<Record<string, unknown>>> {
  updateId += 1;
  const body =
    part.data !== undefined
      ? {
          update_id: updateId,
          callback_query: { id: `cb${updateId}`, from: { id: chatId, is_bot: false, first_name: 'R' }, data: part.data, message: { message_id: 1, date: 0, chat: { id: chatId, type: 'private' } } },
        }
      : { update_id: updateId, message: { message_id: updateId, date: 0, chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'R' }, text: part.text } };
  const mark = providers.sent.length;
  const response = await fetch(`${gateway.url}/telegram/kijana-ke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TEST_SECRETS.telegram },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  // The last message of an answer always carries a keyboard; wait until it arrives.
  for (let tries = 0; tries < 100; tries += 1) {
    const mine = providers.sent.slice(mark).filter((m) => m.body.chat_id === chatId);
    if (mine.length > 0 && buttons(mine[mine.length - 1]?.body ?? {}).length > 0) return mine.map((m) => m.body);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  throw new Error('no Telegram answer');
}

const buttons = (body: Record<string, unknown>) => ((body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } | undefined)?.inline_keyboard ?? []).flat();

/** The button for `title` (shortened titles end with "…"), paging through "More". */
async function buttonFor(chatId: number, answer: Array<Record<string, unknown>>, title: string): Promise<string> {
  let current = answer;
  for (let page = 0; page < 6; page += 1) {
    const all = buttons(current[current.length - 1] ?? {});
    const found = all.find((button) => button.text === title || (button.text.endsWith('…') && title.startsWith(button.text.slice(0, -1))));
    if (found) return found.callback_data;
    const more = all.find((button) => button.callback_data === 'more');
    if (!more) break;
    current = await telegram(chatId, { data: more.callback_data });
  }
  throw new Error(`no button "${title}"`);
}

describe('a poll on Telegram (kijana-ke, in English)', () => {
  it('offers the poll on the keyboard after the article and answers a button press with the results', async () => {
    const [poll] = await pollsAfter('kijana-ke', 'hiv-testing-basics', 'en-KE');
    expect(poll).toBeDefined();
    if (!poll) return;
    const path = await pathTo('kijana-ke', 'hiv-testing-basics', 'en-KE');
    const chatId = crypto.randomInt(1_000_000, 9_999_999);
    let answer = await telegram(chatId, { text: '/start' });
    answer = await telegram(chatId, { data: await buttonFor(chatId, answer, 'English (Kenya)') });
    for (const title of path) answer = await telegram(chatId, { data: await buttonFor(chatId, answer, title) });
    const after = buttons(answer[answer.length - 1] ?? {}).map((button) => button.callback_data);
    expect(after).toEqual(['p:0', 'back', 'home']);
    const question = await telegram(chatId, { data: 'p:0' });
    expect(String(question[question.length - 1]?.text)).toContain(poll.question);
    expect(buttons(question[question.length - 1] ?? {}).map((button) => button.callback_data)).toEqual([...poll.choices.map((choice) => `c:${choice.id}`), 'back', 'home']);
    const results = await telegram(chatId, { data: `c:${poll.choices[1]?.id}` });
    const text = results.map((message) => String(message.text)).join('\n');
    expect(text).toContain('Thank you for voting.');
    expect(text).toMatch(new RegExp(`${poll.choices[1]?.label}: \\d+%`));
  });
});

let smsId = 0;
async function sms(from: string, text: string, to = '21393'): Promise<string> {
  smsId += 1;
  const mark = providers.sent.length;
  const response = await fetch(`${gateway.url}/sms/africastalking/${TEST_SECRETS.smsWebhook}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ from, to, text, date: '2026-12-02 10:00:00', id: `ATXid_poll${smsId}`, linkId: `poll${smsId}` }).toString(),
  });
  expect(response.status).toBe(200);
  const [reply] = await providers.waitFor(from, 1, mark);
  expect(reply?.problems).toEqual([]);
  return String(reply?.body.message ?? '');
}

describe('a poll by SMS (kijana-ke, in English)', () => {
  it('takes a numbered reply as the vote and answers with the results', async () => {
    const [poll] = await pollsAfter('kijana-ke', 'hiv-testing-basics', 'en-KE');
    expect(poll).toBeDefined();
    if (!poll) return;
    const path = await pathTo('kijana-ke', 'hiv-testing-basics', 'en-KE');
    const phone = `+2547${crypto.randomInt(10_000_000, 99_999_999)}`;
    const send = (text: string) => sms(phone, text);
    let reply = await pick(await send('MENU'), 'English (Kenya)', send, 'MORE', ' ');
    for (const title of path) reply = await pick(reply, title, send, 'MORE', ' ');
    const end = await pageUntil(reply, `Poll: ${poll.question}`.slice(0, 20), send, { line: 'Reply MORE for more', input: 'MORE' }, ' ');
    expect(end.number).not.toBeNull();
    const question = await send(end.number ?? '');
    expect(question.split('\n')[0]).toBe(smartEncode(poll.question));
    expect(question).toContain(`3 ${poll.choices[2]?.label}`);
    expect(question).toContain('Reply with a number');

    const refused = await send('maybe');
    expect(refused.split('\n')[0]).toBe('Please reply with the number of a choice.');
    const results = await send('3');
    expect(results).toContain('Thank you for voting.');
    expect(results).toMatch(new RegExp(`${poll.choices[2]?.label}: \\d+%`));
  });
});

describe('a site without the polls plugin (thrive-za)', () => {
  it('shows no poll entry after an article that has a poll on other sites', async () => {
    expect(await pollsAfter('kijana-ke', 'hiv-testing-basics', 'en-KE')).not.toEqual([]);
    const path = await pathTo('thrive-za', 'hiv-testing-basics', 'en-ZA');
    const session = ussdSession('*120*200#', `+2782${crypto.randomInt(1_000_000, 9_999_999)}`);
    let screen = await pick(await session.send(), 'English (South Africa)', session.send, '98', '. ');
    for (const title of path) screen = await pick(screen, title, session.send, '98', '. ');
    const end = await pageUntil(screen, 'Poll', session.send, { line: '98 More', input: '98' }, '. ');
    expect(end.number).toBeNull();
    expect(end.screen).not.toContain('Poll:');
    expect(end.screen).toMatch(/0 Back\n00 Home$/);
  });
});

describe('channel limits', () => {
  it('sent every WhatsApp, Telegram and SMS message of the poll journeys within its channel limits', () => {
    expect(providers.sent.length).toBeGreaterThan(5);
    expect(providers.sent.flatMap((message) => message.problems)).toEqual([]);
  });
});

/** The poll's total votes on a site, straight from the delivery API. */
async function totalVotes(site: string, slug: string): Promise<number> {
  const data = await cms<{ site: { poll: { totalVotes: number | null } | null } }>(
    `query Total($site: String!, $slug: String!) { site(code: $site) { poll(slug: $slug) { totalVotes } } }`,
    { site, slug },
  );
  const total = data.site.poll?.totalVotes;
  if (typeof total !== 'number') throw new Error(`no totalVotes for ${site}/${slug}`);
  return total;
}

describe('one phone number is one voter on every phone channel (kijana-ke, in English)', () => {
  it('counts a vote over USSD once: the same number by SMS and on WhatsApp has already voted; a Telegram user with the same digits votes as themselves', async () => {
    const [poll] = await pollsAfter('kijana-ke', 'hiv-testing-basics', 'en-KE');
    expect(poll).toBeDefined();
    if (!poll) return;
    const path = await pathTo('kijana-ke', 'hiv-testing-basics', 'en-KE');
    const entry = `Poll: ${poll.question}`.slice(0, 20);
    const digits = `2547${crypto.randomInt(10_000_000, 99_999_999)}`;
    const before = await totalVotes('kijana-ke', poll.slug);
    // The language menu shows unless the gateway remembers this address's language.
    const english = async (screen: string, send: (input: string) => Promise<string>, more: string, separator: '. ' | ' ') =>
      screen.includes('English (Kenya)') ? pick(screen, 'English (Kenya)', send, more, separator) : screen;

    // USSD, as Africa's Talking writes the number: counted.
    const session = ussdSession('*384*100#', `+${digits}`);
    let screen = await english(await session.send(), session.send, '98', '. ');
    for (const title of path) screen = await pick(screen, title, session.send, '98', '. ');
    const onUssd = await pageUntil(screen, entry, session.send, { line: '98 More', input: '98' }, '. ');
    expect(onUssd.number).not.toBeNull();
    await session.send(onUssd.number ?? '');
    expect(await session.send('1')).toContain('Thank you for voting.');
    expect(await totalVotes('kijana-ke', poll.slug)).toBe(before + 1);

    // SMS from the same number: already voted, nothing counted.
    const send = (text: string) => sms(`+${digits}`, text);
    let reply = await english(await send('MENU'), send, 'MORE', ' ');
    for (const title of path) reply = await pick(reply, title, send, 'MORE', ' ');
    const bySms = await pageUntil(reply, entry, send, { line: 'Reply MORE for more', input: 'MORE' }, ' ');
    expect(bySms.number).not.toBeNull();
    await send(bySms.number ?? '');
    expect(await send('2')).toContain('You have already voted.');
    expect(await totalVotes('kijana-ke', poll.slug)).toBe(before + 1);

    // WhatsApp writes the same number without its +: still the same voter.
    let answer = await whatsapp(digits, { type: 'text', text: { body: 'Hi' } });
    if (rowsOf(answer[answer.length - 1] ?? {}).some((row) => row.title === 'English (Kenya)')) answer = await whatsapp(digits, choose(await rowFor(digits, answer, 'English (Kenya)')));
    for (const title of path) answer = await whatsapp(digits, choose(await rowFor(digits, answer, title)));
    const question = await whatsapp(digits, choose(rowsOf(answer[answer.length - 1] ?? {})[0] ?? { id: '', title: '' }));
    const choices = rowsOf(question[question.length - 1] ?? {});
    const onWhatsApp = await whatsapp(digits, choose(choices[2] ?? { id: '', title: '' }));
    expect(onWhatsApp.map((message) => JSON.stringify(message)).join('\n')).toContain('You have already voted.');
    expect(await totalVotes('kijana-ke', poll.slug)).toBe(before + 1);

    // Telegram has no phone number: a chat whose id has the same digits is another voter.
    const chatId = Number(digits);
    let keyboard = await telegram(chatId, { text: '/start' });
    keyboard = await telegram(chatId, { data: await buttonFor(chatId, keyboard, 'English (Kenya)') });
    for (const title of path) keyboard = await telegram(chatId, { data: await buttonFor(chatId, keyboard, title) });
    await telegram(chatId, { data: 'p:0' });
    const onTelegram = await telegram(chatId, { data: `c:${poll.choices[0]?.id}` });
    expect(onTelegram.map((message) => String(message.text)).join('\n')).toContain('Thank you for voting.');
    expect(await totalVotes('kijana-ke', poll.slug)).toBe(before + 2);
  });
});
