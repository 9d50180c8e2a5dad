// A "Schedule" column in the content manager's list of every type with a publish window
// (articles, banners): "Scheduled for …", "Live", "Live; expires …", "Expired …" or
// "Not published", and the featured window when there is one, in the editor's time zone. Added through the list view's
// inject-column-in-table hook, as the i18n plugin adds its "Available in" column.
import { createElement as h, type ReactNode } from 'react';
import { documentFeatured, documentSchedule } from './labels.js';

/** The list view's header, as far as this column needs it. */
interface ListHeader {
  readonly name: string;
  readonly [key: string]: unknown;
}

/** What the hook receives and returns: the headers shown, and the list layout (its metadatas name every field of the type). */
export interface ListColumnsArgs {
  readonly displayedHeaders: readonly ListHeader[];
  readonly layout: { readonly metadatas?: Readonly<Record<string, unknown>> } & Record<string, unknown>;
}

export const SCHEDULE_COLUMN = 'baobabSchedule';

function ScheduleCell(row: unknown): ReactNode {
  const { state, text } = documentSchedule(row);
  const featured = documentFeatured(row);
  const shown = featured === null ? text : `${text} · ${featured}`;
  return h('span', { 'data-baobab-schedule': state, title: shown, style: { whiteSpace: 'normal' } }, shown);
}

export function addScheduleColumn({ displayedHeaders, layout }: ListColumnsArgs): ListColumnsArgs {
  const fields = layout.metadatas ?? {};
  if (!('goLiveAt' in fields) || displayedHeaders.some((header) => header.name === SCHEDULE_COLUMN)) return { displayedHeaders, layout };
  const column: ListHeader = {
    attribute: { type: 'string' },
    label: { id: 'baobab.schedule.column', defaultMessage: 'Schedule' },
    searchable: false,
    sortable: false,
    name: SCHEDULE_COLUMN,
    cellFormatter: (row: unknown) => ScheduleCell(row),
  };
  return { displayedHeaders: [...displayedHeaders, column], layout };
}
