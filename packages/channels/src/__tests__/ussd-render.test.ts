import { isGsm7, ussdLength } from '../gsm';
import type { MenuItem } from '../render/types';
import { defaultUssdOptions, renderUssdMenu, ussdArticleScreens, ussdMenuPages, ussdMenuWithNotice, type UssdOptions } from '../render/ussd';
import { ussdProblems } from '../validate';
import { article, labels, menu, paragraph, prose, span, unitWords, wordsOf } from './render-fixtures';

const NAV_LINES = new Set(['98 More', '0 Back', '00 Home']);
const linesOf = (screen: string) => screen.split('\n');
const textOf = (screen: string) => linesOf(screen).filter((line) => !NAV_LINES.has(line));
const choiceNumbers = (screen: string) => linesOf(screen).flatMap((line) => /^(\d+)\. /.exec(line)?.[1] ?? []).map(Number);
const options = (budget: number, smartEncoding = true): UssdOptions => ({ budget, smartEncoding });

const BUDGETS = [160, 182, 80];

describe('USSD article screens', () => {
  const units = [
    paragraph(prose(60, 1)),
    { kind: 'item' as const, marker: '1.', depth: 0, spans: [span(prose(40, 2), { bold: true })] },
    { kind: 'item' as const, marker: '-', depth: 1, spans: [span(prose(12, 3))] },
    paragraph(prose(25, 4)),
    { kind: 'quote' as const, spans: [span(prose(30, 5))] },
  ];
  const source = article({ title: 'Know your status', lead: 'Testing is quick', units });

  describe.each(BUDGETS)('with a budget of %i', (budget) => {
    const screens = ussdArticleScreens(source, labels, options(budget));

    it('gives several screens, each of which passes the validator as a CON answer', () => {
      expect(screens.length).toBeGreaterThan(2);
      for (const screen of screens) {
        expect(ussdProblems(`CON ${screen}`, budget)).toEqual([]);
        expect(ussdLength(screen)).toBeLessThanOrEqual(budget);
      }
    });

    it('shows 98 on every screen except the last, and 0 and 00 on all of them', () => {
      screens.forEach((screen, index) => {
        const lines = linesOf(screen);
        expect(lines.includes('98 More')).toBe(index < screens.length - 1);
        expect(lines.slice(-2)).toEqual(['0 Back', '00 Home']);
      });
    });

    it('never cuts a word across screens', () => {
      const shown = screens.flatMap((screen) => wordsOf(textOf(screen).join('\n').replace(/"/g, '')));
      // List markers and quotation marks are all the screens add.
      expect(shown.filter((word) => word !== '1.' && word !== '-')).toEqual(['Know', 'your', 'status', 'Testing', 'is', 'quick', ...unitWords(units)]);
    });
  });

  it('keeps a screen holding a non-GSM character (Hausa ƙ) within 80', () => {
    const hausa = article({ title: 'Ƙasa', units: [paragraph(prose(40, 6)), paragraph(`${prose(30, 7)} ƙwarai ${prose(30, 8)}`)] });
    const screens = ussdArticleScreens(hausa, labels, defaultUssdOptions);
    const nonGsm = screens.filter((screen) => !isGsm7(screen));
    expect(nonGsm.length).toBeGreaterThan(0);
    for (const screen of nonGsm) {
      expect(screen.length).toBeLessThanOrEqual(80);
      expect(ussdProblems(`CON ${screen}`, 160)).toEqual([]);
    }
    // The screens without ƙ still use the whole budget.
    expect(Math.max(...screens.filter((screen) => isGsm7(screen)).map(ussdLength))).toBeGreaterThan(80);
  });

  it('counts an emoji as 2 and keeps its screen within 80', () => {
    const screens = ussdArticleScreens(article({ title: 'Feelings', units: [paragraph(`${prose(50, 9)} 😀 ${prose(50, 10)}`)] }), labels, defaultUssdOptions);
    const withEmoji = screens.find((screen) => screen.includes('😀'));
    expect(withEmoji).toBeDefined();
    expect((withEmoji ?? '').length).toBeLessThanOrEqual(80);
    for (const screen of screens) expect(ussdProblems(`CON ${screen}`, 160)).toEqual([]);
  });

  it('keeps curly quotes GSM-7 with smart encoding, so a screen keeps its full budget', () => {
    const curly = article({ title: 'It’s “free”', units: [paragraph(prose(12, 11))] });
    const [first] = ussdArticleScreens(curly, labels, defaultUssdOptions);
    expect(first?.startsWith('It\'s "free"')).toBe(true);
    expect(isGsm7(first ?? '')).toBe(true);
    expect(ussdLength(first ?? '')).toBeGreaterThan(80);
    const [raw] = ussdArticleScreens(curly, labels, options(160, false));
    expect(raw?.startsWith('It’s “free”')).toBe(true);
    expect((raw ?? '').length).toBeLessThanOrEqual(80);
  });

  it('gives a short article one screen with Back and Home but no More', () => {
    expect(ussdArticleScreens(article({ title: 'Short', units: [paragraph('One line.')] }), labels, defaultUssdOptions)).toEqual(['Short\nOne line.\n0 Back\n00 Home']);
  });

  it('cuts a word longer than a screen so that even a list item`s first piece, with its marker, fits', () => {
    const word = 'x'.repeat(300);
    const screens = ussdArticleScreens(article({ title: 'T', units: [{ kind: 'item', marker: '10.', depth: 2, spans: [span(word)] }] }), labels, options(80));
    for (const screen of screens) expect(ussdProblems(`CON ${screen}`, 80)).toEqual([]);
    expect(screens.map((screen) => textOf(screen).join('')).join('').replace(/[^x]/g, '')).toBe(word);
  });

  it('fits every screen with labels in a language that needs UCS-2 (Arabic), for article and menu', () => {
    const arabic = { ...labels, more: 'المزيد', back: 'رجوع', home: 'الرئيسية', invalidChoice: 'يرجى اختيار أحد الأرقام.' };
    const screens = ussdArticleScreens(article({ units: [paragraph(prose(80, 12))] }), arabic, defaultUssdOptions);
    expect(screens.length).toBeGreaterThan(2);
    screens.forEach((screen, index) => {
      expect(ussdProblems(`CON ${screen}`, 160)).toEqual([]);
      expect(linesOf(screen).includes('98 المزيد')).toBe(index < screens.length - 1);
    });
    const big = menu(30, { canGoBack: true, canGoHome: true });
    ussdMenuPages(big, arabic, defaultUssdOptions).forEach((_, page) => {
      expect(ussdProblems(`CON ${renderUssdMenu(big, page, arabic, defaultUssdOptions)}`, 160)).toEqual([]);
      expect(ussdProblems(`CON ${ussdMenuWithNotice(big, page, arabic, defaultUssdOptions, arabic.invalidChoice)}`, 160)).toEqual([]);
    });
  });

  it('does not show link targets on a screen', () => {
    const [screen] = ussdArticleScreens(article({ title: 'Help', units: [paragraph(span('Read the guide', { href: 'https://example.org/guide' }))] }), labels, defaultUssdOptions);
    expect(screen).toBe('Help\nRead the guide\n0 Back\n00 Home');
  });
});

describe('USSD menus', () => {
  const big = menu(30, { canGoBack: true, canGoHome: true }, (index) => `Topic ${index + 1} ${prose(2, index + 1)}`);

  describe.each(BUDGETS)('with 30 choices and a budget of %i', (budget) => {
    const pages = ussdMenuPages(big, labels, options(budget));
    const screens = pages.map((_, page) => renderUssdMenu(big, page, labels, options(budget)));

    it('pages the menu so every screen passes the validator', () => {
      expect(pages.length).toBeGreaterThan(1);
      for (const screen of screens) expect(ussdProblems(`CON ${screen}`, budget)).toEqual([]);
    });

    it('numbers each page from 1 and never reaches the reserved 98', () => {
      screens.forEach((screen, index) => {
        const numbers = choiceNumbers(screen);
        expect(numbers).toEqual(Array.from({ length: pages[index]?.length ?? 0 }, (_, n) => n + 1));
        expect(Math.max(...numbers)).toBeLessThan(98);
      });
    });

    it('shows every choice once across the pages, in order', () => {
      expect(pages.flat().map((item: MenuItem) => item.id)).toEqual(big.items.map((item) => item.id));
    });

    it('offers 98 on every page but the last, and 0 and 00 on all', () => {
      screens.forEach((screen, index) => {
        expect(linesOf(screen).includes('98 More')).toBe(index < screens.length - 1);
        expect(linesOf(screen).slice(-2)).toEqual(['0 Back', '00 Home']);
      });
    });

  });

  it.each([160, 182])('fits the re-prompt in place of the title on every page, whole or shortened at a word (budget %i)', (budget) => {
    const pages = ussdMenuPages(big, labels, options(budget));
    pages.forEach((items, page) => {
      const screen = ussdMenuWithNotice(big, page, labels, options(budget), labels.invalidChoice);
      expect(ussdProblems(`CON ${screen}`, budget)).toEqual([]);
      expect(choiceNumbers(screen)).toHaveLength(items.length);
    });
  });

  it('shows a short menu on one screen, title and notice first', () => {
    expect(renderUssdMenu(menu(2, { text: 'Pick one', canGoHome: true }), 0, labels, defaultUssdOptions)).toBe('Health topics\nPick one\n1. Topic 1\n2. Topic 2\n00 Home');
  });

  it('fits every page of an English menu whose short title holds an emoji (80 per screen)', () => {
    const emojiTitle = { ...big, title: 'Health 💬' };
    const pages = ussdMenuPages(emojiTitle, labels, defaultUssdOptions);
    pages.forEach((_, page) => expect(ussdProblems(`CON ${renderUssdMenu(emojiTitle, page, labels, defaultUssdOptions)}`, 160)).toEqual([]));
  });

  it('fits every page under a re-prompt that holds a non-GSM character (Hausa ɓ, ɗ)', () => {
    const hausaLabels = { ...labels, invalidChoice: 'Don Allah zaɓi ɗaya.' };
    const titled = { ...big, title: 'Batutuwan lafiya na matasa a yau' };
    const pages = ussdMenuPages(titled, hausaLabels, defaultUssdOptions);
    pages.forEach((_, page) => {
      expect(ussdProblems(`CON ${renderUssdMenu(titled, page, hausaLabels, defaultUssdOptions)}`, 160)).toEqual([]);
      expect(ussdProblems(`CON ${ussdMenuWithNotice(titled, page, hausaLabels, defaultUssdOptions, hausaLabels.invalidChoice)}`, 160)).toEqual([]);
    });
  });

  it('clamps a page number past the end to the last page', () => {
    const pages = ussdMenuPages(big, labels, defaultUssdOptions);
    expect(renderUssdMenu(big, 500, labels, defaultUssdOptions)).toBe(renderUssdMenu(big, pages.length - 1, labels, defaultUssdOptions));
  });
});
