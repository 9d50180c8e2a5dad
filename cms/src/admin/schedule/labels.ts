// The window labels as the admin shows them, for a document as the content manager holds it
// (a list row, or the edit view's document): its windows, and whether it is published.
import { browserTimeZone, featuredLabel, formatInstant, scheduleLabel, type ScheduleLabel, type ScheduleWindows } from '../../scheduling/window.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The windows a document holds, read field by field. */
export function windowsOf(document: unknown): ScheduleWindows {
  if (!isRecord(document)) return {};
  return { goLiveAt: text(document.goLiveAt), expireAt: text(document.expireAt), featuredFrom: text(document.featuredFrom), featuredUntil: text(document.featuredUntil) };
}

/** Strapi's status of a document with draft and publish: "published" or "modified" once it has a published version. */
export function isPublished(document: unknown): boolean {
  if (!isRecord(document)) return false;
  return document.status === 'published' || document.status === 'modified' || (document.status === undefined && typeof document.publishedAt === 'string');
}

/** Whether a content type has a publish window (articles and banners). */
export const hasWindows = (attributes: unknown): boolean => isRecord(attributes) && 'goLiveAt' in attributes;

export function documentSchedule(document: unknown, now = Date.now()): ScheduleLabel {
  return scheduleLabel(windowsOf(document), { now, timeZone: browserTimeZone(), isPublished: isPublished(document) });
}

export function documentFeatured(document: unknown, now = Date.now()): string | null {
  return featuredLabel(windowsOf(document), { now, timeZone: browserTimeZone() });
}

/** A stored datetime as the editor reads it, or null when empty. */
export function atLocal(value: string | null | undefined): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : formatInstant(at, browserTimeZone());
}

export { browserTimeZone };
