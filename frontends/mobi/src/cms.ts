// The mobi-site's only way to content: the CMS delivery API over HTTP.
import { z } from 'zod';

/** CMS_URL, default http://127.0.0.1:1337: where the delivery API answers at /graphql. */
export const cmsUrl = (process.env.CMS_URL ?? 'http://127.0.0.1:1337').replace(/\/$/, '');

export class CmsError extends Error {
  constructor(
    readonly code: 'CMS_UNREACHABLE' | 'CMS_ERROR',
    message: string,
  ) {
    super(message);
  }
}

const responseSchema = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});

/** Runs a delivery query and validates its data; throws CmsError when the CMS is down or says no. */
export async function delivery<T>(schema: z.ZodType<T>, query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${cmsUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new CmsError('CMS_UNREACHABLE', `CMS at ${cmsUrl} did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = responseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw new CmsError('CMS_ERROR', `CMS answered ${response.status} without a GraphQL body`);
  if (parsed.data.errors?.length) {
    throw new CmsError('CMS_ERROR', parsed.data.errors.map((error) => `${error.extensions?.code ?? 'ERROR'}: ${error.message}`).join('; '));
  }
  const data = schema.safeParse(parsed.data.data);
  if (!data.success) throw new CmsError('CMS_ERROR', `unexpected delivery data: ${data.error.issues[0]?.path.join('.')} ${data.error.issues[0]?.message}`);
  return data.data;
}
