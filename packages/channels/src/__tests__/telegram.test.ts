import type { Unit } from '../blocks';
import { limits } from '../channels';
import { escapeHtml, renderTelegramArticle, renderTelegramMenu, telegramMenuPages, type TelegramMessage } from '../render/telegram';
import { telegramProblems } from '../validate';
import { article, labels, menu, paragraph, prose, span, unitWords, wordsOf } from './render-fixtures';

const problems = (message: TelegramMessage) => telegramProblems({ chat_id: 12345, ...message });
const texts = (units: Unit[], title = 'T') => renderTelegramArticle(article({ title, units })).map((message) => message.text);
const bodyOf = (units: Unit[]) => {
  const [only, ...rest] = texts(units);
  expect(rest).toEqual([]);
  return (only ?? '').replace(/^<b>T<\/b>\n\n/, '');
};

/** Tags that are not closed, closed without being open, or closed out of order; [] when balanced. */
function tagProblems(html: string): string[] {
  const open: string[] = [];
  const found: string[] = [];
  for (const [, slash, name] of html.matchAll(/<(\/?)([a-z]+)(?:\s[^>]*)?>/g)) {
    if (name === undefined) continue;
    if (slash === '') open.push(name);
    else if (open.pop() !== name) found.push(`</${name}> out of place`);
  }
  return [...found, ...open.map((name) => `<${name}> not closed`)];
}

/** What a reader sees: tags dropped, entities decoded. */
const visible = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('Telegram HTML', () => {
  it('escapes <, > and & in text', () => {
    expect(bodyOf([paragraph('if a < b && c > d')])).toBe('if a &lt; b &amp;&amp; c &gt; d');
  });

  it('escapes " as well as <, > and & in a link target', () => {
    expect(bodyOf([paragraph(span('the "guide"', { href: 'https://example.org/?q="x"&y=<1>' }))])).toBe(
      '<a href="https://example.org/?q=&quot;x&quot;&amp;y=&lt;1&gt;">the "guide"</a>',
    );
  });

  it('marks bold, italic, strikethrough and inline code with tags, escaping code text once', () => {
    expect(bodyOf([paragraph(span('b', { bold: true }), ' ', span('i', { italic: true }), ' ', span('s', { strike: true }), ' ', span('<br> & co', { code: true }))])).toBe(
      '<b>b</b> <i>i</i> <s>s</s> <code>&lt;br&gt; &amp; co</code>',
    );
  });

  it('wraps headings in bold, quotes in blockquote and code blocks in pre, with • for bullets', () => {
    const units: Unit[] = [
      { kind: 'heading', spans: [span('Where to go')] },
      { kind: 'quote', spans: [span('It helps & heals')] },
      { kind: 'code', text: 'if (a < b) {}' },
      { kind: 'item', marker: '-', depth: 0, spans: [span('Clinics')] },
      { kind: 'item', marker: '2.', depth: 1, spans: [span('Pharmacies')] },
    ];
    expect(bodyOf(units)).toBe('<b>Where to go</b>\n\n<blockquote>It helps &amp; heals</blockquote>\n\n<pre>if (a &lt; b) {}</pre>\n\n• Clinics\n\n  2. Pharmacies');
  });

  it('escapes the article title and turns the picture into a link', () => {
    const [message] = renderTelegramArticle(
      article({ title: 'Q&A <new>', lead: 'Ask us', image: { url: 'https://cms.example.org/uploads/a.jpg?x=1&y=2', alt: 'A clinic' } }),
    );
    expect(message?.text).toBe('<a href="https://cms.example.org/uploads/a.jpg?x=1&amp;y=2">A clinic</a>\n\n<b>Q&amp;A &lt;new&gt;</b>\n\n<i>Ask us</i>');
    expect(message?.parse_mode).toBe('HTML');
  });

  it('passes the validator for an ordinary article', () => {
    for (const message of renderTelegramArticle(article({ units: [paragraph('Hello')] }))) expect(problems(message)).toEqual([]);
  });
});

describe('Telegram long articles', () => {
  it('splits a long article into messages of at most 4096 characters, cutting no word', () => {
    const units = [...Array.from({ length: 20 }, (_, index) => paragraph(prose(80, index + 1))), paragraph(prose(1200, 50))];
    const messages = renderTelegramArticle(article({ title: 'Long', units }));
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(limits.telegram.text);
      expect(problems(message)).toEqual([]);
    }
    expect(messages.flatMap((message) => wordsOf(visible(message.text)))).toEqual(['Long', ...unitWords(units)]);
  });

  it('keeps bold, italic, code and link tags balanced in every message of a split paragraph', () => {
    const units: Unit[] = [
      paragraph(
        span(prose(400, 1), { bold: true }),
        ' ',
        span(prose(400, 2), { italic: true, bold: true }),
        ' ',
        span(prose(300, 3), { code: true }),
        ' ',
        span(prose(300, 4), { href: 'https://example.org/a?b=1&c=2' }),
      ),
    ];
    const messages = texts(units);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const text of messages) {
      expect(text.length).toBeLessThanOrEqual(limits.telegram.text);
      expect(tagProblems(text)).toEqual([]);
    }
    expect(messages.flatMap((text) => wordsOf(visible(text)))).toEqual(['T', ...unitWords(units)]);
  });

  it('never splits inside a word made of differently marked spans', () => {
    // "x…x <b>HIV</b>" is exactly 4096 characters, so a split between "HIV" and "-positive" would fit.
    const messages = texts([paragraph(`${'x'.repeat(4085)} `, span('HIV', { bold: true }), '-positive people')]);
    expect(messages).toEqual([`<b>T</b>\n\n${'x'.repeat(4085)}`, '<b>HIV</b>-positive people']);
  });

  it('counts escaped characters at their escaped length', () => {
    const messages = texts([paragraph('& '.repeat(2000).trim())]);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const text of messages) {
      expect(text.length).toBeLessThanOrEqual(limits.telegram.text);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
    }
  });
});

describe('Telegram menus', () => {
  it('shows choices as one-button rows with their ids as callback data, then Back and Home on one row', () => {
    const message = renderTelegramMenu(menu(2, { canGoBack: true, canGoHome: true, text: 'Pick <one>' }), 0, labels);
    expect(message.text).toBe('<b>Health topics</b>\nPick &lt;one&gt;');
    expect(message.reply_markup?.inline_keyboard).toEqual([
      [{ text: 'Topic 1', callback_data: 'item-1' }],
      [{ text: 'Topic 2', callback_data: 'item-2' }],
      [
        { text: 'Back', callback_data: 'back' },
        { text: 'Home', callback_data: 'home' },
      ],
    ]);
    expect(problems(message)).toEqual([]);
  });

  it('pages 25 choices with a More button on every page but the last', () => {
    const big = menu(25, { canGoBack: true });
    const pages = telegramMenuPages(big);
    expect(pages.length).toBe(3);
    const messages = pages.map((_, page) => renderTelegramMenu(big, page, labels));
    const ids = messages.flatMap((message) => (message.reply_markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data));
    expect(ids.filter((id) => id.startsWith('item-'))).toEqual(big.items.map((item) => item.id));
    messages.forEach((message, index) => {
      const rows = message.reply_markup?.inline_keyboard ?? [];
      expect(rows.flat().some((button) => button.callback_data === 'more')).toBe(index < messages.length - 1);
      expect(problems(message)).toEqual([]);
    });
  });

  it('accepts a menu item id of exactly 64 bytes as callback data', () => {
    const id = `article:${'a'.repeat(56)}`;
    expect(Buffer.byteLength(id)).toBe(64);
    const message = renderTelegramMenu({ ...menu(1), items: [{ id, title: 'Long id' }] }, 0, labels);
    expect(message.reply_markup?.inline_keyboard[0]?.[0]?.callback_data).toBe(id);
    expect(problems(message)).toEqual([]);
  });

  it('rejects callback data of 65 bytes, counting bytes rather than characters', () => {
    const keyboard = (callback_data: string) => ({ chat_id: 1, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'x', callback_data }]] } });
    expect(telegramProblems(keyboard('a'.repeat(64)))).toEqual([]);
    expect(telegramProblems(keyboard('a'.repeat(65)))).toEqual(['callback_data "' + 'a'.repeat(65) + '" is 65 bytes, allowed 1–64']);
    expect(telegramProblems(keyboard('é'.repeat(33)))).toHaveLength(1);
    expect(telegramProblems(keyboard(''))).toHaveLength(1);
  });

  it('escapes the menu title', () => {
    expect(renderTelegramMenu(menu(1, { title: 'Sex & <you>' }), 0, labels).text).toBe('<b>Sex &amp; &lt;you&gt;</b>');
    expect(escapeHtml('<a&b>')).toBe('&lt;a&amp;b&gt;');
  });
});
