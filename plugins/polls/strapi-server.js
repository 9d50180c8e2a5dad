// Strapi reads a plugin's server entry as JavaScript: hand it the cms half (the CMS runs under tsx).
module.exports = require('./src/cms').default;
