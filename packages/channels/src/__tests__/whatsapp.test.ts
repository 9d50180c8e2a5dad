import type { Unit } from '../blocks';
import { limits } from '../channels';
import { neutraliseWhatsApp, renderWhatsAppArticle, renderWhatsAppMenu, whatsappMenuPages, whatsappMessages, type WhatsAppMessage } from '../render/whatsapp';
import { whatsappProblems } from '../validate';
import { article, labels, menu, paragraph, prose, span, unitWords, wordsOf } from './render-fixtures';

const problems = (message: WhatsAppMessage) => whatsappProblems({ messaging_product: 'whatsapp', to: '254700000000', ...message });

function bodies(messages: readonly WhatsAppMessage[]): string[] {
  return messages.map((message) => {
    if (message.type !== 'text') throw new Error(`expected a text message, got ${message.type}`);
    return message.text.body;
  });
}

const bodyOf = (units: readonly Unit[]): string => {
  const [only, ...rest] = bodies(whatsappMessages(units));
  expect(rest).toEqual([]);
  return only ?? '';
};

/** Markers left over once every well-formed `*x*` (marker hugging non-space text) is removed. */
function strayMarkers(text: string, marker: string): number {
  const m = marker.replace(/[*~]/g, '\\$&');
  const wellFormed = new RegExp(`${m}(?:[^\\s${m}]|[^\\s${m}][^${m}\\n]*?[^\\s${m}])${m}`, 'g');
  return text.replace(wellFormed, '').split(marker).length - 1;
}

/** The words a reader sees, markers taken off (the sources in these tests contain none). */
const readerWords = (texts: readonly string[]) => texts.flatMap((text) => wordsOf(text.replace(/[*_~]/g, '')));

describe('WhatsApp text formatting', () => {
  it('marks bold, italic and strikethrough with *, _ and ~', () => {
    expect(bodyOf([paragraph(span('strong', { bold: true }), ' ', span('soft', { italic: true }), ' ', span('gone', { strike: true }))])).toBe('*strong* _soft_ ~gone~');
  });

  it('nests markers for a span with several marks', () => {
    expect(bodyOf([paragraph(span('all of it', { bold: true, italic: true, strike: true }))])).toBe('*_~all of it~_*');
  });

  it('wraps inline code and code blocks in triple backticks, neutralising backticks inside', () => {
    expect(bodyOf([paragraph('Run ', span('npm test', { code: true }), ' now')])).toBe('Run ```npm test``` now');
    expect(bodyOf([{ kind: 'code', text: 'let a = `b`;\nlet c = 1;' }])).toBe('```let a = ˋbˋ;\nlet c = 1;```');
  });

  it('moves spaces outside the markers so they hug the text', () => {
    expect(bodyOf([paragraph('Use ', span('bold ', { bold: true }), span(' soft', { italic: true }), ' and', span(' struck ', { strike: true }), 'here')])).toBe(
      'Use *bold*  _soft_ and ~struck~ here',
    );
  });

  it('merges adjacent spans with the same marks, so markers never meet as "**"', () => {
    expect(bodyOf([paragraph(span('one ', { bold: true }), span('two', { bold: true }))])).toBe('*one two*');
  });

  it('writes a heading as one bold line and a lead as italics', () => {
    const [message] = bodies(renderWhatsAppArticle(article({ title: 'Know your status', lead: 'Why testing matters' })));
    expect(message).toBe('*Know your status*\n\n_Why testing matters_');
  });

  it('drops a heading span`s own bold mark instead of nesting bold in bold', () => {
    expect(bodyOf([{ kind: 'heading', spans: [span('Where '), span('to go', { bold: true })] }])).toBe('*Where to go*');
  });

  it('renders quotes and nested lists with their markers', () => {
    const units: Unit[] = [
      { kind: 'quote', spans: [span('It helps.')] },
      { kind: 'item', marker: '1.', depth: 0, spans: [span('Book')] },
      { kind: 'item', marker: '-', depth: 1, spans: [span('online')] },
    ];
    expect(bodyOf(units)).toBe('> It helps.\n\n1. Book\n\n  - online');
  });

  it.each([
    ['5*3 and 2*4', '5∗3 and 2∗4'],
    ['snake_case_name', 'snakeˍcaseˍname'],
    ['about ~5 km', 'about ∼5 km'],
    ['type `ls`', 'type ˋlsˋ'],
  ])('neutralises literal marker characters in content: %j', (text, expected) => {
    const body = bodyOf([paragraph(text)]);
    expect(body).toBe(expected);
    expect(body).not.toMatch(/[*_~`]/);
  });

  it('neutralises marker characters inside formatted text but keeps its own markers', () => {
    expect(bodyOf([paragraph(span('a*b_c', { bold: true }))])).toBe('*a∗bˍc*');
  });

  it('keeps a link target verbatim after the link text', () => {
    expect(bodyOf([paragraph('Read ', span('the guide', { href: 'https://example.org/safe_sex*guide~1?a=`b`' }))])).toBe(
      'Read the guide (https://example.org/safe_sex*guide~1?a=`b`)',
    );
  });

  it('shows a link whose text is its URL once, verbatim, even when the URL holds marker characters', () => {
    const url = 'https://example.org/safe_sex_guide';
    const body = bodyOf([paragraph('See ', span(url, { href: url }))]);
    expect(body).toBe(`See ${url}`);
  });

  it('shows a phone link as its number, once', () => {
    expect(bodyOf([paragraph(span('Call us', { href: 'tel:+254700000000' }))])).toBe('Call us (+254700000000)');
    expect(bodyOf([paragraph(span('+254700000000', { href: 'tel:+254700000000' }))])).toBe('+254700000000');
  });

  it('neutralises marker characters in a menu title and notice', () => {
    const message = renderWhatsAppMenu(menu(2, { title: 'Sex_ed *101*', text: 'Pick ~one~' }), 0, labels);
    if (message.type !== 'interactive') throw new Error('expected an interactive message');
    expect(message.interactive.body.text).toBe('*Sexˍed ∗101∗*\nPick ∼one∼');
  });
});

describe('WhatsApp long articles', () => {
  const smallParagraphs = Array.from({ length: 30 }, (_, index) => paragraph(prose(50, index + 1)));
  const hugeParagraph = paragraph(prose(1400, 99));
  const units = [...smallParagraphs.slice(0, 15), hugeParagraph, ...smallParagraphs.slice(15)];
  const source = article({ title: 'Long read', units });
  const messages = renderWhatsAppArticle(source);
  const texts = bodies(messages);

  it('builds a source longer than several messages, with one paragraph longer than a message', () => {
    expect(unitWords(units).join(' ').length).toBeGreaterThan(3 * limits.whatsapp.text);
    expect(prose(1400, 99).length).toBeGreaterThan(2 * limits.whatsapp.text);
  });

  it('splits into text messages of at most 4096 characters that all pass the validator', () => {
    expect(texts.length).toBeGreaterThanOrEqual(5);
    for (const message of messages) expect(problems(message)).toEqual([]);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(limits.whatsapp.text);
  });

  it('never cuts a word: the messages` words, in order, are the source`s words', () => {
    expect(readerWords(texts)).toEqual(['Long', 'read', ...unitWords(units)]);
  });

  it('keeps every paragraph that fits a message whole, in one message', () => {
    for (const unit of smallParagraphs) {
      const text = unit.spans[0]?.text ?? '';
      expect(texts.filter((message) => message.includes(text))).toHaveLength(1);
    }
  });

  it('packs greedily: the next message`s first paragraph would not have fitted on the one before', () => {
    texts.slice(1).forEach((text, index) => {
      const previous = texts[index] ?? '';
      const firstPiece = text.split('\n\n')[0] ?? '';
      expect(previous.length + 2 + firstPiece.length).toBeGreaterThan(limits.whatsapp.text);
    });
  });

  it('splits a paragraph longer than a message at spaces between words', () => {
    const pieces = bodies(whatsappMessages([hugeParagraph]));
    expect(pieces.length).toBe(3);
    expect(pieces.join(' ')).toBe(prose(1400, 99));
  });

  it('cuts a single word longer than a message (a pasted URL) between characters, losing none', () => {
    const word = 'x'.repeat(9000);
    const pieces = bodies(whatsappMessages([paragraph(`before ${word} after`)]));
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(limits.whatsapp.text);
    expect(pieces.join('').replace(/\s/g, '')).toBe(`before${word}after`);
  });

  it('cuts an over-long run of emoji only between graphemes', () => {
    const family = '👩‍👩‍👧';
    const word = family.repeat(1200);
    const pieces = bodies(whatsappMessages([paragraph(word)]));
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(limits.whatsapp.text);
      expect(piece.split(family).join('')).toBe('');
    }
    expect(pieces.join('')).toBe(word);
  });

  it('keeps markers balanced in every message when a bold span runs across messages', () => {
    const bold = prose(1000, 7);
    const units: Unit[] = [paragraph(prose(200, 5), ' ', span(bold, { bold: true }), ' ', prose(200, 6))];
    const pieces = bodies(whatsappMessages(units));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(limits.whatsapp.text);
      expect(strayMarkers(piece, '*')).toBe(0);
    }
    // The bold run is bold on both sides of the split.
    expect(pieces[0]).toMatch(/\*[^*]+\*$/);
    expect(pieces[1]).toMatch(/^\*[^*]+\*/);
    expect(readerWords(pieces)).toEqual(unitWords(units));
  });

  it('keeps nested bold and italic markers balanced in every message of a split span', () => {
    const units: Unit[] = [paragraph(span(prose(1500, 8), { bold: true, italic: true }))];
    const pieces = bodies(whatsappMessages(units));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const piece of pieces) {
      expect(piece).toMatch(/^\*_\S[^*_]*\S_\*$/);
      expect(strayMarkers(piece, '*')).toBe(0);
      expect(strayMarkers(piece, '_')).toBe(0);
    }
  });

  it('never splits inside a word made of differently marked spans', () => {
    // "x…x *HIV*" is exactly 4096 characters, so a split between "HIV" and "-positive" would fit.
    const units: Unit[] = [paragraph(`${'x'.repeat(4090)} `, span('HIV', { bold: true }), '-positive people')];
    const pieces = bodies(whatsappMessages(units));
    expect(pieces).toEqual(['x'.repeat(4090), '*HIV*-positive people']);
  });

  it('keeps words of differently marked spans whole across many splits', () => {
    const parts = Array.from({ length: 500 }, () => [span('HIV', { bold: true }), span('-positive people ')]).flat();
    const units: Unit[] = [paragraph(...parts)];
    const pieces = bodies(whatsappMessages(units));
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(limits.whatsapp.text);
    expect(readerWords(pieces)).toEqual(unitWords(units));
  });

  it('cuts an over-long word in a list item so that even the first piece, with its marker, fits', () => {
    const word = 'x'.repeat(9000);
    const pieces = bodies(whatsappMessages([{ kind: 'item', marker: '10.', depth: 1, spans: [span(word)] }]));
    expect(pieces[0]?.startsWith('  10. x')).toBe(true);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(limits.whatsapp.text);
    expect(pieces.join('').replace(/[^x]/g, '')).toBe(word);
  });
});

describe('WhatsApp images', () => {
  const url = 'https://cms.example.org/uploads/clinic.jpg';

  it('sends an image as an image message captioned with its alt text', () => {
    expect(whatsappMessages([{ kind: 'image', url, alt: 'A youth-friendly clinic' }])).toEqual([{ type: 'image', image: { link: url, caption: 'A youth-friendly clinic' } }]);
  });

  it('sends an image without alt text with no caption', () => {
    expect(whatsappMessages([{ kind: 'image', url, alt: '' }])).toEqual([{ type: 'image', image: { link: url } }]);
  });

  it('neutralises marker characters in a caption', () => {
    const [message] = whatsappMessages([{ kind: 'image', url, alt: 'dr_smith at *work*' }]);
    expect(message).toEqual({ type: 'image', image: { link: url, caption: 'drˍsmith at ∗work∗' } });
  });

  it('cuts a caption longer than 1024 between words and sends the rest as text', () => {
    const alt = prose(250, 3);
    expect(alt.length).toBeGreaterThan(limits.whatsapp.caption);
    const messages = whatsappMessages([{ kind: 'image', url, alt }]);
    const [image, ...rest] = messages;
    if (image?.type !== 'image') throw new Error('expected an image message first');
    expect(image.image.caption?.length).toBeLessThanOrEqual(limits.whatsapp.caption);
    expect(rest.length).toBeGreaterThan(0);
    for (const message of messages) expect(problems(message)).toEqual([]);
    expect(wordsOf([image.image.caption ?? '', ...bodies(rest)].join(' '))).toEqual(wordsOf(alt));
  });

  it('keeps reading order: text before an image, the image, then text after it', () => {
    const messages = whatsappMessages([paragraph('before'), { kind: 'image', url, alt: '' }, paragraph('after')]);
    expect(messages.map((message) => (message.type === 'text' ? message.text.body : message.type))).toEqual(['before', 'image', 'after']);
  });

  it('sends an article`s picture first, then its title, lead and body', () => {
    const messages = renderWhatsAppArticle(article({ title: 'Clinics', lead: 'Near you', units: [paragraph('Open daily.')], image: { url, alt: 'A clinic' } }));
    expect(messages).toEqual([
      { type: 'image', image: { link: url, caption: 'A clinic' } },
      { type: 'text', text: { body: '*Clinics*\n\n_Near you_\n\nOpen daily.', preview_url: false } },
    ]);
  });

  it('sends only the editor`s override text when there is one', () => {
    const messages = renderWhatsAppArticle(article({ override: 'Short version.\n\nSecond part.', units: [paragraph('Long version.')], image: { url, alt: 'x' } }));
    expect(messages).toEqual([{ type: 'text', text: { body: 'Short version.\n\nSecond part.', preview_url: false } }]);
  });
});

describe('WhatsApp menus', () => {
  function interactive(message: WhatsAppMessage) {
    if (message.type !== 'interactive') throw new Error(`expected an interactive message, got ${message.type}`);
    return message.interactive;
  }
  function rowsOf(message: WhatsAppMessage) {
    const body = interactive(message);
    if (body.type !== 'list') throw new Error(`expected a list, got ${body.type}`);
    return body.action.sections.flatMap((section) => section.rows);
  }

  it('uses reply buttons for up to 3 short, unique choices', () => {
    const message = renderWhatsAppMenu(menu(3), 0, labels);
    expect(problems(message)).toEqual([]);
    const body = interactive(message);
    expect(body.type).toBe('button');
    if (body.type !== 'button') return;
    expect(body.action.buttons.map((button) => button.reply)).toEqual([
      { id: 'item-1', title: 'Topic 1' },
      { id: 'item-2', title: 'Topic 2' },
      { id: 'item-3', title: 'Topic 3' },
    ]);
    expect(body.body.text).toBe('*Health topics*');
  });

  it('counts Back and Home among the 3 buttons', () => {
    const withNav = renderWhatsAppMenu(menu(2, { canGoBack: true }), 0, labels);
    const body = interactive(withNav);
    expect(body.type === 'button' && body.action.buttons.map((button) => button.reply.id)).toEqual(['item-1', 'item-2', 'back']);
    expect(interactive(renderWhatsAppMenu(menu(2, { canGoBack: true, canGoHome: true }), 0, labels)).type).toBe('list');
  });

  it('uses a list instead of buttons when a title is longer than 20 characters', () => {
    const message = renderWhatsAppMenu(menu(2, {}, (index) => `A rather long topic ${index}`), 0, labels);
    expect(interactive(message).type).toBe('list');
    expect(problems(message)).toEqual([]);
  });

  it('uses a list instead of buttons when two titles are the same', () => {
    const message = renderWhatsAppMenu(menu(2, { canGoBack: true }, () => 'Back'), 0, labels);
    expect(interactive(message).type).toBe('list');
    expect(problems(message)).toEqual([]);
  });

  it.each([4, 7, 10])('shows %i choices as one list page with no More row', (count) => {
    const message = renderWhatsAppMenu(menu(count), 0, labels);
    expect(problems(message)).toEqual([]);
    const rows = rowsOf(message);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: count }, (_, index) => `item-${index + 1}`));
    expect(whatsappMenuPages(menu(count))).toHaveLength(1);
    const body = interactive(message);
    expect(body.type === 'list' && body.action.button).toBe('Choose');
    expect(body.type === 'list' && body.header).toEqual({ type: 'text', text: 'Health topics' });
  });

  describe('with 25 choices', () => {
    const longTitle = (index: number) => (index % 3 === 0 ? `Topic ${index + 1}: what to expect at your first clinic visit` : `Topic ${index + 1}`);
    const big = menu(25, { canGoBack: true, canGoHome: true }, longTitle);
    const pages = whatsappMenuPages(big);
    const messages = pages.map((_, page) => renderWhatsAppMenu(big, page, labels));

    it('pages the list so every page passes the validator with at most 10 rows', () => {
      expect(pages.length).toBeGreaterThan(2);
      for (const message of messages) {
        expect(problems(message)).toEqual([]);
        expect(rowsOf(message).length).toBeLessThanOrEqual(limits.whatsapp.list.rows);
      }
    });

    it('shows every choice exactly once across the pages, in order', () => {
      const ids = messages.flatMap((message) => rowsOf(message).map((row) => row.id)).filter((id) => id.startsWith('item-'));
      expect(ids).toEqual(big.items.map((item) => item.id));
      expect(pages.flat().map((item) => item.id)).toEqual(ids);
    });

    it('ends every page but the last with a More row, then Back and Home', () => {
      messages.forEach((message, index) => {
        const tail = rowsOf(message)
          .map((row) => row.id)
          .filter((id) => !id.startsWith('item-'));
        expect(tail).toEqual(index < messages.length - 1 ? ['more', 'back', 'home'] : ['back', 'home']);
      });
      const more = rowsOf(messages[0] as WhatsAppMessage).find((row) => row.id === 'more');
      expect(more?.title).toBe('More');
    });

    it('shortens a long row title to 24 with "…" and moves the full title to the description', () => {
      const rows = messages.flatMap(rowsOf);
      const row = rows.find((candidate) => candidate.id === 'item-1');
      const full = longTitle(0);
      expect(full.length).toBeGreaterThan(limits.whatsapp.list.rowTitle);
      expect(row?.title.length).toBeLessThanOrEqual(limits.whatsapp.list.rowTitle);
      expect(row?.title.endsWith('…')).toBe(true);
      expect(full.startsWith((row?.title ?? '').slice(0, -1))).toBe(true);
      expect(row?.description).toBe(full);
      for (const each of rows) expect(each.title.length).toBeLessThanOrEqual(limits.whatsapp.list.rowTitle);
    });

    it('clamps a page number past the end to the last page', () => {
      expect(renderWhatsAppMenu(big, 99, labels)).toEqual(messages[messages.length - 1]);
      expect(renderWhatsAppMenu(big, -1, labels)).toEqual(messages[0]);
    });
  });

  it('shortens a description over 72 characters, whether the item`s own or a moved title', () => {
    const long = `A very long title that keeps going ${'and going '.repeat(10)}`.trim();
    const source = { ...menu(4), items: [...menu(3).items, { id: 'item-4', title: 'Short', description: long }, { id: 'item-5', title: long }] };
    const message = renderWhatsAppMenu(source, 0, labels);
    expect(problems(message)).toEqual([]);
    for (const row of rowsOf(message)) expect(row.description?.length ?? 0).toBeLessThanOrEqual(limits.whatsapp.list.rowDescription);
    expect(rowsOf(message).find((row) => row.id === 'item-4')?.description).toMatch(/…$/);
  });

  it('keeps the list header within 60 and the body within 1024 for a long title and notice', () => {
    const message = renderWhatsAppMenu(menu(5, { title: prose(30, 2), text: prose(300, 4) }), 0, labels);
    expect(problems(message)).toEqual([]);
  });

  it('neutralises a menu`s title but not its row titles, where WhatsApp shows text as it is', () => {
    const source = { ...menu(4), items: [{ id: 'a', title: 'snake_case' }, ...menu(3).items] };
    expect(rowsOf(renderWhatsAppMenu(source, 0, labels))[0]?.title).toBe('snake_case');
  });

  it('sends a menu with nothing to choose and no way back (an empty site) as text the validator accepts', () => {
    const message = renderWhatsAppMenu(menu(0, { title: 'Kijana', text: 'Nothing here yet.' }), 0, labels);
    expect(message).toEqual({ type: 'text', text: { body: '*Kijana*\nNothing here yet.', preview_url: false } });
    expect(problems(message)).toEqual([]);
  });

  it('shows only Back and Home as buttons after an article', () => {
    const message = renderWhatsAppMenu({ title: 'Clinics', items: [], canGoBack: true, canGoHome: true }, 0, labels);
    const body = interactive(message);
    expect(body.type === 'button' && body.action.buttons.map((button) => button.reply)).toEqual([
      { id: 'back', title: 'Back' },
      { id: 'home', title: 'Home' },
    ]);
    expect(problems(message)).toEqual([]);
  });

  it('maps each WhatsApp marker to a look-alike that formats nothing', () => {
    expect(neutraliseWhatsApp('*_~`')).toBe('∗ˍ∼ˋ');
  });
});
