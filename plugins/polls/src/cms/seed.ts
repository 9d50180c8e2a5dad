// Demo polls from plugins/polls/demo/polls.yaml: creates what is missing (by slug and locale),
// never overwrites, published. Called by the CMS seed after the core demo content.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { MAX_CHOICES, MAX_LABEL, MAX_QUESTION, MIN_CHOICES, placements, resultModes } from '../shared';
import { pollProblems } from './rules';
import { POLL_UID } from './schema';
import type { PollsStrapi } from './strapi';

const DAY = 24 * 60 * 60 * 1000;
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

const translationSchema = z.object({
  question: z.string().min(1).max(MAX_QUESTION),
  choices: z.array(z.object({ key: slug, label: z.string().min(1).max(MAX_LABEL) }).strict()).min(MIN_CHOICES).max(MAX_CHOICES),
}).strict();

const demoPollSchema = z.object({
  slug,
  sites: z.union([z.literal('all'), z.array(slug).min(1)]),
  placement: z.enum(placements),
  article: slug.optional(),
  section: slug.optional(),
  results: z.enum(resultModes).default('percent'),
  isMultiple: z.boolean().default(false),
  maxChoices: z.number().int().min(1).optional(),
  shuffle: z.boolean().default(false),
  /** A poll that closed this many days before seeding (to show a closed poll). */
  closedDaysAgo: z.number().positive().optional(),
  translations: z.record(z.string(), translationSchema).refine((value) => Object.keys(value).length > 0, 'at least one translation'),
}).strict();

export type DemoPoll = z.infer<typeof demoPollSchema>;

export const demoFile = path.join(__dirname, '..', '..', 'demo', 'polls.yaml');

/** Reads and checks the demo file; a mistake names the poll and field. */
export function loadDemoPolls(file = demoFile): DemoPoll[] {
  const parsed = z.array(demoPollSchema).safeParse(parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path.relative(process.cwd(), file)}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const slugs = new Set<string>();
  for (const poll of parsed.data) {
    if (slugs.has(poll.slug)) throw new Error(`${file}: poll "${poll.slug}" is listed twice`);
    slugs.add(poll.slug);
  }
  return parsed.data;
}

const rowSchema = z.object({ documentId: z.string(), locale: z.string().nullish() });

/** The document data of one translation, as the content type stores it. */
export function pollData(poll: DemoPoll, locale: string, now: number): Record<string, unknown> {
  const text = poll.translations[locale];
  if (!text) throw new Error(`poll ${poll.slug} has no ${locale} translation`);
  return {
    slug: poll.slug,
    question: text.question,
    choices: text.choices.map((choice) => ({ key: choice.key, label: choice.label })),
    isMultiple: poll.isMultiple,
    maxChoices: poll.maxChoices ?? null,
    results: poll.results,
    shuffle: poll.shuffle,
    opensAt: poll.closedDaysAgo === undefined ? null : new Date(now - (poll.closedDaysAgo + 7) * DAY).toISOString(),
    closesAt: poll.closedDaysAgo === undefined ? null : new Date(now - poll.closedDaysAgo * DAY).toISOString(),
    placement: poll.placement,
    article: poll.article ?? null,
    section: poll.section ?? null,
    allSites: poll.sites === 'all',
    sites: poll.sites === 'all' ? [] : [...poll.sites],
  };
}

/** Creates the missing demo polls and translations for the seeded demo sites (by code). */
export async function seedPolls(strapi: PollsStrapi, sites: readonly string[], polls = loadDemoPolls()): Promise<{ created: number; skipped: number }> {
  const enabled = new Set(sites);
  let created = 0;
  let skipped = 0;
  const now = Date.now();
  for (const poll of polls) {
    if (poll.sites !== 'all' && !poll.sites.some((code) => enabled.has(code))) continue;
    const rows = z.array(rowSchema).parse(await strapi.db.query(POLL_UID).findMany({ where: { slug: poll.slug }, select: ['documentId', 'locale'] }));
    let documentId = rows[0]?.documentId;
    const existing = new Set(rows.map((row) => row.locale));
    for (const locale of Object.keys(poll.translations)) {
      if (existing.has(locale)) {
        skipped += 1;
        continue;
      }
      const data = pollData(poll, locale, now);
      const problems = pollProblems(data);
      if (problems.length > 0) throw new Error(`demo poll ${poll.slug} (${locale}): ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
      if (documentId === undefined) documentId = rowSchema.parse(await strapi.documents(POLL_UID).create({ locale, data, status: 'published' })).documentId;
      else await strapi.documents(POLL_UID).update({ documentId, locale, data, status: 'published' });
      created += 1;
    }
  }
  return { created, skipped };
}
