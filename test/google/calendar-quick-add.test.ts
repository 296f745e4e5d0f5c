/** events.quickAdd's text parsing, in the calendar's time zone, against a fixed "now". */
import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from '../../twins/google/calendar/model/quick-add.js';

// Sunday 2026-12-06 10:00 UTC = 05:00 in New York.
const now = Date.parse('2026-12-06T10:00:00Z');
const parse = (s: string, tz = 'America/New_York') => parseQuickAdd(s, now, tz);

describe('quickAdd text', () => {
  it('reads a place after "at", a relative day and a time, in the calendar zone', () => {
    expect(parse('Lunch with Bob at Cafe Luna tomorrow 12pm')).toEqual({
      summary: 'Lunch with Bob',
      location: 'Cafe Luna',
      start: { dateTime: '2026-12-07T12:00:00-05:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-12-07T13:00:00-05:00', timeZone: 'America/New_York' },
    });
  });

  it('a bare start takes the am/pm of the range end; "for N minutes" sets the length', () => {
    expect(parse('Review Dec 10 3-4pm').start.dateTime).toBe('2026-12-10T15:00:00-05:00');
    expect(parse('Standup tomorrow at 9:30am for 15 minutes').end.dateTime).toBe('2026-12-07T09:45:00-05:00');
  });

  it('a weekday is the next one; a past month-day is next year; a date alone is all-day', () => {
    expect(parse('Team sync friday from 9am to 10:30am in Room 4')).toMatchObject({ summary: 'Team sync', location: 'Room 4', start: { dateTime: '2026-12-11T09:00:00-05:00' } });
    expect(parse('Retro on 3 January 2pm').start.dateTime).toBe('2027-01-03T14:00:00-05:00');
    expect(parse('Offsite on 2026-12-10')).toEqual({ summary: 'Offsite', start: { date: '2026-12-10' }, end: { date: '2026-12-11' } });
  });

  it('a time already past today means tomorrow; numbers that are not times stay in the title', () => {
    expect(parse('Breakfast 4am').start.dateTime).toBe('2026-12-07T04:00:00-05:00');
    expect(parse('Sprint 42 kickoff 10am')).toMatchObject({ summary: 'Sprint 42 kickoff', start: { dateTime: '2026-12-06T10:00:00-05:00' } });
  });

  it('without any time, the next full hour for an hour; summer time shifts the offset', () => {
    expect(parse('Call mom')).toEqual({ summary: 'Call mom', start: { dateTime: '2026-12-06T10:00:00Z' }, end: { dateTime: '2026-12-06T11:00:00Z' } });
    expect(parse('Picnic on 2027-07-04 at noon').start.dateTime).toBe('2027-07-04T12:00:00-04:00');
  });
});
