/** Text functions: CONCATENATE, LEFT/RIGHT/MID, LEN, case, TRIM, SUBSTITUTE, TEXTJOIN, FIND/SEARCH, VALUE, TEXT, REPT. */
// Reference: https://support.google.com/docs/table/25273 (Text section).
import { ERR, type Fn, type FormulaValue, type Val, firstErr, flat, isErr, scalar, toNum, toStr, wildcard } from './core.js';
import { partsOf } from './date.js';

/** The first argument as text and the rest as numbers, or the first error. */
function textAndNums(a: Val[], count: number, defaults: (number | undefined)[]): [string, number[]] | string {
  const t = scalar(a[0]);
  if (isErr(t)) return t as string;
  const out: number[] = [];
  for (let i = 1; i <= count; i++) {
    if (a[i] === undefined) {
      const d = defaults[i - 1];
      if (d === undefined) return ERR.na;
      out.push(d);
      continue;
    }
    const n = toNum(scalar(a[i]));
    if (typeof n === 'string') return n;
    out.push(Math.trunc(n));
  }
  return [toStr(t), out];
}

function oneText(fn: (s: string) => FormulaValue): Fn {
  return (a) => {
    const v = scalar(a[0]);
    return isErr(v) ? v : fn(toStr(v));
  };
}

function find(caseSensitive: boolean): Fn {
  return (a) => {
    const e = firstErr(a.map(scalar));
    if (e) return e;
    const needle = toStr(scalar(a[0]));
    const hay = toStr(scalar(a[1]));
    const start = a[2] === undefined ? 1 : toNum(scalar(a[2]));
    if (typeof start === 'string') return start;
    if (start < 1 || start > hay.length + (needle === '' ? 1 : 0)) return ERR.value;
    const from = Math.trunc(start) - 1;
    let at: number;
    if (caseSensitive) at = hay.indexOf(needle, from);
    else {
      const m = wildcard(needle, false).exec(hay.slice(from));
      at = m ? m.index + from : -1;
    }
    return at < 0 ? ERR.value : at + 1;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Date/time patterns of TEXT: yyyy yy mmmm mmm mm m dddd ddd dd d hh h ss, mm after h is minutes, AM/PM. */
function formatDate(serial: number, fmt: string): string {
  const p = partsOf(serial);
  const hour = Math.floor(p.secs / 3600);
  const min = Math.floor((p.secs % 3600) / 60);
  const sec = p.secs % 60;
  const ampm = /AM\/PM/i.test(fmt);
  const pad = (n: number) => String(n).padStart(2, '0');
  let lastWasHour = false;
  return fmt.replace(/yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|AM\/PM/gi, (tok) => {
    const t = tok.toLowerCase();
    const hourTok = t === 'hh' || t === 'h';
    const minutes = lastWasHour && (t === 'mm' || t === 'm');
    lastWasHour = hourTok;
    if (minutes) return t === 'mm' ? pad(min) : String(min);
    const h12 = ampm ? ((hour + 11) % 12) + 1 : hour;
    switch (t) {
      case 'yyyy': return String(p.y);
      case 'yy': return pad(p.y % 100);
      case 'mmmm': return MONTHS[p.m - 1];
      case 'mmm': return MONTHS[p.m - 1].slice(0, 3);
      case 'mm': return pad(p.m);
      case 'm': return String(p.m);
      case 'dddd': return DAYS[p.wd];
      case 'ddd': return DAYS[p.wd].slice(0, 3);
      case 'dd': return pad(p.d);
      case 'd': return String(p.d);
      case 'hh': return pad(h12);
      case 'h': return String(h12);
      case 'ss': return pad(sec);
      case 's': return String(sec);
      default: return hour < 12 ? 'AM' : 'PM';
    }
  });
}

/** Number patterns of TEXT: 0 and # digits, a thousands comma, decimals, %, and literal text around them. */
function formatNumber(n: number, fmt: string): string {
  let core = '';
  let at = -1;
  const re = /[#0][#0,]*(\.[#0]*)?|\.[#0]+/g;
  for (let x = re.exec(fmt); x; x = re.exec(fmt)) {
    if (x[0].length > core.length) { core = x[0]; at = x.index; }
  }
  if (at < 0) return fmt.replace(/"([^"]*)"/g, '$1');
  const pct = fmt.includes('%') ? 100 : 1;
  const [intPat, decPat = ''] = core.split('.');
  const decimals = decPat.length;
  const minDecimals = (decPat.match(/0/g) ?? []).length;
  const minInt = (intPat.match(/0/g) ?? []).length;
  const v = Math.abs(n * pct);
  let [i, d = ''] = (Math.round(Number((v * 10 ** decimals).toPrecision(15))) / 10 ** decimals).toFixed(decimals).split('.');
  d = d.replace(/0+$/, '').padEnd(minDecimals, '0');
  i = i === '0' && minInt === 0 ? '' : i.padStart(minInt, '0');
  if (intPat.includes(',')) i = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `${i}${d ? `.${d}` : ''}`;
  const strip = (s: string) => s.replace(/"([^"]*)"/g, '$1');
  return `${n < 0 && (Number(i) > 0 || Number(d) > 0) ? '-' : ''}${strip(fmt.slice(0, at))}${body}${strip(fmt.slice(at + core.length))}`;
}

export const TEXT: Record<string, Fn> = {
  CONCATENATE: (a) => firstErr(a) ?? flat(a).map(toStr).join(''),
  CONCAT: (a) => {
    const e = firstErr(a);
    if (e) return e;
    return toStr(scalar(a[0])) + toStr(scalar(a[1]));
  },
  LEN: oneText((s) => s.length),
  UPPER: oneText((s) => s.toUpperCase()),
  LOWER: oneText((s) => s.toLowerCase()),
  PROPER: oneText((s) => s.toLowerCase().replace(/(^|[^a-z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase())),
  // TRIM removes leading/trailing spaces and collapses inner runs of spaces to one.
  TRIM: oneText((s) => s.replace(/ +/g, ' ').trim()),
  LEFT: (a) => {
    const r = textAndNums(a, 1, [1]);
    if (typeof r === 'string') return r;
    return r[1][0] < 0 ? ERR.value : r[0].slice(0, r[1][0]);
  },
  RIGHT: (a) => {
    const r = textAndNums(a, 1, [1]);
    if (typeof r === 'string') return r;
    return r[1][0] < 0 ? ERR.value : r[1][0] === 0 ? '' : r[0].slice(-r[1][0]);
  },
  MID: (a) => {
    const r = textAndNums(a, 2, [undefined, undefined]);
    if (typeof r === 'string') return r;
    const [start, len] = r[1];
    return start < 1 || len < 0 ? ERR.value : r[0].substr(start - 1, len);
  },
  REPT: (a) => {
    const r = textAndNums(a, 1, [undefined]);
    if (typeof r === 'string') return r;
    return r[1][0] < 0 ? ERR.value : r[0].repeat(r[1][0]);
  },
  // SUBSTITUTE(text, search, replacement, [occurrence]): without an occurrence every match is replaced.
  SUBSTITUTE: (a) => {
    const e = firstErr(a.map(scalar));
    if (e) return e;
    const [text, search, repl] = [0, 1, 2].map((i) => toStr(scalar(a[i])));
    if (search === '') return text;
    if (a[3] === undefined) return text.split(search).join(repl);
    const n = toNum(scalar(a[3]));
    if (typeof n === 'string') return n;
    if (n < 0) return ERR.value;
    if (n === 0) return text.split(search).join(repl);
    let at = -1;
    for (let k = 0; k < n; k++) {
      at = text.indexOf(search, at + 1);
      if (at < 0) return text;
    }
    return text.slice(0, at) + repl + text.slice(at + search.length);
  },
  TEXTJOIN: (a) => {
    const e = firstErr(a);
    if (e) return e;
    const delim = toStr(scalar(a[0]));
    const skip = scalar(a[1]) === true || toNum(scalar(a[1])) === 1;
    return flat(a.slice(2)).filter((v) => !skip || (v !== null && v !== '')).map(toStr).join(delim);
  },
  FIND: find(true),
  SEARCH: find(false),
  EXACT: (a) => firstErr(a) ?? toStr(scalar(a[0])) === toStr(scalar(a[1])),
  VALUE: (a) => {
    const v = scalar(a[0]);
    if (typeof v === 'boolean') return ERR.value;
    return toNum(v);
  },
  // TEXT(number, format) for the common number and date patterns.
  TEXT: (a) => {
    const v = scalar(a[0]);
    const f = scalar(a[1]);
    if (isErr(v)) return v;
    if (isErr(f)) return f;
    const n = toNum(v);
    if (typeof n === 'string') return toStr(v);
    const fmt = toStr(f);
    return /[ydhms]/i.test(fmt.replace(/"[^"]*"/g, '')) ? formatDate(n, fmt) : formatNumber(n, fmt);
  },
};
