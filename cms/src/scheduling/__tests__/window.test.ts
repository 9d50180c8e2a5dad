import { featuredLabel, formatInstant, labelTimeZone, scheduleLabel } from '../window';

const now = Date.parse('2026-12-02T06:00:00Z');
const nairobi = { now, timeZone: 'Africa/Nairobi', isPublished: true };

describe('formatInstant', () => {
  it('writes a time in the named time zone, with its abbreviation and its name', () => {
    expect(formatInstant(Date.parse('2026-12-03T06:00:00Z'), 'Africa/Nairobi')).toMatch(/^3 Dec 2026, 09:00 (EAT|GMT\+3) \(Africa\/Nairobi\)$/);
    expect(formatInstant(Date.parse('2026-07-01T12:30:00Z'), 'Africa/Johannesburg')).toMatch(/^1 Jul 2026, 14:30 (SAST|GMT\+2) \(Africa\/Johannesburg\)$/);
  });

  it('writes UTC when the time zone is UTC, unknown or not a time zone', () => {
    const at = Date.parse('2026-12-03T06:00:00Z');
    expect(formatInstant(at, 'UTC')).toBe('3 Dec 2026, 06:00 UTC');
    expect(formatInstant(at, 'Etc/Unknown')).toBe('3 Dec 2026, 06:00 UTC');
    expect(formatInstant(at, 'Mars/Olympus_Mons')).toBe('3 Dec 2026, 06:00 UTC');
  });
});

describe('labelTimeZone', () => {
  it('keeps a time zone the runtime knows and falls back to UTC otherwise', () => {
    expect(labelTimeZone('Africa/Lagos')).toBe('Africa/Lagos');
    expect(labelTimeZone(undefined)).toBe('UTC');
    expect(labelTimeZone('')).toBe('UTC');
    expect(labelTimeZone('Etc/Unknown')).toBe('UTC');
    expect(labelTimeZone('not a zone')).toBe('UTC');
  });
});

describe('scheduleLabel', () => {
  it('says "Scheduled for" with the time zone when a published document goes live later', () => {
    expect(scheduleLabel({ goLiveAt: '2026-12-03T06:00:00.000Z' }, nairobi)).toEqual({
      state: 'scheduled',
      text: expect.stringMatching(/^Scheduled for 3 Dec 2026, 09:00 \S+ \(Africa\/Nairobi\)$/),
    });
    expect(scheduleLabel({ goLiveAt: '2026-12-03T06:00:00.000Z', expireAt: '2026-12-10T06:00:00.000Z' }, { ...nairobi, timeZone: 'UTC' }).text).toBe(
      'Scheduled for 3 Dec 2026, 06:00 UTC, expires 10 Dec 2026, 06:00 UTC',
    );
  });

  it('says "Live" once the go-live time has passed, and when it expires if it does', () => {
    expect(scheduleLabel({ goLiveAt: '2026-12-01T06:00:00.000Z' }, nairobi)).toEqual({ state: 'live', text: 'Live' });
    expect(scheduleLabel({}, nairobi)).toEqual({ state: 'live', text: 'Live' });
    expect(scheduleLabel({ goLiveAt: null, expireAt: '2026-12-02T07:00:00.000Z' }, { ...nairobi, timeZone: 'UTC' })).toEqual({
      state: 'expiring',
      text: 'Live; expires 2 Dec 2026, 07:00 UTC',
    });
  });

  it('says "Expired" from the expiry time on, even when go-live is later', () => {
    expect(scheduleLabel({ expireAt: '2026-12-02T06:00:00.000Z' }, { ...nairobi, timeZone: 'UTC' })).toEqual({ state: 'expired', text: 'Expired 2 Dec 2026, 06:00 UTC' });
    expect(scheduleLabel({ goLiveAt: '2026-12-05T00:00:00.000Z', expireAt: '2026-12-01T00:00:00.000Z' }, nairobi).state).toBe('expired');
  });

  it('never calls a document that is not published scheduled or live', () => {
    expect(scheduleLabel({ goLiveAt: '2026-12-03T06:00:00.000Z' }, { ...nairobi, isPublished: false, timeZone: 'UTC' })).toEqual({
      state: 'draft',
      text: 'Not published; goes live 3 Dec 2026, 06:00 UTC once published',
    });
    expect(scheduleLabel({}, { ...nairobi, isPublished: false })).toEqual({ state: 'draft', text: 'Not published' });
  });

  it('ignores a window value that is not a date', () => {
    expect(scheduleLabel({ goLiveAt: 'soon' }, nairobi)).toEqual({ state: 'live', text: 'Live' });
  });
});

describe('featuredLabel', () => {
  const utc = { now, timeZone: 'UTC' };
  it('describes the featured window before, during and after it', () => {
    expect(featuredLabel({}, utc)).toBeNull();
    expect(featuredLabel({ featuredFrom: '2026-12-04T00:00:00Z', featuredUntil: '2026-12-05T00:00:00Z' }, utc)).toBe('Featured from 4 Dec 2026, 00:00 UTC until 5 Dec 2026, 00:00 UTC');
    expect(featuredLabel({ featuredFrom: '2026-12-01T00:00:00Z', featuredUntil: '2026-12-05T00:00:00Z' }, utc)).toBe('Featured until 5 Dec 2026, 00:00 UTC');
    expect(featuredLabel({ featuredFrom: '2026-12-01T00:00:00Z' }, utc)).toBe('Featured');
    expect(featuredLabel({ featuredUntil: '2026-12-01T00:00:00Z' }, utc)).toBe('Was featured until 1 Dec 2026, 00:00 UTC');
  });
});
