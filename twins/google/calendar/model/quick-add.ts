/**
 * events.quickAdd's text parsing: a date (today, tomorrow, a weekday, "Dec 10", "10 December", "12/10", ISO), a time
 * or time range ("3pm", "15:30", "noon", "3-4pm", "from 9am to 10:30am"), a duration ("for 45 minutes"), and a
 * place ("at the Cafe"); what is left is the title. A date without a time makes an all-day event; no time at all
 * books the next full hour. Wall times are read in the calendar's time zone.
 */

export interface QuickAdd {
  summary: string;
  location?: string;
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** A clock time that cannot be a day number: with am/pm, with minutes, or noon/midnight. */
const TIME = '(noon|midnight|\\d{1,2}:\\d{2}\\s*(?:am|pm)?|\\d{1,2}\\s*(?:am|pm))';
/** The first time of a range may be bare ("3-4pm"), taking its partner's am/pm. */
const RANGE_START = '(noon|\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?)';

type Ymd = { y: number; m: number; d: number };

/** Minutes after midnight for "3pm", "15:30", "noon"; `meridiem` reads a bare "3" in "3-4pm" like its partner. */
function minutesOf(s: string, meridiem?: string): number | undefined {
  const t = s.trim().toLowerCase();
  if (t === 'noon') return 12 * 60;
  if (t === 'midnight') return 0;
  const m = /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  const ap = m[3] ?? meridiem;
  if (h > 23 || min > 59) return undefined;
  if (ap === 'pm' && h < 12) h += 12;
  if (ap === 'am' && h === 12) h = 0;
  return h * 60 + min;
}

/** The UTC offset of a zone at an instant, in minutes (Intl's longOffset, "GMT-05:00"). */
function offsetMinutes(timeZone: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

function localYmd(timeZone: string, ms: number): Ymd {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymdString = (x: Ymd) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
const addDays = (x: Ymd, n: number): Ymd => {
  const d = new Date(Date.UTC(x.y, x.m - 1, x.d + n));
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};

/** A wall time in the zone as RFC 3339 with that zone's offset. */
function wallTime(timeZone: string, day: Ymd, minutes: number): { iso: string; ms: number } {
  const naive = Date.UTC(day.y, day.m - 1, day.d, 0, minutes);
  const off = offsetMinutes(timeZone, naive - offsetMinutes(timeZone, naive) * 60_000);
  const ms = naive - off * 60_000;
  const sign = off < 0 ? '-' : '+';
  const local = new Date(naive);
  const date = ymdString({ y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() });
  const iso = `${date}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:00${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return { iso, ms };
}

export function parseQuickAdd(text: string, nowMs: number, timeZone: string): QuickAdd {
  let rest = ` ${text.trim()} `;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };
  /** Puts text a match took back where it was, when it turns out not to be a time. */
  const restore = (m: RegExpExecArray) => {
    rest = `${rest.slice(0, m.index)}${m[0]}${rest.slice(m.index + 1)}`;
  };
  const today = localYmd(timeZone, nowMs);
  let day: Ymd | undefined;
  let m: RegExpExecArray | null;

  if ((m = take(/\s(?:on\s+)?(\d{4})-(\d{2})-(\d{2})(?=\s)/i))) day = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  else if ((m = take(new RegExp(`\\s(?:on\\s+)?${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?=\\s)`, 'i')))) day = { y: Number(m[3] ?? today.y), m: MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, d: Number(m[2]) };
  else if ((m = take(new RegExp(`\\s(?:on\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}(?:\\s+(\\d{4}))?(?=\\s)`, 'i')))) day = { y: Number(m[3] ?? today.y), m: MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, d: Number(m[1]) };
  else if ((m = take(/\s(?:on\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?=\s)/i))) day = { y: Number(m[3] ?? today.y), m: Number(m[1]), d: Number(m[2]) };
  else if ((m = take(/\s(today|tonight)(?=\s)/i))) day = today;
  else if ((m = take(/\stomorrow(?=\s)/i))) day = addDays(today, 1);
  else if ((m = take(new RegExp(`\\s(?:on\\s+|next\\s+|this\\s+)?(${DAYS.join('|')})(?=\\s)`, 'i')))) {
    const want = DAYS.indexOf(m[1].toLowerCase());
    const dow = new Date(Date.UTC(today.y, today.m - 1, today.d)).getUTCDay();
    day = addDays(today, ((want - dow + 7) % 7) || 7);
  }
  // A month-and-day already past this year means next year's.
  if (day && m && !/\d{4}/.test(m[0]) && ymdString(day) < ymdString(today) && !/today|tonight|tomorrow/i.test(m[0])) day = { ...day, y: day.y + 1 };

  let startMin: number | undefined;
  let endMin: number | undefined;
  const range = take(new RegExp(`\\s(?:from\\s+|at\\s+)?${RANGE_START}\\s*(?:-|–|to|until)\\s*${TIME}(?=\\s)`, 'i'));
  if (range) {
    const mer = /(am|pm)\s*$/i.exec(range[2])?.[1]?.toLowerCase();
    startMin = minutesOf(range[1], /(am|pm)/i.test(range[1]) ? undefined : mer);
    endMin = minutesOf(range[2]);
    if (startMin === undefined || endMin === undefined) {
      restore(range);
      startMin = endMin = undefined;
    }
  }
  if (startMin === undefined) {
    const single = take(new RegExp(`\\s(?:at\\s+|@\\s*)?${TIME}(?=\\s)`, 'i'));
    if (single) {
      startMin = minutesOf(single[1]);
      if (startMin === undefined) restore(single);
    }
  }
  const dur = take(/\sfor\s+(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|hrs?|h)(?=\s)/i);
  const durationMin = dur ? Math.round(Number(dur[1]) * (/^h/i.test(dur[2]) ? 60 : 1)) : 60;

  const place = take(/\s(?:at|in)\s+(.+?)\s*$/i);
  const summary = rest.replace(/\s+(on|at)\s*$/i, '').replace(/\s+/g, ' ').trim() || text.trim();
  const out: QuickAdd = { summary, start: {}, end: {} };
  if (place && place[1].trim()) out.location = place[1].trim();

  if (startMin === undefined && day) {
    out.start = { date: ymdString(day) };
    out.end = { date: ymdString(addDays(day, 1)) };
    return out;
  }
  if (startMin === undefined) {
    const hour = Math.ceil(nowMs / 3_600_000) * 3_600_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    out.start = { dateTime: iso(hour) };
    out.end = { dateTime: iso(hour + durationMin * 60_000) };
    return out;
  }
  // A time without a date is the next time that clock time comes round.
  let on = day ?? today;
  let start = wallTime(timeZone, on, startMin);
  if (!day && start.ms <= nowMs) {
    on = addDays(on, 1);
    start = wallTime(timeZone, on, startMin);
  }
  const endAt = endMin !== undefined ? wallTime(timeZone, endMin > startMin ? on : addDays(on, 1), endMin) : wallTime(timeZone, on, startMin + durationMin);
  out.start = { dateTime: start.iso, timeZone };
  out.end = { dateTime: endAt.iso, timeZone };
  return out;
}
