// What one import takes, in one place for the CMS (files.ts, routes.ts), the admin's import
// page (which refuses a file over the size before sending it) and the content CLI. No imports:
// the admin bundle reads it too.
export const TRANSFER_LIMITS = { fileBytes: 20 * 1024 * 1024, rows: 20_000, columns: 64, cellChars: 100_000 } as const;

/** The refusal of a file of `bytes` over TRANSFER_LIMITS.fileBytes (TRANSFER_FILE_TOO_LARGE), as the CMS, the admin and the CLI word it. */
export const fileTooLargeMessage = (bytes: number) =>
  `The file is ${(bytes / 1048576).toFixed(1)} MiB; the limit is ${TRANSFER_LIMITS.fileBytes / 1048576} MiB. Split it (by site, locale or type) and import the parts.`;
