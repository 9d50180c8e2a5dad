// A "Schedule" panel beside the edit view of articles and banners: where the saved document
// stands ("Scheduled for …", "Live", …), its go-live, expiry and featured times, in the
// editor's time zone, named, and a reminder that the fields take that zone and save UTC.
import { createElement as h, type ReactNode } from 'react';
import { atLocal, browserTimeZone, documentFeatured, documentSchedule } from './labels.js';

/** What the content manager gives an edit view side panel. */
export interface PanelProps {
  readonly model: string;
  readonly document?: unknown;
  readonly activeTab?: string | null;
}

export interface PanelDescription {
  readonly title: string;
  readonly content: ReactNode;
}

const WINDOW_MODELS = new Set(['api::article.article', 'api::banner.banner']);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function line(label: string, value: string, field: string): ReactNode {
  return h(
    'p',
    { key: field, 'data-baobab-window': field, style: { margin: '0.4rem 0', fontSize: '1.3rem', lineHeight: 1.4 } },
    h('strong', null, `${label}: `),
    value,
  );
}

export function SchedulePanel({ model, document }: PanelProps): PanelDescription | null {
  if (!WINDOW_MODELS.has(model) || !isRecord(document)) return null;
  const status = documentSchedule(document);
  const featured = model === 'api::article.article' ? documentFeatured(document) : null;
  const zone = browserTimeZone();
  const goLiveAt = typeof document.goLiveAt === 'string' ? document.goLiveAt : null;
  const expireAt = typeof document.expireAt === 'string' ? document.expireAt : null;
  const content = h(
    'div',
    { 'data-baobab-schedule-panel': status.state, style: { width: '100%' } },
    h('p', { 'data-baobab-schedule': status.state, style: { margin: '0 0 0.6rem', fontSize: '1.4rem', fontWeight: 600 } }, status.text),
    line('Goes live', atLocal(goLiveAt) ?? 'as soon as it is published', 'goLiveAt'),
    line('Expires', atLocal(expireAt) ?? 'never', 'expireAt'),
    featured === null ? null : line('Featured', featured, 'featured'),
    h(
      'p',
      { style: { margin: '0.6rem 0 0', fontSize: '1.2rem', opacity: 0.8 } },
      zone === 'UTC'
        ? 'Times are in UTC (your browser does not name its time zone). They are saved in UTC.'
        : `Times are in your time zone, ${zone}, as your browser reports it. The date fields take times in that zone too; they are saved in UTC.`,
    ),
    h('p', { style: { margin: '0.4rem 0 0', fontSize: '1.2rem', opacity: 0.8 } }, 'As saved: save to see a change here.'),
  );
  return { title: 'Schedule', content };
}
