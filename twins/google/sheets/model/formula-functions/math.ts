/** Math and aggregate functions: SUM…COUNTA, rounding, MOD/POWER/SQRT/INT and the criteria family (SUMIF, COUNTIFS…). */
// Reference: https://support.google.com/docs/table/25273 (Math and Statistical sections).
import { ERR, type Fn, type FormulaValue, type Val, asGrid, criterion, firstErr, flat, isErr, nums, numbersIn, scalar } from './core.js';

const total = (n: number[]) => n.reduce((x, y) => x + y, 0);

/** Drops binary noise (0.1*3) before rounding, so ROUND(1.005, 2) is 1.01 as in Sheets. */
const clean = (x: number) => Number(x.toPrecision(15));

function rounder(mode: (x: number) => number): Fn {
  return (a) => {
    const n = nums(a, 2, [NaN, 0]);
    if (typeof n === 'string') return n;
    if (Number.isNaN(n[0])) return ERR.na;
    const f = 10 ** Math.trunc(n[1]);
    return (Math.sign(n[0]) * mode(clean(Math.abs(n[0]) * f))) / f || 0;
  };
}

function multiple(mode: (x: number) => number): Fn {
  return (a) => {
    const n = nums(a, 2, [NaN, 1]);
    if (typeof n === 'string') return n;
    if (Number.isNaN(n[0])) return ERR.na;
    if (n[1] === 0) return 0;
    if (n[0] > 0 && n[1] < 0) return ERR.num;
    return clean(mode(clean(n[0] / n[1])) * n[1]);
  };
}

function unary(fn: (n: number) => number | string): Fn {
  return (a) => {
    const n = nums(a, 1);
    return typeof n === 'string' ? n : fn(n[0]);
  };
}

/** Pairs of (range, criterion) as one mask over the cells of the first range; #VALUE! when shapes differ. */
function mask(pairs: Val[]): boolean[] | string {
  if (pairs.length === 0 || pairs.length % 2) return ERR.na;
  let out: boolean[] | undefined;
  let shape = '';
  for (let i = 0; i < pairs.length; i += 2) {
    const g = asGrid(pairs[i]);
    const s = `${g.length}x${g[0]?.length ?? 0}`;
    if (out && s !== shape) return ERR.value;
    shape = s;
    const crit = scalar(pairs[i + 1]);
    if (isErr(crit)) return crit as string;
    const test = criterion(crit);
    const hits = g.flat().map(test);
    out = out ? out.map((x, j) => x && hits[j]) : hits;
  }
  return out!;
}

const picked = (values: Val, m: boolean[]): FormulaValue[] => asGrid(values).flat().filter((_, j) => m[j]);
const sumOf = (v: FormulaValue[]) => firstErr([[v]]) ?? total(v.filter((x): x is number => typeof x === 'number'));
function averageOf(v: FormulaValue[]): FormulaValue {
  const e = firstErr([[v]]);
  if (e) return e;
  const n = v.filter((x): x is number => typeof x === 'number');
  return n.length ? total(n) / n.length : ERR.div0;
}

export const MATH: Record<string, Fn> = {
  SUM: (a) => firstErr(a) ?? total(numbersIn(a)),
  AVERAGE: (a) => averageOf(flat(a)),
  MIN: (a) => firstErr(a) ?? (numbersIn(a).length ? Math.min(...numbersIn(a)) : 0),
  MAX: (a) => firstErr(a) ?? (numbersIn(a).length ? Math.max(...numbersIn(a)) : 0),
  COUNT: (a) => numbersIn(a).length,
  COUNTA: (a) => flat(a).filter((v) => v !== null).length,
  COUNTBLANK: (a) => flat(a).filter((v) => v === null || v === '').length,
  PRODUCT: (a) => firstErr(a) ?? numbersIn(a).reduce((x, y) => x * y, 1),
  ABS: unary(Math.abs),
  INT: unary(Math.floor),
  SQRT: unary((n) => (n < 0 ? ERR.num : Math.sqrt(n))),
  SIGN: unary(Math.sign),
  ROUND: rounder(Math.round),
  ROUNDUP: rounder(Math.ceil),
  ROUNDDOWN: rounder(Math.floor),
  // MOD's result takes the divisor's sign: MOD(-3, 2) is 1.
  MOD: (a) => {
    const n = nums(a, 2);
    if (typeof n === 'string') return n;
    if (n[1] === 0) return ERR.div0;
    return clean(n[0] - n[1] * Math.floor(n[0] / n[1]));
  },
  POWER: (a) => {
    const n = nums(a, 2);
    if (typeof n === 'string') return n;
    if (n[0] === 0 && n[1] < 0) return ERR.div0;
    const r = n[0] ** n[1];
    return Number.isFinite(r) ? r : ERR.num;
  },
  TRUNC: rounder(Math.floor),
  // CEILING/FLOOR(value, [factor = 1]) round to a multiple of the factor; a factor of the other sign is #NUM!.
  CEILING: multiple(Math.ceil),
  FLOOR: multiple(Math.floor),
  EXP: unary(Math.exp),
  LN: unary((n) => (n <= 0 ? ERR.num : Math.log(n))),
  LOG10: unary((n) => (n <= 0 ? ERR.num : Math.log10(n))),
  LOG: (a) => {
    const n = nums(a, 2, [NaN, 10]);
    if (typeof n === 'string') return n;
    if (n[0] <= 0 || n[1] <= 0) return ERR.num;
    return n[1] === 1 ? ERR.div0 : Math.log(n[0]) / Math.log(n[1]);
  },
  PI: () => Math.PI,
  MEDIAN: (a) => {
    const e = firstErr(a);
    if (e) return e;
    const n = numbersIn(a).sort((x, y) => x - y);
    if (!n.length) return ERR.num;
    const h = n.length >> 1;
    return n.length % 2 ? n[h] : (n[h - 1] + n[h]) / 2;
  },
  // SUMPRODUCT multiplies same-shaped ranges cell by cell; text counts as 0.
  SUMPRODUCT: (a) => {
    const e = firstErr(a);
    if (e) return e;
    const cells = a.map((v) => asGrid(v).flat());
    if (cells.some((c) => c.length !== cells[0].length)) return ERR.value;
    let sum = 0;
    for (let i = 0; i < (cells[0]?.length ?? 0); i++) sum += cells.reduce((p, c) => p * (typeof c[i] === 'number' ? (c[i] as number) : 0), 1);
    return sum;
  },
  SUMIF: (a) => {
    const m = mask(a.slice(0, 2));
    return typeof m === 'string' ? m : sumOf(picked(a[2] ?? a[0], m));
  },
  SUMIFS: (a) => {
    const m = mask(a.slice(1));
    return typeof m === 'string' ? m : sumOf(picked(a[0], m));
  },
  COUNTIF: (a) => {
    const m = a.length === 2 ? mask(a) : ERR.na;
    return typeof m === 'string' ? m : m.filter(Boolean).length;
  },
  COUNTIFS: (a) => {
    const m = mask(a);
    return typeof m === 'string' ? m : m.filter(Boolean).length;
  },
  AVERAGEIF: (a) => {
    const m = mask(a.slice(0, 2));
    return typeof m === 'string' ? m : averageOf(picked(a[2] ?? a[0], m));
  },
  AVERAGEIFS: (a) => {
    const m = mask(a.slice(1));
    return typeof m === 'string' ? m : averageOf(picked(a[0], m));
  },
};
