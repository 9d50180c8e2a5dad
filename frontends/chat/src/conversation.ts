// One conversation model for every channel: where a reader is (a stack of views), what
// an input does (pick, more, back, home), and which menu or article to show next. Each
// channel supplies how a menu pages and how its replies look; nothing here renders.
// Plugins add entries after an article and views of their own (a poll) to the same stack.
import crypto from 'node:crypto';
import { z } from 'zod';
import { type Channel, type Menu, type MenuItem, NAV_IDS, plainSpan } from '@baobab/channels';
import type { ChatArticle, ChatSite, ContentSource } from './content';
import type { Translate } from '@baobab/locales';

/** A plugin view's screen as it is kept between hops (a plugin's `ChatScreen`, without its one-off notice). */
export const pluginScreenSchema = z.object({
  text: z.string().max(4000),
  choices: z.array(z.object({ label: z.string().max(400), input: z.string().min(1).max(64) })).max(30),
  isMultiple: z.boolean().optional(),
  done: z.boolean().optional(),
});
export type PluginScreen = z.infer<typeof pluginScreenSchema> & { readonly notice?: string };

/** A plugin view's state (an entry's `state`) as the session keeps it. */
export const pluginStateSchema = z.record(z.string().max(64), z.string().max(256));

const viewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('language'), page: z.number().int().min(0) }),
  z.object({ kind: z.literal('home'), page: z.number().int().min(0) }),
  z.object({ kind: z.literal('section'), slug: z.string(), page: z.number().int().min(0) }),
  z.object({ kind: z.literal('article'), slug: z.string(), page: z.number().int().min(0) }),
  z.object({
    kind: z.literal('plugin'),
    plugin: z.string().max(64),
    view: z.string().max(64),
    state: pluginStateSchema,
    page: z.number().int().min(0),
    /** The screen the view's last answer gave (results after a vote); null shows the view afresh. */
    shown: pluginScreenSchema.nullable(),
  }),
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
  /** Typed text that is no command: a re-prompt on menus, an answer in a plugin's view (`1,3`). */
  | { readonly kind: 'text'; readonly text: string }
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

/** How a channel pages: menu items on one page, and an article's pages. */
export interface Paging {
  readonly channel: Channel;
  menuPages(menu: Menu, locale: string): readonly (readonly MenuItem[])[];
  /** The numbered choices on each page of an article (one array per page): `entries`, what plugins offer after it, on the pages that show them. */
  articlePages(article: ChatArticle, locale: string, entries: readonly MenuItem[]): readonly (readonly MenuItem[])[];
  /** The menu as this channel can show it (USSD shortens a plugin's question too long for one screen). */
  fitMenu(menu: Menu, locale: string): Menu;
}

/** A plugin's menu entry after an article. */
export interface PluginEntry {
  readonly plugin: string;
  readonly label: string;
  readonly view: string;
  readonly state: Readonly<Record<string, string>>;
}

/** What the conversation asks of the site's plugins; the gateway binds it to a reader, a channel and the CMS. */
export interface PluginViews {
  /** Entries the site's enabled plugins offer after an article; none when it enables none. */
  entries(locale: string, article: string): Promise<readonly PluginEntry[]>;
  /** A view's screen; null when the plugin or view is not there (not installed, or the site does not enable it). */
  show(locale: string, plugin: string, view: string, state: Readonly<Record<string, string>>): Promise<PluginScreen | null>;
  /** What the reader's input does in a view: the next screen, or the same with a notice. */
  answer(locale: string, plugin: string, view: string, state: Readonly<Record<string, string>>, input: string): Promise<PluginScreen | null>;
}

const LANGUAGE_ID = 'lang';
const MAX_ID_BYTES = 64;

/** Choice ids stay within Telegram's 64-byte callback data, however long a slug is. */
export function choiceId(kind: 's' | 'a' | 'l' | 'p' | 'c', value: string): string {
  const id = `${kind}:${value}`;
  return Buffer.byteLength(id) <= MAX_ID_BYTES ? id : `${kind}:${value.slice(0, MAX_ID_BYTES - 2)}`;
}

/** Section, article, language, plugin entry (by its place after the article), choice in a plugin view (its input). */
const CHOICE_KINDS = ['s', 'a', 'l', 'p', 'c'] as const;

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
  readonly plugins: PluginViews;
}

const entryItems = (entries: readonly PluginEntry[]): MenuItem[] => entries.map((entry, index) => ({ id: choiceId('p', String(index)), title: entry.label }));

const isChatApp = (channel: Channel) => channel === 'whatsapp' || channel === 'telegram' || channel === 'messenger';

const withoutNotice = (screen: PluginScreen): PluginScreen => ({ text: screen.text, choices: screen.choices, isMultiple: screen.isMultiple, done: screen.done });

/** A plugin screen with choices as a menu; chat apps show the numbers too, so `1,3` can be typed beside the buttons. */
function pluginMenu(screen: PluginScreen, context: ConversationContext, t: Translate, locale: string): Menu {
  const numbered = screen.isMultiple === true && isChatApp(context.paging.channel);
  const hint = screen.isMultiple === true ? t(context.paging.channel === 'ussd' ? 'pickSeveralUssd' : 'pickSeveral') : null;
  const items = screen.choices.map((entry, index) => choice('c', entry.input, numbered ? `${index + 1}. ${entry.label}` : entry.label));
  return context.paging.fitMenu({ title: screen.text, text: hint, items, canGoBack: true, canGoHome: true }, locale);
}

/** A plugin screen with no choices (results) as a short article, so each channel pages it as it pages text. */
function pluginText(screen: PluginScreen, view: { plugin: string; view: string }, locale: string): ChatArticle {
  const [title = '', ...lines] = screen.text.split('\n').map((line) => line.trim());
  const digest = crypto.createHash('sha256').update(screen.text).digest('base64url').slice(0, 16);
  return {
    slug: `~${view.plugin}~${view.view}~${digest}`,
    title,
    lead: null,
    units: lines.filter((line) => line !== '').map((line) => ({ kind: 'paragraph' as const, spans: [plainSpan(line)] })),
    override: null,
    image: null,
    locale,
    isFallback: false,
  };
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
      const entries = entryItems(await context.plugins.entries(locale, view.slug));
      const page = clampPage(context.paging.articlePages(article, locale, entries).length);
      const nav: Menu = { title: article.title, items: entries, canGoBack, canGoHome: true };
      return { state: withTop(state, { ...view, page }), screen: { kind: 'article', article, page, nav }, gone: false };
    }
    case 'plugin': {
      const fresh = view.shown ? null : await context.plugins.show(locale, view.plugin, view.view, view.state);
      const shown = view.shown ?? (fresh && withoutNotice(fresh));
      if (!shown) break;
      // The screen is kept as first shown, so a number means the choice the reader saw even when a plugin shuffles its choices.
      const kept = { ...view, shown };
      if (shown.choices.length > 0) {
        const menu = pluginMenu(shown, context, t, locale);
        const page = clampPage(context.paging.menuPages(menu, locale).length);
        return { state: withTop(state, { ...kept, page }), screen: { kind: 'menu', menu, page }, gone: false };
      }
      const article = pluginText(shown, view, locale);
      const page = clampPage(context.paging.articlePages(article, locale, []).length);
      const nav: Menu = { title: article.title, items: [], canGoBack, canGoHome: true };
      return { state: withTop(state, { ...kept, page }), screen: { kind: 'article', article, page, nav }, gone: false };
    }
  }
  const home = { ...state, stack: [{ kind: 'home' as const, page: 0 }] };
  return { ...(await screenFor(home, context)), gone: true };
}

/** The numbered choices on the current page: a menu's, or the plugin entries on an article's page. */
function pageItems(screen: Screen, paging: Paging, locale: string): readonly MenuItem[] {
  if (screen.kind === 'menu') return paging.menuPages(screen.menu, locale)[screen.page] ?? [];
  return paging.articlePages(screen.article, locale, screen.nav.items)[screen.page] ?? [];
}

/** The item a number picks on the current page, if any. */
function numbered(screen: Screen, value: number, paging: Paging, locale: string): MenuItem | null {
  const items = pageItems(screen, paging, locale);
  return Number.isInteger(value) && value >= 1 ? (items[value - 1] ?? null) : null;
}

/**
 * What a plugin view is told the reader chose: numbers on the page become the choices'
 * inputs (`2,3` on a page listing choices 4–6 is `5,6`); anything else goes as typed, so
 * the plugin can say what is wrong with it.
 */
function pluginInput(text: string, screen: Screen, paging: Paging, locale: string): string {
  const tokens = text.split(/[\s,;*#.]+/).filter((token) => token !== '');
  if (tokens.length === 0 || !tokens.every((token) => /^\d{1,3}$/.test(token))) return text.trim();
  const items = pageItems(screen, paging, locale);
  const inputs = tokens.map((token) => {
    const item = items[Number(token) - 1];
    const parsed = parseChoice(item?.id ?? '');
    return parsed?.kind === 'c' ? (item?.target ?? parsed.value) : token;
  });
  return inputs.join(',');
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
  const inView = view.kind === 'plugin' && !current.gone;
  if (inView && (input.kind === 'number' || input.kind === 'text')) {
    const typed = input.kind === 'number' ? String(input.value) : input.text;
    return answerPlugin(current.state, pluginInput(typed, current.screen, context.paging, locale), context, again);
  }
  switch (input.kind) {
    case 'start':
      return { state: current.state, screen: current.screen, notice: current.gone ? t('notFound') : null };
    case 'more': {
      const pages =
        current.screen.kind === 'menu' ? context.paging.menuPages(current.screen.menu, locale).length : context.paging.articlePages(current.screen.article, locale, current.screen.nav.items).length;
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
    case 'text':
    case 'unknown':
      return again(t('invalidChoice'));
  }
}

/** The reader's answer in the plugin view on top: the screen it gives is kept for the next hop. */
async function answerPlugin(state: ConversationState, input: string, context: ConversationContext, again: (notice: string) => Step): Promise<Step> {
  const locale = state.locale ?? context.site.defaultLocale;
  const t = context.translate(locale);
  const view = top(state);
  // A view that is done (results shown) takes no more answers: its screen stays, with a word.
  if (view.kind !== 'plugin' || view.shown?.done === true) return again(t('invalidChoice'));
  const answered = await context.plugins.answer(locale, view.plugin, view.view, view.state, input);
  if (!answered) return again(t('notFound'));
  const next = withTop(state, { ...view, page: 0, shown: withoutNotice(answered) });
  const { notice } = answered;
  const result = await screenFor(next, context);
  return { state: result.state, screen: result.screen, notice: notice ?? null };
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
  const view = top(state);
  if (parsed.kind === 'c') {
    return view.kind === 'plugin' ? answerPlugin(state, value, context, again) : again(t('invalidChoice'));
  }
  if (parsed.kind === 'p') {
    // An entry is found again by its place after the article on top, so ids stay short.
    if (view.kind !== 'article') return again(t('invalidChoice'));
    const entry = (await context.plugins.entries(state.locale, view.slug))[Number(value)];
    if (!entry) return again(t('notFound'));
    return go(push(state, { kind: 'plugin', plugin: entry.plugin, view: entry.view, state: { ...entry.state }, page: 0, shown: null }));
  }
  return go(push(state, { kind: parsed.kind === 's' ? 'section' : 'article', slug: value, page: 0 }));
}
