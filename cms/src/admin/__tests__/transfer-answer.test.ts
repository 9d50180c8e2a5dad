import { fileNameOf, formatOfName, parseAnswerLine, progressText, refusalMessage, resultText, splitLines } from '../transfer-answer';

describe('reading the transfer routes’ answers in the admin', () => {
  it('saves an export under the name Content-Disposition gives, never a path, and falls back without one', () => {
    expect(fileNameOf('attachment; filename="baobab-content-kijana-ke-all-article.xlsx"', 'x.xlsx')).toBe('baobab-content-kijana-ke-all-article.xlsx');
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'x.csv')).toBe('passwd');
    expect(fileNameOf(null, 'baobab-content.json')).toBe('baobab-content.json');
    expect(fileNameOf('attachment', 'baobab-content.csv')).toBe('baobab-content.csv');
  });

  it('takes the format from the file name whatever its case, and nothing from a name without one', () => {
    expect(formatOfName('Traductions sw-KE.XLSX')).toBe('xlsx');
    expect(formatOfName('rows.csv')).toBe('csv');
    expect(formatOfName('notes.txt')).toBeNull();
    expect(formatOfName('json')).toBeNull();
  });

  it('joins NDJSON lines split across chunks and reads progress and the result', () => {
    const first = splitLines('', '{"progress":{"phase":"read","rows":1000}}\n{"progress":{"pha');
    expect(first.lines).toHaveLength(1);
    const second = splitLines(first.rest, 'se":"write","rows":250,"of":1200}}\n{"result":{"ok":false,"dryRun":true,"problems":[{"file":"a.csv","row":3,"column":"override:sms","code":"TRANSFER_INVALID","message":"Too long."}],"problemCount":1,"summary":"nothing was written: 1 problem"}}\n');
    expect(second.rest).toBe('');
    const [progress, result] = second.lines.map(parseAnswerLine);
    expect(parseAnswerLine(first.lines[0] ?? '')).toEqual({ progress: { phase: 'read', rows: 1000, of: null } });
    expect(progress).toEqual({ progress: { phase: 'write', rows: 250, of: 1200 } });
    expect(result && 'result' in result && result.result.problems[0]).toEqual({ file: 'a.csv', row: 3, column: 'override:sms', code: 'TRANSFER_INVALID', message: 'Too long.' });
    expect(parseAnswerLine('<html>')).toBeNull();
    expect(parseAnswerLine('{"result":{"summary":"no ok"}}')).toBeNull();
  });

  it('says what a check found, what an import did, and that nothing was written when there are problems', () => {
    const base = { created: 0, updated: 1, unchanged: 4, pruned: 0, problems: [], problemCount: 0 };
    expect(resultText({ ...base, ok: true, dryRun: true, summary: '0 to create, 1 to update, 4 unchanged' })).toBe('Check passed: 0 to create, 1 to update, 4 unchanged. Nothing is written until you press Import.');
    expect(resultText({ ...base, ok: true, dryRun: false, summary: 'created 0, updated 1, 4 unchanged' })).toBe('Imported: created 0, updated 1, 4 unchanged.');
    expect(resultText({ ...base, ok: false, dryRun: false, problemCount: 2, summary: '' })).toMatch(/^Nothing was written: the file has 2 problems\./);
    expect(progressText({ phase: 'write', rows: 1000, of: 5000 }, false)).toBe('Writing: 1,000 of 5,000 rows written…');
    expect(progressText(null, true)).toBe('Sending the file…');
  });

  it('shows a refusal’s own message, and a sentence when the answer is not JSON', () => {
    expect(refusalMessage(409, '{"error":{"status":409,"name":"TRANSFER_BUSY","message":"Another import is running; try again when it has finished."}}')).toBe('Another import is running; try again when it has finished.');
    expect(refusalMessage(413, '<html>Request Entity Too Large</html>')).toContain('20 MiB');
    expect(refusalMessage(502, '')).toContain('502');
    expect(refusalMessage(500, '{"data":null,"error":{"status":500,"name":"InternalServerError","message":"Internal Server Error"}}')).toBe(
      'The CMS failed (500); nothing was changed. Try again, or ask whoever runs the CMS to look at its log.',
    );
  });
});
