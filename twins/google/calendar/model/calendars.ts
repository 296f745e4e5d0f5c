/** Calendars, their ACLs and each user's calendar list; a user's primary calendar is named by their address and exists from the start. */
import type { Collection, Doc, Tenant } from '../../../../src/core/tenant.js';
import { customer, findUserByEmail, groupsOf } from '../../store.js';
import { findResourceByEmail } from '../../directory/model/resources.js';
import { announce } from '../../resource-events.js';

export interface CalendarRec extends Doc {
  summary: string;
  description?: string;
  location?: string;
  timeZone: string;
  owner: string;
  /** Bumped on every event change; sync tokens remember it. */
  seq: number;
  /** Tokens from before this sequence (a clear, a delete) are gone: 410. */
  floor: number;
}

export type Role = 'none' | 'freeBusyReader' | 'reader' | 'writer' | 'owner';
export const RANK: Record<Role, number> = { none: 0, freeBusyReader: 1, reader: 2, writer: 3, owner: 4 };

export interface AclRec extends Doc {
  role: Role;
  scope: { type: 'default' | 'user' | 'group' | 'domain'; value?: string };
}

export interface ListEntryRec extends Doc {
  colorId: string;
  hidden?: boolean;
  selected: boolean;
  summaryOverride?: string;
  backgroundColor?: string;
  foregroundColor?: string;
  defaultReminders: Array<{ method: string; minutes: number }>;
}

export const calendars = (t: Tenant) => t.collection<CalendarRec>('calendar/calendars');
export const acl = (t: Tenant, cal: string) => t.collection<AclRec>(`calendar/acl/${cal}`);
const announcedLists = new WeakSet<object>();
/**
 * A user's calendar list. Every write to it is a change calendarList.watch channels hear of (subscribing,
 * unsubscribing, colors, a calendar shared with or transferred to the user), whichever call made it.
 */
export function calendarList(t: Tenant, user: string): Collection<ListEntryRec> {
  const key = user.toLowerCase();
  const list = t.collection<ListEntryRec>(`calendar/list/${key}`);
  if (!announcedLists.has(list)) {
    announcedLists.add(list);
    list.watch(() => announce(t, `calendarList:${key}`));
  }
  return list;
}

/** A user's primary calendar, created when first needed (every mailbox user has one). */
export function ensurePrimary(t: Tenant, email: string): CalendarRec | undefined {
  const id = email.toLowerCase();
  const found = calendars(t).get(id);
  if (found) return found;
  const u = findUserByEmail(t, id);
  if (!u || u.suspended) return roomCalendar(t, id);
  const cal = calendars(t).put({ id, summary: id, timeZone: 'UTC', owner: id, seq: 1, floor: 0 });
  acl(t, id).put({ id: `user:${id}`, role: 'owner', scope: { type: 'user', value: id } });
  calendarList(t, id).put({ id, colorId: '14', selected: true, defaultReminders: [{ method: 'popup', minutes: 10 }] });
  return cal;
}

/**
 * A room's calendar (a Directory calendar resource, addressed by its resourceEmail),
 * created when first needed: named after the room, readable by the whole domain.
 */
function roomCalendar(t: Tenant, id: string): CalendarRec | undefined {
  const room = findResourceByEmail(t, id);
  if (!room) return undefined;
  const cal = calendars(t).put({ id, summary: room.resourceName, timeZone: 'UTC', owner: id, seq: 1, floor: 0 });
  const domain = customer(t)?.customerDomain;
  if (domain) acl(t, id).put({ id: `domain:${domain}`, role: 'reader', scope: { type: 'domain', value: domain } });
  return cal;
}

/** The caller's access to a calendar: the best of their user, group, domain and public rules. */
export function accessRole(t: Tenant, cal: CalendarRec, email: string | undefined): Role {
  if (!email) return 'none';
  const e = email.toLowerCase();
  if (cal.owner === e) return 'owner';
  const groups = groupsOf(t, e);
  let best: Role = 'none';
  for (const r of acl(t, cal.id).values()) {
    const v = r.scope.value?.toLowerCase();
    const hit = r.scope.type === 'default' || (r.scope.type === 'user' && v === e) || (r.scope.type === 'group' && !!v && groups.has(v)) || (r.scope.type === 'domain' && v === e.split('@')[1]);
    if (hit && RANK[r.role] > RANK[best]) best = r.role;
  }
  // Colleagues see each other's primary calendar as free/busy by default, as a Workspace domain does.
  if (best === 'none' && cal.id === cal.owner && cal.owner.split('@')[1] === e.split('@')[1]) best = 'freeBusyReader';
  return best;
}

export function bump(t: Tenant, cal: CalendarRec): number {
  cal.seq += 1;
  calendars(t).put(cal);
  announce(t, `events:${cal.id}`);
  return cal.seq;
}


/**
 * calendars.transferOwnership: a secondary calendar gets a new data owner, who gets an owner rule and the calendar on
 * their list; the previous owner keeps the rules they had. Primary calendars belong to their user and do not move.
 */
export function transferCalendar(t: Tenant, cal: CalendarRec, newOwner: string): 'primary' | 'unknown-user' | undefined {
  if (cal.id === cal.owner) return 'primary';
  const to = newOwner.toLowerCase();
  const u = findUserByEmail(t, to);
  if (!u || u.suspended) return 'unknown-user';
  const prev = cal.owner;
  calendars(t).put({ ...cal, owner: to });
  if (!acl(t, cal.id).has(`user:${prev}`)) acl(t, cal.id).put({ id: `user:${prev}`, role: 'owner', scope: { type: 'user', value: prev } });
  acl(t, cal.id).put({ id: `user:${to}`, role: 'owner', scope: { type: 'user', value: to } });
  if (!calendarList(t, to).has(cal.id)) calendarList(t, to).put({ id: cal.id, colorId: '1', selected: true, defaultReminders: [] });
  announce(t, `acl:${cal.id}`);
  return undefined;
}
