import { limits } from '../channels';
import { segmentSms } from '../gsm';
import { defaultSmsOptions, renderSmsArticleNotice, renderSmsMenu, renderSmsMenuWithNotice, smsArticleReplies, smsMenuPages } from '../render/sms';
import { smsProblems } from '../validate';
import { article, labels, menu, paragraph, prose, span, unitWords, wordsOf } from './render-fixtures';

const more = `\n${labels.replyMore}`;
const withoutMore = (reply: string) => (reply.endsWith(more) ? reply.slice(0, -more.length) : reply);
const choiceNumbers = (reply: string) => reply.split('\n').flatMap((line) => /^(\d+) /.exec(line)?.[1] ?? []).map(Number);

describe('SMS article replies', () => {
  const units = [...Array.from({ length: 10 }, (_, index) => paragraph(prose(80, index + 1))), paragraph(prose(300, 42)), paragraph(prose(20, 43))];
  const source = article({ title: 'Long read', units });
  const replies = smsArticleReplies(source, labels, defaultSmsOptions);

  it('pages a long article into replies of at most 3 parts each', () => {
    expect(replies.length).toBeGreaterThan(3);
    for (const reply of replies) {
      expect(smsProblems(reply)).toEqual([]);
      expect(segmentSms(reply).parts.length).toBeLessThanOrEqual(limits.sms.partsPerReply);
    }
  });

  it('ends every reply but the last with how to ask for more', () => {
    replies.slice(0, -1).forEach((reply) => expect(reply.endsWith(more)).toBe(true));
    expect(replies[replies.length - 1]?.includes(labels.replyMore)).toBe(false);
  });

  it('never cuts a word: the replies` words, in order, are the article`s words', () => {
    expect(replies.flatMap((reply) => wordsOf(withoutMore(reply)))).toEqual(['Long', 'read', ...unitWords(units)]);
  });

  it('sends a short article as one reply without the MORE prompt', () => {
    expect(smsArticleReplies(article({ title: 'Short', units: [paragraph('One line.')] }), labels, defaultSmsOptions)).toEqual(['Short\n\nOne line.']);
  });

  it('keeps curly quotes, dashes and ellipses GSM-7 with smart encoding', () => {
    const source = article({ title: 'It’s “free”', units: [paragraph('Testing – quick… and ‘confidential’')] });
    const [reply, ...rest] = smsArticleReplies(source, labels, defaultSmsOptions);
    expect(rest).toEqual([]);
    expect(reply).toBe('It\'s "free"\n\nTesting - quick... and \'confidential\'');
    expect(segmentSms(reply ?? '').encoding).toBe('GSM-7');
  });

  it('leaves curly quotes alone, in UCS-2, without smart encoding', () => {
    const [reply] = smsArticleReplies(article({ title: 'It’s “free”' }), labels, { smartEncoding: false });
    expect(reply).toBe('It’s “free”');
    expect(segmentSms(reply ?? '').encoding).toBe('UCS-2');
  });

  it('fits replies of text that must be UCS-2 (Hausa ƙ) within 3 UCS-2 parts', () => {
    const hausa = Array.from({ length: 6 }, (_, index) => paragraph(`${prose(40, index + 7)} ƙasa`));
    const replies = smsArticleReplies(article({ title: 'Ƙasa', units: hausa }), labels, defaultSmsOptions);
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      if (reply.includes('ƙ')) expect(segmentSms(reply).encoding).toBe('UCS-2');
      expect(smsProblems(reply)).toEqual([]);
    }
    expect(replies.filter((reply) => reply.includes('ƙ')).length).toBeGreaterThan(1);
    expect(replies.flatMap((reply) => wordsOf(withoutMore(reply)))).toEqual(['Ƙasa', ...unitWords(hausa)]);
  });

  it('fits every reply when the MORE prompt itself needs UCS-2 (Arabic labels)', () => {
    const arabic = { ...labels, replyMore: 'أرسل MORE للمزيد' };
    const replies = smsArticleReplies(article({ units: [paragraph(prose(200, 13))] }), arabic, defaultSmsOptions);
    expect(replies.length).toBeGreaterThan(2);
    for (const reply of replies) expect(smsProblems(reply)).toEqual([]);
    replies.slice(0, -1).forEach((reply) => expect(reply.endsWith(`\n${arabic.replyMore}`)).toBe(true));
  });

  it('writes links with their targets, lists with markers and quotes in quotation marks', () => {
    const [reply] = smsArticleReplies(
      article({
        title: 'Help',
        units: [
          paragraph('Read ', span('the guide', { href: 'https://example.org/guide' }), ' or ', span('call us', { href: 'tel:+254700000000' })),
          { kind: 'item', marker: '1.', depth: 0, spans: [span('Book', { bold: true })] },
          { kind: 'item', marker: '-', depth: 1, spans: [span('online')] },
          { kind: 'quote', spans: [span('It helps.')] },
        ],
      }),
      labels,
      defaultSmsOptions,
    );
    expect(reply).toBe('Help\n\nRead the guide (https://example.org/guide) or call us (+254700000000)\n\n1. Book\n\n  - online\n\n"It helps."');
  });

  it('sends only the editor`s override text when there is one', () => {
    expect(smsArticleReplies(article({ override: 'Text HELP to 40000.', units: [paragraph('Long version.')] }), labels, defaultSmsOptions)).toEqual(['Text HELP to 40000.']);
  });
});

describe('SMS menus', () => {
  const big = menu(40, {}, (index) => `Topic ${index + 1}: ${prose(3, index + 1)}`);
  const pages = smsMenuPages(big, labels, defaultSmsOptions);
  const replies = pages.map((_, page) => renderSmsMenu(big, page, labels, defaultSmsOptions));

  it('pages a long menu so that every page fits one reply', () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const reply of replies) expect(smsProblems(reply)).toEqual([]);
  });

  it('numbers each page`s choices from 1', () => {
    replies.forEach((reply, index) => expect(choiceNumbers(reply)).toEqual(Array.from({ length: pages[index]?.length ?? 0 }, (_, n) => n + 1)));
  });

  it('shows every choice once across the pages, in order', () => {
    expect(pages.flat().map((item) => item.id)).toEqual(big.items.map((item) => item.id));
    const titles = replies.flatMap((reply) => reply.split('\n').filter((line) => /^\d+ /.test(line)).map((line) => line.replace(/^\d+ /, '')));
    expect(titles).toEqual(big.items.map((item) => item.title));
  });

  it('asks for a number on every page and offers MORE on all but the last', () => {
    replies.forEach((reply, index) => {
      expect(reply).toContain(labels.replyNumber);
      expect(reply.endsWith(more)).toBe(index < replies.length - 1);
    });
  });

  it('shows a short menu on one page, title first, without MORE', () => {
    expect(renderSmsMenu(menu(2, { text: 'Pick one' }), 0, labels, defaultSmsOptions)).toBe('Health topics\nPick one\n1 Topic 1\n2 Topic 2\nReply with a number');
  });

  it('smart-encodes menu titles, so typography does not force UCS-2', () => {
    const reply = renderSmsMenu(menu(2, { title: 'What’s new' }, (index) => `“Topic” ${index + 1}`), 0, labels, defaultSmsOptions);
    expect(reply).toContain('What\'s new\n1 "Topic" 1');
    expect(segmentSms(reply).encoding).toBe('GSM-7');
  });

  it('clamps a page number past the end to the last page', () => {
    expect(renderSmsMenu(big, 1000, labels, defaultSmsOptions)).toBe(replies[replies.length - 1]);
  });
});

describe('SMS notices', () => {
  const big = menu(40, {}, (index) => `Topic ${index + 1}: ${prose(3, index + 1)}`);

  it('puts a re-prompt above a menu page when both fit one reply', () => {
    const short = menu(2);
    expect(renderSmsMenuWithNotice(short, 0, labels, defaultSmsOptions, labels.invalidChoice)).toBe(`${labels.invalidChoice}\n${renderSmsMenu(short, 0, labels, defaultSmsOptions)}`);
  });

  it('leaves the re-prompt out rather than send a full page over three parts or in UCS-2', () => {
    const page = renderSmsMenu(big, 0, labels, defaultSmsOptions);
    expect(renderSmsMenuWithNotice(big, 0, labels, defaultSmsOptions, 'x'.repeat(300))).toBe(page);
    expect(renderSmsMenuWithNotice(menu(2), 0, labels, defaultSmsOptions, 'Don Allah zaɓi ɗaya.')).toBe(renderSmsMenu(menu(2), 0, labels, defaultSmsOptions));
  });

  it('answers a notice on an article with the notice and how to go on, never the article', () => {
    expect(renderSmsArticleNotice('That is the end of this article.', labels, defaultSmsOptions, false)).toBe(`That is the end of this article.\n${labels.smsHelp}`);
    expect(renderSmsArticleNotice(labels.invalidChoice, labels, defaultSmsOptions, true)).toBe(`${labels.invalidChoice}\n${labels.replyMore}\n${labels.smsHelp}`);
  });

  it('drops how to go on before a notice on an article takes a second part', () => {
    const long = 'y'.repeat(145);
    expect(renderSmsArticleNotice(long, labels, defaultSmsOptions, true)).toBe(long);
    expect(segmentSms(renderSmsArticleNotice(`${long} ’`, labels, defaultSmsOptions, false)).parts).toHaveLength(1);
  });
});
