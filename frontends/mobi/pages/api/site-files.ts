// /robots.txt and /sitemap.xml (rewritten here in next.config.js), per site by Host.
import type { NextApiRequest, NextApiResponse } from 'next';
import { CmsError } from '../../src/cms';
import { requestHost } from '../../src/site-page';
import { robotsTxt, sitemapXml } from '../../src/sitemap';

// Reads no body (the HTTP layer has already dropped any).
export const config = { api: { bodyParser: false } };

export default async function siteFiles(req: NextApiRequest, res: NextApiResponse) {
  const origin = `${String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0]}://${String(req.headers.host ?? '')}`;
  const file = req.query.file;
  try {
    if (file === 'robots') {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.status(200).send(robotsTxt(origin));
      return;
    }
    const xml = file === 'sitemap' ? await sitemapXml(requestHost(req), origin) : null;
    if (xml === null) {
      res.status(404).setHeader('Content-Type', 'text/plain; charset=utf-8').send('Not found');
      return;
    }
    res.setHeader('Content-Type', 'application/xml; charset=utf-8');
    res.status(200).send(xml);
  } catch (error) {
    if (!(error instanceof CmsError)) throw error;
    res.status(503).setHeader('Content-Type', 'text/plain; charset=utf-8').send('The content service is unavailable; try again shortly.');
  }
}
