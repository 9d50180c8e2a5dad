// The mobi-site's only way to content: the CMS delivery API over HTTP.
import { CmsError, createDelivery } from '@baobab/kit/delivery';

export { CmsError };

/** CMS_URL, default http://127.0.0.1:1337: where the delivery API answers at /graphql. */
export const cmsUrl = (process.env.CMS_URL ?? 'http://127.0.0.1:1337').replace(/\/$/, '');

/** Runs a delivery query and validates its data; throws CmsError when the CMS is down or says no. */
export const delivery = createDelivery(cmsUrl);

/**
 * True when the delivery API refused a variable the reader chose (a cursor, a query):
 * the page answers 400, not the 503 of an outage.
 */
export function isRefusedInput(error: unknown): boolean {
  return error instanceof CmsError && error.isRefusedInput;
}
