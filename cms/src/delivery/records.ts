// The shapes the delivery API reads from the database, parsed once at the boundary
// (zod) so everything after trusts them.
import { isChannel } from '@baobab/channels/limits';
import { z } from 'zod';

const slugList = z
  .unknown()
  .transform((value) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []));
const stringList = slugList;
const jsonObject = z
  .unknown()
  .transform((value): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {},
  );
/** Dates arrive as Date, ISO string or epoch number depending on the database. */
const timestamp = z.union([z.date(), z.string(), z.number()]).transform((value) => new Date(value).getTime());
const optionalTimestamp = z
  .union([z.date(), z.string(), z.number(), z.null(), z.undefined()])
  .transform((value) => (value === null || value === undefined ? null : new Date(value).getTime()));
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

export const imageSchema = z.object({
  id: z.number(),
  url: z.string(),
  alternativeText: optionalText,
  width: z.number().nullish().transform((value) => value ?? null),
  height: z.number().nullish().transform((value) => value ?? null),
  formats: z
    .record(z.string(), z.object({ url: z.string(), width: z.number(), height: z.number() }).passthrough())
    .nullish()
    .transform((value) => value ?? {}),
});
export type ImageRecord = z.infer<typeof imageSchema>;

export const variableSchema = z.object({
  key: z.string(),
  value: z.string(),
  locale: optionalText,
});
export type SiteVariable = z.infer<typeof variableSchema>;

export const siteSchema = z.object({
  id: z.number(),
  documentId: z.string(),
  code: z.string(),
  name: z.string(),
  hostnames: stringList,
  defaultLocale: z.string(),
  locales: stringList,
  theme: z
    .string()
    .nullish()
    .transform((value) => value || 'base'),
  themeTokens: jsonObject,
  plugins: stringList,
  variables: z
    .array(variableSchema)
    .nullish()
    .transform((value) => value ?? []),
  channels: jsonObject,
  updatedAt: timestamp,
});
export type SiteRecord = z.infer<typeof siteSchema>;

const carried = {
  allSites: z
    .boolean()
    .nullish()
    .transform((value) => value === true),
  sites: slugList,
};
const localized = {
  id: z.number(),
  documentId: z.string(),
  locale: z.string(),
  slug: z.string(),
  publishedAt: timestamp,
  updatedAt: timestamp,
};

export const sectionSchema = z.object({
  ...localized,
  ...carried,
  title: z.string(),
  description: optionalText,
  parent: optionalText,
  position: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
});
export type SectionRow = z.infer<typeof sectionSchema>;

export const articleSchema = z.object({
  ...localized,
  ...carried,
  title: z.string(),
  lead: optionalText,
  section: optionalText,
  tags: stringList,
  goLiveAt: optionalTimestamp,
  expireAt: optionalTimestamp,
  featuredFrom: optionalTimestamp,
  featuredUntil: optionalTimestamp,
  createdAt: timestamp,
});
export type ArticleRow = z.infer<typeof articleSchema>;

const channelOverrideSchema = z.object({ channel: z.string().refine(isChannel), text: z.string() });
export type ChannelOverride = z.infer<typeof channelOverrideSchema>;

export const articleDetailSchema = z.object({
  id: z.number(),
  body: z.unknown().transform((value) => (Array.isArray(value) ? value : [])),
  image: imageSchema.nullish().transform((value) => value ?? null),
  /** A malformed override is dropped on its own; it must not cost the article its body. */
  channelOverrides: z
    .unknown()
    .transform((value): ChannelOverride[] =>
      (Array.isArray(value) ? value : []).flatMap((item) => {
        const parsed = channelOverrideSchema.safeParse(item);
        return parsed.success ? [parsed.data] : [];
      }),
    ),
});
export type ArticleDetail = z.infer<typeof articleDetailSchema>;

export const pageSchema = z.object({
  ...localized,
  ...carried,
  title: z.string(),
  body: z.unknown().transform((value) => (Array.isArray(value) ? value : [])),
  position: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
});
export type PageRow = z.infer<typeof pageSchema>;

export const bannerSchema = z.object({
  ...localized,
  ...carried,
  title: z.string(),
  text: optionalText,
  link: optionalText,
  image: imageSchema.nullish().transform((value) => value ?? null),
  position: z
    .number()
    .nullish()
    .transform((value) => value ?? 0),
  goLiveAt: optionalTimestamp,
  expireAt: optionalTimestamp,
});
export type BannerRow = z.infer<typeof bannerSchema>;

/** The fields every localized row shares, which is all selection needs. */
export interface LocalizedRow {
  readonly documentId: string;
  readonly locale: string;
  readonly slug: string;
  readonly allSites: boolean;
  readonly sites: readonly string[];
}
