import { labelsFor, type MenuItem, renderUssdMenu, smsFits, ussdFits, ussdMenuPages, ussdProblems } from '@baobab/channels';
import type { ChatHalf, ChatScreen } from '@baobab/plugin-api';
import type { ChatArticle, ChatSite, ContentSource } from '../content';
import { startState, step, type ConversationContext, type ConversationState, type Input, type Step } from '../conversation';
import { translateFor } from '../gateways/runtime';
import { cachedUssdArticle, chatAppPaging, fitUssdMenu, smsArticleWithEntries, ussdPaging } from '../paging';
import { withoutNumbers } from '../gateways/outbound';
import { bindPlugins, e164, readerHash, voterIdentity } from '../plugins';

const site: ChatSite = { code: 'test-site', name: 'Test', defaultLocale: 'en', locales: [{ code: 'en', name: 'English' }], channels: {}, plugins: ['quiz'] };

const paragraph = (text: string) => ({ kind: 'paragraph' as const, spans: [{ text, bold: false, italic: false, strike: false, code: false, href: null }] });
const article = (slug: string, words: number): ChatArticle => ({
  slug,
  title: `About ${slug}`,
  lead: null,
  units: [paragraph(Array.from({ length: words }, (_, index) => `word${index}`).join(' '))],
  override: null,
  image: null,
  locale: 'en',
  isFallback: false,
});

/** Content held in memory: one section with a short and a long article. */
function memoryContent(): ContentSource {
  const articles = new Map([
    ['short', article('short', 8)],
    ['long', article('long', 120)],
  ]);
  const derived = new Map<string, unknown>();
  const remembered = new Map<string, Promise<unknown>>();
  return {
    site: async () => site,
    siteFor: async () => site,
    home: async () => [{ slug: 'topics', title: 'Topics' }],
    section: async () => ({
      slug: 'topics',
      title: 'Topics',
      locale: 'en',
      isFallback: false,
      children: [],
      articles: { nodes: [...articles.values()].map((a) => ({ slug: a.slug, title: a.title })) },
    }),
    article: async (_site, slug) => articles.get(slug) ?? null,
    derived<T>(key: string, make: () => T): T {
      if (!derived.has(key)) derived.set(key, make());
      return derived.get(key) as T;
    },
    remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!remembered.has(key)) remembered.set(key, load());
      return remembered.get(key) as Promise<T>;
    },
    invalidate: () => 0,
  };
}

/** A plugin of the test's own: one question after every article, answered by choice keys. */
function quizPlugin(answers: string[]): ChatHalf {
  const question = (notice?: string): ChatScreen => ({
    text: 'Which colours?',
    choices: [
      { label: 'Red', input: 'red' },
      { label: 'Green', input: 'green' },
      { label: 'Blue', input: 'blue' },
    ],
    isMultiple: true,
    ...(notice ? { notice } : {}),
  });
  return {
    articleEntries: async (context, slug) => [{ label: `Quiz: ${slug} (${context.locale})`, view: 'quiz', state: { article: slug } }],
    views: {
      quiz: {
        show: async () => question(),
        answer: async (context, state, input) => {
          answers.push(`${state.article}:${input}:${context.voter}`);
          const keys = input.split(',');
          if (!keys.every((key) => ['red', 'green', 'blue'].includes(key))) return question('Pick from the list.');
          return { text: `Which colours?\nYou chose ${keys.join(' and ')}.\nThanks.`, choices: [], done: true };
        },
      },
    },
  };
}

function harness(channel: 'ussd' | 'whatsapp', plugins = [{ name: 'quiz', half: quizPlugin([]) }], onSite: ChatSite = site) {
  const content = memoryContent();
  const paging = channel === 'ussd' ? ussdPaging(content, { budget: 160, smartEncoding: true }) : chatAppPaging('whatsapp');
  const context: ConversationContext = {
    site: onSite,
    content,
    paging,
    translate: (locale) => translateFor(locale, channel === 'ussd' ? 'gsm-7' : 'written'),
    plugins: bindPlugins({
      plugins,
      site: onSite,
      channel,
      sender: '+254700000001',
      readerSecret: 'test-reader-secret-0123456789abcdef',
      delivery: async () => ({ data: null }),
      uiForm: channel === 'ussd' ? 'gsm-7' : 'written',
      content,
      log: () => undefined,
    }),
  };
  let state: ConversationState = startState(onSite, null);
  return {
    context,
    async send(input: Input): Promise<Step> {
      const result = await step(state, input, context);
      state = result.state;
      return result;
    },
  };
}

const number = (value: number): Input => ({ kind: 'number', value });

describe('plugin entries after an article', () => {
  it('numbers the entry on the last USSD screen and opens the plugin view when it is chosen', async () => {
    const chat = harness('ussd');
    await chat.send({ kind: 'start' });
    await chat.send(number(1)); // Topics
    const read = await chat.send(number(1)); // the short article
    expect(read.screen.kind).toBe('article');
    if (read.screen.kind !== 'article') return;
    expect(read.screen.nav.items.map((item) => item.title)).toEqual(['Quiz: short (en)']);
    const pages = cachedUssdArticle(chat.context.content, read.screen.article, read.screen.nav.items, labelsFor('en', 'gsm-7'), { budget: 160, smartEncoding: true }).pages;
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('1. Quiz: short (en)');
    const quiz = await chat.send(number(1));
    expect(quiz.screen.kind).toBe('menu');
    if (quiz.screen.kind !== 'menu') return;
    expect(quiz.screen.menu.title).toBe('Which colours?');
    expect(quiz.screen.menu.text).toBe('Reply with numbers separated by *, like 1*3');
    expect(quiz.screen.menu.items.map((item) => item.title)).toEqual(['Red', 'Green', 'Blue']);
  });

  it('turns the numbers a reader typed into the choices they saw, and keeps the answer screen for the next hop', async () => {
    const answers: string[] = [];
    const chat = harness('ussd', [{ name: 'quiz', half: quizPlugin(answers) }]);
    for (const input of [{ kind: 'start' } as const, number(1), number(1), number(1)]) await chat.send(input);
    const done = await chat.send({ kind: 'text', text: '1*3' });
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(/^short:red,blue:/);
    expect(done.screen.kind).toBe('article');
    if (done.screen.kind === 'article') expect(done.screen.article.title).toBe('Which colours?');
    // Done: another number is not a second answer.
    const again = await chat.send(number(2));
    expect(answers).toHaveLength(1);
    expect(again.notice).toBe('Please choose one of the numbers.');
  });

  it('re-prompts on the same screen when the plugin refuses the input, and goes back to the article', async () => {
    const chat = harness('ussd');
    for (const input of [{ kind: 'start' } as const, number(1), number(1), number(1)]) await chat.send(input);
    const refused = await chat.send({ kind: 'text', text: 'purple' });
    expect(refused.notice).toBe('Pick from the list.');
    expect(refused.screen.kind).toBe('menu');
    const back = await chat.send({ kind: 'back' });
    expect(back.screen.kind).toBe('article');
    if (back.screen.kind === 'article') expect(back.screen.article.slug).toBe('short');
    const home = await chat.send({ kind: 'home' });
    expect(home.screen.kind === 'menu' && home.screen.menu.title).toBe('Test');
  });

  it('offers the entry on the first screen of a long article, one hop from it, and again on its last screen', async () => {
    const chat = harness('ussd');
    for (const input of [{ kind: 'start' } as const, number(1)]) await chat.send(input);
    const read = await chat.send(number(2)); // the long article
    if (read.screen.kind !== 'article') throw new Error('expected the article');
    const { pages, items } = cachedUssdArticle(chat.context.content, read.screen.article, read.screen.nav.items, labelsFor('en', 'gsm-7'), { budget: 160, smartEncoding: true });
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(ussdProblems(`CON ${page}`, 160)).toEqual([]);
    expect(items.map((onPage) => onPage.length)).toEqual(pages.map((_, page) => (page === 0 || page === pages.length - 1 ? 1 : 0)));
    expect(pages[0]).toMatch(/\n1\. Quiz: long \(en\)\n98 More\n0 Back\n00 Home$/);
    // Typed on the first screen: the quiz, without paging through the article.
    const quiz = await chat.send(number(1));
    expect(quiz.screen.kind === 'menu' && quiz.screen.menu.title).toBe('Which colours?');
    // Back on the article, a middle screen has no entry: 1 there is a re-prompt.
    await chat.send({ kind: 'back' });
    const middle = await chat.send({ kind: 'more' });
    expect(middle.screen.kind === 'article' && middle.screen.page).toBe(1);
    expect((await chat.send(number(1))).notice).toBe('Please choose one of the numbers.');
    // Read to the end: the entry again, under the last of the text.
    let end = middle;
    for (let page = 1; page < pages.length - 1; page += 1) end = await chat.send({ kind: 'more' });
    expect(end.screen.kind === 'article' && end.screen.page).toBe(pages.length - 1);
    const again = await chat.send(number(1));
    expect(again.screen.kind === 'menu' && again.screen.menu.title).toBe('Which colours?');
  });

  it('adds no entry on a site that does not enable the plugin, and opens no view there', async () => {
    const chat = harness('ussd', undefined, { ...site, plugins: [] });
    for (const input of [{ kind: 'start' } as const, number(1)]) await chat.send(input);
    const read = await chat.send(number(1));
    expect(read.screen.kind === 'article' && read.screen.nav.items).toEqual([]);
    const views = chat.context.plugins;
    expect(await views.show('en', 'quiz', 'quiz', {})).toBeNull();
  });

  it('puts the entries first in the menu after an article on WhatsApp, where a typed number picks them too', async () => {
    const chat = harness('whatsapp');
    for (const input of [{ kind: 'start' } as const, number(1)]) await chat.send(input);
    const read = await chat.send(number(1));
    expect(read.screen.kind === 'article' && read.screen.nav.items.map((item) => item.title)).toEqual(['Quiz: short (en)']);
    const quiz = await chat.send(number(1));
    if (quiz.screen.kind !== 'menu') throw new Error('expected the quiz');
    // Chat apps show the numbers a reader types for several choices.
    expect(quiz.screen.menu.items.map((item) => item.title)).toEqual(['1. Red', '2. Green', '3. Blue']);
    expect(quiz.screen.menu.text).toBe('Reply with numbers separated by commas, like 1,3');
    const done = await chat.send({ kind: 'pick', id: quiz.screen.menu.items[1]?.id ?? '' });
    expect(done.screen.kind === 'article' && done.screen.article.units.map((unit) => (unit.kind === 'paragraph' ? unit.spans[0]?.text : ''))).toEqual(['You chose green.', 'Thanks.']);
  });
});

describe('a plugin that fails', () => {
  it('adds no entry when its entries fail, logging it, and the article still shows', async () => {
    const logged: string[] = [];
    const failing: ChatHalf = { articleEntries: async () => Promise.reject(new Error('CMS said no')), views: {} };
    const content = memoryContent();
    const views = bindPlugins({
      plugins: [{ name: 'quiz', half: failing }],
      site,
      channel: 'sms',
      sender: '+254700000002',
      readerSecret: 'k'.repeat(40),
      delivery: async () => ({}),
      uiForm: 'gsm-7',
      content,
      log: (message) => logged.push(message),
    });
    expect(await views.entries('en', 'short')).toEqual([]);
    expect(logged).toEqual(['PLUGIN_FAILED: quiz articleEntries on test-site/short: CMS said no']);
  });

  it('refuses a screen that is not one (a choice without an input)', async () => {
    const broken: ChatHalf = { views: { quiz: { show: async () => ({ text: 'Q', choices: [{ label: 'A', input: '' }] }), answer: async () => ({ text: 'Q', choices: [] }) } } };
    const views = bindPlugins({
      plugins: [{ name: 'quiz', half: broken }],
      site,
      channel: 'sms',
      sender: '+254700000002',
      readerSecret: 'k'.repeat(40),
      delivery: async () => ({}),
      uiForm: 'gsm-7',
      content: memoryContent(),
      log: () => undefined,
    });
    await expect(views.show('en', 'quiz', 'quiz', {})).rejects.toThrow(/^PLUGIN_SCREEN_INVALID: plugin "quiz"/);
  });
});

describe('a plugin question on USSD', () => {
  it('shortens a question too long for a screen until every page of its choices fits', () => {
    const labels = labelsFor('en', 'gsm-7');
    const options = { budget: 160, smartEncoding: true };
    const question = `${'How often do you '.repeat(11)}walk?`;
    const items = ['Every day', 'Sometimes', 'Never'].map((title, index) => ({ id: `c:${index}`, title }));
    const menu = fitUssdMenu({ title: question, text: null, items, canGoBack: true, canGoHome: true }, labels, options);
    expect(menu.title.length).toBeLessThan(question.length);
    expect(menu.title.endsWith('…')).toBe(true);
    const pages = ussdMenuPages(menu, labels, options);
    pages.forEach((_, page) => expect(ussdFits(renderUssdMenu(menu, page, labels, options), 160)).toBe(true));
    expect(pages.flat().map((item) => item.title)).toEqual(['Every day', 'Sometimes', 'Never']);
  });
});

describe('SMS replies with entries', () => {
  const labels = labelsFor('en', 'gsm-7');
  const entries: MenuItem[] = [{ id: 'p:0', title: 'Poll: Do you know your status?' }];

  it('ends the last reply with the numbered entries when it stays within 3 parts', () => {
    const { pages, items } = smsArticleWithEntries(['Part one\nReply MORE for more', 'The end.'], entries, labels, { smartEncoding: true });
    expect(pages[1]).toBe('The end.\n\n1 Poll: Do you know your status?\nReply with a number');
    expect(items).toEqual([[], entries]);
  });

  it('sends the entries in a reply of their own after a full last reply', () => {
    // Replies are packed with room for "Reply MORE for more", the last one too.
    const full = 'word '.repeat(85).trim();
    expect(smsFits(`${full}\nReply MORE for more`)).toBe(true);
    const { pages, items } = smsArticleWithEntries([full], entries, labels, { smartEncoding: true });
    expect(pages).toHaveLength(2);
    expect(pages[0]).toBe(`${full}\nReply MORE for more`);
    expect(pages[1]).toBe('Choose\n1 Poll: Do you know your status?\nReply with a number');
    expect(items).toEqual([[], entries]);
    expect(pages.every(smsFits)).toBe(true);
  });
});

describe('the reader hash plugins see', () => {
  const key = 'key-one-0123456789abcdef0123456789';

  it('is a keyed hash of the reader and site that never contains the number', () => {
    const hash = readerHash(key, 'ussd', '+254700000001', 'kijana-ke');
    expect(hash).not.toContain('254700000001');
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readerHash(key, 'ussd', '+254700000001', 'kijana-ke')).toBe(hash);
    expect(readerHash(key, 'ussd', '+254700000002', 'kijana-ke')).not.toBe(hash);
    expect(readerHash(key, 'ussd', '+254700000001', 'mama-ng')).not.toBe(hash);
    expect(readerHash('key-two-0123456789abcdef0123456789', 'ussd', '+254700000001', 'kijana-ke')).not.toBe(hash);
  });

  it('is one reader for one phone number on USSD, SMS and WhatsApp, however the provider writes it', () => {
    const hash = readerHash(key, 'ussd', '+254700000001', 'kijana-ke');
    expect(readerHash(key, 'sms', '+254700000001', 'kijana-ke')).toBe(hash);
    expect(readerHash(key, 'whatsapp', '254700000001', 'kijana-ke')).toBe(hash);
    expect(readerHash(key, 'sms', '00254 700-000 001', 'kijana-ke')).toBe(hash);
  });

  it('keeps Telegram and Messenger ids their own, even when they look like a number', () => {
    const phone = readerHash(key, 'sms', '+254700000001', 'kijana-ke');
    const telegram = readerHash(key, 'telegram', 'telegram:254700000001', 'kijana-ke');
    const messenger = readerHash(key, 'messenger', '254700000001', 'kijana-ke');
    expect(new Set([phone, telegram, messenger]).size).toBe(3);
    expect(voterIdentity('telegram', 'telegram:254700000001')).toBe('telegram:telegram:254700000001');
    expect(voterIdentity('messenger', '254700000001')).toBe('messenger:254700000001');
  });

  it('keeps a phone sender whose number does not parse on its own channel, merged with no one', () => {
    expect(voterIdentity('ussd', '0712345678')).toBe('ussd:0712345678');
    expect(voterIdentity('sms', '0712345678')).toBe('sms:0712345678');
    expect(voterIdentity('whatsapp', '+254700000001')).toBe('tel:+254700000001');
  });

  it.each([
    ['+254700000001', '+254700000001'],
    ['254700000001', '+254700000001'],
    ['00254700000001', '+254700000001'],
    [' +234 (803) 123-4567 ', '+2348031234567'],
    ['+1.555.010.9999', '+15550109999'],
    ['0712345678', null],
    ['+0712345678', null],
    ['+12345', null],
    ['+1234567890123456', null],
    ['tel:+254700000001', null],
    ['', null],
  ])('reads %p as the E.164 number %p', (sender, expected) => {
    expect(e164(sender)).toBe(expected);
  });

  it("masks a number a provider's error echoes before it is logged", () => {
    expect(withoutNumbers('{"SMSMessageData":{"Recipients":[{"number":"+254700000001","status":"InvalidPhoneNumber"}]}}')).toBe(
      '{"SMSMessageData":{"Recipients":[{"number":"***","status":"InvalidPhoneNumber"}]}}',
    );
    expect(withoutNumbers('recipient 254 700-000-001 is not on WhatsApp (code 131026)')).toBe('recipient *** is not on WhatsApp (code 131026)');
  });
});
