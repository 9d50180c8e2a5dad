// The Import and export page (left menu): download content as a spreadsheet (XLSX or CSV) or
// JSON for translators and reviewers, and bring a changed file back — checked first (a dry
// run) or imported directly; a file with any problem writes nothing, and its problems are
// listed by row and column. Calls the admin routes of src/transfer/routes.ts with the
// editor's session, so the CMS's role rules judge every row.
import { createElement as h, useRef, useState, type ReactNode } from 'react';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import { isRecord } from './field-values.js';
import {
  fileNameOf,
  formatOfName,
  formats,
  isFormat,
  number,
  parseAnswerLine,
  progressText,
  refusalMessage,
  resultText,
  splitLines,
  type Format,
  type Progress,
  type Result,
} from './transfer-answer.js';
import { useSites, type SiteOption } from './use-collection.js';
import { fileTooLargeMessage, TRANSFER_LIMITS } from '../transfer/limits.js';

const ARTICLE = 'api::article.article';

const types = { '': 'Every type', site: 'Sites', section: 'Sections', page: 'Pages', banner: 'Banners', article: 'Articles' } as const;
type TypeChoice = keyof typeof types;
const isTypeChoice = (value: string): value is TypeChoice => Object.hasOwn(types, value);

const publishModes = {
  false: 'Leave as drafts (what is published stays published until someone publishes the new text)',
  true: 'Publish every row',
  status: 'Publish as the file’s status column says (published or modified: publish; draft: leave as a draft)',
} as const;
type PublishMode = keyof typeof publishModes;
const isPublishMode = (value: string): value is PublishMode => Object.hasOwn(publishModes, value);

// ---- The browser objects the page uses (the CMS type check has no DOM library) -------------

interface ChosenFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface FileInputEvent {
  readonly target: { readonly files?: ArrayLike<ChosenFile> | null; value: string };
}
interface Anchor {
  href: string;
  download: string;
  click(): void;
  remove(): void;
}
interface BrowserDocument {
  createElement(tag: 'a'): Anchor;
  readonly body: { append(node: Anchor): void };
}

const browserGlobal = (name: string): unknown => Reflect.get(globalThis, name);

/** Where the admin's API is (`window.strapi.backendURL`, as Strapi's own fetch client reads it). */
function backendUrl(): string {
  const strapi = browserGlobal('strapi');
  return isRecord(strapi) && typeof strapi.backendURL === 'string' ? strapi.backendURL : '';
}

/** Hands a downloaded file to the browser, which saves it under `name`. */
function saveFile(blob: Blob, name: string): void {
  const document = browserGlobal('document');
  if (!isRecord(document) || typeof document.createElement !== 'function') return;
  const page = document as unknown as BrowserDocument;
  const url = URL.createObjectURL(blob);
  const link = page.createElement('a');
  link.href = url;
  link.download = name;
  page.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : bytes < 1048576 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1048576).toFixed(1)} MB`);

/** A request that failed before the CMS answered it (Strapi's fetch client throws these). */
function failureText(error: unknown): string {
  const status = isRecord(error) && typeof error.status === 'number' ? error.status : 0;
  if (status === 401) return refusalMessage(401, '');
  return 'The CMS could not be reached. Check your connection and try again.';
}

// ---- Styles (as the Translations page) -------------------------------------------------

const label = { fontSize: 12, fontWeight: 600, display: 'flex', flexDirection: 'column', gap: 4 } as const;
const select = { padding: '8px', fontSize: 14, borderRadius: 4, border: '1px solid #dcdce4', minWidth: 190, background: '#fff' } as const;
const cell = { padding: '10px 12px', borderBottom: '1px solid #eaeaef', fontSize: 14, textAlign: 'left', verticalAlign: 'top' } as const;
const hint = { fontSize: 13, color: '#666687', margin: 0, maxWidth: 760, lineHeight: 1.5 } as const;
const card = { background: '#fff', borderRadius: 4, padding: '24px 32px', boxShadow: '0 1px 4px rgba(33, 33, 52, 0.1)', display: 'flex', flexDirection: 'column', gap: 16, maxWidth: 1100 } as const;
const row = { display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'flex-end' } as const;
const primary = { padding: '9px 16px', fontSize: 14, fontWeight: 600, borderRadius: 4, border: '1px solid #4945ff', background: '#4945ff', color: '#fff', cursor: 'pointer' } as const;
const secondary = { ...primary, background: '#fff', color: '#4945ff' } as const;
const disabledLook = { opacity: 0.5, cursor: 'not-allowed' } as const;
const notice = (isError: boolean) =>
  ({ margin: 0, fontSize: 14, padding: '12px 16px', borderRadius: 4, maxWidth: 1000, lineHeight: 1.5, border: `1px solid ${isError ? '#f5c0b8' : '#c6f0c2'}`, background: isError ? '#fcecea' : '#eafbe7', color: isError ? '#b72b1a' : '#2f6846' }) as const;

const button = (style: Readonly<Record<string, string | number>>, isEnabled: boolean) => ({ ...style, ...(isEnabled ? {} : disabledLook) });

function picker(name: string, text: string, value: string, options: ReadonlyArray<readonly [string, string]>, onChange: (value: string) => void, disabled = false): ReactNode {
  return h(
    'label',
    { style: label },
    text,
    h(
      'select',
      { name, value, disabled, style: select, onChange: (event: { target: { value: string } }) => onChange(event.target.value) },
      ...options.map(([optionValue, optionText]) => h('option', { key: optionValue, value: optionValue }, optionText)),
    ),
  );
}

const siteOptions = (sites: readonly SiteOption[] | null, all: string): Array<[string, string]> =>
  sites === null ? [['', 'Loading sites…']] : [['', all], ...sites.map((site): [string, string] => [site.code, `${site.name} (${site.code})`])];

/** The chosen site's languages, or every site's when none is chosen. */
function localeOptions(sites: readonly SiteOption[] | null, siteCode: string, all: string): Array<[string, string]> {
  const chosen = sites?.filter((site) => siteCode === '' || site.code === siteCode) ?? [];
  const codes = [...new Set(chosen.flatMap((site) => site.locales))].sort();
  return [['', all], ...codes.map((code): [string, string] => [code, code])];
}

// ---- Export ------------------------------------------------------------------------------

function ExportCard({ sites }: { readonly sites: readonly SiteOption[] | null }) {
  const { get } = useFetchClient();
  const [site, setSite] = useState('');
  const [locale, setLocale] = useState('');
  const [type, setType] = useState<TypeChoice>('article');
  const [format, setFormat] = useState<Format>('xlsx');
  const [isBusy, setBusy] = useState(false);
  const [note, setNote] = useState<{ readonly isError: boolean; readonly text: string } | null>(null);

  const download = async () => {
    setBusy(true);
    setNote(null);
    try {
      const params = Object.fromEntries(Object.entries({ site, locale, type, format }).filter(([, value]) => value !== ''));
      // A 401 is left to the client (it renews the session and asks again); other refusals are read here.
      const answer = await get('/baobab/content/export', { params, responseType: 'blob', validateStatus: (status) => status !== 401 });
      const status = answer.status ?? 200;
      if (status >= 400) {
        setNote({ isError: true, text: refusalMessage(status, await answer.data.text()) });
        return;
      }
      const name = fileNameOf(answer.headers?.get('content-disposition'), `baobab-content.${format}`);
      saveFile(answer.data, name);
      setNote({ isError: false, text: `Downloaded ${name} (${sizeText(answer.data.size)}).` });
    } catch (error) {
      setNote({ isError: true, text: failureText(error) });
    } finally {
      setBusy(false);
    }
  };

  return h(
    'section',
    { 'data-baobab-export': true, style: card },
    h('h2', { style: { fontSize: 18, fontWeight: 600, margin: 0 } }, 'Export'),
    h(
      'p',
      { style: hint },
      'One row per document and language: the shared fields, the text, the body as Markdown and the channel versions, with the source language’s text beside each translation. Send the file to translators or reviewers; they change the text cells and send it back for import.',
    ),
    h(
      'div',
      { style: row },
      picker('export-site', 'Site', site, siteOptions(sites, 'Every site'), (value) => {
        setSite(value);
        setLocale('');
      }),
      picker('export-locale', 'Language', locale, localeOptions(sites, site, 'Every language'), setLocale),
      picker('export-type', 'Type', type, Object.entries(types), (value) => isTypeChoice(value) && setType(value)),
      picker('export-format', 'Format', format, Object.entries(formats), (value) => isFormat(value) && setFormat(value)),
      h('button', { type: 'button', onClick: () => void download(), disabled: isBusy, style: button(primary, !isBusy) }, isBusy ? 'Preparing…' : 'Download'),
    ),
    note ? h('p', { role: note.isError ? 'alert' : 'status', 'data-baobab-export-note': note.isError ? 'error' : 'done', style: notice(note.isError) }, note.text) : null,
  );
}

// ---- Import ------------------------------------------------------------------------------

interface Chosen {
  /** Counts up on every choice: a file chosen again (fixed) is a new file. */
  readonly id: number;
  readonly file: ChosenFile;
}

interface Outcome {
  readonly action: 'Check' | 'Import';
  readonly fileName: string;
  readonly result: Result;
}

function ProblemTable({ result }: { readonly result: Result }) {
  const listed = result.problems.length;
  return h(
    'div',
    { style: { display: 'flex', flexDirection: 'column', gap: 8 } },
    listed < result.problemCount ? h('p', { style: hint }, `The first ${number(listed)} of ${number(result.problemCount)} problems:`) : null,
    h(
      'table',
      { 'data-baobab-problems': true, style: { borderCollapse: 'collapse', background: '#fff', width: '100%', maxWidth: 1100 } },
      h('thead', null, h('tr', null, ...['Row', 'Column', 'Problem'].map((text) => h('th', { key: text, style: { ...cell, fontSize: 12, color: '#666687' } }, text)))),
      h(
        'tbody',
        null,
        ...result.problems.map((problem, index) =>
          h(
            'tr',
            { key: index, 'data-row': problem.row ?? '', 'data-column': problem.column ?? '', 'data-code': problem.code },
            h('td', { style: { ...cell, whiteSpace: 'nowrap' } }, problem.row === null ? 'the file' : String(problem.row)),
            h('td', { style: { ...cell, whiteSpace: 'nowrap', fontFamily: 'monospace' } }, problem.column ?? '—'),
            h('td', { style: cell }, problem.message, h('span', { style: { display: 'block', fontSize: 11, color: '#8e8ea9', marginTop: 2 } }, problem.code)),
          ),
        ),
      ),
    ),
  );
}

function pruneWarning(site: string, locale: string): string {
  const where = [site === '' ? '' : `the site ${site}`, locale === '' ? '' : `the language ${locale}`].filter((part) => part !== '').join(', in ');
  const alone = site === '' ? '' : ` (only documents ${site} carries alone: what other sites carry too stays)`;
  return `Deletes, in ${where}, every section, page, banner or article version the file does not name, for each type the file has rows of${alone}. Sites are never deleted. Check first: the check says how many would be deleted.`;
}

function ImportCard({ sites }: { readonly sites: readonly SiteOption[] | null }) {
  const { get } = useFetchClient();
  const token = useAuth('BaobabImport', (auth) => auth.token);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [publish, setPublish] = useState<PublishMode>('false');
  const [site, setSite] = useState('');
  const [locale, setLocale] = useState('');
  const [prune, setPrune] = useState(false);
  const [running, setRunning] = useState<'Check' | 'Import' | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [checkedKey, setCheckedKey] = useState<string | null>(null);

  const isPruning = prune && (site !== '' || locale !== '');
  const key = chosen === null ? null : [chosen.id, publish, site, locale, isPruning].join('|');
  // Deleting is never a surprise: with it on, Import waits for a clean check of this file and these choices.
  // A file over the limit is refused here, before it is sent: the CMS would refuse it anyway, after the upload.
  const isTooLarge = chosen !== null && chosen.file.size > TRANSFER_LIMITS.fileBytes;
  const mayCheck = chosen !== null && !isTooLarge && running === null;
  const mayImport = mayCheck && (!isPruning || checkedKey === key);

  const choose = (event: FileInputEvent) => {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    setChosen((previous) => ({ id: (previous?.id ?? 0) + 1, file }));
    if (formatOfName(file.name) === null) setRefusal(`“${file.name}” is not an .xlsx, .csv or .json file: export one above, or save the spreadsheet in one of those formats.`);
    else setRefusal(file.size > TRANSFER_LIMITS.fileBytes ? fileTooLargeMessage(file.size) : null);
  };

  const run = async (action: 'Check' | 'Import') => {
    if (chosen === null || isTooLarge) return;
    const { file } = chosen;
    const format = formatOfName(file.name);
    if (format === null) return;
    const runKey = key;
    setRunning(action);
    setProgress(null);
    setRefusal(null);
    try {
      let bytes: ArrayBuffer;
      try {
        bytes = await file.arrayBuffer();
      } catch {
        setRefusal(`“${file.name}” could not be read: it may have changed since you chose it. Choose it again.`);
        return;
      }
      const query = new URLSearchParams({ format, name: file.name, dryRun: String(action === 'Check'), publish });
      if (site !== '') query.set('site', site);
      if (locale !== '') query.set('locale', locale);
      if (isPruning) query.set('prune', 'true');
      const send = () =>
        fetch(`${backendUrl()}/baobab/content/import?${query.toString()}`, {
          method: 'POST',
          credentials: 'include',
          headers: { authorization: `Bearer ${tokenRef.current ?? ''}`, 'content-type': 'application/octet-stream', accept: 'application/x-ndjson' },
          body: bytes,
        });
      let response = await send();
      if (response.status === 401) {
        // The session's short-lived token ran out: any call through Strapi's client renews it.
        await get('/admin/users/me').catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 0));
        response = await send();
      }
      if (!response.ok || response.body === null) {
        setRefusal(refusalMessage(response.status, await response.text()));
        return;
      }
      const answer: { result: Result | null } = { result: null };
      const take = (lines: readonly string[]) => {
        for (const line of lines) {
          const parsed = parseAnswerLine(line);
          if (parsed !== null && 'progress' in parsed) setProgress(parsed.progress);
          if (parsed !== null && 'result' in parsed) answer.result = parsed.result;
        }
      };
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let pending = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        const split = splitLines(pending, decoder.decode(value, { stream: true }));
        pending = split.rest;
        take(split.lines);
      }
      take(splitLines(pending, `${decoder.decode()}\n`).lines);
      const finished = answer.result;
      if (finished === null) {
        setRefusal('The CMS stopped answering before it said how the import ended. An import writes everything or nothing: check the file again to see where things stand.');
        return;
      }
      setOutcome({ action, fileName: file.name, result: finished });
      setCheckedKey(action === 'Check' && finished.ok ? runKey : null);
    } catch (error) {
      setRefusal(failureText(error));
    } finally {
      setRunning(null);
      setProgress(null);
    }
  };

  const result = outcome?.result;
  return h(
    'section',
    { 'data-baobab-import': true, style: card },
    h('h2', { style: { fontSize: 18, fontWeight: 600, margin: 0 } }, 'Import'),
    h(
      'p',
      { style: hint },
      'Rows are matched by type, slug and language: a row that names nothing yet creates it, a changed row updates it, and what the file does not name is left alone. One problem anywhere and nothing is written. Check shows what would change without writing anything; Import checks the same way and then writes every row in one go.',
    ),
    h(
      'div',
      { style: row },
      h(
        'label',
        { style: label },
        'File (.xlsx, .csv or .json)',
        h('input', {
          type: 'file',
          name: 'import-file',
          accept: '.xlsx,.csv,.json',
          disabled: running !== null,
          // Cleared on every click, so choosing the same (fixed) file again counts as a new choice.
          onClick: (event: FileInputEvent) => {
            event.target.value = '';
          },
          onChange: choose,
          style: { fontSize: 14 },
        }),
      ),
      chosen ? h('p', { 'data-baobab-import-file': chosen.file.name, style: { ...hint, fontSize: 14, color: '#32324d' } }, `Chosen: ${chosen.file.name} (${sizeText(chosen.file.size)})`) : null,
    ),
    h(
      'fieldset',
      { style: { border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 6 } },
      h('legend', { style: { ...label, marginBottom: 6 } }, 'Publish'),
      ...Object.entries(publishModes).map(([value, text]) =>
        h(
          'label',
          { key: value, style: { fontSize: 14, display: 'flex', gap: 8, alignItems: 'center' } },
          h('input', { type: 'radio', name: 'import-publish', value, checked: publish === value, onChange: () => isPublishMode(value) && setPublish(value) }),
          text,
        ),
      ),
    ),
    h(
      'div',
      { style: row },
      picker('import-site', 'Limit to a site (optional)', site, siteOptions(sites, 'Every site'), (value) => {
        setSite(value);
        setLocale('');
      }),
      picker('import-locale', 'Limit to a language (optional)', locale, localeOptions(sites, site, 'Every language'), setLocale),
    ),
    h('p', { style: hint }, 'With a limit, rows of other sites or languages are refused, and deleting what the file leaves out becomes possible.'),
    h(
      'label',
      { style: { fontSize: 14, display: 'flex', gap: 8, alignItems: 'center', ...(site === '' && locale === '' ? { color: '#a5a5ba' } : {}) } },
      h('input', { type: 'checkbox', name: 'import-prune', checked: isPruning, disabled: site === '' && locale === '', onChange: (event: { target: { checked: boolean } }) => setPrune(event.target.checked) }),
      'Delete what the file does not name',
    ),
    site === '' && locale === ''
      ? h('p', { style: hint }, 'Choose a site or a language above to delete what the file leaves out.')
      : isPruning
        ? h('p', { role: 'note', 'data-baobab-prune-warning': true, style: notice(true) }, pruneWarning(site, locale))
        : null,
    h(
      'div',
      { style: { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' } },
      h('button', { type: 'button', disabled: !mayCheck, onClick: () => void run('Check'), style: button(secondary, mayCheck) }, running === 'Check' ? 'Checking…' : 'Check'),
      h('button', { type: 'button', disabled: !mayImport, onClick: () => void run('Import'), style: button(primary, mayImport) }, running === 'Import' ? 'Importing…' : 'Import'),
      isPruning && chosen !== null && checkedKey !== key && running === null ? h('span', { style: hint }, 'With deleting on, Import waits for a clean check of this file.') : null,
    ),
    running !== null
      ? h(
          'div',
          { role: 'status', 'data-baobab-import-progress': true, style: { display: 'flex', flexDirection: 'column', gap: 6, maxWidth: 520 } },
          h('span', { style: { fontSize: 14 } }, progressText(progress, running === 'Check')),
          h('progress', { max: progress?.of ?? undefined, value: progress?.of ? progress.rows : undefined, style: { width: '100%' } }),
        )
      : null,
    refusal ? h('p', { role: 'alert', 'data-baobab-import-refusal': true, style: notice(true) }, refusal) : null,
    outcome && result
      ? h(
          'div',
          { 'data-baobab-import-result': result.ok ? 'ok' : 'problems', 'data-dry-run': String(result.dryRun), style: { display: 'flex', flexDirection: 'column', gap: 12 } },
          h('h3', { style: { fontSize: 15, fontWeight: 600, margin: 0 } }, `${outcome.action} of ${outcome.fileName}`),
          h('p', { role: result.ok ? 'status' : 'alert', style: notice(!result.ok) }, resultText(result)),
          result.problems.length > 0 ? h(ProblemTable, { result }) : null,
          result.deleted.length > 0
            ? h(
                'ul',
                { 'data-baobab-deleted': true, style: hint },
                ...result.deleted.map((version) => h('li', { key: `${version.type}/${version.slug}/${version.locale}` }, `${result.dryRun ? 'Would delete' : 'Deleted'}: ${version.type} ${version.slug} (${version.locale})`)),
              )
            : null,
        )
      : null,
  );
}

// ---- The page ----------------------------------------------------------------------------

export default function TransferPage() {
  const sites = useSites();
  const permissions = useAuth('BaobabTransfer', (auth) => auth.permissions);
  const may = (action: 'read' | 'update') => permissions.some((permission) => permission.action === `plugin::content-manager.explorer.${action}` && permission.subject === ARTICLE);
  return h(
    'main',
    { 'data-baobab-transfer': true, style: { padding: '40px 56px', display: 'flex', flexDirection: 'column', gap: 24 } },
    h('h1', { style: { fontSize: 32, fontWeight: 600 } }, 'Import and export'),
    h(
      'p',
      { style: { ...hint, fontSize: 14 } },
      'Take content out as a spreadsheet for translators and reviewers who do not use the CMS, and bring their changes back. The editors’ guide “Import and export” explains each column.',
    ),
    may('read') ? h(ExportCard, { sites }) : h('p', { role: 'alert', style: notice(true) }, 'Your role may not read articles, so it may not export content.'),
    may('update') ? h(ImportCard, { sites }) : h('p', { 'data-baobab-import-forbidden': true, style: notice(true) }, 'Your role may not edit articles, so it may not import content. Ask an administrator if you need to.'),
  );
}
