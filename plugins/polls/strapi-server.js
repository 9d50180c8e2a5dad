// Strapi reads a plugin's server entry as JavaScript: hand it the cms half (the CMS runs under
// tsx), without the Baobab-only members (`rules`, `seed`) Strapi's plugin validation refuses;
// the CMS reads those from the registry.
// eslint-disable-next-line @typescript-eslint/no-unused-vars
const { rules, seed, ...server } = require('./src/cms').default;
module.exports = server;
