// The Translations page (left menu): choose a site and one of its languages and see what is
// left to translate — each document the site carries, its title in the source language, its
// type and status, a link to open (or start) the translation, and "Mark as up to date".
import { createElement as h, useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { StatusBadge, type TranslationState } from './translation-badge.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

interface Site {
  readonly code: string;
  readonly name: string;
  readonly locales: string[];
}

interface Row {
  readonly type: string;
  readonly documentId: string;
  readonly title: string;
  readonly locale: string;
  readonly status: TranslationState;
  readonly since: string | null;
  readonly editPath: string;
}

const shows = { todo: 'Left to translate (missing or outdated)', all: 'Every status' } as const;
type Show = keyof typeof shows;

function localeList(value: unknown): string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = [];
    }
  }
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

function parseSites(body: unknown): Site[] {
  const results = isRecord(body) && Array.isArray(body.results) ? body.results : [];
  const byCode = new Map<string, Site>();
  for (const row of results) {
    if (isRecord(row) && typeof row.code === 'string') {
      byCode.set(row.code, { code: row.code, name: typeof row.name === 'string' ? row.name : row.code, locales: localeList(row.locales) });
    }
  }
  return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function parseRows(body: unknown): Row[] {
  const rows = isRecord(body) && isRecord(body.data) && Array.isArray(body.data.rows) ? body.data.rows : [];
  return rows.flatMap((row) =>
    isRecord(row) && typeof row.documentId === 'string' && typeof row.status === 'string'
      ? [
          {
            type: String(row.type),
            documentId: row.documentId,
            title: String(row.title ?? ''),
            locale: String(row.locale),
            status: row.status as TranslationState,
            since: typeof row.since === 'string' ? row.since : null,
            editPath: String(row.editPath),
          },
        ]
      : [],
  );
}

function errorMessage(error: unknown): string {
  const response = isRecord(error) && isRecord(error.response) ? error.response : null;
  const data = response && isRecord(response.data) ? response.data : null;
  return data && isRecord(data.error) && typeof data.error.message === 'string' ? data.error.message : 'The list could not be loaded.';
}

const label = { fontSize: 12, fontWeight: 600, display: 'flex', flexDirection: 'column', gap: 4 } as const;
const select = { padding: '8px', fontSize: 14, borderRadius: 4, border: '1px solid #dcdce4', minWidth: 220 } as const;
const cell = { padding: '10px 12px', borderBottom: '1px solid #eaeaef', fontSize: 14, textAlign: 'left' } as const;

export default function TranslationsPage() {
  const { get, post } = useFetchClient();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [siteCode, setSiteCode] = useState('');
  const [locale, setLocale] = useState('');
  const [show, setShow] = useState<Show>('todo');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    get('/content-manager/collection-types/api::site.site', { params: { page: 1, pageSize: 100, sort: 'name:ASC' } })
      .then(({ data }) => setSites(parseSites(data)))
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, [get]);

  const site = sites?.find((candidate) => candidate.code === siteCode);
  const load = useCallback(() => {
    if (!siteCode || !locale) return;
    setRows(null);
    get('/baobab-translations', { params: { site: siteCode, locale } })
      .then(({ data }) => {
        setRows(parseRows(data));
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(errorMessage(error)));
  }, [get, siteCode, locale]);
  useEffect(() => load(), [load]);

  const mark = (row: Row) =>
    post('/baobab-translations/up-to-date', { type: row.type, documentId: row.documentId, locale: row.locale })
      .then(() => load())
      .catch((error: unknown) => setProblem(errorMessage(error)));

  const shown = (rows ?? []).filter((row) => show === 'all' || row.status === 'missing' || row.status === 'outdated');
  return h(
    'main',
    { 'data-baobab-translations': true, style: { padding: '40px 56px', display: 'flex', flexDirection: 'column', gap: 24 } },
    h('h1', { style: { fontSize: 32, fontWeight: 600 } }, 'Translations'),
    h('p', { style: { fontSize: 14, color: '#666687', maxWidth: 720 } }, 'Choose a site and one of its languages to see what is left to translate: documents the site carries with no version in that language yet, and translations whose source text changed since they were saved.'),
    h(
      'div',
      { style: { display: 'flex', gap: 24, flexWrap: 'wrap', alignItems: 'flex-end' } },
      h(
        'label',
        { style: label },
        'Site',
        h(
          'select',
          {
            name: 'site',
            value: siteCode,
            style: select,
            onChange: (event: { target: { value: string } }) => {
              setSiteCode(event.target.value);
              setLocale('');
              setRows(null);
            },
          },
          h('option', { value: '' }, sites === null ? 'Loading sites…' : 'Choose a site'),
          ...(sites ?? []).map((candidate) => h('option', { key: candidate.code, value: candidate.code }, `${candidate.name} (${candidate.code})`)),
        ),
      ),
      h(
        'label',
        { style: label },
        'Language',
        h(
          'select',
          { name: 'locale', value: locale, style: select, disabled: !site, onChange: (event: { target: { value: string } }) => setLocale(event.target.value) },
          h('option', { value: '' }, site ? 'Choose a language' : 'Choose a site first'),
          ...(site?.locales ?? []).map((code) => h('option', { key: code, value: code }, code)),
        ),
      ),
      h(
        'label',
        { style: label },
        'Show',
        h(
          'select',
          { name: 'show', value: show, style: select, onChange: (event: { target: { value: string } }) => setShow(event.target.value === 'all' ? 'all' : 'todo') },
          ...Object.entries(shows).map(([value, text]) => h('option', { key: value, value }, text)),
        ),
      ),
    ),
    problem ? h('p', { role: 'alert', style: { color: '#d02b20', fontSize: 14 } }, problem) : null,
    siteCode && locale && rows === null && !problem ? h('p', { style: { fontSize: 14 } }, 'Loading…') : null,
    rows !== null && shown.length === 0 ? h('p', { style: { fontSize: 14 } }, `Nothing left to translate into ${locale} for ${siteCode}.`) : null,
    rows !== null && shown.length > 0
      ? h(
          'table',
          { style: { borderCollapse: 'collapse', background: '#fff', borderRadius: 4, width: '100%', maxWidth: 1100 } },
          h('thead', null, h('tr', null, ...['Title (source)', 'Type', 'Status', ''].map((text) => h('th', { key: text, style: { ...cell, fontSize: 12, color: '#666687' } }, text)))),
          h(
            'tbody',
            null,
            ...shown.map((row) =>
              h(
                'tr',
                { key: `${row.type}:${row.documentId}:${row.locale}`, 'data-document-id': row.documentId, 'data-status': row.status },
                h('td', { style: cell }, row.title),
                h('td', { style: cell }, row.type),
                h('td', { style: cell }, h(StatusBadge, { state: row.status, since: row.since })),
                h(
                  'td',
                  { style: { ...cell, display: 'flex', gap: 12, alignItems: 'center' } },
                  h('a', { href: `/admin${row.editPath}`, style: { color: '#4945ff', fontWeight: 600 } }, row.status === 'missing' ? `Translate into ${row.locale}` : `Open ${row.locale}`),
                  row.status === 'outdated'
                    ? h('button', { type: 'button', onClick: () => void mark(row), style: { padding: '4px 10px', border: '1px solid #4945ff', borderRadius: 4, background: '#fff', color: '#4945ff', cursor: 'pointer' } }, 'Mark as up to date')
                    : null,
                ),
              ),
            ),
          ),
        )
      : null,
  );
}
