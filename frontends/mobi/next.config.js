// Pages Router only: it is the one mode that can ship pages with no JavaScript at all.
/** @type {import('next').NextConfig} */
const path = require('node:path');
const fs = require('node:fs');

// Every workspace package is TypeScript source (exports point at src): Next compiles them.
const root = path.resolve(__dirname, '../..');
const workspacePackages = ['packages', 'themes', 'plugins', '.'].flatMap((folder) => {
  const dir = path.join(root, folder);
  const dirs = folder === '.' ? [path.join(root, 'locales')] : fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  return dirs.filter((d) => fs.existsSync(path.join(d, 'package.json'))).map((d) => JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).name);
});

module.exports = {
  transpilePackages: workspacePackages,
  // Node's own HTTP client (@baobab/kit/delivery): loaded from node_modules at run time, not bundled.
  serverExternalPackages: ['undici'],
  // The registry (baobab.config.ts) lives at the repository root, outside this app.
  experimental: { externalDir: true },
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
