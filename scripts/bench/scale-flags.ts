// The flags of `npm run bench:scale`, parsed strictly (node:util parseArgs, then zod): an
// unknown flag or a value out of bounds is refused with a sentence naming the flag.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const SCALE_USAGE = `Usage: npm run bench:scale -- [--sites <1–5000, default 1000>] [--concurrency <1–64, default 8>]
  [--samples <10–2000, default 200>] [--warm <10–2000, default 200>]
  --sites        sites created through the CMS REST API, beside the 4 demo sites
  --concurrency  REST writes in flight while creating them
  --samples      requests per latency figure (p50/p99)
  --warm         other sites whose cached pages are counted after one site's local change
Settings: DATABASE_URL (PostgreSQL instead of a temporary SQLite file), REDIS_URL (the change channel, passed to every process).`;

const whole = (flag: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `--${flag} "${raw}" must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return value;
    });

const flagsSchema = z.object({
  sites: whole('sites', 1, 5000, 1000),
  concurrency: whole('concurrency', 1, 64, 8),
  samples: whole('samples', 10, 2000, 200),
  warm: whole('warm', 10, 2000, 200),
});

export type ScaleFlags = z.infer<typeof flagsSchema>;

export class ScaleFlagsError extends Error {
  readonly code = 'BAD_FLAGS';
}

/** The bench's settings from its command-line arguments; ScaleFlagsError names every problem. */
export function parseScaleFlags(args: readonly string[]): ScaleFlags {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { sites: { type: 'string' }, concurrency: { type: 'string' }, samples: { type: 'string' }, warm: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs' TypeError; read its message without instanceof, which fails across realms (jest's vm).
    const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    throw new ScaleFlagsError(message);
  }
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) throw new ScaleFlagsError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}
