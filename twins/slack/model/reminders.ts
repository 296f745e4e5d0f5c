/** Reminder time: parsing reminders.add `time`/`recurrence`, the next occurrence of a recurring reminder, and Slackbot posting reminders that come due on the twin clock. */
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { SlackError, invalidArguments } from '../errors.js';
import { conversations, getConversation, nowSec, team, users, type Conversation } from '../store.js';
import { postMessage } from './messages.js';
import { makeUser } from './people.js';
import { newConversation } from './conversations.js';
import { reminders } from '../store.js';
import { type ReminderDoc } from '../types.js';

type Recurrence = NonNullable<ReminderDoc['recurrence']>;

const UNITS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 };
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Unix timestamps are accepted "up to five years from now". */
const MAX_AHEAD_SEC = 5 * 365 * 86400;

/** Slackbot's user id, the same in every workspace. */
export const SLACKBOT = 'USLACKBOT';

/**
 * reminders.add `time`: a Unix timestamp, seconds from now (within 24 hours),
 * or natural language such as "in 15 minutes", "tomorrow", "every Thursday";
 * `recurrence` ({frequency, weekdays}) makes any of them repeat
 * (https://docs.slack.dev/reference/methods/reminders.add). A time of day in
 * the phrase ("at 9am") is not interpreted: the reminder keeps the current
 * time of day.
 */
export function parseReminderTime(raw: string, now: number, recurrenceArg?: unknown): { time: number; recurrence?: Recurrence } {
  const s = raw.trim().toLowerCase();
  const explicit = recurrenceArg === undefined ? undefined : parseRecurrence(recurrenceArg);
  if (/^\d+(\.\d+)?$/.test(s)) {
    const n = Math.floor(Number(s));
    if (n >= 1_000_000_000) {
      if (n > now + MAX_AHEAD_SEC) throw new SlackError('time_too_far');
      return { time: n, recurrence: explicit };
    }
    if (n <= 86400) return { time: now + n, recurrence: explicit };
    throw new SlackError('cannot_parse');
  }
  const rel = /^in (\d+|an?|one) (second|minute|hour|day|week)s?$/.exec(s);
  if (rel) return { time: now + (/^\d+$/.test(rel[1]) ? Number(rel[1]) : 1) * UNITS[rel[2]], recurrence: explicit };
  if (s === 'tomorrow') return { time: now + 86400, recurrence: explicit };
  const every = /^every (day|weekday|week|month|year|sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/.exec(s);
  if (every) {
    const w = every[1];
    const recurrence: Recurrence =
      w === 'day' ? { frequency: 'daily' } : w === 'weekday' ? { frequency: 'weekdays' } : w === 'week' ? { frequency: 'weekly', weekdays: [new Date(now * 1000).getUTCDay()] }
      : w === 'month' ? { frequency: 'monthly' } : w === 'year' ? { frequency: 'yearly' } : { frequency: 'weekly', weekdays: [DAYS.indexOf(w)] };
    return { time: nextOccurrence(now, explicit ?? recurrence), recurrence: explicit ?? recurrence };
  }
  throw new SlackError('cannot_parse');
}

/** The SDK's recurrence object (JSON in forms): daily, weekly with weekdays, monthly or yearly. */
function parseRecurrence(v: unknown): Recurrence {
  let r = v;
  if (typeof r === 'string') {
    try {
      r = JSON.parse(r);
    } catch {
      throw invalidArguments('recurrence must be a JSON object');
    }
  }
  const o = (r && typeof r === 'object' ? r : {}) as { frequency?: unknown; weekdays?: unknown };
  if (o.frequency === 'daily' || o.frequency === 'monthly' || o.frequency === 'yearly') return { frequency: o.frequency };
  if (o.frequency === 'weekly') {
    const days = Array.isArray(o.weekdays) ? o.weekdays.map((d) => DAYS.indexOf(String(d).toLowerCase())) : [];
    if (!days.length || days.some((d) => d < 0)) throw invalidArguments('recurrence.weekdays must name days of the week');
    return { frequency: 'weekly', weekdays: [...new Set(days)].sort() };
  }
  throw invalidArguments('recurrence.frequency must be one of daily, weekly, monthly, yearly');
}

/** The first occurrence strictly after `after` (epoch seconds), stepping in UTC calendar terms. */
export function nextOccurrence(after: number, r: Recurrence): number {
  const d = new Date(after * 1000);
  switch (r.frequency) {
    case 'monthly':
      d.setUTCMonth(d.getUTCMonth() + 1);
      return Math.floor(d.getTime() / 1000);
    case 'yearly':
      d.setUTCFullYear(d.getUTCFullYear() + 1);
      return Math.floor(d.getTime() / 1000);
    default: {
      const allowed = r.frequency === 'daily' ? [0, 1, 2, 3, 4, 5, 6] : r.frequency === 'weekdays' ? [1, 2, 3, 4, 5] : (r.weekdays ?? [d.getUTCDay()]);
      for (let i = 1; i <= 7; i++) {
        const t = after + i * 86400;
        if (allowed.includes(new Date(t * 1000).getUTCDay())) return t;
      }
      return after + 7 * 86400;
    }
  }
}

/** Slackbot, created the first time it has something to say (Slack lists it in every workspace as USLACKBOT). */
function ensureSlackbot(tenant: Tenant): void {
  if (users(tenant).get(SLACKBOT)) return;
  const u = makeUser(tenant, team(tenant).id, { name: 'slackbot', real_name: 'Slackbot' });
  users(tenant).put({ ...u, id: SLACKBOT, is_email_confirmed: false, profile: { ...u.profile, always_active: true, display_name: 'Slackbot', display_name_normalized: 'Slackbot' } });
}

/** A person's DM with Slackbot, opened on first use. */
function slackbotDm(tenant: Tenant, userId: string): Conversation {
  const found = conversations(tenant).find((c) => c.is_im && c.user === SLACKBOT && c.members.includes(userId));
  return found ?? conversations(tenant).put(newConversation(tenant, { is_im: true, creator: userId, user: SLACKBOT, members: [userId, SLACKBOT] }));
}

/** Slackbot says "Reminder: <text>." in the person's Slackbot DM, or in the reminder's channel when it has one that is still open. */
function announce(twin: Twin, tenant: Tenant, r: ReminderDoc): void {
  const person = users(tenant).get(r.user);
  if (!person || person.deleted) return;
  const channel = r.channel ? getConversation(tenant, r.channel) : undefined;
  ensureSlackbot(tenant);
  const target = channel && !channel.is_archived ? channel : slackbotDm(tenant, r.user);
  try {
    postMessage(twin, tenant, target.id, { user: SLACKBOT, text: `Reminder: ${r.text}.` });
  } catch {
    // A reminder Slack cannot post (the conversation went away meanwhile) is skipped, as a missed notification.
  }
}

/**
 * Posts every reminder the twin clock has reached, oldest first. One-time
 * reminders go off once and stay incomplete until marked complete; recurring
 * ones go off for each occurrence the clock passed (a clock jump of a week
 * posts a daily reminder seven times, as a week of real time would) and move
 * on to their next occurrence.
 */
export function runDueReminders(twin: Twin, tenant: Tenant): number {
  const now = nowSec(tenant);
  const due = reminders(tenant)
    .filter((r) => !r.complete_ts && r.time <= now && (r.recurring || !r.fired_ts))
    .sort((x, y) => x.time - y.time || (x.id < y.id ? -1 : 1));
  let posted = 0;
  for (const r of due) {
    if (!r.recurring || !r.recurrence) {
      reminders(tenant).patch(r.id, { fired_ts: now });
      announce(twin, tenant, r);
      posted++;
      continue;
    }
    let time = r.time;
    for (let guard = 0; time <= now && guard < 366; guard++) {
      announce(twin, tenant, r);
      posted++;
      time = nextOccurrence(time, r.recurrence);
    }
    if (time <= now) time = nextOccurrence(now, r.recurrence);
    reminders(tenant).patch(r.id, { time });
  }
  return posted;
}
