// Pages Router only: it is the one mode that can ship pages with no JavaScript at all.
/** @type {import('next').NextConfig} */
module.exports = {
  transpilePackages: ['@baobab/chat', '@baobab/kit', '@baobab/locales', '@baobab/theme-base', '@baobab/theme-sunrise', '@baobab/theme-pulse'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The mobi server (server/http.ts) compresses, tags and caches pages itself.
  compress: false,
  generateEtags: false,
  images: { unoptimized: true },
  // beforeFiles: the catch-all page would otherwise answer these paths first.
  async rewrites() {
    return {
      beforeFiles: [
        { source: '/robots.txt', destination: '/api/site-files?file=robots' },
        { source: '/sitemap.xml', destination: '/api/site-files?file=sitemap' },
      ],
    };
  },
};
