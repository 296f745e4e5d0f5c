/** What Calendar handlers share: the caller's address, `primary` resolved, a calendar loaded with the access the method needs. */
import type { OpContext } from '../../../../src/core/handler.js';
import { callerOf } from '../../auth.js';
import { E } from '../../errors.js';
import { RANK, accessRole, calendars, ensurePrimary, type CalendarRec, type Role } from '../model/calendars.js';

export function me(ctx: OpContext): string {
  const c = callerOf(ctx);
  if (!c.email) throw E.calendarNotFound();
  ensurePrimary(ctx.tenant, c.email);
  return c.email.toLowerCase();
}

/** Decodes an id that may still be percent-encoded; a malformed escape is kept as sent (it then matches nothing: 404, not a 500). */
export function decodeId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

export function calendarIdOf(ctx: OpContext, id = ctx.params.calendarId): string {
  return id === 'primary' ? me(ctx) : decodeId(id).toLowerCase();
}

/** A calendar the caller may use at `need`; one they cannot see at all is "Not Found", as Calendar answers. */
export function loadCalendar(ctx: OpContext, need: Role, id?: string): { cal: CalendarRec; role: Role; who: string } {
  const who = me(ctx);
  const cid = calendarIdOf(ctx, id);
  const cal = calendars(ctx.tenant).get(cid) ?? ensurePrimary(ctx.tenant, cid);
  if (!cal) throw E.calendarNotFound();
  const role = accessRole(ctx.tenant, cal, who);
  if (RANK[role] < RANK.freeBusyReader) throw E.calendarNotFound();
  if (RANK[role] < RANK[need]) throw E.needAccess(need === 'owner' ? 'owner' : need === 'writer' ? 'writer' : 'reader');
  return { cal, role, who };
}
