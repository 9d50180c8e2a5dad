// USSD screens for the Hausa demo site (mama-ng, ha-NG): real UI strings and demo-like
// text, whose re-prompt holds ɓ and ɗ (UCS-2, 80 characters a screen) while the menus do not.
import { isGsm7, ussdLength } from '../gsm';
import { ussdArticleScreens, ussdArticleWithNotice, ussdMenuPages, ussdMenuWithNotice, renderUssdMenu, type UssdOptions } from '../render/ussd';
import type { Menu } from '../render/types';
import { labelsFor } from '../strings';
import { ussdProblems } from '../validate';
import { article, paragraph, unitWords, wordsOf } from './render-fixtures';

const hausa = labelsFor('ha-NG');
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
  it('is a real UCS-2 re-prompt: the label holds letters outside GSM-7', () => {
    expect(isGsm7(hausa.invalidChoice)).toBe(false);
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
});
