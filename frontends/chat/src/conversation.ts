// One conversation model for every channel: where a reader is (a stack of views), what
// an input does (pick, more, back, home), and which menu or article to show next. Each
// channel supplies how a menu pages and how its replies look; nothing here renders.
import { z } from 'zod';
import { type Channel, type Menu, type MenuItem, NAV_IDS } from '@baobab/channels';
import type { ChatArticle, ChatSite, ContentSource } from './content';
import type { Translate } from '@baobab/locales';

const viewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('language'), page: z.number().int().min(0) }),
  z.object({ kind: z.literal('home'), page: z.number().int().min(0) }),
  z.object({ kind: z.literal('section'), slug: z.string(), page: z.number().int().min(0) }),
  z.object({ kind: z.literal('article'), slug: z.string(), page: z.number().int().min(0) }),
]);
export type View = z.infer<typeof viewSchema>;

export const stateSchema = z.object({
  site: z.string(),
  locale: z.string().nullable(),
  stack: z.array(viewSchema).max(50),
});
export type ConversationState = z.infer<typeof stateSchema>;

export type Input =
  | { readonly kind: 'start' }
  | { readonly kind: 'pick'; readonly id: string }
  /** A number typed against the numbered menu on the current page (1-based). */
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'more' }
  | { readonly kind: 'back' }
  | { readonly kind: 'home' }
  | { readonly kind: 'unknown' };

export type Screen =
  | { readonly kind: 'menu'; readonly menu: Menu; readonly page: number }
  | { readonly kind: 'article'; readonly article: ChatArticle; readonly page: number; readonly nav: Menu };

export interface Step {
  readonly state: ConversationState;
  readonly screen: Screen;
  /** Set when the input could not be followed: say it above the same screen again. */
  readonly notice: string | null;
}

/** How a channel pages: menu items on one page, and how many pages an article has. */
export interface Paging {
  readonly channel: Channel;
  menuPages(menu: Menu, locale: string): readonly (readonly MenuItem[])[];
  articlePageCount(article: ChatArticle, locale: string): number;
}

const LANGUAGE_ID = 'lang';
const MAX_ID_BYTES = 64;

/** Choice ids stay within Telegram's 64-byte callback data, however long a slug is. */
export function choiceId(kind: 's' | 'a' | 'l', value: string): string {
  const id = `${kind}:${value}`;
  return Buffer.byteLength(id) <= MAX_ID_BYTES ? id : `${kind}:${value.slice(0, MAX_ID_BYTES - 2)}`;
}

const CHOICE_KINDS = ['s', 'a', 'l'] as const;

function parseChoice(id: string): { kind: (typeof CHOICE_KINDS)[number]; value: string } | null {
  const kind = CHOICE_KINDS.find((k) => id.startsWith(`${k}:`));
  return kind && id.length > 2 ? { kind, value: id.slice(2) } : null;
}

/** A menu item leading to `value`, its id shortened (and the full value kept) when needed. */
function choice(kind: (typeof CHOICE_KINDS)[number], value: string, title: string): MenuItem {
  const id = choiceId(kind, value);
  return id === `${kind}:${value}` ? { id, title } : { id, title, target: value };
}

export interface ConversationContext {
  readonly site: ChatSite;
  readonly content: ContentSource;
  readonly paging: Paging;
  /** UI strings for a locale, resolved along its fallback chain. */
  readonly translate: (locale: string) => Translate;
}

export function startState(site: ChatSite, rememberedLocale: string | null): ConversationState {
  const locale = rememberedLocale && site.locales.some((l) => l.code === rememberedLocale) ? rememberedLocale : site.locales.length === 1 ? site.defaultLocale : null;
  return { site: site.code, locale, stack: [locale === null ? { kind: 'language', page: 0 } : { kind: 'home', page: 0 }] };
}

const top = (state: ConversationState): View => state.stack[state.stack.length - 1] ?? { kind: 'home', page: 0 };
const withTop = (state: ConversationState, view: View): ConversationState => ({ ...state, stack: [...state.stack.slice(0, -1), view] });
const push = (state: ConversationState, view: View): ConversationState => ({ ...state, stack: [...state.stack, view].slice(-50) });

/** The screen for the view on top of the stack; a view whose content is gone falls back to home. */
async function screenFor(state: ConversationState, context: ConversationContext): Promise<{ state: ConversationState; screen: Screen; gone: boolean }> {
  const { site, content } = context;
  const locale = state.locale ?? site.defaultLocale;
  const t = context.translate(locale);
  const view = top(state);
  const canGoBack = state.stack.length > 1;
  const clampPage = (pages: number) => Math.min(view.page, Math.max(0, pages - 1));
  const menuScreen = (menu: Menu): { state: ConversationState; screen: Screen; gone: boolean } => {
    const page = clampPage(context.paging.menuPages(menu, locale).length);
    return { state: withTop(state, { ...view, page }), screen: { kind: 'menu', menu, page }, gone: false };
  };
  switch (view.kind) {
    case 'language': {
      const items = site.locales.map((l) => choice('l', l.code, l.name));
      return menuScreen({ title: t('chooseLanguage'), items, canGoBack, canGoHome: false });
    }
    case 'home': {
      const sections = await content.home(site.code, locale);
      const items: MenuItem[] = sections.map((s) => choice('s', s.slug, s.title));
      if (site.locales.length > 1) items.push({ id: LANGUAGE_ID, title: t('language') });
      return menuScreen({ title: site.name, text: items.length === 0 ? t('nothingHere') : null, items, canGoBack: false, canGoHome: false });
    }
    case 'section': {
      const section = await content.section(site.code, view.slug, locale);
      if (!section) break;
      const items = [...section.children.map((s) => choice('s', s.slug, s.title)), ...section.articles.nodes.map((a) => choice('a', a.slug, a.title))];
      return menuScreen({ title: section.title, text: items.length === 0 ? t('nothingHere') : null, items, canGoBack, canGoHome: true });
    }
    case 'article': {
      const article = await content.article(site.code, view.slug, locale, context.paging.channel);
      if (!article) break;
      const page = clampPage(context.paging.articlePageCount(article, locale));
      const nav: Menu = { title: article.title, items: [], canGoBack, canGoHome: true };
      return { state: withTop(state, { ...view, page }), screen: { kind: 'article', article, page, nav }, gone: false };
    }
  }
  const home = { ...state, stack: [{ kind: 'home' as const, page: 0 }] };
  return { ...(await screenFor(home, context)), gone: true };
}

/** The item a number picks on the current page of the menu, if any. */
function numbered(screen: Screen, value: number, paging: Paging, locale: string): MenuItem | null {
  if (screen.kind !== 'menu') return null;
  const items = paging.menuPages(screen.menu, locale)[screen.page] ?? [];
  return Number.isInteger(value) && value >= 1 ? (items[value - 1] ?? null) : null;
}

/** Where `input` leads from `state`. Never throws for reader input: bad input re-shows the screen with a notice. */
export async function step(state: ConversationState, input: Input, context: ConversationContext): Promise<Step> {
  const locale = state.locale ?? context.site.defaultLocale;
  const t = context.translate(locale);
  const current = await screenFor(state, context);
  const again = (notice: string): Step => ({ state: current.state, screen: current.screen, notice });
  const go = async (next: ConversationState): Promise<Step> => {
    const shown = await screenFor(next, context);
    return { state: shown.state, screen: shown.screen, notice: shown.gone ? t('notFound') : null };
  };
  const view = top(current.state);
  switch (input.kind) {
    case 'start':
      return { state: current.state, screen: current.screen, notice: current.gone ? t('notFound') : null };
    case 'more': {
      const pages = current.screen.kind === 'menu' ? context.paging.menuPages(current.screen.menu, locale).length : context.paging.articlePageCount(current.screen.article, locale);
      if (view.page + 1 < pages) return go(withTop(current.state, { ...view, page: view.page + 1 }));
      // Past an article's last page there is nothing to choose again: say it ended.
      return again(current.screen.kind === 'article' ? t('endOfArticle') : t('invalidChoice'));
    }
    case 'back':
      // On a later page of a menu, back is the page before; otherwise the view before.
      if (current.screen.kind === 'menu' && view.page > 0) return go(withTop(current.state, { ...view, page: view.page - 1 }));
      return current.state.stack.length > 1 ? go({ ...current.state, stack: current.state.stack.slice(0, -1) }) : again(t('invalidChoice'));
    case 'home':
      return current.state.locale === null ? again(t('invalidChoice')) : go({ ...current.state, stack: [{ kind: 'home', page: 0 }] });
    case 'number': {
      const item = numbered(current.screen, input.value, context.paging, locale);
      return item ? pick(current.state, item, context, again, go) : again(t('invalidChoice'));
    }
    case 'pick': {
      // A shortened id is resolved through the menu on screen; a full one works from any old message.
      const shown = current.screen.kind === 'menu' ? current.screen.menu.items.find((item) => item.id === input.id) : undefined;
      return pick(current.state, shown ?? { id: input.id, title: '' }, context, again, go);
    }
    case 'unknown':
      return again(t('invalidChoice'));
  }
}

async function pick(state: ConversationState, item: MenuItem, context: ConversationContext, again: (notice: string) => Step, go: (next: ConversationState) => Promise<Step>): Promise<Step> {
  const t = context.translate(state.locale ?? context.site.defaultLocale);
  const { id } = item;
  if (id === NAV_IDS.more) return step(state, { kind: 'more' }, context);
  if (id === NAV_IDS.back) return step(state, { kind: 'back' }, context);
  if (id === NAV_IDS.home) return step(state, { kind: 'home' }, context);
  if (id === LANGUAGE_ID) return go(push(state, { kind: 'language', page: 0 }));
  const parsed = parseChoice(id);
  if (!parsed) return again(t('invalidChoice'));
  const value = item.target ?? parsed.value;
  if (parsed.kind === 'l') {
    const locale = context.site.locales.find((l) => l.code === value);
    return locale ? go({ ...state, locale: locale.code, stack: [{ kind: 'home', page: 0 }] }) : again(t('invalidChoice'));
  }
  if (state.locale === null) return again(t('invalidChoice'));
  return go(push(state, { kind: parsed.kind === 's' ? 'section' : 'article', slug: value, page: 0 }));
}
