/** Calendar's Event, Calendar, CalendarListEntry and AclRule resources as one caller sees them. */
import { etag, findUserByEmail } from '../../store.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import type { AclRec, CalendarRec, ListEntryRec, Role } from '../model/calendars.js';
import type { EventRec } from '../model/events.js';

const display = (t: Tenant, email: string) => {
  const u = findUserByEmail(t, email);
  return u ? `${u.name.givenName} ${u.name.familyName}` : undefined;
};

/** Calendar's etags are quoted microsecond counters; the update time serves. */
const eventEtag = (e: EventRec) => `"${Date.parse(e.updated) * 1000 + (e.seq % 1000)}"`;

export function presentEvent(t: Tenant, e: EventRec, me: string | undefined): Record<string, unknown> {
  const self = (email: string) => (me && email.toLowerCase() === me.toLowerCase() ? { self: true } : {});
  const person = (email: string) => ({ email, ...(display(t, email) ? { displayName: display(t, email) } : {}), ...self(email) });
  if (e.status === 'cancelled') {
    // Deleted events keep only their identity (showDeleted, incremental sync).
    return { kind: 'calendar#event', etag: eventEtag(e), id: e.id, status: 'cancelled', ...(e.recurringEventId ? { recurringEventId: e.recurringEventId, originalStartTime: e.originalStartTime } : {}) };
  }
  return {
    kind: 'calendar#event',
    etag: eventEtag(e),
    id: e.id,
    status: e.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${e.id} ${e.calendarId}`).toString('base64url')}`,
    created: e.created,
    updated: e.updated,
    ...(e.summary !== undefined ? { summary: e.summary } : {}),
    ...(e.description !== undefined ? { description: e.description } : {}),
    ...(e.location !== undefined ? { location: e.location } : {}),
    ...(e.colorId ? { colorId: e.colorId } : {}),
    creator: person(e.creator),
    organizer: person(e.organizer),
    start: e.start,
    end: e.end,
    ...(e.recurrence ? { recurrence: e.recurrence } : {}),
    ...(e.recurringEventId ? { recurringEventId: e.recurringEventId, originalStartTime: e.originalStartTime } : {}),
    ...(e.transparency ? { transparency: e.transparency } : {}),
    ...(e.visibility ? { visibility: e.visibility } : {}),
    iCalUID: e.iCalUID,
    sequence: e.sequence,
    ...(e.attendees.length
      ? { attendees: e.attendees.map((a) => ({ ...a, ...(display(t, a.email) && !a.displayName ? { displayName: display(t, a.email) } : {}), ...self(a.email), ...(a.email.toLowerCase() === e.organizer ? { organizer: true } : {}) })) }
      : {}),
    reminders: e.reminders ?? { useDefault: true },
    eventType: 'default',
  };
}

export function presentCalendar(c: CalendarRec): Record<string, unknown> {
  const out = { kind: 'calendar#calendar', id: c.id, summary: c.summary, ...(c.description ? { description: c.description } : {}), ...(c.location ? { location: c.location } : {}), timeZone: c.timeZone, ...(c.id !== c.owner ? { dataOwner: c.owner } : {}), conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] } };
  return { ...out, etag: `"${etag(out)}"` };
}

/** Calendar's event color palette ids 1–24 for calendars. */
export const CALENDAR_COLORS: Record<string, { background: string; foreground: string }> = Object.fromEntries(
  ['#ac725e', '#d06b64', '#f83a22', '#fa573c', '#ff7537', '#ffad46', '#42d692', '#16a765', '#7bd148', '#b3dc6c', '#fbe983', '#fad165', '#92e1c0', '#9fe1e7', '#9fc6e7', '#4986e7', '#9a9cff', '#b99aff', '#c2c2c2', '#cabdbf', '#cca6ac', '#f691b2', '#cd74e6', '#a47ae2']
    .map((bg, i) => [String(i + 1), { background: bg, foreground: '#000000' }]),
);
export const EVENT_COLORS: Record<string, { background: string; foreground: string }> = Object.fromEntries(
  ['#a4bdfc', '#7ae7bf', '#dbadff', '#ff887c', '#fbd75b', '#ffb878', '#46d6db', '#e1e1e1', '#5484ed', '#51b749', '#dc2127'].map((bg, i) => [String(i + 1), { background: bg, foreground: '#1d1d1d' }]),
);

export function presentListEntry(c: CalendarRec, l: ListEntryRec, role: Role, primary: boolean): Record<string, unknown> {
  const color = CALENDAR_COLORS[l.colorId] ?? CALENDAR_COLORS['14'];
  const out = {
    kind: 'calendar#calendarListEntry',
    id: c.id,
    summary: c.summary,
    ...(l.summaryOverride ? { summaryOverride: l.summaryOverride } : {}),
    ...(c.description ? { description: c.description } : {}),
    timeZone: c.timeZone,
    colorId: l.colorId,
    backgroundColor: l.backgroundColor ?? color.background,
    foregroundColor: l.foregroundColor ?? color.foreground,
    ...(l.hidden ? { hidden: true } : {}),
    selected: l.selected,
    accessRole: role,
    defaultReminders: l.defaultReminders,
    ...(primary ? { primary: true, notificationSettings: { notifications: [{ type: 'eventCreation', method: 'email' }, { type: 'eventChange', method: 'email' }, { type: 'eventCancellation', method: 'email' }, { type: 'eventResponse', method: 'email' }] } } : {}),
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
  return { ...out, etag: `"${etag(out)}"` };
}

export function presentAcl(r: AclRec): Record<string, unknown> {
  const out = { kind: 'calendar#aclRule', id: r.id, scope: r.scope, role: r.role };
  return { ...out, etag: `"${etag(out)}"` };
}
