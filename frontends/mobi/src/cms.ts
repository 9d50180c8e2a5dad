// The mobi-site's only way to content: the CMS delivery API over HTTP.
import { CmsError, createDelivery, type Delivery } from '@baobab/kit/delivery';
import { mobiConfig } from './config';

export { CmsError };

let client: Delivery | undefined;

/**
 * Runs a delivery query against CMS_URL (src/config.ts) and validates its data; throws
 * CmsError when the CMS is down or says no. The client is made on the first query, so
 * importing this module reads no settings (scripts/serve.ts checks them first).
 */
export const delivery: Delivery = (schema, query, variables) => {
  client ??= createDelivery(mobiConfig().cmsUrl);
  return client(schema, query, variables);
};

/**
 * True when the delivery API refused a variable the reader chose (a cursor, a query):
 * the page answers 400, not the 503 of an outage.
 */
export function isRefusedInput(error: unknown): boolean {
  return error instanceof CmsError && error.isRefusedInput;
}
