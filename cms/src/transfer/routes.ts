// The routes behind `npm run content:export|import` (content API, an API token) and the
// admin's Import and export page (admin API, an editor's session):
//   GET  …/baobab/content/export?site=&locale=&type=&format=   the file
//   POST …/baobab/content/import?format=&name=&dryRun=&publish=&prune=&site=&locale=
//        body: the file; answer: NDJSON progress lines, then {"result": …}
import { PassThrough, Readable } from 'node:stream';
import { isKnownLocale } from '@baobab/locales';
import { isSlug } from '@baobab/kit';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { UID } from '../delivery/content-index';
import { exportRows, UnexportableError } from './export';
import { writeRows, type Format } from './files';
import { fileTooLargeMessage, TRANSFER_LIMITS } from './limits';
import { importFile, type ImportProgress, type ImportResult } from './import';
import { TYPES, type TransferType } from './rows';

interface Context {
  query: unknown;
  req: Readable & { headers: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
  state: { userAbility?: { can(action: string, subject: string): boolean } };
  set(name: string, value: string): void;
}

const FORMATS = ['xlsx', 'csv', 'json'] as const;
const MIME: Record<Format, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const slug = z.string().max(100).refine(isSlug, 'must be a site code, like kijana-ke');
const locale = z.string().max(20).refine(isKnownLocale, 'must be a locale this platform knows, like sw-KE');
const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const type = z.enum(Object.keys(TYPES) as [TransferType, ...TransferType[]]);

const exportQuery = z.strictObject({ site: slug.optional(), locale: locale.optional(), type: type.optional(), format: z.enum(FORMATS).default('json') });
const importQuery = z.strictObject({
  format: z.enum(FORMATS).optional(),
  name: z.string().min(1).max(200).optional(),
  dryRun: flag.default(false),
  publish: z.enum(['true', 'false', 'all', 'none', 'status', '1', '0']).default('false'),
  prune: flag.default(false),
  site: slug.optional(),
  locale: locale.optional(),
});

function refuse(ctx: Context, status: number, code: string, message: string): void {
  ctx.status = status;
  ctx.body = { error: { status, name: code, message } };
}

const queryProblem = (error: z.ZodError) =>
  error.issues.map((issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : `${issue.path.join('.')} ${issue.message}`)).join('; ');

async function siteExists(strapi: Core.Strapi, code: string | undefined): Promise<boolean> {
  return code === undefined || (await strapi.db.query(UID.site).count({ where: { code } })) > 0;
}

async function serveExport(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const query = exportQuery.safeParse(ctx.query);
  if (!query.success) return refuse(ctx, 400, 'TRANSFER_BAD_REQUEST', `Ask for …/export?site=<code>&locale=<code>&type=article|section|page|banner&format=xlsx|csv|json (all optional): ${queryProblem(query.error)}.`);
  const { site, locale: inLocale, type: ofType, format } = query.data;
  if (!(await siteExists(strapi, site))) return refuse(ctx, 404, 'TRANSFER_NO_SUCH_SITE', `There is no site with the code "${site}".`);
  let exported: Awaited<ReturnType<typeof exportRows>>;
  try {
    exported = await exportRows(strapi, { site, locale: inLocale, type: ofType });
  } catch (error) {
    if (!(error instanceof UnexportableError)) throw error;
    return refuse(ctx, 422, 'TRANSFER_UNEXPORTABLE', error.message);
  }
  const { columns, rows } = exported;
  const name = ['baobab-content', site ?? 'all', inLocale ?? 'all', ofType ?? 'all'].join('-');
  ctx.set('Content-Type', MIME[format]);
  ctx.set('Content-Disposition', `attachment; filename="${name}.${format}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await writeRows(rows, columns, format);
}

type ImportLine = { progress: ImportProgress } | { result: ImportResult };

/** One import at a time: it holds a database transaction (on SQLite, the only writer) for its length. */
let running = false;

function formatOf(given: Format | undefined, name: string | undefined): Format | null {
  if (given !== undefined) return given;
  const extension = name?.toLowerCase().split('.').pop();
  return FORMATS.find((format) => format === extension) ?? null;
}

async function serveImport(strapi: Core.Strapi, ctx: Context): Promise<void> {
  const query = importQuery.safeParse(ctx.query);
  if (!query.success) {
    return refuse(ctx, 400, 'TRANSFER_BAD_REQUEST', `Send the file to …/import?format=xlsx|csv|json&dryRun=true|false&publish=true|false|status&prune=true|false&site=<code>&locale=<code>: ${queryProblem(query.error)}.`);
  }
  const options = query.data;
  const format = formatOf(options.format, options.name);
  if (format === null) return refuse(ctx, 400, 'TRANSFER_BAD_REQUEST', 'Say the file\'s format: format=xlsx, csv or json (or a name ending in .xlsx, .csv or .json).');
  if (options.prune && options.site === undefined && options.locale === undefined) {
    return refuse(ctx, 400, 'TRANSFER_BAD_REQUEST', 'prune deletes what the file does not name: limit it to one site or one locale (site=<code> or locale=<code>).');
  }
  if (!(await siteExists(strapi, options.site))) return refuse(ctx, 404, 'TRANSFER_NO_SUCH_SITE', `There is no site with the code "${options.site}".`);
  // Strapi's body parser reads JSON, forms and text itself: only bytes it leaves alone reach the reader.
  const contentType = String(ctx.req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/octet-stream') {
    return refuse(ctx, 415, 'TRANSFER_BAD_REQUEST', `Send the file's bytes as Content-Type: application/octet-stream (this was ${contentType}); say its format with format= or name=.`);
  }
  const declared = Number(ctx.req.headers['content-length'] ?? 0);
  if (declared > TRANSFER_LIMITS.fileBytes) {
    return refuse(ctx, 413, 'TRANSFER_FILE_TOO_LARGE', fileTooLargeMessage(declared));
  }
  if (running) return refuse(ctx, 409, 'TRANSFER_BUSY', 'Another import is running; try again when it has finished.');
  running = true;
  // The answer waits for the import's first line (a progress line every 1,000 rows, or the
  // result): a file found too large as it was counted (sent without a Content-Length) is then
  // refused with 413 like one that declared its size, rather than a 200 carrying the refusal.
  const out = new PassThrough();
  const early: ImportLine[] = [];
  let decided = false;
  let ended = false;
  let decide: () => void = () => undefined;
  const firstLine = new Promise<void>((resolve) => (decide = resolve));
  const line = (value: ImportLine) => {
    if (decided) out.write(`${JSON.stringify(value)}\n`);
    else {
      early.push(value);
      decide();
    }
  };
  const end = () => {
    if (decided) out.end();
    else {
      ended = true;
      decide();
    }
  };
  const publish = options.publish === 'status' ? 'status' : options.publish === 'true' || options.publish === '1' || options.publish === 'all' ? 'all' : 'none';
  const file = options.name ?? `upload.${format}`;
  void importFile(strapi, ctx.req, { format, file, dryRun: options.dryRun, publish, prune: options.prune, scope: { site: options.site, locale: options.locale } }, (progress) => line({ progress }))
    .catch((error: unknown): ImportResult => {
      strapi.log.error(`import of ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const message = 'The CMS could not finish the import (an internal error, in its log); nothing was written.';
      return { ok: false, dryRun: options.dryRun, created: 0, updated: 0, unchanged: 0, pruned: 0, deleted: [], problems: [{ file, row: null, column: null, code: 'TRANSFER_INVALID', message }], problemCount: 1, summary: message };
    })
    .then((result) => {
      line({ result });
      end();
    })
    .finally(() => {
      running = false;
    });
  await firstLine;
  decided = true;
  const [head] = early;
  const tooLarge = head !== undefined && 'result' in head && head.result.problems.length === 1 ? head.result.problems[0] : undefined;
  if (tooLarge?.code === 'TRANSFER_FILE_TOO_LARGE') return refuse(ctx, 413, tooLarge.code, tooLarge.message);
  ctx.status = 200;
  ctx.set('Content-Type', 'application/x-ndjson; charset=utf-8');
  ctx.set('Cache-Control', 'no-store');
  for (const value of early) out.write(`${JSON.stringify(value)}\n`);
  if (ended) out.end();
  ctx.body = out;
}

/** Admin routes: an editor who may edit articles may import; one who may read them may export. */
function may(ctx: Context, action: 'read' | 'update'): boolean {
  return ctx.state.userAbility?.can(`plugin::content-manager.explorer.${action}`, UID.article) === true;
}

export function registerTransferRoutes(strapi: Core.Strapi): void {
  const admin = (action: 'read' | 'update', serve: (strapi: Core.Strapi, ctx: Context) => Promise<void>) => async (ctx: Context) => {
    if (!may(ctx, action)) return refuse(ctx, 403, 'TRANSFER_FORBIDDEN', `Your role may not ${action === 'read' ? 'read' : 'edit'} articles, so it may not ${action === 'read' ? 'export' : 'import'} content.`);
    return serve(strapi, ctx);
  };
  const policies = ['admin::isAuthenticatedAdmin'];
  strapi.server.routes({
    type: 'admin',
    routes: [
      { method: 'GET', path: '/baobab/content/export', handler: admin('read', serveExport), config: { policies }, info: { type: 'admin' } },
      { method: 'POST', path: '/baobab/content/import', handler: admin('update', serveImport), config: { policies }, info: { type: 'admin' } },
    ],
  });
  strapi.server.routes({
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/baobab/content/export', handler: (ctx: Context) => serveExport(strapi, ctx), config: { auth: { scope: [`${UID.article}.find`] } }, info: { type: 'content-api' } },
      {
        method: 'POST',
        path: '/baobab/content/import',
        handler: (ctx: Context) => serveImport(strapi, ctx),
        config: { auth: { scope: [`${UID.article}.create`, `${UID.article}.update`] } },
        info: { type: 'content-api' },
      },
    ],
  });
}
