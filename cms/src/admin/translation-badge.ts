// The "Translation" panel of an edit view: is this locale version up to date with the source,
// outdated since when, missing, or the source itself; "Mark as up to date" after a minor
// source edit; and the languages of the sites that carry the document.
import { createElement as h, useCallback, useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';

export const translatedModels = ['api::article.article', 'api::page.page', 'api::banner.banner', 'api::section.section'];
const kindOf = (model: string) => model.split('.').pop() ?? '';

export type TranslationState = 'missing' | 'up-to-date' | 'outdated' | 'source';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A date as editors read it: "2 Dec 2026, 14:05". */
export function readableDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The status in plain words. */
export function statusText(state: TranslationState, since?: string | null): string {
  switch (state) {
    case 'source':
      return 'this is the source';
    case 'up-to-date':
      return 'up to date';
    case 'outdated':
      return since ? `outdated since ${readableDate(since)}` : 'outdated';
    default:
      return 'not translated yet';
  }
}

export const statusColours: Record<TranslationState, { background: string; color: string }> = {
  source: { background: '#eaf5ff', color: '#0c75af' },
  'up-to-date': { background: '#eafbe7', color: '#2f6846' },
  outdated: { background: '#fdf4dc', color: '#be5d01' },
  missing: { background: '#fcecea', color: '#b72b1a' },
};

export function StatusBadge({ state, since }: { state: TranslationState; since?: string | null }) {
  return h(
    'span',
    { 'data-translation-status': state, style: { ...statusColours[state], borderRadius: 4, padding: '2px 8px', fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap' } },
    statusText(state, since),
  );
}

interface DocumentStatus {
  readonly status: TranslationState;
  readonly since: string | null;
  readonly sourceLocale: string;
  readonly sites: ReadonlyArray<{ code: string; locales: string[] }>;
}

function parseStatus(body: unknown): DocumentStatus | null {
  const data = isRecord(body) && isRecord(body.data) ? body.data : null;
  if (!data || typeof data.status !== 'string' || typeof data.sourceLocale !== 'string') return null;
  const sites = Array.isArray(data.sites)
    ? data.sites.flatMap((site) => (isRecord(site) && typeof site.code === 'string' && Array.isArray(site.locales) ? [{ code: site.code, locales: site.locales.map(String) }] : []))
    : [];
  return { status: data.status as TranslationState, since: typeof data.since === 'string' ? data.since : null, sourceLocale: data.sourceLocale, sites };
}

/** Refused requests carry Strapi's `{ error: { message } }`; the editor reads that message. */
function errorMessage(error: unknown): string {
  const response = isRecord(error) && isRecord(error.response) ? error.response : null;
  const data = response && isRecord(response.data) ? response.data : null;
  const detail = data && isRecord(data.error) && typeof data.error.message === 'string' ? data.error.message : null;
  return detail ?? 'The translation status could not be loaded.';
}

export function TranslationBadge({ model, documentId, locale, version }: { model: string; documentId: string; locale: string | null; version: string }) {
  const { get, post } = useFetchClient();
  const [status, setStatus] = useState<DocumentStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isMarking, setIsMarking] = useState(false);
  const load = useCallback(
    () =>
      get('/baobab-translations/document', { params: { type: kindOf(model), documentId, ...(locale ? { locale } : {}) } })
        .then(({ data }) => {
          setStatus(parseStatus(data));
          setProblem(null);
        })
        .catch((error: unknown) => setProblem(errorMessage(error))),
    [get, model, documentId, locale],
  );
  useEffect(() => {
    void load();
  }, [load, version]);
  const mark = () => {
    setIsMarking(true);
    post('/baobab-translations/up-to-date', { type: kindOf(model), documentId, locale })
      .then(() => load())
      .catch((error: unknown) => setProblem(errorMessage(error)))
      .finally(() => setIsMarking(false));
  };
  if (problem) return h('p', { role: 'alert', style: { fontSize: 12, color: '#d02b20' } }, problem);
  if (!status) return h('p', { style: { fontSize: 12 } }, 'Loading…');
  return h(
    'div',
    { 'data-baobab-translation-badge': status.status, style: { display: 'flex', flexDirection: 'column', gap: 8, fontSize: 12, width: '100%' } },
    h('p', { style: { display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' } }, 'Translation:', h(StatusBadge, { state: status.status, since: status.since })),
    status.status === 'outdated'
      ? h('p', null, `The ${status.sourceLocale} source text changed after this translation was saved. Update the text, or mark it up to date if the change does not need translating.`)
      : null,
    status.status === 'outdated'
      ? h(
          'button',
          { type: 'button', onClick: mark, disabled: isMarking, style: { padding: '6px 12px', border: '1px solid #4945ff', borderRadius: 4, background: '#fff', color: '#4945ff', fontWeight: 600, cursor: 'pointer' } },
          'Mark as up to date',
        )
      : null,
    h(
      'p',
      { style: { color: '#666687' } },
      status.sites.length === 0
        ? 'No site carries this yet: choose its sites to translate it.'
        : `Languages of the sites that carry it: ${status.sites.map((site) => `${site.code} (${site.locales.join(', ')})`).join('; ')}.`,
    ),
  );
}
