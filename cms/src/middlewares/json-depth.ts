// Refuses a JSON request body nested deeper than MAX_JSON_DEPTH levels with a 400 a person
// can act on. Strapi's validators, sanitizers and our content rules walk bodies recursively:
// a 170 KB body of 5,000 nested paragraphs (well under the size limit) overflowed the stack
// and answered a bare 500. Real content is shallow: a Blocks body with lists five deep is
// about 16 levels.
import type { Context, Next } from 'koa';

/** The stable code in the refusal's `error.details.code`. */
export const BODY_TOO_DEEP = 'BODY_TOO_DEEP';

export const MAX_JSON_DEPTH = 64;

/** How deep `value` nests (a scalar is 0, `[]` and `{}` are 1), counting no further than `limit + 1`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  // Iterative: the point is not to recurse on what a client sent.
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: node, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof node !== 'object' || node === null) continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: here });
  }
  return deepest;
}

export default () =>
  async function jsonDepthLimit(ctx: Context, next: Next): Promise<void> {
    const body: unknown = (ctx.request as { body?: unknown }).body;
    if (typeof body !== 'object' || body === null || jsonDepth(body) <= MAX_JSON_DEPTH) return next();
    ctx.status = 400;
    ctx.body = {
      data: null,
      error: {
        status: 400,
        name: 'ValidationError',
        message: `This request's JSON nests more than ${MAX_JSON_DEPTH} levels deep, and the CMS accepts at most ${MAX_JSON_DEPTH} (rich text with lists five deep needs about 16): send flatter data.`,
        details: { code: BODY_TOO_DEEP },
      },
    };
  };
