// How each channel pages menus and articles, for the conversation: the same functions the
// renderers use, so "98" or "More" always lands on the page the reader will see.
import { type Channel, type Labels, labelsFor, messengerMenuPages, smsArticleReplies, smsMenuPages, type SmsOptions, telegramMenuPages, uiFormFor, ussdArticleScreens, ussdMenuPages, type UssdOptions, whatsappMenuPages } from '@baobab/channels';
import type { ChatArticle, ContentSource } from './content';
import type { Paging } from './conversation';

const articleKey = (channel: string, article: ChatArticle, extra: string) => `${channel}\u0000${article.slug}\u0000${article.locale}\u0000${extra}`;

/** USSD screens of an article, rendered once per content version. */
export function cachedUssdScreens(content: ContentSource, article: ChatArticle, labels: Labels, options: UssdOptions): string[] {
  return content.derived(articleKey('ussd', article, `${options.budget}\u0000${options.smartEncoding}\u0000${labels.more}`), () => ussdArticleScreens(article, labels, options));
}

export function cachedSmsReplies(content: ContentSource, article: ChatArticle, labels: Labels, options: SmsOptions): string[] {
  return content.derived(articleKey('sms', article, `${options.smartEncoding}\u0000${labels.replyMore}`), () => smsArticleReplies(article, labels, options));
}

export function ussdPaging(content: ContentSource, options: UssdOptions): Paging {
  return {
    channel: 'ussd',
    menuPages: (menu, locale) => ussdMenuPages(menu, labelsFor(locale, uiFormFor('ussd', options.smartEncoding)), options),
    articlePageCount: (article, locale) => cachedUssdScreens(content, article, labelsFor(locale, uiFormFor('ussd', options.smartEncoding)), options).length,
  };
}

export function smsPaging(content: ContentSource, options: SmsOptions): Paging {
  return {
    channel: 'sms',
    menuPages: (menu, locale) => smsMenuPages(menu, labelsFor(locale, uiFormFor('sms', options.smartEncoding)), options),
    articlePageCount: (article, locale) => cachedSmsReplies(content, article, labelsFor(locale, uiFormFor('sms', options.smartEncoding)), options).length,
  };
}

/** Chat apps send a whole article at once: one page. */
export function chatAppPaging(channel: Extract<Channel, 'whatsapp' | 'telegram' | 'messenger'>): Paging {
  const menuPages = channel === 'whatsapp' ? whatsappMenuPages : channel === 'telegram' ? telegramMenuPages : messengerMenuPages;
  return { channel, menuPages, articlePageCount: () => 1 };
}
