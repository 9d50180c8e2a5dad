// Strapi's standard stack. The delivery API at /graphql is not in it: it is a plain Node
// handler in front of Strapi's Koa app (src/delivery/http.ts), so a cached answer costs
// a body read, a map lookup and a write. `global::media-writable` is src/middlewares/media-writable.ts.
import { cmsEnv } from '../src/env';
import { uploadOrigins } from '../src/upload-env';

/**
 * Strapi's security middleware; with uploads in a bucket (UPLOAD_PROVIDER=s3) the admin panel
 * must be allowed to show images and media from the bucket's origin. The lists are Strapi's
 * defaults plus those origins (Strapi's S3 provider documentation does the same).
 */
function security(): string | { name: string; config: Record<string, unknown> } {
  const origins = uploadOrigins(cmsEnv().upload);
  if (origins.length === 0) return 'strapi::security';
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", 'https:'],
          'img-src': ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', ...origins],
          'media-src': ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', ...origins],
          upgradeInsecureRequests: null,
        },
      },
    },
  };
}

/** The media folder's write check guards the local provider only: with a bucket nothing is written there. */
const mediaWritable = cmsEnv().upload.provider === 'local' ? ['global::media-writable'] : [];

export default [
  'strapi::logger',
  'strapi::errors',
  security(),
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // Right after the body is read: JSON nested past what any content needs is refused with a 400, before anything walks it.
  'global::json-depth',
  // After the body (a refusal before it would leave the client still sending): uploads
  // refused with a clear message while the media folder cannot be written.
  ...mediaWritable,
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
