// The shape of the demo content, as load.ts returns it from cms/content/demo. Text is in a small
// Markdown subset that transfer/markdown.ts turns into Strapi blocks: blank-line paragraphs, "## "
// headings, "- " and "1. " lists, "> " quotes, **bold**, _italic_ and [links](https://…).
import type { Channel } from '@baobab/channels/limits';

/** A site code, or 'all' for content every site carries. */
export type Carriage = 'all' | readonly string[];

export interface SeedSite {
  readonly code: string;
  readonly name: string;
  readonly hostnames: readonly string[];
  readonly defaultLocale: string;
  readonly locales: readonly string[];
  readonly theme: string;
  readonly themeTokens?: Record<string, unknown>;
  /** Plugin names turned on for the site (Site.plugins; any plugin name, installed or not). */
  readonly plugins?: readonly string[];
  /** `{{key}}` values; `locale` null means every locale. */
  readonly variables: ReadonlyArray<{ key: string; value: string; locale?: string }>;
  readonly channels: Record<string, unknown>;
}

export interface SeedSection {
  readonly slug: string;
  readonly parent?: string;
  readonly position: number;
  readonly sites: Carriage;
  /** At least `en`. */
  readonly translations: Readonly<Record<string, { title: string; description: string }>>;
}

export interface SeedArticle {
  readonly slug: string;
  readonly section: string;
  readonly sites: Carriage;
  readonly tags: readonly string[];
  /** Days before the seed ran that the article went live (orders the lists). */
  readonly daysAgo: number;
  /** Featured on the home page from its go-live for 60 days. */
  readonly featured?: boolean;
  /** Generated picture: a hue (0–360) and a motif; alt text describes it for the reader. */
  readonly image?: { hue: number; motif: 'circles' | 'waves' | 'leaves' | 'sun'; alt: string };
  /**
   * At least the source locale (`en`, or the article's `source`), seeded first; other locales
   * are partial translations. `channelOverrides`
   * is plain text a chat channel sends instead of the body (one per channel, within its limit).
   */
  readonly translations: Readonly<Record<string, { title: string; lead: string; body: string; channelOverrides?: Readonly<Partial<Record<Channel, string>>> }>>;
}

export interface SeedPage {
  readonly slug: string;
  readonly position: number;
  readonly sites: Carriage;
  readonly translations: Readonly<Record<string, { title: string; body: string }>>;
}

export interface SeedBanner {
  readonly slug: string;
  readonly position: number;
  readonly sites: Carriage;
  readonly link: string;
  readonly image?: { hue: number; motif: 'circles' | 'waves' | 'leaves' | 'sun'; alt: string };
  readonly translations: Readonly<Record<string, { title: string; text: string }>>;
}

export interface SeedContent {
  readonly sites: readonly SeedSite[];
  readonly sections: readonly SeedSection[];
  readonly articles: readonly SeedArticle[];
  readonly pages: readonly SeedPage[];
  readonly banners: readonly SeedBanner[];
}
