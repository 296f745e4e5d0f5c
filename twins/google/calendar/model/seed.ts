/** Seeded meetings: events organized by domain users with colleagues invited, put on every attendee's calendar like any API insert. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { ensurePrimary } from './calendars.js';
import { newEventId, propagate, saveEvent, type EventRec } from './events.js';

export interface SeedMeeting {
  organizer: string;
  summary: string;
  daysFromNow: number;
  time?: string;
  minutes?: number;
  allDay?: boolean;
  days?: number;
  attendees?: string[];
  recurrence?: string[];
  location?: string;
}

const DAY = 86_400_000;

export function seedMeetings(t: Tenant, meetings: SeedMeeting[], addr: (e: string) => string): void {
  const today = Math.floor(t.now().getTime() / DAY) * DAY;
  for (const m of meetings) {
    const organizer = addr(m.organizer);
    if (!ensurePrimary(t, organizer)) continue;
    const day = today + m.daysFromNow * DAY;
    const [h, min] = (m.time ?? '09:00').split(':').map(Number);
    const start = day + (h * 60 + min) * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const id = newEventId(t);
    const now = t.now().toISOString();
    const e: EventRec = {
      id,
      calendarId: organizer,
      iCalUID: `${id}@google.com`,
      status: 'confirmed',
      summary: m.summary,
      ...(m.location ? { location: m.location } : {}),
      start: m.allDay ? { date: date(day) } : { dateTime: iso(start), timeZone: 'UTC' },
      end: m.allDay ? { date: date(day + (m.days ?? 1) * DAY) } : { dateTime: iso(start + (m.minutes ?? 30) * 60_000), timeZone: 'UTC' },
      ...(m.recurrence ? { recurrence: m.recurrence } : {}),
      attendees: [organizer, ...(m.attendees ?? []).map(addr)].map((email) => ({ email, responseStatus: email === organizer ? 'accepted' as const : 'needsAction' as const })),
      organizer,
      creator: organizer,
      created: now,
      updated: now,
      sequence: 0,
      seq: 0,
    };
    saveEvent(t, e);
    propagate(t, e);
  }
}
