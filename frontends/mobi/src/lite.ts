// Zero-rated and proxy-browser traffic (Free Basics, Opera Mini) gets the same page
// without banners and heavy images: recognised by headers, never refused.
import type { IncomingHttpHeaders } from 'node:http';

export function isLiteRequest(headers: IncomingHttpHeaders): boolean {
  const via = String(headers.via ?? '');
  const agent = String(headers['user-agent'] ?? '');
  return (
    /internet\.org/i.test(via) ||
    headers['x-iorg-fbs'] !== undefined ||
    /InternetOrgApp/i.test(agent) ||
    headers['x-operamini-phone-ua'] !== undefined ||
    /Opera Mini/i.test(agent)
  );
}
