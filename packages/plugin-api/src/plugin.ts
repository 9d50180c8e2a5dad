// What a plugin package is: `definePlugin({ name, title, cms?, delivery?, mobi?, chat? })`.
// Each half is optional and loaded lazily by the one process that uses it, so the CMS never
// loads a plugin's React components and the mobi-site never loads its Strapi schemas.
// The halves are typed here without importing Strapi, React or any Baobab process: a plugin
// depends on this floor package only.
import { isSlug } from '@baobab/kit';

/** Where a plugin's mobi half may render on a page. */
export const slots = ['home', 'section', 'articleEnd'] as const;
export type Slot = (typeof slots)[number];

/** A field-level problem from a plugin's write rule, shown beside the field in the admin. */
export interface FieldProblem {
  /** The field's path inside the document: `choices.2.label`. */
  readonly path: string;
  readonly message: string;
}

/**
 * What the CMS found out, for a write rule, about the documents a write points at: the
 * fields picked with Baobab's pickers (`global::article-picker`, `global::section-picker`)
 * whose value names no article or section (in any locale, draft or published). A rule
 * decides whether that matters (a poll's `article` only when it is placed after one).
 */
export interface RuleRefs {
  readonly missing: ReadonlySet<string>;
}

/** A Strapi content-type schema (`schema.json` as an object). */
export interface ContentTypeSchema {
  readonly kind: 'collectionType' | 'singleType';
  readonly collectionName?: string;
  readonly info: { readonly singularName: string; readonly pluralName: string; readonly displayName: string; readonly description?: string };
  readonly options?: Readonly<Record<string, unknown>>;
  readonly pluginOptions?: Readonly<Record<string, unknown>>;
  readonly attributes: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Edit-view labels and help texts (`{ metadatas: { question: { edit: { label, description } } } }`),
   * and the content manager's first layout: `settings.mainField` (what names a document in
   * lists and its edit view; `settings` given at all needs every one of Strapi's, with
   * `bulkable`, `filterable`, `searchable` and `pageSize`) and `layouts.list` (the columns).
   */
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * The CMS half: a Strapi server plugin (content types become `plugin::<name>.<key>`), plus
 * write rules the CMS runs on every write path with the core content rules. `S` is the
 * Strapi instance type; a plugin that needs it imports `Core.Strapi` from `@strapi/strapi`.
 */
export interface CmsHalf<S = unknown> {
  readonly contentTypes?: Readonly<Record<string, { readonly schema: ContentTypeSchema }>>;
  register?(context: { strapi: S }): void | Promise<void>;
  bootstrap?(context: { strapi: S }): void | Promise<void>;
  readonly routes?: unknown;
  readonly controllers?: Readonly<Record<string, unknown>>;
  readonly services?: Readonly<Record<string, unknown>>;
  /**
   * By content-type key (`poll`): the problems with a write's data (the stored draft with the
   * write over it), empty when it may be saved; `refs` says which picked references name nothing.
   */
  readonly rules?: Readonly<Record<string, (data: Readonly<Record<string, unknown>>, refs: RuleRefs) => readonly FieldProblem[]>>;
  /** Demo content, created by the CMS's seed after the core demo content; returns how many documents it created. */
  seed?(strapi: S, options: { readonly sites: readonly string[] }): Promise<number>;
}

const strapiServerKeys = ['register', 'bootstrap', 'destroy', 'config', 'routes', 'controllers', 'services', 'policies', 'middlewares', 'contentTypes'] as const;

/**
 * The part of a CMS half Strapi accepts (it refuses unknown keys). A plugin's
 * `strapi-server.js` is `module.exports = strapiServer(require('./src/cms').default)`; the CMS
 * reads `rules` and `seed` from the half itself, through the registry.
 */
export function strapiServer(half: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(half).filter(([key]) => (strapiServerKeys as readonly string[]).includes(key)));
}

/** The site a delivery resolver or a front-end half works for, as delivery serves it. */
export interface PluginSite {
  readonly code: string;
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly plugins: readonly string[];
}

/** Method-style parameters are checked both ways, so a resolver may declare the source it is given (`site: PluginSite`). */
type Bivariant<Args extends unknown[], Result> = { bivarianceHack(...args: Args): Result }['bivarianceHack'];

/**
 * A plugin resolver. `Site` and `Mutation` fields get the site record as `source`; every
 * resolver gets the plugin context (`PluginDeliveryContext`), never the core one.
 */
export type PluginResolver<S = unknown> = Bivariant<[source: unknown, args: Record<string, unknown>, context: PluginDeliveryContext<S>, info: unknown], unknown>;

/**
 * The delivery half: type definitions and resolvers merged into the delivery schema.
 * Fields it adds to `Site` (`extend type Site { polls: [Poll!]! }`) and to `Mutation`
 * answer PLUGIN_NOT_ENABLED on a site whose `plugins` list does not name the plugin;
 * a mutation field must take a `site: String!` argument (the site's code) for that check.
 */
export interface DeliveryHalf<S = unknown> {
  readonly typeDefs: string;
  /** `Site` field resolvers receive the site record as `source` and a `PluginDeliveryContext<S>` as `context`. */
  readonly resolvers: Readonly<Record<string, Readonly<Record<string, PluginResolver<S>>>>>;
  /** Content types whose writes invalidate cached answers (`plugin::polls.poll`). */
  readonly watches?: readonly string[];
  /** Sizes the query-cost estimate assumes for plain lists this half adds (`{ 'Site.polls': 5, 'Poll.choices': 10 }`); 20 otherwise. */
  readonly listSizes?: Readonly<Record<string, number>>;
  /** Per mutation field: how many calls one client address may make in a minute (default 60). */
  readonly rateLimits?: Readonly<Record<string, number>>;
  /** Called once when the delivery schema is built, with the Strapi instance. */
  init?(strapi: S): void | Promise<void>;
}

/** What a delivery resolver of a plugin gets as its context. */
export interface PluginDeliveryContext<S = unknown> {
  readonly strapi: S;
  /** Request time, epoch ms. */
  readonly now: number;
  /** The locale fallback chain for a requested locale on a site (`sw-KE` → `sw-KE, sw, en`). */
  readonly chainFor: (site: PluginSite, locale: string | null | undefined) => { readonly requestedLocale: string; readonly chain: readonly string[] };
  /** Whether a site carries a document with these carriage fields (the core rule for articles). */
  readonly carries: (site: PluginSite, row: { readonly allSites: boolean; readonly sites: readonly string[] }) => boolean;
  /** This answer holds values that change without an editor's write (counts): keep it cached at most `ms`. */
  readonly cacheFor: (ms: number) => void;
  /** This answer depends on `key` (e.g. `polls:<documentId>:<site>`): `invalidateTag(key)` drops it. */
  readonly tag: (key: string) => void;
  /** Drops every cached answer tagged `key` (after a write the plugin made, such as a vote). */
  readonly invalidateTag: (key: string) => void;
  /** The calling front end's identity for a mutation, proved by the shared write secret; null for a public client. */
  readonly caller: { readonly client: string } | null;
}

/** What a mobi slot component receives. */
export interface SlotProps<Data = unknown> {
  readonly site: PluginSite;
  readonly locale: string;
  /** The page's path without query, for forms that post back and redirect here. */
  readonly path: string;
  /** What the half's `query` for this slot selected under `site { }`. */
  readonly data: Data;
  /**
   * The form state a post's redirect left in the page's query, for a slot that shows it
   * (`?voted=…`, `?poll=…&error=…&choice=…`): the mobi's uncached parameters, each a list
   * of slugs; the slot still checks each value against what it knows.
   */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** True when that state came from this reader's own post (signed for their cookie); false for a link anyone could have shared. */
  readonly isOwnRedirect: boolean;
  /** Form fields every POST needs: the CSRF token bound to the reader's anonymous cookie. */
  readonly formFields: Readonly<Record<string, string>>;
  /** UI strings in the reader's language. */
  readonly t: (key: string, values?: Readonly<Record<string, string | number>>) => string;
}

/** A reader's POST to `/_plugins/<name>/<route>`, after the mobi checked its size, CSRF token and cookie. */
export interface PluginPost {
  readonly site: PluginSite;
  readonly locale: string;
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
  /** A stable anonymous id for this browser (from the signed cookie), never shown or stored raw. */
  readonly reader: string;
  /** Calls the delivery API as this front end (mutations authenticated with the write secret). */
  readonly delivery: (query: string, variables: Readonly<Record<string, unknown>>) => Promise<{ data?: unknown; errors?: ReadonlyArray<{ message: string; code?: string }> }>;
  /** UI strings in the reader's language, for the message of a refused post. */
  readonly t: (key: string, values?: Readonly<Record<string, string | number>>) => string;
}

/**
 * Where to send the reader after a post (303: a page of this site, with form state in its
 * query that the mobi signs for the reader), or the page again with a message and a 4xx.
 */
export type PluginPostResult =
  /** 303 to this local path (with a query and a fragment if wanted): post-redirect-get. */
  | { readonly redirect: string }
  /**
   * The page at `back` again with this status. `back` may carry form state in its query
   * (`/articles/x?poll=p&error=no-choice&choice=a`), which the page's slots read, signed for
   * this reader (`SlotProps.isOwnRedirect`); `message`, when given, shows above the page.
   */
  | { readonly status: 400 | 404 | 409 | 422 | 429; readonly message?: string; readonly back: string };

export interface MobiHalf<Element = unknown> {
  /** Per slot, the selection under `site { }` the page query adds when the site enables the plugin. Variables: `$locale`, and `$slug` on article and section pages. */
  readonly queries?: Readonly<Partial<Record<Slot, string>>>;
  /** Per slot, the server-rendered component (no client JavaScript). */
  readonly slots?: Readonly<Partial<Record<Slot, (props: SlotProps) => Element | null>>>;
  /** POST handlers under `/_plugins/<plugin>/<route>`: post-redirect-get. */
  readonly routes?: Readonly<Record<string, (post: PluginPost) => Promise<PluginPostResult>>>;
}

/** One chat menu entry a plugin adds after an article (`Poll: Do you know your status?`). */
export interface ChatEntry {
  readonly label: string;
  /** The view the entry opens, with its state. */
  readonly view: string;
  readonly state: Readonly<Record<string, string>>;
}

/** What a plugin's chat view shows: a text and numbered choices, rendered by each channel within its limits. */
export interface ChatScreen {
  readonly text: string;
  readonly choices: ReadonlyArray<{ readonly label: string; readonly input: string }>;
  /** Multiple choice: the reader may pick several, comma separated on text channels. */
  readonly isMultiple?: boolean;
  /** A re-prompt shown with the screen this once (bad input), in each channel's notice place. */
  readonly notice?: string;
}

export interface ChatContext {
  readonly site: PluginSite;
  readonly locale: string;
  readonly channel: string;
  /** A keyed hash of the sender and site, never the raw number. */
  readonly voter: string;
  readonly delivery: PluginPost['delivery'];
  readonly t: SlotProps['t'];
}

export interface ChatHalf {
  /** Entries offered after an article is read (the article's slug). */
  readonly articleEntries?: (context: ChatContext, article: string) => Promise<readonly ChatEntry[]>;
  /** Views by name: the screen for a state, and what an input does (the next screen, or a re-prompt). */
  readonly views: Readonly<
    Record<
      string,
      {
        readonly show: (context: ChatContext, state: Readonly<Record<string, string>>) => Promise<ChatScreen>;
        readonly answer: (context: ChatContext, state: Readonly<Record<string, string>>, input: string) => Promise<ChatScreen & { readonly done?: boolean }>;
      }
    >
  >;
}

type Half<T> = () => Promise<{ readonly default: T }>;

export interface PluginDefinition {
  /** Kebab-case; what a site's `plugins` list names; the package is `@baobab/plugin-<name>`. */
  readonly name: string;
  /** What editors see beside the site form's checkbox. */
  readonly title: string;
  readonly description: string;
  readonly cms?: Half<CmsHalf>;
  readonly delivery?: Half<DeliveryHalf>;
  readonly mobi?: Half<MobiHalf>;
  readonly chat?: Half<ChatHalf>;
}

export class PluginError extends Error {
  readonly code = 'PLUGIN_INVALID';
}

/** Validates a plugin's manifest once, where it is defined; a bad name stops start-up naming the plugin. */
export function definePlugin<P extends PluginDefinition>(plugin: P): P {
  if (!isSlug(plugin.name)) throw new PluginError(`plugins[${JSON.stringify(plugin.name)}].name must be kebab-case letters and digits, like "polls"`);
  if (plugin.title.trim().length === 0 || plugin.title.length > 60) throw new PluginError(`plugins[${plugin.name}].title must be 1–60 characters`);
  return plugin;
}

/** Whether a site enables a plugin: its `plugins` list names it. The one test every half uses. */
export function isEnabled(site: Pick<PluginSite, 'plugins'>, plugin: string): boolean {
  return site.plugins.includes(plugin);
}
