// The image route: /_img/<width>/uploads/<file> serves a CMS upload at 160, 320, 480 or
// 640 px, as WebP when the browser accepts it and JPEG otherwise, resized once by sharp
// and kept on disk. Bad widths are 400, unknown images 404; nothing here can crash.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sharp from 'sharp';

import { IMAGE_PREFIX, IMAGE_WIDTHS, UPLOAD } from '../src/image-path';

function plain(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(message);
}

export function createImageHandler(options: { cmsUrl: string; cacheDir: string; log: (message: string) => void }) {
  const { cmsUrl, cacheDir, log } = options;
  const pending = new Map<string, Promise<Buffer | null>>();

  async function render(upload: string, width: number, format: 'webp' | 'jpeg', file: string): Promise<Buffer | null> {
    const response = await fetch(`${cmsUrl}/${upload}`, { signal: AbortSignal.timeout(10_000) });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`CMS answered ${response.status} for /${upload}`);
    const pipeline = sharp(Buffer.from(await response.arrayBuffer()), { failOn: 'error' }).rotate().resize({ width, withoutEnlargement: true });
    const output = await (format === 'webp' ? pipeline.webp({ quality: 62, effort: 4 }) : pipeline.jpeg({ quality: 68, mozjpeg: true })).toBuffer();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, file);
    return output;
  }

  return async function handleImage(req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
    const [widthText = '', ...rest] = url.slice(IMAGE_PREFIX.length).split('?')[0]?.split('/') ?? [];
    const width = Number(widthText);
    if (!IMAGE_WIDTHS.some((allowed) => allowed === width)) {
      plain(res, 400, `Width must be one of ${IMAGE_WIDTHS.join(', ')}.`);
      return;
    }
    const upload = rest.join('/');
    if (!UPLOAD.test(upload)) {
      plain(res, 404, 'No such image.');
      return;
    }
    const format = /image\/webp/.test(req.headers.accept ?? '') ? 'webp' : 'jpeg';
    const file = path.join(cacheDir, String(width), format, path.basename(upload).replace(/\.[a-z]+$/i, `.${format}`));
    try {
      let bytes: Buffer | null = fs.existsSync(file) ? fs.readFileSync(file) : null;
      if (!bytes) {
        let job = pending.get(file);
        if (!job) {
          job = render(upload, width, format, file).finally(() => pending.delete(file));
          pending.set(file, job);
        }
        bytes = await job;
      }
      if (!bytes) {
        plain(res, 404, 'No such image.');
        return;
      }
      res.writeHead(200, {
        'content-type': `image/${format}`,
        'content-length': bytes.length,
        // Upload names carry a content hash, so a rendition never changes.
        'cache-control': 'public, max-age=31536000, immutable',
        vary: 'Accept',
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    } catch (error) {
      log(`mobi image ${upload}@${width}: ${error instanceof Error ? error.message : String(error)}`);
      plain(res, 502, 'The image could not be prepared; try again shortly.');
    }
  };
}
