// Refuses an upload at once, with a message a person can act on, when the media folder
// cannot be written (a read-only or full disk, a volume owned by another user). Strapi's
// local upload provider would otherwise fail half-way with a bare 500. Everything else
// (delivery, admin, existing images, which are only read) goes on as usual. The upload
// paths are Strapi 5.54's (node_modules/@strapi/upload/dist/server/routes).
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Context, Next } from 'koa';
import { dataPaths } from '../paths';

/** The stable code in the refusal's `error.details.code`. */
export const MEDIA_NOT_WRITABLE = 'MEDIA_NOT_WRITABLE';

/** What a failed write says about the folder, for people; other codes are passed on as they are. */
const CAUSES: Readonly<Record<string, string>> = {
  EROFS: 'its file system is read-only',
  EACCES: 'the CMS process may not write there',
  EPERM: 'the CMS process may not write there',
  ENOSPC: 'its disk is full',
  EDQUOT: 'its disk quota is used up',
};

/**
 * The requests that write files (all POST): the REST API's upload (and replace, `?id=`), and
 * the admin's: the Media Library (`/upload/files`, one file a request), from URLs, replace
 * and crop (`/upload/files/:id/replace`), and the older dialogs' `/upload`.
 */
const UPLOAD_PATHS: ReadonlySet<string> = new Set(['/api/upload', '/upload', '/upload/files', '/upload/actions/upload-from-urls']);
const REPLACE_PATH = /^\/upload\/files\/[^/]+\/replace$/;
export const isUploadRequest = (method: string, pathname: string): boolean => method === 'POST' && (UPLOAD_PATHS.has(pathname) || REPLACE_PATH.test(pathname));

/**
 * Null when a file can be made (and removed) in `dir`, else why not. A real write, not
 * access(2): a process running as root passes access() on a folder of a read-only disk.
 */
export async function writeProblem(dir: string): Promise<string | null> {
  const probe = path.join(dir, `.baobab-write-probe-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    await fs.writeFile(probe, '', { flag: 'wx' });
    await fs.rm(probe, { force: true });
    return null;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'UNKNOWN';
    return `${CAUSES[code] ?? 'a test write failed'} (${code})`;
  }
}

/** The sentence an editor and an operator read in the Media Library and the REST answer. */
export const notWritableMessage = (dir: string, problem: string) =>
  `The media folder ${dir} is not writable: ${problem}. Uploads are refused until it is; everything else keeps working. Make the disk or volume mounted there writable by the CMS, then upload again.`;

/** Removes the request's parsed upload files from the temporary folder: they will not be stored. */
async function dropTemporaryFiles(ctx: Context): Promise<void> {
  const files = (ctx.request as { files?: Record<string, unknown> }).files ?? {};
  const paths = Object.values(files)
    .flat()
    .map((file) => (typeof file === 'object' && file !== null && 'filepath' in file && typeof file.filepath === 'string' ? file.filepath : null))
    .filter((file): file is string => file !== null);
  await Promise.all(paths.map((file) => fs.rm(file, { force: true })));
}

export default () =>
  async function mediaWritable(ctx: Context, next: Next): Promise<void> {
    // Anonymous requests get Strapi's own 401/403 as before: the folder is named to callers with a token only.
    if (!isUploadRequest(ctx.method, ctx.path) || !ctx.get('authorization')) return next();
    const dir = path.join(dataPaths().publicDir, 'uploads');
    const problem = await writeProblem(dir);
    if (problem === null) return next();
    await dropTemporaryFiles(ctx);
    const message = notWritableMessage(dir, problem);
    strapi.log.error(`${MEDIA_NOT_WRITABLE}: ${message}`);
    ctx.status = 503;
    ctx.set('Retry-After', '300');
    ctx.body = { data: null, error: { status: 503, name: 'MediaNotWritableError', message, details: { code: MEDIA_NOT_WRITABLE } } };
  };
