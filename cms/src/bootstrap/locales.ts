// The CMS's locales come from the registry (locales/registry.json), including codes
// Strapi's built-in list lacks (pcm-NG, ha-NG, …). Created at start-up; never deleted.
import type { Core } from '@strapi/strapi';
import { locales } from '@baobab/locales';
import { z } from 'zod';

const existingSchema = z.array(z.object({ code: z.string() }));

export async function ensureLocales(strapi: Core.Strapi): Promise<number> {
  const service = strapi.plugin('i18n').service('locales');
  const existing = new Set(existingSchema.parse(await service.find()).map((locale) => locale.code));
  const missing = locales.filter((locale) => !existing.has(locale.code));
  for (const locale of missing) {
    await service.create({ code: locale.code, name: `${locale.englishName} (${locale.code})` });
  }
  if ((await service.getDefaultLocale()) !== 'en') await service.setDefaultLocale({ code: 'en' });
  return missing.length;
}
