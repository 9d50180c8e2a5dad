// How each channel pages menus and articles, for the conversation: the same functions the
// renderers use, so "98" or "More" always lands on the page the reader will see. An
// article followed by plugin entries (a poll): on USSD numbered on its first and last
// screens (ussdArticlePages); on SMS at the end of its last reply, or in a reply of their own.
import {
  type Channel,
  type Labels,
  labelsFor,
  type Menu,
  type MenuItem,
  messengerMenuPages,
  renderSmsMenu,
  renderUssdMenu,
  shorten,
  smartEncode,
  smsArticleReplies,
  smsFits,
  smsMenuPages,
  type SmsOptions,
  telegramMenuPages,
  uiFormFor,
  type UssdArticle,
  ussdArticlePages,
  ussdFits,
  ussdMenuPages,
  type UssdOptions,
  whatsappMenuPages,
} from '@baobab/channels';
import type { ChatArticle, ContentSource } from './content';
import type { Paging } from './conversation';

/** An article's pages as one channel sends them, with the numbered choices each page offers. */
export interface ArticlePages {
  readonly pages: readonly string[];
  readonly items: readonly (readonly MenuItem[])[];
}

const entriesKey = (entries: readonly MenuItem[]) => entries.map((entry) => `${entry.id}\u0001${entry.title}`).join('\u0002');
const articleKey = (channel: string, article: ChatArticle, extra: string) => `${channel}\u0000${article.slug}\u0000${article.locale}\u0000${extra}`;

/** USSD screens of an article, rendered once per content version. */
export function cachedUssdScreens(content: ContentSource, article: ChatArticle, labels: Labels, options: UssdOptions): readonly string[] {
  return cachedUssdArticle(content, article, [], labels, options).pages;
}

export function cachedSmsReplies(content: ContentSource, article: ChatArticle, labels: Labels, options: SmsOptions): string[] {
  return content.derived(articleKey('sms', article, `${options.smartEncoding}\u0000${labels.replyMore}`), () => smsArticleReplies(article, labels, options));
}

/** An article's SMS replies with plugin entries after it: in the last reply when it stays within 3 parts, else a reply of their own after `Reply MORE`. */
export function smsArticleWithEntries(replies: readonly string[], entries: readonly MenuItem[], labels: Labels, options: SmsOptions): ArticlePages {
  const plain: ArticlePages = { pages: replies, items: replies.map(() => []) };
  const last = replies[replies.length - 1];
  if (entries.length === 0 || last === undefined) return plain;
  const encode = (text: string) => (options.smartEncoding ? smartEncode(text) : text);
  const together = [last, '', ...entries.map((entry, index) => `${index + 1} ${encode(entry.title)}`), labels.replyNumber].join('\n');
  if (smsFits(together)) return { pages: [...replies.slice(0, -1), together], items: [...plain.items.slice(0, -1), entries] };
  const menu: Menu = { title: labels.choose, items: entries, canGoBack: true, canGoHome: true };
  const menuPages = smsMenuPages(menu, labels, options);
  return { pages: [...replies.slice(0, -1), `${last}\n${labels.replyMore}`, ...menuPages.map((_, page) => renderSmsMenu(menu, page, labels, options))], items: [...plain.items, ...menuPages] };
}

const ussdLabels = (locale: string, options: UssdOptions) => labelsFor(locale, uiFormFor('ussd', options.smartEncoding));
const smsLabels = (locale: string, options: SmsOptions) => labelsFor(locale, uiFormFor('sms', options.smartEncoding));

/** An article's USSD screens with plugin entries on its first and last screens (ussdArticlePages), rendered once per content version. */
export function cachedUssdArticle(content: ContentSource, article: ChatArticle, entries: readonly MenuItem[], labels: Labels, options: UssdOptions): UssdArticle {
  return content.derived(articleKey('ussd+', article, `${options.budget}\u0000${options.smartEncoding}\u0000${JSON.stringify(labels)}\u0000${entriesKey(entries)}`), () =>
    ussdArticlePages(article, entries, labels, options),
  );
}

export function cachedSmsArticle(content: ContentSource, article: ChatArticle, entries: readonly MenuItem[], labels: Labels, options: SmsOptions): ArticlePages {
  const replies = cachedSmsReplies(content, article, labels, options);
  if (entries.length === 0) return { pages: replies, items: replies.map(() => []) };
  return content.derived(articleKey('sms+', article, `${options.smartEncoding}\u0000${JSON.stringify(labels)}\u0000${entriesKey(entries)}`), () =>
    smsArticleWithEntries(replies, entries, labels, options),
  );
}

/**
 * A plugin's menu on USSD: a title (the question) too long for its screens is shortened at a
 * word until every page fits, so no screen goes over the budget.
 */
export function fitUssdMenu(menu: Menu, labels: Labels, options: UssdOptions): Menu {
  const fits = (candidate: Menu) => ussdMenuPages(candidate, labels, options).every((_, page) => ussdFits(renderUssdMenu(candidate, page, labels, options), options.budget));
  if (fits(menu)) return menu;
  for (let max = menu.title.length - 1; max >= 10; max -= 5) {
    const shorter = { ...menu, title: shorten(menu.title, max) };
    if (fits(shorter)) return shorter;
  }
  return { ...menu, title: shorten(menu.title, 10), text: null };
}

export function ussdPaging(content: ContentSource, options: UssdOptions): Paging {
  return {
    channel: 'ussd',
    menuPages: (menu, locale) => ussdMenuPages(menu, ussdLabels(locale, options), options),
    articlePages: (article, locale, entries) => cachedUssdArticle(content, article, entries, ussdLabels(locale, options), options).items,
    fitMenu: (menu, locale) => fitUssdMenu(menu, ussdLabels(locale, options), options),
  };
}

export function smsPaging(content: ContentSource, options: SmsOptions): Paging {
  return {
    channel: 'sms',
    menuPages: (menu, locale) => smsMenuPages(menu, smsLabels(locale, options), options),
    articlePages: (article, locale, entries) => cachedSmsArticle(content, article, entries, smsLabels(locale, options), options).items,
    // Three SMS parts hold a poll's question and choices; a reply that does not fit is refused by the validator, never cut.
    fitMenu: (menu) => menu,
  };
}

/** Chat apps send a whole article at once: one page, with plugin entries in the menu that follows it. */
export function chatAppPaging(channel: Extract<Channel, 'whatsapp' | 'telegram' | 'messenger'>): Paging {
  const menuPages = channel === 'whatsapp' ? whatsappMenuPages : channel === 'telegram' ? telegramMenuPages : messengerMenuPages;
  return {
    channel,
    menuPages,
    // The entries are the first choices of the menu after the article, so a typed number picks them.
    articlePages: (_article, _locale, entries) => [entries.length === 0 ? [] : (menuPages({ title: '', items: entries, canGoBack: true, canGoHome: true })[0] ?? [])],
    fitMenu: (menu) => menu,
  };
}
