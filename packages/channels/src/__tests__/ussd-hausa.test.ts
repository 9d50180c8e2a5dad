// USSD screens for the Hausa demo site (mama-ng, ha-NG): real UI strings and demo-like
// text. The re-prompt is written with ɓ and ɗ (UCS-2, 80 characters a screen); USSD shows its
// GSM-7 form ("zabi daya"), and a notice with no such form never costs a GSM-7 screen its text.
import { isGsm7, ussdLength } from '../gsm';
import { ussdArticleScreens, ussdArticleWithNotice, ussdMenuPages, ussdMenuWithNotice, renderUssdMenu, type UssdOptions } from '../render/ussd';
import type { Menu } from '../render/types';
import { labelsFor } from '../strings';
import { ussdProblems } from '../validate';
import { article, paragraph, unitWords, wordsOf } from './render-fixtures';

/** What USSD shows (smart encoding on): the GSM-7 forms. */
const hausa = labelsFor('ha-NG', 'gsm-7');
/** As chat.json writes them: what a notice is with smart encoding off. */
const written = labelsFor('ha-NG', 'written');
const NAV = new Set([`98 ${hausa.more}`, `0 ${hausa.back}`, `00 ${hausa.home}`]);
const options = (budget: number): UssdOptions => ({ budget, smartEncoding: true });
const lines = (screen: string) => screen.split('\n');
const choices = (screen: string) => lines(screen).filter((line) => /^\d+\. /.test(line));
const textOf = (screen: string) => lines(screen).filter((line) => !NAV.has(line)).join('\n');

const SECTIONS = ['Al’ada da balaga', 'Tsarin iyali', 'HIV da cututtukan jima’i', 'Juna biyu da jarirai', 'Lafiyar kwakwalwa', 'Abinci mai gina jiki', 'Dangantaka da yarda'];
/** mama-ng's home menu in Hausa, as the conversation builds it: sections, then Language. */
const home: Menu = {
  title: 'MamaCare Nigeria',
  text: null,
  items: [...SECTIONS.map((title, index) => ({ id: `s:section-${index}`, title })), { id: 'lang', title: 'Harshe' }],
  canGoBack: false,
  canGoHome: false,
};
const section: Menu = {
  title: 'Juna biyu da jarirai',
  text: null,
  items: ['Zazzabi'].map((title, index) => ({ id: `a:article-${index}`, title })),
  canGoBack: true,
  canGoHome: true,
};

describe('the Hausa main menu', () => {
  it('writes the re-prompt with ɓ and ɗ, outside GSM-7, and shows USSD its GSM-7 form', () => {
    expect(isGsm7(written.invalidChoice)).toBe(false);
    expect(hausa.invalidChoice).toBe('Don Allah zabi daya daga cikin lambobin.');
  });

  it.each([160, 182])('fits on at most two screens sized for their own text, not for the re-prompt (budget %i)', (budget) => {
    const pages = ussdMenuPages(home, hausa, options(budget));
    expect(pages.length).toBeLessThanOrEqual(2);
    pages.forEach((items, page) => {
      const screen = renderUssdMenu(home, page, hausa, options(budget));
      expect(ussdProblems(`CON ${screen}`, budget)).toEqual([]);
      if (page < pages.length - 1) expect(ussdLength(screen)).toBeGreaterThan(budget - 40);
      expect(choices(screen)).toHaveLength(items.length);
    });
  });

  it('offers 0 Back on the second page, though the first page has nowhere to go back to', () => {
    const pages = ussdMenuPages(home, hausa, options(160));
    expect(pages.length).toBe(2);
    expect(lines(renderUssdMenu(home, 0, hausa, options(160)))).not.toContain(`0 ${hausa.back}`);
    const second = renderUssdMenu(home, 1, hausa, options(160));
    expect(lines(second)).toContain(`0 ${hausa.back}`);
    expect(ussdProblems(`CON ${second}`, 160)).toEqual([]);
  });

  it('shows a shortened re-prompt in place of the title on a full page, the same choices below it', () => {
    const plain = renderUssdMenu(home, 0, hausa, options(160));
    const noticed = ussdMenuWithNotice(home, 0, hausa, options(160), hausa.invalidChoice);
    expect(ussdProblems(`CON ${noticed}`, 160)).toEqual([]);
    expect(lines(noticed)[0]).toMatch(/^Don Allah.*(…|\.\.\.)$/);
    expect(lines(noticed).slice(1)).toEqual(lines(plain).slice(1));
  });

  it('shows the whole re-prompt when the page has room for it', () => {
    const noticed = ussdMenuWithNotice(section, 0, hausa, options(160), hausa.invalidChoice);
    expect(lines(noticed)[0]).toBe(hausa.invalidChoice);
    expect(choices(noticed)).toEqual(choices(renderUssdMenu(section, 0, hausa, options(160))));
    expect(ussdProblems(`CON ${noticed}`, 160)).toEqual([]);
  });

  it('leaves the re-prompt out rather than send a screen over the budget', () => {
    const tight = { ...home, items: [{ id: 's:x', title: 'x'.repeat(180) }] };
    expect(ussdMenuWithNotice(tight, 0, hausa, options(160), hausa.invalidChoice)).toBe(renderUssdMenu(tight, 0, hausa, options(160)));
  });

  it('shortens a re-prompt written with ɓ and ɗ (smart encoding off) to its GSM-7 start on a full page', () => {
    const plain = { budget: 160, smartEncoding: false };
    const noticed = ussdMenuWithNotice(home, 0, hausa, plain, written.invalidChoice);
    expect(ussdProblems(`CON ${noticed}`, 160)).toEqual([]);
    expect(lines(noticed).slice(1)).toEqual(lines(renderUssdMenu(home, 0, hausa, plain)).slice(1));
  });
});

describe('Hausa article screens', () => {
  const lead = 'Yawancin juna biyu suna tafiya lafiya, amma wasu alamomi suna nufin ki je asibiti nan take.';
  const endings = [
    'Condom broke or sex without protection? Take an emergency pill as soon as you can, best within 3 days. A copper IUD within 5 days works best.',
    'Idan ba ki da tabbas, ki kira layin taimako kyauta, amma kada kiran ya hana ki zuwa asibiti. Kada ki jira har sai ciwon ya yi tsanani, ki tafi yanzu.',
    'Ki san asibitin da za ki je dare ko rana, ki ajiye kudin mota, ki zabi wanda zai raka ki, kuma ki gaya wa mijinki ko dangin ki shirin tun da wuri.',
  ];
  const titles = ['Alamomin hatsari', 'Alamomin hatsari lokacin juna biyu', 'Maganin hana daukar ciki na gaggawa', 'Ki je asibiti nan da nan idan kin ga'];

  it.each([160, 182])('never leaves a last screen of a few words after 98 (budget %i), and every word arrives in order', (budget) => {
    for (const title of titles) {
      for (const ending of endings) {
        const units = [paragraph(ending)];
        const screens = ussdArticleScreens(article({ title, lead, units }), hausa, options(budget));
        for (const screen of screens) expect(ussdProblems(`CON ${screen}`, budget)).toEqual([]);
        if (screens.length > 1) expect(ussdLength(textOf(screens[screens.length - 1] ?? ''))).toBeGreaterThanOrEqual(budget / 4);
        expect(screens.flatMap((screen) => wordsOf(textOf(screen)))).toEqual([...wordsOf(title), ...wordsOf(lead), ...unitWords(units)]);
      }
    }
  });

  it('puts the re-prompt above a full article screen, giving way with the text, never with the navigation', () => {
    const screens = ussdArticleScreens(article({ title: titles[1], lead, units: [paragraph(endings[1] ?? '')] }), hausa, options(160));
    expect(screens.length).toBeGreaterThan(1);
    const full = screens[0] ?? '';
    expect(ussdProblems(`CON ${hausa.invalidChoice}\n${full}`, 160)).not.toEqual([]);
    const noticed = ussdArticleWithNotice(screens, 0, hausa, options(160), hausa.invalidChoice);
    expect(ussdProblems(`CON ${noticed}`, 160)).toEqual([]);
    expect(lines(noticed)[0]).toBe(hausa.invalidChoice);
    expect(lines(noticed).slice(-3)).toEqual([`98 ${hausa.more}`, `0 ${hausa.back}`, `00 ${hausa.home}`]);
    expect(lines(noticed)[1]).toMatch(/^Alamomin/);
  });

  it('puts the whole re-prompt above a screen that has room for it, text untouched', () => {
    const screens = ussdArticleScreens(article({ title: 'Zazzabi', lead: null, units: [] }), hausa, options(160));
    expect(ussdArticleWithNotice(screens, 0, hausa, options(160), hausa.invalidChoice)).toBe(`${hausa.invalidChoice}\n${screens[0]}`);
  });

  it.each([160, 182])('keeps every GSM-7 article screen GSM-7 under the re-prompt, with at least half its text (budget %i)', (budget) => {
    for (const title of titles) {
      for (const ending of endings) {
        const screens = ussdArticleScreens(article({ title, lead, units: [paragraph(ending)] }), hausa, options(budget));
        screens.forEach((screen, page) => {
          expect(isGsm7(screen)).toBe(true);
          const noticed = ussdArticleWithNotice(screens, page, hausa, options(budget), hausa.invalidChoice);
          expect(ussdProblems(`CON ${noticed}`, budget)).toEqual([]);
          expect(isGsm7(noticed)).toBe(true);
          expect(lines(noticed)[0]).toMatch(/^Don Allah/);
          const text = textOf(screen);
          const shown = textOf(noticed).split('\n').slice(1).join('\n');
          expect(ussdLength(shown)).toBeGreaterThanOrEqual(ussdLength(text) / 2);
          expect(text.startsWith(shown.replace(/\.\.\.$/, ''))).toBe(true);
        });
      }
    }
  });

  it('never lets a re-prompt with no GSM-7 form (smart encoding off) turn a full GSM-7 screen into UCS-2: the screen is shown as it was', () => {
    const plain = { budget: 160, smartEncoding: false };
    const screens = ussdArticleScreens(article({ title: titles[1] ?? '', lead, units: [paragraph(endings[1] ?? '')] }), hausa, plain);
    const full = screens[0] ?? '';
    expect(isGsm7(full)).toBe(true);
    expect(ussdArticleWithNotice(screens, 0, hausa, plain, written.invalidChoice)).toBe(full);
  });

  it('shows a re-prompt with no GSM-7 form above a short GSM-7 screen when the whole text still fits under it', () => {
    const plain = { budget: 160, smartEncoding: false };
    const screens = ussdArticleScreens(article({ title: 'Zazzabi', lead: null, units: [] }), hausa, plain);
    expect(ussdArticleWithNotice(screens, 0, hausa, plain, written.invalidChoice)).toBe(`${written.invalidChoice}\n${screens[0]}`);
  });
});
