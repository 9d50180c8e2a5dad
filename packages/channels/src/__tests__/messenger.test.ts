import { limits } from '../channels';
import { messengerMenuPages, renderMessengerArticle, renderMessengerMenu } from '../render/messenger';
import { messengerProblems } from '../validate';
import { article, labels, menu, paragraph, prose, span, unitWords, wordsOf } from './render-fixtures';

describe('Messenger articles', () => {
  it('splits a long article into texts of at most 2000 characters, cutting no word', () => {
    const units = [...Array.from({ length: 12 }, (_, index) => paragraph(prose(60, index + 1))), paragraph(prose(700, 30))];
    const messages = renderMessengerArticle(article({ title: 'Long read', units }));
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const message of messages) {
      expect(message.text.length).toBeLessThanOrEqual(limits.messenger.text);
      expect(messengerProblems(message)).toEqual([]);
    }
    expect(messages.flatMap((message) => wordsOf(message.text))).toEqual(['Long', 'read', ...unitWords(units)]);
  });

  it('writes plain text without markup, links followed by their targets', () => {
    const messages = renderMessengerArticle(
      article({ title: 'Help', lead: 'Free', units: [paragraph(span('Read', { bold: true }), ' ', span('the guide', { italic: true, href: 'https://example.org/g' }))] }),
    );
    expect(messages).toEqual([{ text: 'Help\n\nFree\n\nRead the guide (https://example.org/g)' }]);
  });
});

describe('Messenger menus', () => {
  it('offers each choice as a numbered quick reply and lists the choices in the text', () => {
    const message = renderMessengerMenu(menu(2, { canGoBack: true, text: 'Pick one' }), 0, labels);
    expect(message).toEqual({
      text: 'Health topics\nPick one\n1. Topic 1\n2. Topic 2',
      quick_replies: [
        { content_type: 'text', title: '1. Topic 1', payload: 'item-1' },
        { content_type: 'text', title: '2. Topic 2', payload: 'item-2' },
        { content_type: 'text', title: 'Back', payload: 'back' },
      ],
    });
    expect(messengerProblems(message)).toEqual([]);
  });

  it('shortens quick reply titles to 20 with "…" but lists the full titles in the text', () => {
    const full = 'What to expect at your first clinic visit';
    const message = renderMessengerMenu({ ...menu(1), items: [{ id: 'visit', title: full }] }, 0, labels);
    expect(message.text).toContain(`1. ${full}`);
    const title = message.quick_replies?.[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(limits.messenger.quickReplyTitle);
    expect(title.endsWith('…')).toBe(true);
    expect(messengerProblems(message)).toEqual([]);
  });

  it.each([
    [13, false],
    [11, true],
  ])('fits %i choices on one page (with Back and Home: %s)', (count, hasNav) => {
    const source = menu(count, { canGoBack: hasNav, canGoHome: hasNav });
    expect(messengerMenuPages(source)).toHaveLength(1);
    const message = renderMessengerMenu(source, 0, labels);
    expect(message.quick_replies).toHaveLength(13);
    expect(message.quick_replies?.some((reply) => reply.payload === 'more')).toBe(false);
    expect(messengerProblems(message)).toEqual([]);
  });

  it('pages 40 choices with at most 13 quick replies and a More reply on every page but the last', () => {
    const big = menu(40, { canGoBack: true, canGoHome: true }, (index) => `Topic ${index + 1}: ${prose(4, index + 1)}`);
    const pages = messengerMenuPages(big);
    expect(pages.length).toBeGreaterThan(3);
    const messages = pages.map((_, page) => renderMessengerMenu(big, page, labels));
    messages.forEach((message, index) => {
      const replies = message.quick_replies ?? [];
      expect(replies.length).toBeLessThanOrEqual(limits.messenger.quickReplies);
      for (const reply of replies) expect(reply.title.length).toBeLessThanOrEqual(limits.messenger.quickReplyTitle);
      expect(replies.map((reply) => reply.payload).filter((payload) => !payload.startsWith('item-'))).toEqual(
        index < messages.length - 1 ? ['more', 'back', 'home'] : ['back', 'home'],
      );
      expect(messengerProblems(message)).toEqual([]);
    });
    const payloads = messages.flatMap((message) => (message.quick_replies ?? []).map((reply) => reply.payload)).filter((payload) => payload.startsWith('item-'));
    expect(payloads).toEqual(big.items.map((item) => item.id));
  });

  it('numbers each page`s choices from 1', () => {
    const big = menu(30);
    const second = renderMessengerMenu(big, 1, labels);
    expect(second.text.split('\n')[1]).toBe(`1. ${messengerMenuPages(big)[1]?.[0]?.title}`);
    expect(second.quick_replies?.[0]?.title.startsWith('1. ')).toBe(true);
  });

  it('keeps menu text within 2000 when the notice is very long', () => {
    const message = renderMessengerMenu(menu(3, { text: prose(600, 5) }), 0, labels);
    expect(message.text.length).toBeLessThanOrEqual(limits.messenger.text);
    expect(messengerProblems(message)).toEqual([]);
  });
});
