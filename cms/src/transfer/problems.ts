// What goes wrong with a file or one of its rows, in words a person can act on: the file, the
// spreadsheet row (the header is row 1), the column and a stable code.

export const PROBLEM_CODES = [
  'TRANSFER_FILE_TOO_LARGE',
  'TRANSFER_TOO_MANY_ROWS',
  'TRANSFER_NOT_UTF8',
  'TRANSFER_TRUNCATED',
  'TRANSFER_BAD_FORMAT',
  'TRANSFER_NO_HEADER',
  'TRANSFER_UNKNOWN_COLUMN',
  'TRANSFER_DUPLICATE_COLUMN',
  'TRANSFER_FORMULA',
  'TRANSFER_DUPLICATE_ROW',
  'TRANSFER_BAD_CELL',
  'TRANSFER_SPREADSHEET_DATE',
  'TRANSFER_INVALID',
  'TRANSFER_CELL_TOO_LONG',
  'TRANSFER_SHARED_MISMATCH',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface Problem {
  readonly file: string;
  /** The spreadsheet's row number (the header is row 1); null for the file as a whole. */
  readonly row: number | null;
  readonly column: string | null;
  readonly code: ProblemCode;
  readonly message: string;
}

/** A problem with the file as a whole: reading stops. */
export class TransferFileError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = 'TransferFileError';
  }
}

/** "file.csv, row 4, column title: …" — how the CLI and the admin print a problem. */
export function problemLine(problem: Problem): string {
  const where = [problem.file, problem.row === null ? null : `row ${problem.row}`, problem.column === null ? null : `column ${problem.column}`].filter((part) => part !== null);
  return `${where.join(', ')}: ${problem.message} [${problem.code}]`;
}
