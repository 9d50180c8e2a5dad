// The mobi-site's only way to content: the CMS delivery API over HTTP.
import { CmsError, createDelivery } from '@baobab/kit/delivery';

export { CmsError };

/** CMS_URL, default http://127.0.0.1:1337: where the delivery API answers at /graphql. */
export const cmsUrl = (process.env.CMS_URL ?? 'http://127.0.0.1:1337').replace(/\/$/, '');

/** Runs a delivery query and validates its data; throws CmsError when the CMS is down or says no. */
export const delivery = createDelivery(cmsUrl);

/** Delivery API codes that mean a variable was refused: a reader's input (a cursor, a query), not a failing CMS. */
const REFUSED_INPUT_CODES = ['BAD_USER_INPUT'] as const;

/**
 * True when the delivery API refused a variable the reader chose (`extensions.code`
 * BAD_USER_INPUT): the page answers 400, not the 503 of an outage. The kit's CmsError
 * keeps the API's codes at the start of its message (`CODE: message; …`).
 */
export function isRefusedInput(error: unknown): boolean {
  return error instanceof CmsError && error.code === 'CMS_ERROR' && REFUSED_INPUT_CODES.some((code) => error.message.startsWith(`${code}: `));
}
