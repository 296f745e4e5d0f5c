/** Calendar events: one copy per calendar (organizer's and each invited colleague's), kept in step; recurring events expand to instances. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { findGroupByEmail, findUserByEmail, members } from '../../store.js';
import { findResourceByEmail } from '../../directory/model/resources.js';
import { bump, calendars, ensurePrimary } from './calendars.js';
import { expand } from './recurrence.js';

export interface When {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface Attendee {
  email: string;
  responseStatus: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  displayName?: string;
  optional?: boolean;
  organizer?: boolean;
  comment?: string;
}

export interface EventRec extends Doc {
  calendarId: string;
  iCalUID: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary?: string;
  description?: string;
  location?: string;
  start: When;
  end: When;
  recurrence?: string[];
  attendees: Attendee[];
  organizer: string;
  creator: string;
  created: string;
  updated: string;
  sequence: number;
  /** The calendar's change sequence when this copy last changed (sync tokens compare against it). */
  seq: number;
  transparency?: string;
  visibility?: string;
  colorId?: string;
  reminders?: Record<string, unknown>;
  /** Set on an exception (a changed or cancelled instance of a recurring event). */
  recurringEventId?: string;
  originalStartTime?: When;
}

export const events = (t: Tenant, cal: string) => t.collection<EventRec>(`calendar/events/${cal.toLowerCase()}`);

export const startMs = (w: When) => Date.parse(w.dateTime ?? `${w.date}T00:00:00Z`);
export const allDay = (w: When) => !!w.date && !w.dateTime;

/** Calendar's event ids are base32hex (a–v, 0–9), 26 characters when Calendar picks them. */
export const newEventId = (t: Tenant) => t.random.chars(26, '0123456789abcdefghijklmnopqrstuv');

/** Colleagues and rooms named as attendees (groups expanded) who have a calendar in this domain. */
export function localAttendees(t: Tenant, list: Attendee[]): string[] {
  const out = new Set<string>();
  const visit = (e: string, depth: number) => {
    const u = findUserByEmail(t, e);
    if (u) return void (!u.suspended && out.add(u.primaryEmail.toLowerCase()));
    // A booked room (Directory calendar resource) holds the meeting on its own calendar.
    if (findResourceByEmail(t, e)) return void out.add(e);
    const g = depth < 5 ? findGroupByEmail(t, e) : undefined;
    if (g) for (const m of members(t, g.id).values()) visit(m.email.toLowerCase(), depth + 1);
  };
  for (const a of list) visit(a.email.toLowerCase(), 0);
  return [...out];
}

function touch(t: Tenant, e: EventRec): EventRec {
  const cal = calendars(t).get(e.calendarId);
  if (cal) e.seq = bump(t, cal);
  e.updated = t.now().toISOString();
  return events(t, e.calendarId).put(e);
}

export function saveEvent(t: Tenant, e: EventRec): EventRec {
  return touch(t, e);
}

/**
 * Puts the organizer's version on every attendee's primary calendar (same id and iCalUID),
 * keeping each attendee's own response; attendees who were dropped see it cancelled.
 */
export function propagate(t: Tenant, master: EventRec, previous: string[] = []): void {
  const invited = localAttendees(t, master.attendees).filter((a) => a !== master.calendarId);
  for (const who of invited) {
    if (!ensurePrimary(t, who)) continue;
    const mine = events(t, who).get(master.id);
    const copy: EventRec = { ...structuredClone(master), calendarId: who, seq: 0, created: mine?.created ?? master.created };
    touch(t, copy);
  }
  for (const gone of previous.filter((p) => !invited.includes(p))) {
    const old = events(t, gone).get(master.id);
    if (old) touch(t, { ...old, status: 'cancelled' });
  }
}

/** An attendee's answer, recorded on their copy and carried to the organizer's and the other attendees'. */
export function respond(t: Tenant, e: EventRec, who: string, status: Attendee['responseStatus'], comment?: string): void {
  const calendarsOf = [e.organizer, ...localAttendees(t, e.attendees)];
  let copies = calendarsOf.map((c) => events(t, c).get(e.id)).filter((x): x is EventRec => !!x);
  // Answering one instance of a series makes that instance an exception on every copy, as Calendar does.
  if (!copies.length && e.recurringEventId) copies = calendarsOf.map((c) => ({ ...structuredClone(e), calendarId: c }));
  for (const c of copies) {
    const a = c.attendees.find((x) => x.email.toLowerCase() === who);
    if (!a || (a.responseStatus === status && a.comment === comment)) continue;
    a.responseStatus = status;
    if (comment !== undefined) a.comment = comment;
    touch(t, c);
  }
}

/** Cancels the event everywhere it was put: the organizer's delete reaches attendees' calendars. */
export function cancelEverywhere(t: Tenant, e: EventRec): void {
  for (const who of [e.calendarId, ...localAttendees(t, e.attendees)]) {
    const c = events(t, who).get(e.id);
    if (c && c.status !== 'cancelled') touch(t, { ...c, status: 'cancelled' });
  }
}

/** An instance's id: the recurring event's id and the instance's original start in UTC basic format. */
export function instanceId(e: EventRec, at: number): string {
  const iso = new Date(at).toISOString();
  return allDay(e.start) ? `${e.id}_${iso.slice(0, 10).replace(/-/g, '')}` : `${e.id}_${iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`;
}

/** The instances of a recurring event that start before `until`, exceptions (changed or cancelled instances) applied. */
export function instances(t: Tenant, e: EventRec, until: number): EventRec[] {
  if (!e.recurrence?.length) return [e];
  const s = startMs(e.start);
  const length = startMs(e.end) - s;
  const exceptions = new Map(events(t, e.calendarId).filter((x) => x.recurringEventId === e.id).map((x) => [x.id, x]));
  return expand(e.recurrence, s, until).map((at) => {
    const id = instanceId(e, at);
    const ex = exceptions.get(id);
    if (ex) return ex;
    const when = (ms: number): When => (allDay(e.start) ? { date: new Date(ms).toISOString().slice(0, 10) } : { dateTime: new Date(ms).toISOString().replace('.000Z', 'Z'), timeZone: e.start.timeZone });
    const { recurrence: _r, ...rest } = e;
    return { ...rest, id, start: when(at), end: when(at + length), recurringEventId: e.id, originalStartTime: when(at) };
  });
}
