// What the conversation hands a renderer: channel-neutral menus and articles.
import { textUnits as textUnitsOf, type Unit } from '../blocks';

export interface MenuItem {
  /** Stable choice id (at most 64 bytes, so it fits Telegram's callback data). */
  readonly id: string;
  readonly title: string;
  readonly description?: string | null;
  /** The full slug or code the choice leads to, when the id had to be shortened. */
  readonly target?: string;
}

export interface Menu {
  readonly title: string;
  /** A line under the title, e.g. a fallback or error notice. */
  readonly text?: string | null;
  readonly items: readonly MenuItem[];
  readonly canGoBack: boolean;
  readonly canGoHome: boolean;
}

export interface ArticleContent {
  readonly slug: string;
  readonly title: string;
  readonly lead: string | null;
  readonly units: readonly Unit[];
  /** The editor's text for this channel, when there is one: it replaces title, lead and body. */
  readonly override: string | null;
  readonly image: { readonly url: string; readonly alt: string } | null;
}

/** UI words a renderer needs, already in the reader's language. */
export interface Labels {
  readonly more: string;
  readonly back: string;
  readonly home: string;
  readonly choose: string;
  /** SMS: how to get the next page, e.g. "Reply MORE for more". */
  readonly replyMore: string;
  /** SMS: how to pick from a numbered menu. */
  readonly replyNumber: string;
  /** The re-prompt after input that matches no choice; USSD keeps room for it on every menu screen. */
  readonly invalidChoice: string;
  /** SMS: how to go on from an article, e.g. "Reply BACK to go back or MENU for topics." */
  readonly smsHelp: string;
}

export const NAV_IDS = { more: 'more', back: 'back', home: 'home' } as const;

const plain = (text: string, italic = false): Extract<Unit, { kind: 'paragraph' }> => ({
  kind: 'paragraph',
  spans: [{ text, bold: false, italic, strike: false, code: false, href: null }],
});

/**
 * What an article says on a channel, in reading order: the editor's override for the
 * channel when there is one, else title, lead and body (the picture first when `withImage`).
 */
export function articleUnits(article: ArticleContent, options: { readonly withImage: boolean }): Unit[] {
  if (article.override !== null) return textUnitsOf(article.override);
  const image: Unit[] = options.withImage && article.image ? [{ kind: 'image', url: article.image.url, alt: article.image.alt }] : [];
  const title: Unit = { kind: 'heading', spans: plain(article.title).spans };
  const lead: Unit[] = article.lead ? [plain(article.lead, true)] : [];
  return [...image, title, ...lead, ...article.units];
}
