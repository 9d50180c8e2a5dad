// Baobab's scheduling and refused-save admin extension: a "Schedule" list column and edit
// view panel for articles and banners, and a refused save that keeps what was typed.
// app.tsx calls bootstrap(app) once.
import { addScheduleColumn, type ListColumnsArgs } from './list-column.js';
import { KeepTypedValues } from './keep-typed.js';
import { SchedulePanel, type PanelDescription, type PanelProps } from './panel.js';
import { PollResultsPanel } from '../poll-results.js';

/** The part of Strapi's admin app (StrapiApp of @strapi/admin) this extension uses. */
export interface ScheduleAdminApp {
  registerHook(name: 'Admin/CM/pages/ListView/inject-column-in-table', hook: (args: ListColumnsArgs) => ListColumnsArgs): void;
  getPlugin(id: 'content-manager'): {
    apis: { addEditViewSidePanel(panels: Array<(props: PanelProps & { documentId?: string }) => PanelDescription | null>): void };
  };
}

export function bootstrap(app: ScheduleAdminApp): void {
  app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addScheduleColumn);
  app.getPlugin('content-manager').apis.addEditViewSidePanel([KeepTypedValues, SchedulePanel, PollResultsPanel]);
}
