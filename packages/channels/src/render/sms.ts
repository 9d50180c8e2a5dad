// Menus and articles → SMS replies in plain text. A reply is at most 3 parts; a long
// article is paged as "reply MORE" replies. Smart encoding (on by default) keeps text
// in GSM-7, where a part holds 153 characters instead of 67.
import { limits } from '../channels';
import { isGsm7, segmentSms, smartEncode } from '../gsm';
import { mapMenuText, pagesByFit } from './menu-pages';
import { packUnits, plainStyle, textOnly } from './text';
import { articleUnits, type ArticleContent, type Labels, type Menu, type MenuItem } from './types';

export interface SmsOptions {
  readonly smartEncoding: boolean;
}

export const defaultSmsOptions: SmsOptions = { smartEncoding: true };

export function smsFits(text: string): boolean {
  return segmentSms(text).parts.length <= limits.sms.partsPerReply;
}

const style = plainStyle({ showLinks: true });
const encode = (text: string, options: SmsOptions) => (options.smartEncoding ? smartEncode(text) : text);

function menuReply(menu: Menu, items: readonly MenuItem[], hasMore: boolean, labels: Labels): string {
  const head = menu.text ? [menu.title, menu.text] : [menu.title];
  const choices = items.map((item, index) => `${index + 1} ${item.title}`);
  return [...head, ...choices, labels.replyNumber, ...(hasMore ? [labels.replyMore] : [])].join('\n');
}

const encodeMenu = (menu: Menu, options: SmsOptions): Menu => mapMenuText(menu, (text) => encode(text, options));

export function smsMenuPages(menu: Menu, labels: Labels, options: SmsOptions): MenuItem[][] {
  const encoded = encodeMenu(menu, options);
  return pagesByFit(encoded.items, (page, hasMore) => menuReply(encoded, page, hasMore, labels), smsFits);
}

export function renderSmsMenu(menu: Menu, page: number, labels: Labels, options: SmsOptions): string {
  const pages = smsMenuPages(menu, labels, options);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  return menuReply(encodeMenu(menu, options), pages[index] ?? [], index < pages.length - 1, labels);
}

/**
 * A menu page with a notice (a re-prompt) above it, when the two fit one reply and the notice
 * does not turn a GSM-7 reply into UCS-2 (three times the parts); else the page alone.
 */
export function renderSmsMenuWithNotice(menu: Menu, page: number, labels: Labels, options: SmsOptions, notice: string): string {
  const plain = renderSmsMenu(menu, page, labels, options);
  const noticed = `${encode(notice, options)}\n${plain}`;
  return smsFits(noticed) && (isGsm7(noticed) || !isGsm7(plain)) ? noticed : plain;
}

/**
 * What a notice on an article says by SMS (MORE after the last page, a word that means
 * nothing there): the notice and how to go on, in one part; never the article again, which
 * the reader has and which would cost up to three parts. Lines that do not fit are left out.
 */
export function renderSmsArticleNotice(notice: string, labels: Labels, options: SmsOptions, hasMore: boolean): string {
  const lines = [encode(notice, options), ...(hasMore ? [labels.replyMore] : []), labels.smsHelp];
  for (let count = lines.length; count > 1; count -= 1) {
    const text = lines.slice(0, count).join('\n');
    if (segmentSms(text).parts.length <= 1) return text;
  }
  return lines[0] ?? '';
}

/** Every reply of an article; all but the last end with how to ask for more. */
export function smsArticleReplies(article: ArticleContent, labels: Labels, options: SmsOptions): string[] {
  const encoded = textOnly(articleUnits(article, { withImage: false }), (text) => encode(text, options));
  const pages = packUnits(encoded, style, '\n\n', (text) => smsFits(`${text}\n${labels.replyMore}`));
  return pages.map((text, index) => (index < pages.length - 1 ? `${text}\n${labels.replyMore}` : text));
}
