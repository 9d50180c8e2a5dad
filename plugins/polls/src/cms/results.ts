// The editors' results of one poll, per site it has votes on (a vote counts on the site it
// was cast on): GET /polls/results/:documentId (admin route, the editor's admin session),
// JSON for the panel beside the edit view, or CSV with ?format=csv.
import { z } from 'zod';
import { percents } from '../shared';
import { countVotesBySite } from './ballots';
import { POLL_UID } from './schema';
import type { PollsStrapi } from './strapi';

export interface SiteResults {
  readonly site: string;
  readonly name: string;
  readonly totalVotes: number;
  readonly choices: ReadonlyArray<{ readonly id: string; readonly label: string; readonly votes: number; readonly percent: number | null }>;
}

const pollRow = z.object({ locale: z.string(), choices: z.array(z.object({ key: z.string(), label: z.string() })).nullish() });
const siteRow = z.object({ code: z.string(), name: z.string().nullish() });

/** One poll's results per site with votes, choices labelled in `locale` (else English, else any translation). */
export async function pollResults(strapi: PollsStrapi, documentId: string, locale?: string): Promise<SiteResults[] | null> {
  const rows = z.array(pollRow).parse(await strapi.db.query(POLL_UID).findMany({ where: { documentId }, populate: { choices: true } }));
  if (rows.length === 0) return null;
  const labelled = rows.find((row) => row.locale === locale) ?? rows.find((row) => row.locale === 'en') ?? rows[0];
  const choices = labelled?.choices ?? [];
  const bySite = await countVotesBySite(strapi.db.connection, documentId);
  const names = new Map(
    z.array(siteRow).parse(await strapi.db.query('api::site.site').findMany({ where: { code: { $in: [...bySite.keys()] } }, select: ['code', 'name'] })).map((site) => [site.code, site.name ?? site.code]),
  );
  return [...bySite.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([site, counts]) => {
      // Keys counted on this site that a later edit removed still show, under their key.
      const keys = [...choices.map((choice) => choice.key), ...[...counts.byChoice.keys()].filter((key) => !choices.some((choice) => choice.key === key))];
      const votes = keys.map((key) => counts.byChoice.get(key) ?? 0);
      const shares = percents(votes);
      return {
        site,
        name: names.get(site) ?? site,
        totalVotes: counts.total,
        choices: keys.map((key, index) => ({ id: key, label: choices.find((choice) => choice.key === key)?.label ?? key, votes: votes[index] ?? 0, percent: shares[index] ?? null })),
      };
    });
}

const csvCell = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  // Quote always; a leading =, +, - or @ would be a formula in a spreadsheet.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export function resultsCsv(results: readonly SiteResults[]): string {
  const lines = [['site', 'site name', 'choice', 'label', 'votes', 'percent', 'site total votes'].map(csvCell).join(',')];
  for (const site of results) {
    for (const choice of site.choices) lines.push([site.site, site.name, choice.id, choice.label, choice.votes, choice.percent, site.totalVotes].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The slice of Koa's context the controller uses. */
interface RequestContext {
  readonly params: unknown;
  readonly query: unknown;
  body: unknown;
  status: number;
  set(field: string, value: string): void;
}

const paramsSchema = z.object({ documentId: z.string().min(1).max(64) });
const querySchema = z.object({ format: z.enum(['json', 'csv']).default('json'), locale: z.string().max(20).optional() });

export function resultsController(strapi: PollsStrapi) {
  return {
    async find(ctx: RequestContext) {
      const params = paramsSchema.safeParse(ctx.params);
      const query = querySchema.safeParse(ctx.query);
      if (!params.success || !query.success) {
        ctx.status = 400;
        ctx.body = { error: { status: 400, name: 'BadRequest', message: 'Ask for /polls/results/<documentId>, optionally ?format=csv&locale=<code>.' } };
        return;
      }
      const results = await pollResults(strapi, params.data.documentId, query.data.locale);
      if (results === null) {
        ctx.status = 404;
        ctx.body = { error: { status: 404, name: 'NotFound', message: 'There is no such poll.' } };
        return;
      }
      ctx.set('Cache-Control', 'no-store');
      if (query.data.format === 'csv') {
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="poll-${params.data.documentId}-results.csv"`);
        ctx.body = resultsCsv(results);
        return;
      }
      ctx.body = { sites: results };
    },
  };
}

/** The admin route: an authenticated admin user (the panel sits in the poll's edit view). */
export const routes = {
  admin: {
    type: 'admin',
    routes: [{ method: 'GET', path: '/results/:documentId', handler: 'results.find', config: { policies: ['admin::isAuthenticatedAdmin'] } }],
  },
};
