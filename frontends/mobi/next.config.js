// Pages Router only: it is the one mode that can ship pages with no JavaScript at all.
/** @type {import('next').NextConfig} */
module.exports = {
  transpilePackages: ['@baobab/locales', '@baobab/theme-base'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The mobi server (server/http.ts) compresses, tags and caches pages itself.
  compress: false,
  generateEtags: false,
  images: { unoptimized: true },
};
