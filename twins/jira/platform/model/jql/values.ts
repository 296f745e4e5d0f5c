// JQL operand values: dates and periods, date and user functions, and Jira-style text matching for `~`.
import { own } from '../../../store.js';
import { JqlError } from './lexer.js';

export interface FnEnv {
  now: Date;
  me: string;
  membersOf(group: string): string[] | undefined;
}

const DAY = 86_400_000;
const PERIOD_UNITS: Record<string, number> = { w: 7 * DAY, d: DAY, h: 3_600_000, m: 60_000 };

/**
 * A JQL date: `yyyy/MM/dd HH:mm`, `yyyy-MM-dd HH:mm`, `yyyy/MM/dd`, `yyyy-MM-dd`,
 * or a period relative to now (`-7d`, `-1w 2d`, `4h`). Times are read in UTC.
 */
export function parseDate(value: string, now: Date): number | undefined {
  const s = value.trim();
  const abs = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(s);
  if (abs) {
    const [, y, mo, d, h, mi] = abs;
    const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
    const check = new Date(t);
    return check.getUTCMonth() === Number(mo) - 1 && check.getUTCDate() === Number(d) ? t : undefined;
  }
  const period = /^([-+])?\s*((?:\d+\s*[wdhm]\s*)+)$/i.exec(s);
  if (period) {
    let total = 0;
    for (const m of period[2].matchAll(/(\d+)\s*([wdhm])/gi)) total += Number(m[1]) * PERIOD_UNITS[m[2].toLowerCase()];
    return now.getTime() + (period[1] === '-' ? -total : total);
  }
  return undefined;
}

export const dateError = (value: string, field: string) =>
  `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`;

type Unit = 'y' | 'M' | 'w' | 'd' | 'h' | 'm';

/** Applies an increment like `-1`, `+2d`, `-1w` (default unit per function) in UTC. */
function shift(t: Date, inc: string | undefined, dflt: Unit): Date | undefined {
  if (inc === undefined) return t;
  const m = /^([-+]?\d+)([yMwdhm])?$/.exec(inc.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? dflt) as Unit;
  const d = new Date(t);
  if (unit === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
  else if (unit === 'M') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setTime(d.getTime() + n * { w: 7 * DAY, d: DAY, h: 3_600_000, m: 60_000 }[unit]);
  return d;
}

const startOf = (now: Date, unit: 'day' | 'week' | 'month' | 'year'): Date => {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (unit === 'week') d.setUTCDate(d.getUTCDate() - d.getUTCDay()); // weeks start on Sunday (en_US)
  if (unit === 'month') d.setUTCDate(1);
  if (unit === 'year') d.setUTCMonth(0, 1);
  return d;
};

const endOf = (now: Date, unit: 'day' | 'week' | 'month' | 'year'): Date => {
  const s = startOf(now, unit);
  const next = new Date(s);
  if (unit === 'day') next.setUTCDate(s.getUTCDate() + 1);
  if (unit === 'week') next.setUTCDate(s.getUTCDate() + 7);
  if (unit === 'month') next.setUTCMonth(s.getUTCMonth() + 1);
  if (unit === 'year') next.setUTCFullYear(s.getUTCFullYear() + 1);
  return new Date(next.getTime() - 1);
};

const DATE_FUNCTIONS: Record<string, (now: Date) => Date> = {
  now: (n) => n,
  startofday: (n) => startOf(n, 'day'),
  endofday: (n) => endOf(n, 'day'),
  startofweek: (n) => startOf(n, 'week'),
  endofweek: (n) => endOf(n, 'week'),
  startofmonth: (n) => startOf(n, 'month'),
  endofmonth: (n) => endOf(n, 'month'),
  startofyear: (n) => startOf(n, 'year'),
  endofyear: (n) => endOf(n, 'year'),
};
const DEFAULT_UNIT: Record<string, Unit> = { startofday: 'd', endofday: 'd', startofweek: 'w', endofweek: 'w', startofmonth: 'M', endofmonth: 'M', startofyear: 'y', endofyear: 'y' };

export type FnResult = { type: 'date'; values: number[] } | { type: 'user'; values: string[] };

/** Evaluates a JQL function, or returns an error message in Jira's words. */
export function callFunction(name: string, args: string[], env: FnEnv): FnResult | string {
  const key = name.toLowerCase();
  const shown = `${name}(${args.join(', ')})`;
  if (key === 'currentuser') return args.length ? `Function 'currentUser' expected '0' arguments but received '${args.length}'.` : { type: 'user', values: [env.me] };
  if (key === 'membersof') {
    if (args.length !== 1) return `Function 'membersOf' expected '1' arguments but received '${args.length}'.`;
    const members = env.membersOf(args[0]);
    return members ? { type: 'user', values: members } : `Function 'membersOf' can not generate a list of usernames for group '${args[0]}'; the group does not exist.`;
  }
  const fn = own(DATE_FUNCTIONS, key);
  if (!fn) return `Unable to find JQL function '${shown}'.`;
  if (key === 'now' && args.length) return `Function 'now' expected '0' arguments but received '${args.length}'.`;
  if (args.length > 1) return `Function '${name}' expected between '0' and '1' arguments but received '${args.length}'.`;
  const base = fn(env.now);
  const shifted = key === 'now' ? base : shift(base, args[0], own(DEFAULT_UNIT, key) ?? 'd');
  if (!shifted) return `Could not parse the increment '${args[0]}' for function '${name}'.`;
  // An increment moves the period, then the function snaps to its boundary again.
  const snapped = key === 'now' || args[0] === undefined ? shifted : fn(shifted);
  return { type: 'date', values: [snapped.getTime()] };
}

/** Naive English stemming, enough that `bug` finds `bugs` and `crash` finds `crashing`. */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * Jira's text search (`~`) matches words, not substrings: every term must
 * occur (stemmed), `*` and `?` are wildcards, and a quoted phrase must occur
 * in order. https://support.atlassian.com/jira-software-cloud/docs/search-for-work-items-using-the-text-field/
 */
export function textMatches(haystack: string, query: string): boolean {
  const hay = words(haystack);
  const phrase = /^\s*"(.*)"\s*$/s.exec(query);
  if (phrase) {
    const want = words(phrase[1]);
    if (!want.length) return false;
    for (let i = 0; i + want.length <= hay.length; i++) if (want.every((w, k) => stem(hay[i + k]) === stem(w))) return true;
    return false;
  }
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}*?]+/u).filter((t) => t.replace(/[*?]/g, ''));
  if (!terms.length) return false;
  return terms.every((term) => {
    if (/[*?]/.test(term)) {
      const re = new RegExp(`^${term.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'u');
      return hay.some((w) => re.test(w));
    }
    const st = stem(term);
    return hay.some((w) => w === term || stem(w) === st);
  });
}

export { JqlError };

/** What a text index files a field under: each word and its stem, so `textNeeds` can find any word `textMatches` would. */
export const textTerms = (haystack: string): string[] => words(haystack).flatMap(withStem);

/** A word and its stem, once when they are the same (a number, `g7`): an index then files it once, and a lookup reads one set rather than copying the union of a set with itself. */
function withStem(w: string): string[] {
  const s = stem(w);
  return s === w ? [w] : [w, s];
}

/**
 * For a `~` query: per word the query needs, the index terms any matching field holds (a word matches
 * as itself or by its stem); undefined when the query has wildcards or nothing to look up.
 */
export function textNeeds(query: string): string[][] | undefined {
  const phrase = /^\s*"(.*)"\s*$/s.exec(query);
  if (phrase) {
    const want = words(phrase[1]);
    return want.length ? want.map((w) => [stem(w)]) : undefined;
  }
  const terms = query.toLowerCase().split(/[^\p{L}\p{N}*?]+/u).filter((t) => t.replace(/[*?]/g, ''));
  if (!terms.length || terms.some((t) => /[*?]/.test(t))) return undefined;
  return terms.map(withStem);
}
