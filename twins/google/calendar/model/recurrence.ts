/** RFC 5545 recurrence as Calendar uses it: RRULE (DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY) and EXDATE, expanded to start times. */

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** Expansion stops here whatever the rule says, so an endless rule stays bounded. */
const MAX_INSTANCES = 1000;

export class RecurrenceError extends Error {}

interface Rule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
  interval: number;
  count?: number;
  until?: number;
  byDay?: number[];
}

/** `20250101T100000Z`, `20250101` or `20250101T100000` (floating, read as UTC) to epoch ms. */
export function icalTime(v: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(v.trim());
  if (!m) throw new RecurrenceError(`Invalid date ${v}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

function parseRule(line: string): Rule {
  const parts = Object.fromEntries(line.replace(/^RRULE:/i, '').split(';').map((p) => p.split('=') as [string, string]));
  const freq = parts.FREQ as Rule['freq'];
  if (!['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].includes(freq)) throw new RecurrenceError(`Unsupported FREQ ${parts.FREQ}`);
  const byDay = parts.BYDAY ? parts.BYDAY.split(',').map((d) => DAYS.indexOf(d.replace(/^[+-]?\d+/, ''))) : undefined;
  if (byDay?.some((d) => d < 0)) throw new RecurrenceError(`Invalid BYDAY ${parts.BYDAY}`);
  return {
    freq,
    interval: parts.INTERVAL ? Math.max(1, Number(parts.INTERVAL)) : 1,
    count: parts.COUNT ? Number(parts.COUNT) : undefined,
    until: parts.UNTIL ? icalTime(parts.UNTIL) : undefined,
    byDay,
  };
}

const DAY = 86_400_000;

function addMonths(t: number, n: number): number {
  const d = new Date(t);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()));
  // A month without that day (31st, 29 Feb) has no instance, as RFC 5545 says.
  return target.getUTCDate() === d.getUTCDate() ? target.getTime() : NaN;
}

/** Start times (epoch ms) of every instance starting before `until`, the first being `start`. */
export function expand(recurrence: string[], start: number, until: number): number[] {
  const rrule = recurrence.find((r) => /^RRULE:/i.test(r));
  const exdates = new Set(recurrence.filter((r) => /^EXDATE/i.test(r)).flatMap((r) => r.replace(/^EXDATE[^:]*:/i, '').split(',').map(icalTime)));
  const rdates = recurrence.filter((r) => /^RDATE/i.test(r)).flatMap((r) => r.replace(/^RDATE[^:]*:/i, '').split(',').map(icalTime));
  const out: number[] = [];
  if (!rrule) {
    out.push(start, ...rdates);
  } else {
    const rule = parseRule(rrule);
    const end = Math.min(until, rule.until !== undefined ? rule.until + 1 : Infinity);
    let produced = 0;
    const take = (t: number) => {
      if (t < start || t >= end || (rule.count !== undefined && produced >= rule.count)) return;
      produced++;
      out.push(t);
    };
    for (let i = 0; out.length < MAX_INSTANCES; i++) {
      let base: number;
      if (rule.freq === 'DAILY') base = start + i * rule.interval * DAY;
      else if (rule.freq === 'WEEKLY') base = start + i * rule.interval * 7 * DAY;
      else if (rule.freq === 'MONTHLY') base = addMonths(start, i * rule.interval);
      else base = addMonths(start, 12 * i * rule.interval);
      if (!Number.isNaN(base) && base >= end) break;
      if (rule.count !== undefined && produced >= rule.count) break;
      if (Number.isNaN(base)) continue;
      if (rule.freq === 'WEEKLY' && rule.byDay?.length) {
        const weekStart = base - new Date(base).getUTCDay() * DAY;
        for (const d of [...rule.byDay].sort((a, b) => a - b)) take(weekStart + d * DAY);
      } else take(base);
      if (i > 100_000) break;
    }
    out.push(...rdates);
  }
  return [...new Set(out)].filter((t) => !exdates.has(t) && t < until).sort((a, b) => a - b).slice(0, MAX_INSTANCES);
}
