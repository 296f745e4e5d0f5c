/** Calendar v3 calendars, calendarList, acl, colors, settings and freebusy. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { announce } from '../../resource-events.js';
import { RANK, acl, accessRole, bump, calendarList, calendars, ensurePrimary, transferCalendar, type AclRec, type ListEntryRec, type Role } from '../model/calendars.js';
import { events, instances, startMs } from '../model/events.js';
import { CALENDAR_COLORS, EVENT_COLORS, presentAcl, presentCalendar, presentListEntry } from '../present/calendar.js';
import { calendarIdOf, decodeId, loadCalendar, me } from './common.js';
import { findUserByEmail } from '../../store.js';

const bad = (message: string) => googleError('calendar', { code: 400, message, reason: 'invalid' });

function insertCalendar(ctx: OpContext): Reply {
  const who = me(ctx);
  const body = jsonObject(ctx, 'calendar');
  if (typeof body.summary !== 'string' || !body.summary) throw googleError('calendar', { code: 400, message: 'Missing title.', reason: 'required' });
  const id = `c_${ctx.tenant.random.hex(32)}@group.calendar.google.com`;
  const cal = calendars(ctx.tenant).put({ id, summary: body.summary, description: body.description as string | undefined, location: body.location as string | undefined, timeZone: String(body.timeZone ?? 'UTC'), owner: who, seq: 1, floor: 0 });
  acl(ctx.tenant, id).put({ id: `user:${who}`, role: 'owner', scope: { type: 'user', value: who } });
  calendarList(ctx.tenant, who).put({ id, colorId: String(1 + (calendarList(ctx.tenant, who).values().length % 24)), selected: true, defaultReminders: [] });
  return { body: presentCalendar(cal) };
}

function changeCalendar(ctx: OpContext, replace: boolean): Reply {
  const { cal } = loadCalendar(ctx, 'owner');
  const body = jsonObject(ctx, 'calendar');
  if (replace && typeof body.summary !== 'string') throw googleError('calendar', { code: 400, message: 'Missing title.', reason: 'required' });
  for (const k of ['summary', 'description', 'location', 'timeZone'] as const) {
    if (body[k] !== undefined) (cal as Record<string, unknown>)[k] = body[k];
    else if (replace && k !== 'summary' && k !== 'timeZone') delete (cal as Record<string, unknown>)[k];
  }
  calendars(ctx.tenant).put(cal);
  return { body: presentCalendar(cal) };
}

function deleteCalendar(ctx: OpContext): Reply {
  const { cal, who } = loadCalendar(ctx, 'owner');
  if (cal.id === who) throw googleError('calendar', { code: 400, message: 'Cannot delete primary calendar.', reason: 'cannotDeletePrimaryCalendar' });
  calendars(ctx.tenant).delete(cal.id);
  events(ctx.tenant, cal.id).clear();
  acl(ctx.tenant, cal.id).clear();
  calendarList(ctx.tenant, who).delete(cal.id);
  return { status: 204 };
}

/**
 * Transfers a secondary calendar's data ownership inside the organization. Only an administrator acting with
 * `useAdminAccess=true` may (googleapis calendar v3 declarations: "only true is accepted for this field"); the
 * calendar must exist and be active. The wording of the refusals is the twin's own: none is recorded.
 */
function transferOwnership(ctx: OpContext): Reply {
  const who = me(ctx);
  if (ctx.query.useAdminAccess !== true && ctx.query.useAdminAccess !== 'true') throw bad('Only useAdminAccess=true is supported.');
  if (!findUserByEmail(ctx.tenant, who)?.isAdmin) throw googleError('calendar', { code: 403, message: 'Forbidden', reason: 'forbidden' });
  const cal = calendars(ctx.tenant).get(calendarIdOf(ctx));
  if (!cal) throw E.calendarNotFound();
  const refused = transferCalendar(ctx.tenant, cal, String(ctx.query.newDataOwner ?? ''));
  if (refused === 'primary') throw bad('Cannot transfer a primary calendar.');
  if (refused === 'unknown-user') throw googleError('calendar', { code: 400, message: 'Invalid newDataOwner.', reason: 'invalid', location: 'newDataOwner', locationType: 'parameter' });
  return { status: 204 };
}

function clearCalendar(ctx: OpContext): Reply {
  const { cal } = loadCalendar(ctx, 'owner');
  events(ctx.tenant, cal.id).clear();
  cal.floor = bump(ctx.tenant, cal);
  calendars(ctx.tenant).put(cal);
  return { status: 204 };
}

/** The caller's own list: entries they subscribed to, and their primary. */
function entry(ctx: OpContext, id: string): { e: ListEntryRec; role: Role } {
  const who = me(ctx);
  const e = calendarList(ctx.tenant, who).get(id);
  const cal = calendars(ctx.tenant).get(id);
  if (!e || !cal) throw E.calendarNotFound();
  return { e, role: accessRole(ctx.tenant, cal, who) };
}

function presentEntry(ctx: OpContext, e: ListEntryRec, role: Role): Record<string, unknown> {
  return presentListEntry(calendars(ctx.tenant).get(e.id)!, e, role, e.id === me(ctx));
}

function applyEntry(e: ListEntryRec, body: Record<string, unknown>): void {
  if (typeof body.colorId === 'string') {
    if (!CALENDAR_COLORS[body.colorId]) throw bad('Invalid color id.');
    e.colorId = body.colorId;
  }
  for (const k of ['hidden', 'selected', 'summaryOverride', 'backgroundColor', 'foregroundColor', 'defaultReminders'] as const) if (body[k] !== undefined) (e as Record<string, unknown>)[k] = body[k];
}

function listEntries(ctx: OpContext): Reply {
  const who = me(ctx);
  const minRole = String(ctx.query.minAccessRole ?? 'freeBusyReader') as Role;
  const items = calendarList(ctx.tenant, who).values()
    .filter((e) => calendars(ctx.tenant).has(e.id))
    .map((e) => ({ e, role: accessRole(ctx.tenant, calendars(ctx.tenant).get(e.id)!, who) }))
    .filter(({ e, role }) => RANK[role] >= (RANK[minRole] ?? 0) && (ctx.query.showHidden === true || !e.hidden))
    .map(({ e, role }) => presentEntry(ctx, e, role));
  return { body: { kind: 'calendar#calendarList', etag: `"${items.length}"`, nextSyncToken: Buffer.from(String(items.length)).toString('base64url'), items } };
}

function insertEntry(ctx: OpContext): Reply {
  const body = jsonObject(ctx, 'calendar');
  const id = String(body.id ?? '').toLowerCase();
  const { cal, role, who } = loadCalendar(ctx, 'freeBusyReader', id);
  const e: ListEntryRec = calendarList(ctx.tenant, who).get(cal.id) ?? { id: cal.id, colorId: '1', selected: true, defaultReminders: [] };
  applyEntry(e, body);
  calendarList(ctx.tenant, who).put(e);
  return { body: presentEntry(ctx, e, role) };
}

function changeEntry(ctx: OpContext): Reply {
  const { e, role } = entry(ctx, calendarIdOf(ctx));
  applyEntry(e, jsonObject(ctx, 'calendar'));
  calendarList(ctx.tenant, me(ctx)).put(e);
  return { body: presentEntry(ctx, e, role) };
}

const scopeId = (s: AclRec['scope']) => (s.type === 'default' ? 'default' : `${s.type}:${String(s.value ?? '').toLowerCase()}`);

function aclRule(ctx: OpContext, cal: string): AclRec {
  const r = acl(ctx.tenant, cal).get(decodeId(ctx.params.ruleId).toLowerCase());
  if (!r) throw E.calendarNotFound();
  return r;
}

function readRule(body: Record<string, unknown>, prev?: AclRec): AclRec {
  const scope = (body.scope ?? prev?.scope) as AclRec['scope'] | undefined;
  const role = (body.role ?? prev?.role) as Role | undefined;
  if (!scope || !['default', 'user', 'group', 'domain'].includes(scope.type)) throw bad('Invalid scope.');
  if (scope.type !== 'default' && !scope.value) throw bad('Missing scope value.');
  if (!role || !(role in RANK)) throw bad('Invalid role.');
  const clean = { type: scope.type, ...(scope.type !== 'default' ? { value: String(scope.value).toLowerCase() } : {}) };
  return { id: scopeId(clean), role, scope: clean };
}

function writeRule(ctx: OpContext, rule: AclRec, cal: string): Reply {
  acl(ctx.tenant, cal).put(rule);
  announce(ctx.tenant, `acl:${cal}`);
  // Sharing with a colleague puts the calendar on their list, as Calendar does.
  if (rule.scope.type === 'user' && rule.role !== 'none' && ensurePrimary(ctx.tenant, rule.scope.value!)) {
    const list = calendarList(ctx.tenant, rule.scope.value!);
    if (!list.has(cal)) list.put({ id: cal, colorId: '1', selected: true, defaultReminders: [] });
  }
  return { body: presentAcl(rule) };
}

function freebusy(ctx: OpContext): Reply {
  const who = me(ctx);
  const body = jsonObject(ctx, 'calendar');
  const min = Date.parse(String(body.timeMin));
  const max = Date.parse(String(body.timeMax));
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw googleError('calendar', { code: 400, message: 'Bad Request', reason: 'badRequest' });
  if (max <= min) throw googleError('calendar', { code: 400, message: 'The specified time range is empty.', reason: 'timeRangeEmpty', location: 'timeMax' });
  const out: Record<string, unknown> = {};
  for (const item of Array.isArray(body.items) ? (body.items as Array<{ id?: string }>) : []) {
    const id = String(item.id ?? '').toLowerCase();
    const cal = calendars(ctx.tenant).get(id) ?? ensurePrimary(ctx.tenant, id);
    if (!cal) {
      out[item.id ?? ''] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
      continue;
    }
    if (RANK[accessRole(ctx.tenant, cal, who)] < RANK.freeBusyReader) {
      out[item.id ?? ''] = { errors: [{ domain: 'calendar', reason: 'notFound' }], busy: [] };
      continue;
    }
    const busy = events(ctx.tenant, cal.id).values()
      .filter((e) => !e.recurringEventId && e.status !== 'cancelled' && e.transparency !== 'transparent')
      .flatMap((e) => instances(ctx.tenant, e, max))
      .filter((e) => e.status !== 'cancelled' && !e.attendees.some((a) => a.email === cal.owner && a.responseStatus === 'declined'))
      .map((e) => [Math.max(min, startMs(e.start)), Math.min(max, startMs(e.end))] as const)
      .filter(([s, e]) => e > s)
      .sort((a, b) => a[0] - b[0]);
    // Overlapping meetings are merged into one busy span.
    const merged: Array<[number, number]> = [];
    for (const [s, e] of busy) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
    }
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    out[item.id ?? ''] = { busy: merged.map(([s, e]) => ({ start: iso(s), end: iso(e) })) };
  }
  return { body: { kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars: out } };
}

const SETTINGS: Record<string, string> = {
  autoAddHangouts: 'true', dateFieldOrder: 'MDY', defaultEventLength: '60', format24HourTime: 'false', hideInvitations: 'false',
  hideWeekends: 'false', locale: 'en', remindOnRespondedEventsOnly: 'false', showDeclinedEvents: 'true', timezone: 'UTC',
  useKeyboardShortcuts: 'true', weekStart: '0',
};
const setting = (id: string) => ({ kind: 'calendar#setting', etag: `"${Buffer.from(id).toString('hex').slice(0, 12)}"`, id, value: SETTINGS[id] });

export const calendarHandlers = {
  'calendar.calendars.get': (ctx) => ({ body: presentCalendar(loadCalendar(ctx, 'freeBusyReader').cal) }),
  'calendar.calendars.insert': insertCalendar,
  'calendar.calendars.update': (ctx) => changeCalendar(ctx, true),
  'calendar.calendars.patch': (ctx) => changeCalendar(ctx, false),
  'calendar.calendars.delete': deleteCalendar,
  'calendar.calendars.clear': clearCalendar,
  'calendar.calendars.transferOwnership': transferOwnership,

  'calendar.calendarList.list': listEntries,
  'calendar.calendarList.get': (ctx) => {
    const { e, role } = entry(ctx, calendarIdOf(ctx));
    return { body: presentEntry(ctx, e, role) };
  },
  'calendar.calendarList.insert': insertEntry,
  'calendar.calendarList.update': changeEntry,
  'calendar.calendarList.patch': changeEntry,
  'calendar.calendarList.delete': (ctx) => {
    const id = calendarIdOf(ctx);
    if (id === me(ctx)) throw googleError('calendar', { code: 400, message: 'Cannot remove primary calendar from the list.', reason: 'cannotRemovePrimaryCalendar' });
    entry(ctx, id);
    calendarList(ctx.tenant, me(ctx)).delete(id);
    return { status: 204 };
  },

  'calendar.acl.list': (ctx) => {
    const { cal } = loadCalendar(ctx, 'owner');
    return { body: { kind: 'calendar#acl', items: acl(ctx.tenant, cal.id).values().map(presentAcl) } };
  },
  'calendar.acl.get': (ctx) => ({ body: presentAcl(aclRule(ctx, loadCalendar(ctx, 'owner').cal.id)) }),
  'calendar.acl.insert': (ctx) => {
    const { cal } = loadCalendar(ctx, 'owner');
    return writeRule(ctx, readRule(jsonObject(ctx, 'calendar')), cal.id);
  },
  'calendar.acl.update': (ctx) => {
    const { cal } = loadCalendar(ctx, 'owner');
    const prev = aclRule(ctx, cal.id);
    return writeRule(ctx, { ...readRule(jsonObject(ctx, 'calendar'), prev), id: prev.id, scope: prev.scope }, cal.id);
  },
  'calendar.acl.patch': (ctx) => {
    const { cal } = loadCalendar(ctx, 'owner');
    const prev = aclRule(ctx, cal.id);
    return writeRule(ctx, { ...readRule(jsonObject(ctx, 'calendar'), prev), id: prev.id, scope: prev.scope }, cal.id);
  },
  'calendar.acl.delete': (ctx) => {
    const { cal } = loadCalendar(ctx, 'owner');
    const r = aclRule(ctx, cal.id);
    if (r.role === 'owner' && r.scope.value === cal.owner) throw bad('Cannot remove the owner of a calendar.');
    acl(ctx.tenant, cal.id).delete(r.id);
    announce(ctx.tenant, `acl:${cal.id}`);
    return { status: 204 };
  },

  'calendar.colors.get': () => ({ body: { kind: 'calendar#colors', updated: '2012-02-14T00:00:00.000Z', calendar: CALENDAR_COLORS, event: EVENT_COLORS } }),
  'calendar.settings.list': (ctx) => {
    me(ctx);
    return { body: { kind: 'calendar#settings', etag: '"settings"', items: Object.keys(SETTINGS).map(setting) } };
  },
  'calendar.settings.get': (ctx) => {
    me(ctx);
    if (!(ctx.params.setting in SETTINGS)) throw E.calendarNotFound();
    return { body: setting(ctx.params.setting) };
  },
  'calendar.freebusy.query': freebusy,
} satisfies Handlers;
