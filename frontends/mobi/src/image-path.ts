// Image URLs for pages: a CMS upload → the mobi image route at a chosen width.
export const IMAGE_PREFIX = '/_img/';
export const IMAGE_WIDTHS = [160, 320, 480, 640] as const;
export type ImageWidth = (typeof IMAGE_WIDTHS)[number];
export const UPLOAD = /^uploads\/[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.(jpe?g|png|webp|gif)$/i;

/** The route path for an upload URL from the delivery API, or null when it is not a CMS upload. */
export function imagePath(uploadUrl: string, width: ImageWidth): string | null {
  const match = /\/(uploads\/[^/?#]+)$/.exec(uploadUrl);
  return match?.[1] && UPLOAD.test(match[1]) ? `${IMAGE_PREFIX}${width}/${match[1]}` : null;
}
