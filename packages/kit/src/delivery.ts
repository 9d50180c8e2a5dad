// The front ends' one way to content: a delivery API query over HTTP, its data validated
// with the caller's zod schema. Separate entry point (`@baobab/kit/delivery`) because it needs zod.
import { z } from 'zod';

export class CmsError extends Error {
  constructor(
    readonly code: 'CMS_UNREACHABLE' | 'CMS_ERROR',
    message: string,
    /** The delivery API's own `extensions.code` of each error it answered, when it answered with errors. */
    readonly apiCodes: readonly string[] = [],
  ) {
    super(message);
  }

  /** True when the delivery API refused an argument the caller passed (BAD_USER_INPUT): the caller's mistake, not an outage. */
  get isRefusedInput(): boolean {
    return this.code === 'CMS_ERROR' && this.apiCodes.includes('BAD_USER_INPUT');
  }
}

const responseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});

export type Delivery = <T>(schema: z.ZodType<T>, query: string, variables: Record<string, unknown>) => Promise<T>;

/** A query function for the delivery API at `${cmsUrl}/graphql`; throws CmsError when the CMS is down or says no. */
export function createDelivery(cmsUrl: string, timeoutMs = 5000): Delivery {
  const base = cmsUrl.replace(/\/$/, '');
  return async (schema, query, variables) => {
    let response: Response;
    try {
      response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new CmsError('CMS_UNREACHABLE', `CMS at ${base} did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = responseSchema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new CmsError('CMS_ERROR', `CMS answered ${response.status} without a GraphQL body`);
    if (parsed.data.errors?.length) {
      const errors = parsed.data.errors;
      throw new CmsError(
        'CMS_ERROR',
        errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '),
        errors.map((error) => error.extensions?.code ?? 'ERROR'),
      );
    }
    const data = schema.safeParse(parsed.data.data);
    if (!data.success) throw new CmsError('CMS_ERROR', `unexpected delivery data: ${data.error.issues[0]?.path.join('.')} ${data.error.issues[0]?.message}`);
    return data.data;
  };
}
