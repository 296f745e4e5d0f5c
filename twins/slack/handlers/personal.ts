/** A person's own tools: reminders.* and dnd.* (Do Not Disturb and snoozing), computed against the twin clock; Slackbot posts due reminders (reminders.ts). */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError } from '../errors.js';
import { int, list, need, str } from './args.js';
import { getUser, newId, nowSec, users, type SlackUser } from '../store.js';
import { emitEvent } from '../model/events.js';
import { reminders } from '../store.js';
import { type ReminderDoc } from '../types.js';
import { parseReminderTime } from '../model/reminders.js';
import { method } from './common.js';
import type { Handlers } from '../generated/operations.js';

function reminderView(r: ReminderDoc): Record<string, unknown> {
  const { id, creator, user, text, recurring, time, complete_ts, channel } = r;
  return recurring ? { id, creator, user, text, recurring, ...(channel ? { channel } : {}) } : { id, creator, user, text, recurring, time, complete_ts, ...(channel ? { channel } : {}) };
}

function ownReminder(ctx: OpContext, id: string | undefined, who: string): ReminderDoc {
  const r = id ? reminders(ctx.tenant).get(id) : undefined;
  if (!r || (r.creator !== who && r.user !== who)) throw new SlackError('not_found');
  return r;
}

/** DND state with snoozes that ran out (by the twin clock) reported as over. */
function dndState(ctx: OpContext, u: SlackUser): Record<string, unknown> {
  const now = nowSec(ctx.tenant);
  const d = u.dnd ?? {};
  const snoozing = !!d.snooze_endtime && d.snooze_endtime > now;
  const out: Record<string, unknown> = { dnd_enabled: !!d.next_dnd_start_ts, next_dnd_start_ts: d.next_dnd_start_ts ?? 1, next_dnd_end_ts: d.next_dnd_end_ts ?? 1, snooze_enabled: snoozing };
  if (snoozing) Object.assign(out, { snooze_endtime: d.snooze_endtime, snooze_remaining: d.snooze_endtime! - now, snooze_is_indefinite: false });
  return out;
}

function dndChanged(ctx: OpContext, u: SlackUser): void {
  emitEvent(ctx.twin, ctx.tenant, { type: 'dnd_updated_user', user: u.id, dnd_status: dndState(ctx, users(ctx.tenant).get(u.id)!) }, { user: u.id });
}

export const personalHandlers = {
  'reminders.add': method((ctx, a, who) => {
    const text = need(a, 'text', 'missing_argument');
    const { time, recurrence } = parseReminderTime(need(a, 'time', 'missing_argument'), nowSec(ctx.tenant), a.recurrence === '' ? undefined : a.recurrence);
    const recurring = !!recurrence;
    const target = str(a, 'user') ?? who.user_id!;
    const u = getUser(ctx.tenant, target);
    if (!u) throw new SlackError('user_not_found');
    if (u.is_bot) throw new SlackError('cannot_add_bot');
    if (target !== who.user_id) throw new SlackError(recurring ? 'cannot_add_others_recurring' : 'cannot_add_others');
    const r = reminders(ctx.tenant).put({ id: newId(ctx.tenant, 'Rm'), creator: who.user_id!, user: target, text, recurring, time, complete_ts: 0, ...(recurrence ? { recurrence } : {}), ...(str(a, 'channel') ? { channel: str(a, 'channel') } : {}) });
    return { reminder: reminderView(r) };
  }),
  'reminders.complete': method((ctx, a, who) => {
    const r = ownReminder(ctx, need(a, 'reminder', 'missing_argument'), who.user_id!);
    if (r.recurring) throw new SlackError('cannot_complete_recurring');
    if (r.user !== who.user_id) throw new SlackError('cannot_complete_others');
    reminders(ctx.tenant).patch(r.id, { complete_ts: nowSec(ctx.tenant) });
    return {};
  }),
  'reminders.delete': method((ctx, a, who) => {
    reminders(ctx.tenant).delete(ownReminder(ctx, need(a, 'reminder', 'missing_argument'), who.user_id!).id);
    return {};
  }),
  'reminders.info': method((ctx, a, who) => ({ reminder: reminderView(ownReminder(ctx, need(a, 'reminder', 'missing_argument'), who.user_id!)) })),
  'reminders.list': method((ctx, _a, who) => ({ reminders: reminders(ctx.tenant).filter((r) => r.user === who.user_id || r.creator === who.user_id).map(reminderView) })),

  // https://docs.slack.dev/reference/methods/dnd.info
  'dnd.info': method((ctx, a, who) => {
    const u = getUser(ctx.tenant, str(a, 'user') ?? who.user_id!);
    if (!u) throw new SlackError('user_not_found');
    const state = dndState(ctx, u);
    if (u.id !== who.user_id) { delete state.snooze_remaining; delete state.snooze_is_indefinite; }
    return state;
  }),
  'dnd.setSnooze': method((ctx, a, who) => {
    const minutes = int(a, 'num_minutes');
    if (minutes === undefined || minutes <= 0) throw new SlackError('missing_duration');
    if (minutes > 60 * 24 * 7) throw new SlackError('too_long');
    const u = getUser(ctx.tenant, who.user_id!)!;
    const end = nowSec(ctx.tenant) + minutes * 60;
    users(ctx.tenant).patch(u.id, { dnd: { ...(u.dnd ?? {}), snooze_endtime: end } });
    dndChanged(ctx, u);
    return { snooze_enabled: true, snooze_endtime: end, snooze_remaining: minutes * 60, snooze_is_indefinite: false };
  }),
  'dnd.endSnooze': method((ctx, _a, who) => {
    const u = getUser(ctx.tenant, who.user_id!)!;
    if (!u.dnd?.snooze_endtime || u.dnd.snooze_endtime <= nowSec(ctx.tenant)) throw new SlackError('snooze_not_active');
    users(ctx.tenant).patch(u.id, { dnd: { ...u.dnd, snooze_endtime: undefined } });
    dndChanged(ctx, u);
    const s = dndState(ctx, users(ctx.tenant).get(u.id)!);
    return { dnd_enabled: s.dnd_enabled, next_dnd_start_ts: s.next_dnd_start_ts, next_dnd_end_ts: s.next_dnd_end_ts, snooze_enabled: false };
  }),
  'dnd.endDnd': method((ctx, _a, who) => {
    const u = getUser(ctx.tenant, who.user_id!)!;
    users(ctx.tenant).patch(u.id, { dnd: {} });
    dndChanged(ctx, u);
    return {};
  }),
  'dnd.teamInfo': method((ctx, a) => {
    const ids = list(a, 'users');
    if (!ids?.length) throw new SlackError('no_users_provided');
    const out: Record<string, unknown> = {};
    for (const id of ids) {
      const u = getUser(ctx.tenant, id);
      if (!u) throw new SlackError('user_not_found');
      const s = dndState(ctx, u);
      out[id] = { dnd_enabled: s.dnd_enabled, next_dnd_start_ts: s.next_dnd_start_ts, next_dnd_end_ts: s.next_dnd_end_ts };
    }
    return { users: out };
  }),
} satisfies Handlers;
