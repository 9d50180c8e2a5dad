import { readRows, writeRows, type Format } from '../files';
const columns = { type: 'text', slug: 'text', locale: 'text', title: 'text', lead: 'text', body: 'text', position: 'integer', allSites: 'yesno', goLiveAt: 'date', tags: 'text', sites: 'text' } as const;
async function* chunks(buf: Buffer, size = 64 * 1024) { for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size); }
async function time(label: string, buf: Buffer, format: Format) {
  const t = process.hrtime.bigint(); let n = 0; let err = '';
  try { for await (const _ of readRows(chunks(buf), { format, file: 'f', columns, exportOnly: [] })) n++; } catch (e) { err = (e as any).problem?.code ?? String(e); }
  console.log(`${label}: ${(buf.length / 1048576).toFixed(1)} MiB, ${n} rows, ${Number(process.hrtime.bigint() - t) / 1e6} ms ${err}`);
}
(async () => {
  const body = '## Heading\n\nA paragraph with **bold** and a [link](https://who.int). '.repeat(8);
  const mk = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'article', slug: `slug-${i}`, locale: 'sw-KE', title: `Title ${i}`, lead: 'A lead sentence for the article.', body, position: String(i), allSites: 'no', goLiveAt: '2026-03-01T08:00:00.000Z', tags: 'hiv, testing', sites: 'kijana-ke' }));
  const cols = Object.keys(columns);
  const short = ['type,slug,locale,title', ...Array.from({ length: 100000 }, (_, n) => `article,slug-${n},en,Title ${n}`)].join('\r\n');
  await time('100,000-row CSV (short rows), stops at the limit', Buffer.from(short), 'csv');
  for (const format of ['csv', 'json', 'xlsx'] as const) {
    const t = process.hrtime.bigint();
    const buf = await writeRows(mk(20000).slice(0, format === 'xlsx' ? 20000 : 20000), cols, format);
    console.log(`write 20,000 rows ${format}: ${Number(process.hrtime.bigint() - t) / 1e6} ms`);
    await time(`read 20,000 rows ${format}`, buf, format);
  }
  const buf = await writeRows(mk(20000).map((r) => ({ ...r, body: 'short' })), cols, 'xlsx');
  await time('read 20,000 short rows xlsx', buf, 'xlsx');
  const big = await writeRows(mk(100000).map((r) => ({ ...r, body: 'short', lead: '' })), cols, 'xlsx');
  await time('100,000-row XLSX, stops at the limit', big, 'xlsx');
})();
