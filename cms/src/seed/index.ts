// Demo content: four country sites sharing one set of youth and health articles. Seeding
// creates what is missing and never overwrites what exists, so it is safe to run again
// and never clobbers an editor's changes to the demo.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { SingleBar, Presets } from 'cli-progress';
import { z } from 'zod';
import { UID } from '../delivery/content-index';
import { demoImage, type Motif } from './images';
import { loadedPlugins } from '../plugins';
import { registry } from '../registry';
import { loadDemoContent } from './load';
import { markdownToBlocks } from '../transfer/markdown';
import type { Carriage, SeedContent } from './types';

const DAY = 24 * 60 * 60 * 1000;
type ContentUid = (typeof UID)[Exclude<keyof typeof UID, 'site'>];

const rowSchema = z.object({ documentId: z.string(), locale: z.string().nullish() });
const fileSchema = z.array(z.object({ id: z.number() })).min(1);

export interface SeedReport {
  readonly created: number;
  readonly skipped: number;
}

const carriage = (sites: Carriage) => (sites === 'all' ? { allSites: true, sites: [] } : { allSites: false, sites: [...sites] });

export function seedSteps(content: SeedContent): number {
  const translations = [...content.sections, ...content.articles, ...content.pages, ...content.banners].reduce(
    (total, item) => total + Object.keys(item.translations).length,
    0,
  );
  return content.sites.length + translations;
}

export async function seed(strapi: Core.Strapi, content: SeedContent = loadDemoContent(), options: { progress?: boolean } = {}): Promise<SeedReport> {
  // Outside a terminal (under `npm start`'s combined log) the bar prints a line every 2 s.
  const bar = new SingleBar(
    { format: 'Seeding demo content [{bar}] {value}/{total} {item}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    Presets.shades_classic,
  );
  const showProgress = options.progress ?? true;
  if (showProgress) bar.start(seedSteps(content), 0, { item: '' });
  const tick = (item: string) => showProgress && bar.increment({ item });
  let created = 0;
  let skipped = 0;
  const now = Date.now();
  const imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-seed-'));

  async function upload(name: string, image: { hue: number; motif: Motif; alt: string }): Promise<number> {
    const filepath = path.join(imageDir, `${name}.jpg`);
    fs.writeFileSync(filepath, await demoImage(image.hue, image.motif));
    const files = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { name: `${name}.jpg`, alternativeText: image.alt, caption: '' } },
        files: { filepath, originalFilename: `${name}.jpg`, mimetype: 'image/jpeg', size: fs.statSync(filepath).size },
      });
    return fileSchema.parse(files)[0]?.id ?? 0;
  }

  /** Creates the document in its first locale, then each missing translation; skips what exists. */
  async function upsert(uid: ContentUid, slug: string, shared: Record<string, unknown>, translations: Array<[string, Record<string, unknown>]>, image?: () => Promise<number>) {
    const rows = z.array(rowSchema).parse(await strapi.db.query(uid).findMany({ where: { slug }, select: ['documentId', 'locale'] }));
    let documentId = rows[0]?.documentId;
    const existing = new Set(rows.map((row) => row.locale));
    for (const [locale, localized] of translations) {
      if (existing.has(locale)) {
        skipped += 1;
        tick(`${slug} (${locale})`);
        continue;
      }
      const imageId = documentId === undefined && image ? await image() : undefined;
      // Without generated content-type typings Strapi types `data` as empty; the content
      // rules middleware validates it at run time like any other write.
      const data: Record<string, unknown> & object = { ...shared, ...localized, slug, ...(imageId ? { image: imageId } : {}) };
      if (documentId === undefined) {
        const document = rowSchema.parse(await strapi.documents(uid).create({ locale, data: data as never, status: 'published' }));
        documentId = document.documentId;
      } else {
        await strapi.documents(uid).update({ documentId, locale, data, status: 'published' });
      }
      created += 1;
      tick(`${slug} (${locale})`);
    }
  }

  try {
    for (const site of content.sites) {
      const exists = await strapi.db.query(UID.site).findOne({ where: { code: site.code } });
      if (exists) skipped += 1;
      else {
        await strapi.documents(UID.site).create({
          data: {
            code: site.code,
            name: site.name,
            hostnames: [...site.hostnames],
            defaultLocale: site.defaultLocale,
            locales: [...site.locales],
            theme: site.theme,
            themeTokens: site.themeTokens ?? {},
            // The demo names the plugins it shows; a deployment without one installed seeds without it.
            plugins: (site.plugins ?? []).filter((name) => registry.plugin(name) !== undefined),
            variables: site.variables.map((variable) => ({ key: variable.key, value: variable.value, locale: variable.locale ?? null })),
            channels: site.channels,
          },
          status: 'published',
        });
        created += 1;
      }
      tick(site.code);
    }
    for (const section of [...content.sections].sort((a, b) => Number(a.parent !== undefined) - Number(b.parent !== undefined))) {
      await upsert(
        UID.section,
        section.slug,
        { ...carriage(section.sites), parent: section.parent ?? null, position: section.position },
        Object.entries(section.translations).map(([locale, text]) => [locale, { title: text.title, description: text.description }]),
      );
    }
    for (const article of content.articles) {
      const goLiveAt = new Date(now - article.daysAgo * DAY).toISOString();
      const image = article.image;
      await upsert(
        UID.article,
        article.slug,
        {
          ...carriage(article.sites),
          section: article.section,
          tags: [...article.tags],
          goLiveAt,
          featuredFrom: article.featured ? goLiveAt : null,
        },
        Object.entries(article.translations).map(([locale, text]) => [
          locale,
          {
            title: text.title,
            lead: text.lead,
            body: markdownToBlocks(text.body),
            channelOverrides: Object.entries(text.channelOverrides ?? {}).map(([channel, overrideText]) => ({ channel, text: overrideText })),
          },
        ]),
        image ? () => upload(article.slug, image) : undefined,
      );
    }
    for (const page of content.pages) {
      await upsert(
        UID.page,
        page.slug,
        { ...carriage(page.sites), position: page.position },
        Object.entries(page.translations).map(([locale, text]) => [locale, { title: text.title, body: markdownToBlocks(text.body) }]),
      );
    }
    for (const banner of content.banners) {
      const image = banner.image;
      await upsert(
        UID.banner,
        banner.slug,
        { ...carriage(banner.sites), link: banner.link, position: banner.position },
        Object.entries(banner.translations).map(([locale, text]) => [locale, { title: text.title, text: text.text }]),
        image ? () => upload(`banner-${banner.slug}`, image) : undefined,
      );
    }
  } finally {
    if (showProgress) bar.stop();
    fs.rmSync(imageDir, { recursive: true, force: true });
  }
  return { created, skipped };
}

/** First start: seed when there are no sites at all. */
export async function seedIfEmpty(strapi: Core.Strapi): Promise<void> {
  if ((await strapi.db.query(UID.site).count({})) > 0) return;
  const started = Date.now();
  const report = await seed(strapi);
  // Then each installed plugin's demo content, for the demo sites.
  let fromPlugins = 0;
  const sites = loadDemoContent().sites.map((site) => site.code);
  for (const plugin of loadedPlugins()) fromPlugins += (await plugin.cms?.seed?.(strapi, { sites })) ?? 0;
  strapi.log.info(`Seeded demo content: ${report.created + fromPlugins} documents and translations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
