// Strapi reads a plugin's server entry as JavaScript: the cms half (the CMS runs under tsx)
// without the Baobab-only members (`rules`, `seed`) Strapi refuses; the CMS reads those itself.
module.exports = require('@baobab/plugin-api').strapiServer(require('./src/cms').default);
