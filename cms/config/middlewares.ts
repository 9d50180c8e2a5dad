// Strapi's standard stack. The delivery API at /graphql is not in it: it is a plain Node
// handler in front of Strapi's Koa app (src/delivery/http.ts), so a cached answer costs
// a body read, a map lookup and a write. `global::media-writable` is src/middlewares/media-writable.ts.
export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // After the body (a refusal before it would leave the client still sending): uploads
  // refused with a clear message while the media folder cannot be written.
  'global::media-writable',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
