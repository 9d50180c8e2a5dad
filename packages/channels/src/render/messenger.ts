// Menus and articles → Messenger Send API messages: plain text ≤ 2000, menus as at most
// 13 quick replies with titles ≤ 20. Titles too long for a quick reply are listed in
// full, numbered, in the text, and the quick replies carry the numbers.
import { limits } from '../channels';
import { pagesByCount, shorten } from './menu-pages';
import { packUnits, plainStyle, textOnly } from './text';
import { articleUnits, NAV_IDS, type ArticleContent, type Labels, type Menu, type MenuItem } from './types';

export interface QuickReply {
  readonly content_type: 'text';
  readonly title: string;
  readonly payload: string;
}

export interface MessengerMessage {
  readonly text: string;
  readonly quick_replies?: readonly QuickReply[];
}

const style = plainStyle({ showLinks: true });
const ms = limits.messenger;

export function renderMessengerArticle(article: ArticleContent): MessengerMessage[] {
  return packUnits(textOnly(articleUnits(article, { withImage: false }), (text) => text), style, '\n\n', (text) => text.length <= ms.text).map((text) => ({ text }));
}

const messengerPages = (menu: Menu) => pagesByCount(menu.items, ms.quickReplies - Number(menu.canGoBack) - Number(menu.canGoHome));

/** The menu's pages of choices (what "More" walks through). */
export function messengerMenuPages(menu: Menu): MenuItem[][] {
  return messengerPages(menu);
}

export function renderMessengerMenu(menu: Menu, page: number, labels: Labels): MessengerMessage {
  const pages = messengerPages(menu);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const items = pages[index] ?? [];
  const lines = items.map((item, number) => `${number + 1}. ${item.title}`);
  const head = menu.text ? `${menu.title}\n${menu.text}` : menu.title;
  const replies: QuickReply[] = [
    ...items.map((item, number) => ({ content_type: 'text' as const, title: shorten(`${number + 1}. ${item.title}`, ms.quickReplyTitle), payload: item.id })),
    ...(index < pages.length - 1 ? [{ content_type: 'text' as const, title: shorten(labels.more, ms.quickReplyTitle), payload: NAV_IDS.more }] : []),
    ...(menu.canGoBack ? [{ content_type: 'text' as const, title: shorten(labels.back, ms.quickReplyTitle), payload: NAV_IDS.back }] : []),
    ...(menu.canGoHome ? [{ content_type: 'text' as const, title: shorten(labels.home, ms.quickReplyTitle), payload: NAV_IDS.home }] : []),
  ];
  const text = [head, ...lines].join('\n');
  return { text: text.length <= ms.text ? text : shorten(text, ms.text), quick_replies: replies };
}
