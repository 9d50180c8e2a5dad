// global::delivery comes first: the public delivery API answers cached reads before the
// rest of the stack (logger, sessions, body parsing) costs anything.
export default [
  'global::delivery',
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
