// Strapi's standard stack. The delivery API at /graphql is not in it: it is a plain Node
// handler in front of Strapi's Koa app (src/delivery/http.ts), so a cached answer costs
// a body read, a map lookup and a write.
export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
