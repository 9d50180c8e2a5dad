// What the Import and export page reads from the CMS's transfer routes (src/transfer/routes.ts):
// the file name an export is saved under, the import's NDJSON lines (progress, then the result)
// and the message of a refusal. Pure functions, so they are tested without a browser.
// No imports: jest loads this file as it is (the admin's `.js` specifiers are for Vite).

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const formats = { xlsx: 'Excel (.xlsx)', csv: 'CSV (.csv)', json: 'JSON (.json)' } as const;
export type Format = keyof typeof formats;
export const isFormat = (value: string): value is Format => Object.hasOwn(formats, value);

/** The format a file's name says (`Traductions.XLSX` → xlsx), or null. */
export function formatOfName(name: string): Format | null {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return name.includes('.') && isFormat(extension) ? extension : null;
}

/** The name in `Content-Disposition: attachment; filename="…"`, or `fallback`; never a path. */
export function fileNameOf(contentDisposition: string | null | undefined, fallback: string): string {
  const quoted = /filename="([^"]*)"/i.exec(contentDisposition ?? '')?.[1];
  const bare = /filename=([^;\s]+)/i.exec(contentDisposition ?? '')?.[1];
  const name = (quoted ?? bare ?? '').split(/[\\/]/).pop()?.trim() ?? '';
  return name === '' ? fallback : name;
}

export interface Problem {
  readonly file: string;
  readonly row: number | null;
  readonly column: string | null;
  readonly code: string;
  readonly message: string;
}

export interface Result {
  readonly ok: boolean;
  readonly dryRun: boolean;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly pruned: number;
  readonly problems: readonly Problem[];
  readonly problemCount: number;
  readonly summary: string;
}

export interface Progress {
  readonly phase: string;
  readonly rows: number;
  readonly of: number | null;
}

export type AnswerLine = { readonly progress: Progress } | { readonly result: Result };

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const textOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' ? value : fallback);

function problemOf(value: unknown): Problem | null {
  if (!isRecord(value) || typeof value.message !== 'string') return null;
  return {
    file: textOr(value.file, ''),
    row: typeof value.row === 'number' ? value.row : null,
    column: textOr(value.column, null),
    code: textOr(value.code, ''),
    message: value.message,
  };
}

/** One line of the import's answer, or null for a line that is neither progress nor the result. */
export function parseAnswerLine(line: string): AnswerLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { progress, result } = value;
  if (isRecord(progress)) return { progress: { phase: textOr(progress.phase, 'read'), rows: count(progress.rows), of: typeof progress.of === 'number' ? progress.of : null } };
  if (!isRecord(result) || typeof result.ok !== 'boolean') return null;
  const problems = Array.isArray(result.problems) ? result.problems.map(problemOf).filter((problem): problem is Problem => problem !== null) : [];
  return {
    result: {
      ok: result.ok,
      dryRun: result.dryRun === true,
      created: count(result.created),
      updated: count(result.updated),
      unchanged: count(result.unchanged),
      pruned: count(result.pruned),
      problems,
      problemCount: Math.max(count(result.problemCount), problems.length),
      summary: textOr(result.summary, ''),
    },
  };
}

/** Splits streamed text into whole lines; the unfinished tail waits for the next chunk. */
export function splitLines(pending: string, chunk: string): { lines: string[]; rest: string } {
  const parts = (pending + chunk).split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts.map((part) => part.trim()).filter((part) => part !== ''), rest };
}

/** The message of a refusal (`{"error":{"name","message"}}`), or a sentence naming the status (always for a failure, 5xx). */
export function refusalMessage(status: number, body: string): string {
  // Strapi's 500 says only "Internal Server Error"; the CMS's log has the rest.
  if (status >= 500) return `The CMS failed (${status}); nothing was changed. Try again, or ask whoever runs the CMS to look at its log.`;
  try {
    const parsed: unknown = JSON.parse(body);
    const error = isRecord(parsed) ? parsed.error : undefined;
    if (isRecord(error) && typeof error.message === 'string' && error.message !== '') return error.message;
  } catch {
    // Not JSON (a proxy's page): fall through to the status.
  }
  if (status === 401) return 'Your session has ended: log in again, then try again.';
  if (status === 413) return 'The file is larger than the CMS accepts (20 MiB): split it by site, language or type.';
  return `The CMS refused the request (${status}); nothing was changed. Try again, or ask whoever runs the CMS.`;
}

/** "1,234" as the editor's browser writes numbers. */
export const number = (value: number) => value.toLocaleString('en');

/** What the progress line says while an import or check runs. */
export function progressText(progress: Progress | null, dryRun: boolean): string {
  if (progress === null) return 'Sending the file…';
  if (progress.phase === 'read') return progress.of === null ? `Reading the file: ${number(progress.rows)} rows read…` : `Read ${number(progress.rows)} rows; checking them…`;
  const of = progress.of === null ? '' : ` of ${number(progress.of)}`;
  return dryRun ? `Checking: ${number(progress.rows)}${of} rows checked…` : `Writing: ${number(progress.rows)}${of} rows written…`;
}

/** The result in a sentence: what was (or would be) done, or that nothing was written. */
export function resultText(result: Result): string {
  if (!result.ok) {
    const problems = `${number(result.problemCount)} ${result.problemCount === 1 ? 'problem' : 'problems'}`;
    return `Nothing was written: the file has ${problems}. Fix ${result.problemCount === 1 ? 'it' : 'them'} in the file, choose the file again and check it again.`;
  }
  return result.dryRun ? `Check passed: ${result.summary}. Nothing is written until you press Import.` : `Imported: ${result.summary}.`;
}
