/** Date functions over Sheets' serial numbers (days since 1899-12-30): DATE, TODAY, NOW, YEAR…, EDATE, EOMONTH, DATEDIF. */
// Reference: https://support.google.com/docs/table/25273 (Date section). TODAY and NOW read the tenant clock
// in the spreadsheet's time zone, never the host's wall time.
import { ERR, type Fn, type FnCtx, type FormulaValue, type Val, isErr, scalar, toNum } from './core.js';

const DAY_MS = 86_400_000;
const EPOCH_OFFSET = 25_569; // serial of 1970-01-01

export function serialOf(y: number, m: number, d: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.round(dt.getTime() / DAY_MS) + EPOCH_OFFSET;
}

/** Calendar and clock parts of a serial; `wd` is 0 for Sunday. */
export function partsOf(serial: number): { y: number; m: number; d: number; wd: number; secs: number } {
  const day = new Date(Math.floor(serial - EPOCH_OFFSET) * DAY_MS);
  const secs = Math.round((serial - Math.floor(serial)) * 86_400);
  return { y: day.getUTCFullYear(), m: day.getUTCMonth() + 1, d: day.getUTCDate(), wd: day.getUTCDay(), secs };
}

function daysIn(y: number, m: number): number {
  const dt = new Date(0);
  dt.setUTCFullYear(y, m, 0);
  return dt.getUTCDate();
}

/** Wall-clock serial (with fraction) of an instant in a time zone; an unknown zone reads as UTC. */
function localSerial(ms: number, timeZone: string): number {
  let offset = 0;
  try {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(new Date(ms)).map((x) => [x.type, x.value]),
    );
    offset = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
  } catch {
    offset = 0;
  }
  return (ms + offset) / DAY_MS + EPOCH_OFFSET;
}

/** A date argument: a serial, or text Sheets reads as a date (2024-01-31, 1/31/2024). */
export function dateArg(v: Val | undefined): number | string {
  const x: FormulaValue = scalar(v);
  if (isErr(x)) return x as string;
  if (typeof x === 'string') {
    const iso = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(x);
    if (iso) return serialOf(+iso[1], +iso[2], +iso[3]);
    const us = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(x);
    if (us) return serialOf(+us[3], +us[1], +us[2]);
  }
  const n = toNum(x);
  if (typeof n === 'string') return n;
  return n < 0 ? ERR.num : n;
}

function part(pick: (p: ReturnType<typeof partsOf>) => number): Fn {
  return (a) => {
    const s = dateArg(a[0]);
    return typeof s === 'string' ? s : pick(partsOf(s));
  };
}

function addMonths(a: Val[], endOfMonth: boolean): FormulaValue {
  const s = dateArg(a[0]);
  if (typeof s === 'string') return s;
  const n = toNum(scalar(a[1]));
  if (typeof n === 'string') return n;
  const { y, m, d } = partsOf(s);
  const months = m - 1 + Math.trunc(n);
  const ty = y + Math.floor(months / 12);
  const tm = (((months % 12) + 12) % 12) + 1;
  return endOfMonth ? serialOf(ty, tm, daysIn(ty, tm)) : serialOf(ty, tm, Math.min(d, daysIn(ty, tm)));
}

const now = (ctx: FnCtx): number | undefined => {
  const ms = ctx.now();
  return ms === undefined ? undefined : localSerial(ms, ctx.timeZone);
};

export const DATE: Record<string, Fn> = {
  // DATE(year, month, day): months and days overflow into the next unit; years 0–1899 are taken as 1900+year.
  DATE: (a) => {
    const n = [0, 1, 2].map((i) => toNum(scalar(a[i])));
    const e = n.find((x) => typeof x === 'string');
    if (e !== undefined || a.length < 3) return (e as string) ?? ERR.na;
    let [y, m, d] = (n as number[]).map(Math.trunc);
    if (y < 0 || y >= 10000) return ERR.num;
    if (y < 1900) y += 1900;
    const s = serialOf(y, m, d);
    return s < 0 ? ERR.num : s;
  },
  TODAY: (_a, ctx) => {
    const s = now(ctx);
    return s === undefined ? ERR.na : Math.floor(s);
  },
  NOW: (_a, ctx) => now(ctx) ?? ERR.na,
  YEAR: part((p) => p.y),
  MONTH: part((p) => p.m),
  DAY: part((p) => p.d),
  WEEKDAY: part((p) => p.wd + 1),
  HOUR: part((p) => Math.floor(p.secs / 3600) % 24),
  MINUTE: part((p) => Math.floor((p.secs % 3600) / 60)),
  SECOND: part((p) => p.secs % 60),
  // TIME(hour, minute, second) as a fraction of a day; overflow wraps past midnight.
  TIME: (a) => {
    const n = [0, 1, 2].map((i) => toNum(scalar(a[i])));
    const e = n.find((x) => typeof x === 'string');
    if (e !== undefined || a.length < 3) return (e as string) ?? ERR.na;
    const secs = (n as number[]).map(Math.trunc).reduce((acc, x, i) => acc + x * [3600, 60, 1][i], 0);
    return secs < 0 ? ERR.num : (secs % 86_400) / 86_400;
  },
  DAYS: (a) => {
    const e = dateArg(a[0]);
    const s = dateArg(a[1]);
    if (typeof e === 'string') return e;
    if (typeof s === 'string') return s;
    return Math.floor(e) - Math.floor(s);
  },
  EDATE: (a) => addMonths(a, false),
  EOMONTH: (a) => addMonths(a, true),
  DATEVALUE: (a) => {
    const s = dateArg(a[0]);
    return typeof scalar(a[0]) === 'string' ? s : ERR.value;
  },
  // DATEDIF(start, end, unit) with units Y, M, D, MD, YM, YD; a start after the end is #NUM!.
  DATEDIF: (a) => {
    const s = dateArg(a[0]);
    const e = dateArg(a[1]);
    if (typeof s === 'string') return s;
    if (typeof e === 'string') return e;
    const unit = scalar(a[2]);
    if (isErr(unit)) return unit;
    const s0 = Math.floor(s);
    const e0 = Math.floor(e);
    if (s0 > e0) return ERR.num;
    const p = partsOf(s0);
    const q = partsOf(e0);
    let months = (q.y - p.y) * 12 + (q.m - p.m);
    if (q.d < p.d) months--;
    switch (String(unit).toUpperCase()) {
      case 'D': return e0 - s0;
      case 'M': return months;
      case 'Y': return Math.floor(months / 12);
      case 'YM': return months % 12;
      case 'MD': {
        if (q.d >= p.d) return q.d - p.d;
        const pm = q.m === 1 ? 12 : q.m - 1;
        const py = q.m === 1 ? q.y - 1 : q.y;
        return daysIn(py, pm) - p.d + q.d;
      }
      case 'YD': {
        let shifted = serialOf(q.y, p.m, Math.min(p.d, daysIn(q.y, p.m)));
        if (shifted > e0) shifted = serialOf(q.y - 1, p.m, Math.min(p.d, daysIn(q.y - 1, p.m)));
        return e0 - shifted;
      }
      default: return ERR.num;
    }
  },
};
