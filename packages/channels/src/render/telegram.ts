// Menus and articles → Telegram `sendMessage` bodies in HTML parse mode (no MarkdownV2
// escaping to get wrong): text ≤ 4096 counted before entity parsing, which is never less
// than Telegram counts after; menus as inline keyboards with callback data ≤ 64 bytes.
import { limits } from '../channels';
import type { Unit } from '../blocks';
import { pagesByCount } from './menu-pages';
import { packUnits, type TextStyle } from './text';
import { articleUnits, NAV_IDS, type ArticleContent, type Labels, type Menu, type MenuItem } from './types';

export interface InlineButton {
  readonly text: string;
  readonly callback_data: string;
}

export interface TelegramMessage {
  readonly text: string;
  readonly parse_mode: 'HTML';
  readonly link_preview_options?: { readonly is_disabled: boolean };
  readonly reply_markup?: { readonly inline_keyboard: ReadonlyArray<ReadonlyArray<InlineButton>> };
}

/** Rows of choices per keyboard page before a "More" button. */
export const TELEGRAM_MENU_ROWS = 10;

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeHtml(text).replace(/"/g, '&quot;');

export const telegramStyle: TextStyle = {
  escape: escapeHtml,
  bold: (inner) => `<b>${inner}</b>`,
  italic: (inner) => `<i>${inner}</i>`,
  strike: (inner) => `<s>${inner}</s>`,
  code: (text) => `<code>${escapeHtml(text)}</code>`,
  link: (text, href) => `<a href="${escapeAttribute(href)}">${text}</a>`,
  block: (unit, text, isContinuation) => {
    switch (unit.kind) {
      case 'heading':
        return `<b>${text}</b>`;
      case 'quote':
        return `<blockquote>${text}</blockquote>`;
      case 'item':
        return `${'  '.repeat(unit.depth)}${isContinuation ? '  ' : `${unit.marker === '-' ? '•' : unit.marker} `}${text}`;
      case 'code':
        return `<pre>${escapeHtml(text)}</pre>`;
      default:
        return text;
    }
  },
};

const message = (text: string): TelegramMessage => ({ text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } });

/** Images become links to the picture, so an article stays one kind of message. */
const imageLink = (unit: Extract<Unit, { kind: 'image' }>): Unit => ({
  kind: 'paragraph',
  spans: [{ text: unit.alt || unit.url, bold: false, italic: false, strike: false, code: false, href: unit.url }],
});

export function renderTelegramArticle(article: ArticleContent): TelegramMessage[] {
  const units = articleUnits(article, { withImage: true }).map((unit) => (unit.kind === 'image' ? imageLink(unit) : unit));
  return packUnits(
    units.filter((unit) => unit.kind !== 'image'),
    telegramStyle,
    '\n\n',
    (text) => text.length <= limits.telegram.text,
  ).map(message);
}

const telegramPages = (menu: Menu) => pagesByCount(menu.items, TELEGRAM_MENU_ROWS);

/** The menu's pages of choices (what "More" walks through). */
export function telegramMenuPages(menu: Menu): MenuItem[][] {
  return telegramPages(menu);
}

export function renderTelegramMenu(menu: Menu, page: number, labels: Labels): TelegramMessage {
  const pages = telegramPages(menu);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const rows: InlineButton[][] = (pages[index] ?? []).map((item) => [{ text: item.title, callback_data: item.id }]);
  if (index < pages.length - 1) rows.push([{ text: labels.more, callback_data: NAV_IDS.more }]);
  const nav = [...(menu.canGoBack ? [{ text: labels.back, callback_data: NAV_IDS.back }] : []), ...(menu.canGoHome ? [{ text: labels.home, callback_data: NAV_IDS.home }] : [])];
  if (nav.length > 0) rows.push(nav);
  const text = `<b>${escapeHtml(menu.title)}</b>${menu.text ? `\n${escapeHtml(menu.text)}` : ''}`;
  return { ...message(text), reply_markup: { inline_keyboard: rows } };
}
