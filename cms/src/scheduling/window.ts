// What an editor is told about a document's windows (go-live, expiry, featured): one label
// per window, with times in a named time zone. Pure, so the admin list, the edit view's
// panel and the unit tests share it. The time zone is the editor's browser's, or UTC when
// the browser does not name one; the datetimes themselves are stored in UTC.

/** A document's windows as stored: ISO 8601 UTC strings, or empty. */
export interface ScheduleWindows {
  readonly goLiveAt?: string | null;
  readonly expireAt?: string | null;
  readonly featuredFrom?: string | null;
  readonly featuredUntil?: string | null;
}

export const scheduleStates = ['draft', 'scheduled', 'live', 'expiring', 'expired'] as const;
export type ScheduleState = (typeof scheduleStates)[number];

export interface ScheduleLabel {
  readonly state: ScheduleState;
  /** What the list and the panel show: "Scheduled for 3 Dec 2026, 09:00 EAT (Africa/Nairobi)". */
  readonly text: string;
}

const FALLBACK_TIME_ZONE = 'UTC';

/**
 * The time zone labels are written in: `candidate` when it is a time zone the runtime knows
 * (an IANA name such as "Africa/Nairobi"), else UTC. Browsers answer "Etc/Unknown" or
 * nothing when they cannot tell.
 */
export function labelTimeZone(candidate: string | null | undefined): string {
  if (!candidate || candidate === 'Etc/Unknown') return FALLBACK_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: candidate }).resolvedOptions().timeZone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

/** The editor's time zone as their browser names it, or UTC. */
export function browserTimeZone(): string {
  return labelTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** A stored datetime as milliseconds, or null when empty or not a date. */
function instant(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

/** `2026-12-03T06:00:00Z` in Africa/Nairobi → "3 Dec 2026, 09:00 EAT (Africa/Nairobi)"; in UTC → "3 Dec 2026, 06:00 UTC". */
export function formatInstant(at: number | Date, timeZone: string): string {
  const zone = labelTimeZone(timeZone);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  const when = `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
  if (zone === 'UTC') return `${when} UTC`;
  return `${when} ${part('timeZoneName')} (${zone})`;
}

/**
 * Where a document stands in its publish window at `now`. A document that is not published
 * is a draft whatever its window says; a published one is scheduled before `goLiveAt`,
 * live until `expireAt` ("expiring" when it has one), expired from then on.
 */
export function scheduleLabel(windows: ScheduleWindows, options: { now: number; timeZone: string; isPublished: boolean }): ScheduleLabel {
  const { now, timeZone, isPublished } = options;
  const goLive = instant(windows.goLiveAt);
  const expire = instant(windows.expireAt);
  const at = (time: number) => formatInstant(time, timeZone);
  if (!isPublished) {
    const text = goLive !== null && goLive > now ? `Not published; goes live ${at(goLive)} once published` : 'Not published';
    return { state: 'draft', text };
  }
  if (expire !== null && expire <= now) return { state: 'expired', text: `Expired ${at(expire)}` };
  if (goLive !== null && goLive > now) {
    return { state: 'scheduled', text: `Scheduled for ${at(goLive)}${expire === null ? '' : `, expires ${at(expire)}`}` };
  }
  if (expire !== null) return { state: 'expiring', text: `Live; expires ${at(expire)}` };
  return { state: 'live', text: 'Live' };
}

/** The featured window at `now`, or null when the document has none. */
export function featuredLabel(windows: ScheduleWindows, options: { now: number; timeZone: string }): string | null {
  const from = instant(windows.featuredFrom);
  const until = instant(windows.featuredUntil);
  const at = (time: number) => formatInstant(time, options.timeZone);
  if (from === null && until === null) return null;
  if (until !== null && until <= options.now) return `Was featured until ${at(until)}`;
  if (from !== null && from > options.now) return `Featured from ${at(from)}${until === null ? '' : ` until ${at(until)}`}`;
  return until === null ? 'Featured' : `Featured until ${at(until)}`;
}
