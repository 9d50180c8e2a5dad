// Content in and out (issue 12): export and import of rows (one per document and locale) as
// XLSX, CSV or JSON, from the CLI (scripts/content.ts, an API token) and the admin's Import
// and export page. rows.ts is the column table; files.ts reads and writes the formats;
// markdown.ts carries Blocks as Markdown; import.ts checks and writes in one transaction.
export { registerTransferRoutes } from './routes';
