// STUB until the formats branch lands (helper): JSON only.
import { TransferFileError, type Problem } from './problems';
export type Format = 'xlsx' | 'csv' | 'json';
export type ColumnKind = 'text' | 'date' | 'integer' | 'yesno';
export interface ReadOptions { format: Format; file: string; columns: Readonly<Record<string, ColumnKind>>; exportOnly: readonly string[]; onProgress?: (rows: number) => void }
export interface ReadRow { row: number; cells: Record<string, string>; problems: Problem[] }
export const TRANSFER_LIMITS = { fileBytes: 20 * 1024 * 1024, rows: 20_000, columns: 64, cellChars: 100_000 };
export async function* readRows(input: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<ReadRow> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.from(chunk));
  let parsed: { rows: Array<Record<string, string>> };
  try { parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { throw new TransferFileError({ file: options.file, row: null, column: null, code: 'TRANSFER_TRUNCATED', message: 'not JSON' }); }
  let row = 1;
  for (const cells of parsed.rows) {
    row += 1;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(cells)) { const name = k.trim().toLowerCase(); const canonical = Object.keys(options.columns).find((c) => c.toLowerCase() === name); if (!canonical) throw new TransferFileError({ file: options.file, row: null, column: k, code: 'TRANSFER_UNKNOWN_COLUMN', message: `unknown column ${k}` }); out[canonical] = String(v).trim(); }
    if (row % 1000 === 0) options.onProgress?.(row - 1);
    yield { row, cells: out, problems: [] };
  }
}
export async function writeRows(rows: readonly Record<string, string>[], columns: readonly string[], format: Format): Promise<Buffer> {
  if (format !== 'json') throw new Error('stub');
  return Buffer.from(JSON.stringify({ format: 'baobab-content', version: 1, rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? '']))) }, null, 1));
}
