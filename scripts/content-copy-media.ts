// content:copy's images: every file name the rows' `image` cells give is looked up on the
// target; a missing one is downloaded from the source and uploaded with its alternative text
// and caption. One file at a time, streamed through a temporary folder, so memory stays flat.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { downloadFile, findFiles, MediaTooLargeError, uploadFile, type CmsTarget, type DownloadedFile, type MediaFile } from './cms-rest';

/** The largest image downloaded (from either CMS): 50 MiB, far above what a mobi-site should serve. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/**
 * What happened to one name:
 * - `reused`: the target has a file of that name with the same bytes, or the same picture
 *   re-encoded (Strapi's "size optimization" re-encodes JPEG, PNG and WebP on every upload,
 *   so a file copied before never comes back byte for byte);
 * - `uploaded` / `would upload` (dry run);
 * - `differs`: the target has another picture under that name; it is kept, not replaced;
 * - `missing`: the source has no file of that name; `too large`: over MAX_IMAGE_BYTES.
 */
export type MediaAction = 'reused' | 'uploaded' | 'would upload' | 'differs' | 'missing' | 'too large';

export interface MediaOutcome {
  readonly name: string;
  readonly action: MediaAction;
  /** A sentence for the report. */
  readonly note: string;
}

export interface CopyMediaOptions {
  readonly isDryRun: boolean;
  /** A folder of the caller's, for one downloaded file at a time. */
  readonly workDir: string;
  readonly maxBytes?: number;
}

/** 16×16 RGB of the picture, flattened on white: re-encoding barely moves it, another picture moves it a lot. */
async function thumbprint(file: string): Promise<{ width: number; height: number; pixels: Buffer }> {
  const image = sharp(file, { limitInputPixels: 100_000_000, failOn: 'none' });
  const { width = 0, height = 0 } = await image.metadata();
  const pixels = await image.flatten({ background: '#ffffff' }).resize(16, 16, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  return { width, height, pixels };
}

/** Mean difference per channel (0–255) below which two thumbprints are the same picture; re-encoding at quality 80 stays under 2. */
const SAME_PICTURE = 4;

/** True when `a` and `b` are the same picture: same size in pixels and nearly the same colours everywhere. */
export async function isSamePicture(a: string, b: string): Promise<boolean> {
  try {
    const [left, right] = [await thumbprint(a), await thumbprint(b)];
    if (left.width !== right.width || left.height !== right.height || left.pixels.length !== right.pixels.length) return false;
    let total = 0;
    for (let i = 0; i < left.pixels.length; i += 1) total += Math.abs((left.pixels[i] ?? 0) - (right.pixels[i] ?? 0));
    return total / left.pixels.length < SAME_PICTURE;
  } catch {
    // Not a picture sharp reads (a PDF, an SVG it refuses): only equal bytes count as the same.
    return false;
  }
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Compares the target's file with the source's downloaded bytes: the same bytes, the same picture, or neither. */
async function matchOnTarget(target: CmsTarget, candidate: MediaFile, source: DownloadedFile, workDir: string, maxBytes: number): Promise<'bytes' | 'picture' | null> {
  const destination = path.join(workDir, 'target');
  try {
    const theirs = await downloadFile(target, candidate, destination, maxBytes);
    if (theirs.sha256 === source.sha256) return 'bytes';
    return candidate.mime !== 'image/svg+xml' && (await isSamePicture(source.path, theirs.path)) ? 'picture' : null;
  } catch (error) {
    if (error instanceof MediaTooLargeError) return null;
    throw error;
  } finally {
    fs.rmSync(destination, { force: true });
  }
}

async function copyOne(source: CmsTarget, target: CmsTarget, name: string, options: CopyMediaOptions): Promise<MediaOutcome> {
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const [theirs, ours] = [await findFiles(target, name), await findFiles(source, name)];
  const original = ours[0];
  if (original === undefined) {
    return theirs.length > 0
      ? { name, action: 'reused', note: `not in the source's Media Library; the target's file of that name is used` }
      : { name, action: 'missing', note: `in neither Media Library; rows naming it will be refused` };
  }
  if (original.size * 1024 > maxBytes) return { name, action: 'too large', note: `${Math.round(original.size)} KB on the source, over the ${kb(maxBytes)} limit; not copied` };
  if (theirs.length === 0 && options.isDryRun) return { name, action: 'would upload', note: `would upload (${Math.round(original.size)} KB)` };

  const downloaded = path.join(options.workDir, 'source');
  try {
    const file = await downloadFile(source, original, downloaded, maxBytes);
    // The import takes the oldest file of a name, so that is the one compared.
    const oldest = theirs[0];
    if (oldest !== undefined) {
      const match = await matchOnTarget(target, oldest, file, options.workDir, maxBytes);
      if (match === 'bytes') return { name, action: 'reused', note: 'already on the target, same bytes' };
      if (match === 'picture') return { name, action: 'reused', note: 'already on the target, the same picture as re-encoded by the target' };
      return { name, action: 'differs', note: `the target has another picture under this name; it is kept, not replaced (rename one of them, or replace it in the target's Media Library)` };
    }
    await uploadFile(target, { path: file.path, name, mime: original.mime, alternativeText: original.alternativeText, caption: original.caption });
    const missingAlt = original.alternativeText.trim() === '' ? '; it has no alternative text on the source, add it in the Media Library' : '';
    return { name, action: 'uploaded', note: `uploaded (${kb(file.bytes)})${missingAlt}` };
  } catch (error) {
    if (error instanceof MediaTooLargeError) return { name, action: 'too large', note: `over the ${kb(maxBytes)} limit; not copied` };
    throw error;
  } finally {
    fs.rmSync(downloaded, { force: true });
  }
}

/**
 * Brings every named image the target lacks over from the source, one after the other.
 * Refusals and unreachable CMSs propagate (CmsRefusedError, CmsUnreachableError) with the name.
 */
export async function copyMedia(source: CmsTarget, target: CmsTarget, names: readonly string[], options: CopyMediaOptions): Promise<MediaOutcome[]> {
  const outcomes: MediaOutcome[] = [];
  for (const name of names) outcomes.push(await copyOne(source, target, name, options));
  return outcomes;
}
