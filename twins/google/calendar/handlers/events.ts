/** Calendar v3 events: list (time window, single events, search, incremental sync), get, insert, update/patch, delete, instances, move, quickAdd (text parsed), import. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { decodePageToken, encodePageToken, intParam, jsonObject } from '../../request.js';
import { RANK, calendars, type CalendarRec } from '../model/calendars.js';
import { RecurrenceError } from '../model/recurrence.js';
import { allDay, cancelEverywhere, events, instances, localAttendees, newEventId, propagate, respond, saveEvent, startMs, type Attendee, type EventRec, type When } from '../model/events.js';
import { presentEvent } from '../present/calendar.js';
import { parseQuickAdd } from '../model/quick-add.js';
import { mailGuests } from '../model/invitations.js';
import { loadCalendar } from './common.js';

const YEAR = 365 * 86_400_000;
/** Without timeMax, recurring events are expanded two years past now or past their first start, whichever is later. */
const horizon = (ctx: OpContext, e: EventRec, max?: number) => max ?? Math.max(ctx.tenant.now().getTime(), startMs(e.start)) + 2 * YEAR;
const bad = (message: string) => googleError('calendar', { code: 400, message, reason: 'invalid' });

function time(v: unknown, name: string): number | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = Date.parse(String(v));
  if (!Number.isFinite(ms) || !/[Zz]|[+-]\d\d:?\d\d$/.test(String(v))) throw googleError('calendar', { code: 400, message: 'Bad Request', reason: 'badRequest', location: name });
  return ms;
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RecurrenceError) throw bad(`Invalid recurrence rule: ${e.message}`);
    throw e;
  }
}

const endMs = (e: EventRec) => startMs(e.end);
const overlaps = (e: EventRec, min?: number, max?: number) => (min === undefined || endMs(e) > min) && (max === undefined || startMs(e.start) < max);

function text(e: EventRec): string {
  return [e.summary, e.description, e.location, ...e.attendees.map((a) => `${a.email} ${a.displayName ?? ''}`)].join(' ').toLowerCase();
}

interface SyncToken {
  c: string;
  s: number;
}

const encodeSync = (cal: CalendarRec) => Buffer.from(JSON.stringify({ c: cal.id, s: cal.seq })).toString('base64url');
function decodeSync(v: string, cal: CalendarRec): SyncToken {
  try {
    const tok = JSON.parse(Buffer.from(v, 'base64url').toString()) as SyncToken;
    if (tok.c === cal.id && Number.isInteger(tok.s) && tok.s >= cal.floor && tok.s <= cal.seq) return tok;
  } catch {
    // an unreadable token is as stale as an old one
  }
  throw E.fullSyncRequired();
}

function list(ctx: OpContext): Reply {
  const { cal, role, who } = loadCalendar(ctx, 'freeBusyReader');
  const q = ctx.query;
  const sync = typeof q.syncToken === 'string' ? decodeSync(q.syncToken, cal) : undefined;
  if (sync && (q.timeMin || q.timeMax || q.q || q.orderBy || q.updatedMin || q.iCalUID)) throw bad('Sync token cannot be used with other request parameters.');
  const single = q.singleEvents === true;
  if (q.orderBy === 'startTime' && !single) throw bad('The requested ordering is not available for the particular query.');
  const min = time(q.timeMin, 'timeMin');
  const max = time(q.timeMax, 'timeMax');
  const updatedMin = time(q.updatedMin, 'updatedMin');
  const showDeleted = q.showDeleted === true || !!sync;
  let all = events(ctx.tenant, cal.id).values();
  if (sync) all = all.filter((e) => e.seq > sync.s);
  if (single) all = all.filter((e) => !e.recurringEventId).flatMap((e) => (e.status === 'cancelled' ? [e] : guard(() => instances(ctx.tenant, e, horizon(ctx, e, max)))));
  all = all.filter((e) => showDeleted || e.status !== 'cancelled');
  if (!sync) all = all.filter((e) => e.status === 'cancelled' || (e.recurrence && !single ? guard(() => instances(ctx.tenant, e, horizon(ctx, e, max))).some((i) => overlaps(i, min, max)) : overlaps(e, min, max)));
  if (updatedMin !== undefined) all = all.filter((e) => Date.parse(e.updated) >= updatedMin);
  if (typeof q.q === 'string' && q.q) {
    const words = q.q.toLowerCase().split(/\s+/);
    all = all.filter((e) => words.every((w) => text(e).includes(w)));
  }
  if (typeof q.iCalUID === 'string') all = all.filter((e) => e.iCalUID === q.iCalUID);
  all.sort(q.orderBy === 'updated' ? (a, b) => a.updated.localeCompare(b.updated) : (a, b) => (e2s(a) - e2s(b)) || a.id.localeCompare(b.id));
  const size = intParam(ctx, 'calendar', 'maxResults', 250, 1, 2500);
  const key = { min: q.timeMin, max: q.timeMax, single, q: q.q, sync: q.syncToken, showDeleted };
  const offset = decodePageToken(q.pageToken, key, 'calendar');
  const page = all.slice(offset, offset + size);
  const more = offset + size < all.length;
  // A free/busy-only reader sees times, not details.
  const items = page.map((e) => (RANK[role] < RANK.reader ? { kind: 'calendar#event', id: e.id, status: e.status, start: e.start, end: e.end } : presentEvent(ctx.tenant, e, who)));
  return {
    body: {
      kind: 'calendar#events',
      etag: `"${cal.seq}"`,
      summary: cal.summary,
      updated: new Date(Math.max(0, ...all.map((e) => Date.parse(e.updated)))).toISOString(),
      timeZone: cal.timeZone,
      accessRole: role,
      defaultReminders: [],
      ...(more ? { nextPageToken: encodePageToken(offset + size, key) } : { nextSyncToken: encodeSync(calendars(ctx.tenant).get(cal.id)!) }),
      items,
    },
  };
}

const e2s = (e: EventRec) => (e.status === 'cancelled' && !e.start ? 0 : startMs(e.start));

/** An event id or an instance id (`<id>_<start>`), which reads the instance of a recurring event. */
function findEvent(ctx: OpContext, calId: string, id: string): EventRec | undefined {
  const direct = events(ctx.tenant, calId).get(id);
  if (direct) return direct;
  const m = /^(.+)_(\d{8}(T\d{6}Z)?)$/.exec(id);
  const master = m ? events(ctx.tenant, calId).get(m[1]) : undefined;
  if (!master?.recurrence) return undefined;
  const s = startMs(master.start);
  return guard(() => instances(ctx.tenant, master, Math.max(s, Date.parse(`${m![2].slice(0, 4)}-${m![2].slice(4, 6)}-${m![2].slice(6, 8)}T23:59:59Z`)) + 1)).find((x) => x.id === id);
}

function load(ctx: OpContext, calId: string): EventRec {
  const e = findEvent(ctx, calId, ctx.params.eventId);
  if (!e) throw E.calendarNotFound();
  return e;
}

function when(v: unknown, name: string): When {
  const w = (v ?? {}) as When;
  if (!w.date && !w.dateTime) throw bad(name === 'end' ? 'Missing end time.' : 'Missing start time.');
  if (w.dateTime && !Number.isFinite(Date.parse(w.dateTime))) throw bad(`Invalid ${name} time.`);
  return { ...(w.date ? { date: w.date } : {}), ...(w.dateTime ? { dateTime: w.dateTime } : {}), ...(w.timeZone ? { timeZone: w.timeZone } : {}) };
}

function attendeesOf(v: unknown, organizer: string, prev: Attendee[] = []): Attendee[] {
  if (!Array.isArray(v)) return prev;
  return v.map((a: Record<string, unknown>) => {
    const email = String(a.email ?? '').toLowerCase();
    if (!email.includes('@')) throw bad('Invalid attendee email.');
    const old = prev.find((p) => p.email === email);
    return {
      email,
      responseStatus: (a.responseStatus as Attendee['responseStatus']) ?? old?.responseStatus ?? (email === organizer ? 'accepted' : 'needsAction'),
      ...(a.displayName ? { displayName: String(a.displayName) } : {}),
      ...(a.optional === true ? { optional: true } : {}),
      ...(a.comment ? { comment: String(a.comment) } : {}),
    };
  });
}

const FIELDS = ['summary', 'description', 'location', 'transparency', 'visibility', 'colorId', 'reminders'] as const;

function build(ctx: OpContext, cal: CalendarRec, who: string, body: Record<string, unknown>, base?: EventRec): EventRec {
  const now = ctx.tenant.now().toISOString();
  const start = body.start !== undefined || !base ? when(body.start, 'start') : base.start;
  const end = body.end !== undefined || !base ? when(body.end, 'end') : base.end;
  if (allDay(start) !== allDay(end)) throw bad('Invalid start and end: both must be dates or both date-times.');
  if (startMs(end) < startMs(start)) throw googleError('calendar', { code: 400, message: 'The specified time range is empty.', reason: 'timeRangeEmpty', location: 'timeMax', locationType: 'parameter' });
  const e: EventRec = base
    ? structuredClone(base)
    : { id: '', calendarId: cal.id, iCalUID: '', status: 'confirmed', start, end, attendees: [], organizer: cal.owner, creator: who, created: now, updated: now, sequence: 0, seq: 0 };
  for (const k of FIELDS) if (body[k] !== undefined) (e as Record<string, unknown>)[k] = body[k];
  if (body.recurrence !== undefined) e.recurrence = Array.isArray(body.recurrence) && body.recurrence.length ? body.recurrence.map(String) : undefined;
  if (base && (startMs(start) !== startMs(base.start) || startMs(end) !== startMs(base.end))) e.sequence += 1;
  e.start = start;
  e.end = end;
  e.attendees = attendeesOf(body.attendees, e.organizer, base?.attendees);
  if (body.status === 'tentative' || body.status === 'confirmed') e.status = body.status;
  if (e.recurrence) guard(() => instances(ctx.tenant, e, startMs(e.start) + 1));
  return e;
}

/**
 * Whether guests are mailed: `sendUpdates=all`, or the deprecated `sendNotifications=true` when sendUpdates is
 * absent. `externalOnly` mails only guests outside the organization, which the twin delivers nowhere; `none`
 * and the default send nothing (events.insert reference).
 */
function notifyGuests(ctx: OpContext): boolean {
  const s = ctx.query.sendUpdates;
  if (s !== undefined) return s === 'all';
  return ctx.query.sendNotifications === true || ctx.query.sendNotifications === 'true';
}

function insert(ctx: OpContext): Reply {
  const { cal, who } = loadCalendar(ctx, 'writer');
  const body = jsonObject(ctx, 'calendar');
  const e = build(ctx, cal, who, body);
  const id = typeof body.id === 'string' ? body.id : newEventId(ctx.tenant);
  if (!/^[a-v0-9]{5,1024}$/.test(id)) throw bad('Invalid resource id value.');
  if (events(ctx.tenant, cal.id).has(id)) throw googleError('calendar', { code: 409, message: 'The requested identifier already exists.', reason: 'duplicate' });
  e.id = id;
  e.iCalUID = typeof body.iCalUID === 'string' && ctx.op.id.endsWith('import') ? body.iCalUID : `${id}@google.com`;
  saveEvent(ctx.tenant, e);
  if (!ctx.op.id.endsWith('import')) propagate(ctx.tenant, e);
  if (!ctx.op.id.endsWith('import') && notifyGuests(ctx)) mailGuests(ctx.tenant, e, 'Invitation', localAttendees(ctx.tenant, e.attendees));
  return { body: presentEvent(ctx.tenant, e, who) };
}

function change(ctx: OpContext, replace: boolean): Reply {
  const { cal, who } = loadCalendar(ctx, 'reader');
  const body = jsonObject(ctx, 'calendar');
  const e = load(ctx, cal.id);
  // On an attendee's copy the attendee may only answer; everything else is the organizer's.
  if (cal.id !== e.organizer) {
    const mine = Array.isArray(body.attendees) ? (body.attendees as Array<Record<string, unknown>>).find((a) => String(a.email).toLowerCase() === who) : undefined;
    if (!mine?.responseStatus) throw E.needAccess('writer');
    respond(ctx.tenant, e, who, mine.responseStatus as Attendee['responseStatus'], typeof mine.comment === 'string' ? mine.comment : undefined);
    // Read back through load(): an instance of a recurring series is not stored under its own id.
    return { body: presentEvent(ctx.tenant, load(ctx, cal.id), who) };
  }
  if (RANK[loadCalendar(ctx, 'writer').role] < RANK.writer) throw E.needAccess('writer');
  const previous = localAttendees(ctx.tenant, e.attendees);
  const base = replace ? { ...e, summary: undefined, description: undefined, location: undefined, recurrence: undefined, attendees: [] } : e;
  const next = build(ctx, cal, who, body, base as EventRec);
  if (e.recurringEventId && !events(ctx.tenant, cal.id).has(e.id)) next.originalStartTime = e.originalStartTime;
  saveEvent(ctx.tenant, next);
  propagate(ctx.tenant, next, previous);
  if (notifyGuests(ctx)) {
    const now = localAttendees(ctx.tenant, next.attendees);
    mailGuests(ctx.tenant, next, 'Invitation', now.filter((g) => !previous.includes(g)));
    mailGuests(ctx.tenant, next, 'Updated invitation', now.filter((g) => previous.includes(g)));
    mailGuests(ctx.tenant, { ...next, status: 'cancelled' }, 'Canceled event', previous.filter((g) => !now.includes(g)));
  }
  return { body: presentEvent(ctx.tenant, next, who) };
}

function remove(ctx: OpContext): Reply {
  const { cal, who } = loadCalendar(ctx, 'reader');
  const e = load(ctx, cal.id);
  if (e.status === 'cancelled') throw E.calendarGone();
  if (cal.id !== e.organizer) {
    // An attendee removing the event declines it.
    respond(ctx.tenant, e, who, 'declined');
    saveEvent(ctx.tenant, { ...events(ctx.tenant, cal.id).get(e.id)!, status: 'cancelled' });
    return { status: 204 };
  }
  loadCalendar(ctx, 'writer');
  if (e.recurringEventId && !events(ctx.tenant, cal.id).has(e.id)) saveEvent(ctx.tenant, { ...e, status: 'cancelled' });
  else cancelEverywhere(ctx.tenant, e);
  if (notifyGuests(ctx)) mailGuests(ctx.tenant, e, 'Canceled event', localAttendees(ctx.tenant, e.attendees));
  return { status: 204 };
}

function instancesOf(ctx: OpContext): Reply {
  const { cal, who } = loadCalendar(ctx, 'reader');
  const e = load(ctx, cal.id);
  const min = time(ctx.query.timeMin, 'timeMin');
  const max = time(ctx.query.timeMax, 'timeMax');
  const all = guard(() => instances(ctx.tenant, e, horizon(ctx, e, max)))
    .filter((x) => (ctx.query.showDeleted === true || x.status !== 'cancelled') && overlaps(x, min, undefined));
  const size = intParam(ctx, 'calendar', 'maxResults', 250, 1, 2500);
  const key = { e: e.id, min, max };
  const offset = decodePageToken(ctx.query.pageToken, key, 'calendar');
  return {
    body: {
      kind: 'calendar#events',
      summary: cal.summary,
      timeZone: cal.timeZone,
      items: all.slice(offset, offset + size).map((x) => presentEvent(ctx.tenant, x, who)),
      ...(offset + size < all.length ? { nextPageToken: encodePageToken(offset + size, key) } : {}),
    },
  };
}

function move(ctx: OpContext): Reply {
  const { cal, who } = loadCalendar(ctx, 'writer');
  const e = load(ctx, cal.id);
  const dest = loadCalendar(ctx, 'writer', String(ctx.query.destination ?? ''));
  if (events(ctx.tenant, dest.cal.id).has(e.id)) throw googleError('calendar', { code: 409, message: 'The requested identifier already exists.', reason: 'duplicate' });
  events(ctx.tenant, cal.id).delete(e.id);
  const moved = saveEvent(ctx.tenant, { ...e, calendarId: dest.cal.id, organizer: dest.cal.owner });
  // The source keeps a cancelled tombstone so incremental sync sees the event leave.
  saveEvent(ctx.tenant, { ...e, status: 'cancelled' });
  return { body: presentEvent(ctx.tenant, moved, who) };
}

/** quickAdd reads the date, time, duration and place out of the text (model/quick-add.ts); the rest is the title. */
function quickAdd(ctx: OpContext): Reply {
  const { cal, who } = loadCalendar(ctx, 'writer');
  const textArg = String(ctx.query.text ?? '').trim();
  if (!textArg) throw googleError('calendar', { code: 400, message: 'Required parameter: text', reason: 'required', location: 'text', locationType: 'parameter' });
  const parsed = parseQuickAdd(textArg, ctx.tenant.now().getTime(), cal.timeZone || 'UTC');
  const e = build(ctx, cal, who, { summary: parsed.summary, ...(parsed.location ? { location: parsed.location } : {}), start: parsed.start, end: parsed.end });
  e.id = newEventId(ctx.tenant);
  e.iCalUID = `${e.id}@google.com`;
  saveEvent(ctx.tenant, e);
  return { body: presentEvent(ctx.tenant, e, who) };
}

export const calendarEventHandlers = {
  'calendar.events.list': list,
  'calendar.events.get': (ctx) => {
    const { cal, who } = loadCalendar(ctx, 'reader');
    return { body: presentEvent(ctx.tenant, load(ctx, cal.id), who) };
  },
  'calendar.events.insert': insert,
  'calendar.events.import': insert,
  'calendar.events.update': (ctx) => change(ctx, true),
  'calendar.events.patch': (ctx) => change(ctx, false),
  'calendar.events.delete': remove,
  'calendar.events.instances': instancesOf,
  'calendar.events.move': move,
  'calendar.events.quickAdd': quickAdd,
} satisfies Handlers;
