// A "Results" panel beside a poll's edit view: the votes per choice on each site that
// carries it (a vote counts on the site it was cast on), and the results as a CSV file.
// Reads the polls plugin's admin route, GET /polls/results/:documentId (JSON, or CSV with
// ?format=csv), with the editor's own admin session.
import { createElement as h, useEffect, useState, type ReactNode } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { isRecord } from './field-values.js';
import type { PanelDescription, PanelProps } from './schedule/panel.js';

const POLL_MODEL = 'plugin::polls.poll';

interface SiteResults {
  readonly site: string;
  readonly name: string;
  readonly totalVotes: number;
  readonly choices: ReadonlyArray<{ readonly id: string; readonly label: string; readonly votes: number; readonly percent: number | null }>;
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** The route's JSON as the panel shows it; anything malformed is left out. */
export function parseResults(body: unknown): SiteResults[] {
  if (!isRecord(body) || !Array.isArray(body.sites)) return [];
  return body.sites.filter(isRecord).map((site) => ({
    site: text(site.site),
    name: text(site.name, text(site.site)),
    totalVotes: count(site.totalVotes),
    choices: (Array.isArray(site.choices) ? site.choices : []).filter(isRecord).map((choice) => ({
      id: text(choice.id),
      label: text(choice.label, text(choice.id)),
      votes: count(choice.votes),
      percent: typeof choice.percent === 'number' ? choice.percent : null,
    })),
  }));
}

function siteTable(site: SiteResults): ReactNode {
  const cell = { padding: '0.2rem 0.4rem', fontSize: '1.3rem', textAlign: 'start' as const };
  return h(
    'div',
    { key: site.site, 'data-baobab-poll-site': site.site, style: { margin: '0 0 0.8rem' } },
    h('p', { style: { margin: '0 0 0.3rem', fontSize: '1.4rem', fontWeight: 600 } }, `${site.name}: ${site.totalVotes} ${site.totalVotes === 1 ? 'vote' : 'votes'}`),
    h(
      'table',
      { style: { borderCollapse: 'collapse', width: '100%' } },
      h('tbody', null, ...site.choices.map((choice) =>
        h('tr', { key: choice.id, 'data-baobab-poll-choice': choice.id },
          h('td', { style: cell }, choice.label),
          h('td', { style: { ...cell, textAlign: 'end' } }, String(choice.votes)),
          h('td', { style: { ...cell, textAlign: 'end' } }, choice.percent === null ? '–' : `${choice.percent}%`),
        ),
      )),
    ),
  );
}

function PollResults({ documentId, slug }: { documentId: string; slug: string | null }) {
  const { get } = useFetchClient();
  const [sites, setSites] = useState<SiteResults[] | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let isCurrent = true;
    const path = `/polls/results/${encodeURIComponent(documentId)}`;
    Promise.all([get(path), get(path, { params: { format: 'csv' }, responseType: 'text' })])
      .then(([json, file]: Array<{ data: unknown }>) => {
        if (!isCurrent) return;
        setSites(parseResults(json?.data));
        setCsv(typeof file?.data === 'string' ? file.data : null);
      })
      .catch(() => isCurrent && setFailed(true));
    return () => {
      isCurrent = false;
    };
  }, [get, documentId]);

  if (failed) return h('p', { style: { fontSize: '1.3rem' } }, 'The results could not be loaded; reload the page to try again.');
  if (sites === null) return h('p', { style: { fontSize: '1.3rem' } }, 'Loading results…');
  return h(
    'div',
    { 'data-baobab-poll-results': 'true', style: { width: '100%' } },
    sites.length === 0 ? h('p', { style: { fontSize: '1.3rem' } }, 'No votes yet.') : null,
    ...sites.map(siteTable),
    // Nothing to download before the first vote; the file is named by the poll's slug, as editors know it.
    csv === null || sites.length === 0
      ? null
      : h('a', { href: `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`, download: `poll-${slug ?? documentId}-results.csv`, 'data-baobab-poll-csv': 'true', style: { fontSize: '1.3rem' } }, 'Download results (CSV)'),
  );
}

/** The saved poll's slug when it is one (it names the CSV file), else null. */
function slugOf(document: unknown): string | null {
  const slug = typeof document === 'object' && document !== null && 'slug' in document ? document.slug : null;
  return typeof slug === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= 100 ? slug : null;
}

export function PollResultsPanel({ model, documentId, document }: PanelProps & { documentId?: string }): PanelDescription | null {
  if (model !== POLL_MODEL || !documentId) return null;
  return { title: 'Results', content: h(PollResults, { documentId, slug: slugOf(document) }) };
}
