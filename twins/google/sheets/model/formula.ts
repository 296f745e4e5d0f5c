/** A small spreadsheet formula evaluator, so USER_ENTERED formulas read back as values. */
/*
 * A small spreadsheet formula evaluator, so USER_ENTERED formulas read back as
 * values rather than as their text: arithmetic, comparison, `&`, cell and range
 * references (same or other sheet) and common functions. Anything outside that
 * set evaluates to `#NAME?`, as Sheets shows for unknown functions.
 */
import type { SheetRec, SpreadsheetRec } from './spreadsheets.js';

export type FormulaValue = string | number | boolean | null;

const ERR = { div0: '#DIV/0!', name: '#NAME?', value: '#VALUE!', ref: '#REF!', parse: '#ERROR!', na: '#N/A' };
const isErr = (v: unknown): boolean => typeof v === 'string' && /^#(DIV\/0!|NAME\?|VALUE!|REF!|ERROR!|N\/A)$/.test(v);

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'ref'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string };

function lex(src: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: Number(num[0]) }); i += num[0].length; continue; }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) return undefined;
        if (src[i] === '"' && src[i + 1] === '"') { s += '"'; i += 2; continue; }
        if (src[i] === '"') { i++; break; }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    const ref = /^((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?/.exec(src.slice(i));
    if (ref && !/^[A-Za-z_][A-Za-z0-9_]*\(/.test(src.slice(i))) { out.push({ t: 'ref', v: ref[0].replace(/\$/g, '') }); i += ref[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0].toUpperCase() }); i += id[0].length; continue; }
    const op = /^(<=|>=|<>|[-+*/^&=<>(),:%])/.exec(src.slice(i));
    if (op) { out.push({ t: 'op', v: op[0] }); i += op[0].length; continue; }
    return undefined;
  }
  return out;
}

type Val = FormulaValue | FormulaValue[];

interface Env {
  ss: SpreadsheetRec;
  sheet: SheetRec;
  /** Cells being evaluated, to turn cycles into #REF!. */
  stack: Set<string>;
}

const toNum = (v: FormulaValue): number | string => {
  if (isErr(v)) return v as string;
  if (v === null || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = Number(v);
  return Number.isFinite(n) ? n : ERR.value;
};
const toStr = (v: FormulaValue): string => (v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
const flat = (args: Val[]): FormulaValue[] => args.flatMap((a) => (Array.isArray(a) ? a : [a]));
const scalar = (v: Val): FormulaValue => (Array.isArray(v) ? (v[0] ?? null) : v);
const numbersIn = (args: Val[]) => flat(args).filter((v): v is number => typeof v === 'number');

const FUNCS: Record<string, (args: Val[]) => FormulaValue> = {
  SUM: (a) => firstErr(a) ?? numbersIn(a).reduce((x, y) => x + y, 0),
  AVERAGE: (a) => {
    const e = firstErr(a);
    if (e) return e;
    const n = numbersIn(a);
    return n.length ? n.reduce((x, y) => x + y, 0) / n.length : ERR.div0;
  },
  MIN: (a) => firstErr(a) ?? (numbersIn(a).length ? Math.min(...numbersIn(a)) : 0),
  MAX: (a) => firstErr(a) ?? (numbersIn(a).length ? Math.max(...numbersIn(a)) : 0),
  COUNT: (a) => numbersIn(a).length,
  COUNTA: (a) => flat(a).filter((v) => v !== null && v !== '').length,
  IF: (a) => (truthy(scalar(a[0])) ? scalar(a[1] ?? true) : scalar(a[2] ?? false)),
  AND: (a) => flat(a).every(truthy),
  OR: (a) => flat(a).some(truthy),
  NOT: (a) => !truthy(scalar(a[0])),
  CONCATENATE: (a) => flat(a).map(toStr).join(''),
  CONCAT: (a) => flat(a).map(toStr).join(''),
  LEN: (a) => toStr(scalar(a[0])).length,
  UPPER: (a) => toStr(scalar(a[0])).toUpperCase(),
  LOWER: (a) => toStr(scalar(a[0])).toLowerCase(),
  TRIM: (a) => toStr(scalar(a[0])).trim().replace(/\s+/g, ' '),
  ABS: (a) => num1(a, Math.abs),
  ROUND: (a) => {
    const n = toNum(scalar(a[0]));
    const d = toNum(scalar(a[1] ?? 0));
    if (typeof n === 'string') return n;
    if (typeof d === 'string') return d;
    const f = 10 ** d;
    return Math.round(n * f) / f;
  },
};

function num1(a: Val[], fn: (n: number) => number): FormulaValue {
  const n = toNum(scalar(a[0]));
  return typeof n === 'string' ? n : fn(n);
}

function firstErr(a: Val[]): string | undefined {
  return flat(a).find(isErr) as string | undefined;
}

function truthy(v: FormulaValue): boolean {
  if (typeof v === 'string') return v.toUpperCase() === 'TRUE' || (v !== '' && Number(v) !== 0 && !Number.isNaN(Number(v)));
  return !!v;
}

function parseRefPart(part: string): [number, number] {
  const m = /^([A-Za-z]{1,3})(\d+)$/.exec(part)!;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, c - 1];
}

function lookup(env: Env, ref: string): Val {
  let sheet = env.sheet;
  let cells = ref;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    let title = ref.slice(0, bang);
    if (title.startsWith("'")) title = title.slice(1, -1).replace(/''/g, "'");
    const s = env.ss.sheets.find((x) => x.title === title);
    if (!s) return ERR.ref;
    sheet = s;
    cells = ref.slice(bang + 1);
  }
  const [a, b] = cells.split(':');
  const [r1, c1] = parseRefPart(a);
  const [r2, c2] = b ? parseRefPart(b) : [r1, c1];
  const out: FormulaValue[] = [];
  for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
    for (let c = Math.min(c1, c2); c <= Math.max(c1, c2); c++) out.push(valueAt(env, sheet, r, c));
  }
  return b ? out : out[0];
}

function valueAt(env: Env, sheet: SheetRec, r: number, c: number): FormulaValue {
  const cell = sheet.cells[`${r}:${c}`];
  if (!cell) return null;
  if (cell.f === undefined) return cell.v ?? null;
  const key = `${sheet.sheetId}:${r}:${c}`;
  if (env.stack.has(key)) return ERR.ref;
  env.stack.add(key);
  try {
    return run(cell.f.slice(1), { ...env, sheet });
  } finally {
    env.stack.delete(key);
  }
}

function run(src: string, env: Env): FormulaValue {
  const toks = lex(src);
  if (!toks) return ERR.parse;
  let i = 0;
  const peek = (v: string) => toks[i]?.t === 'op' && String(toks[i].v) === v;
  const binary = (next: () => Val, ops: string[], apply: (op: string, a: FormulaValue, b: FormulaValue) => FormulaValue) => (): Val => {
    let left = next();
    while (toks[i]?.t === 'op' && ops.includes(String(toks[i].v))) {
      const op = String(toks[i++].v);
      const right = next();
      const a = scalar(left);
      const b = scalar(right);
      left = isErr(a) ? a : isErr(b) ? b : apply(op, a, b);
    }
    return left;
  };
  const arith = (op: string, a: FormulaValue, b: FormulaValue): FormulaValue => {
    const x = toNum(a);
    const y = toNum(b);
    if (typeof x === 'string') return x;
    if (typeof y === 'string') return y;
    if (op === '/' && y === 0) return ERR.div0;
    return op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? x / y : x ** y;
  };
  const cmp = (op: string, a: FormulaValue, b: FormulaValue): FormulaValue => {
    const x = typeof a === 'string' ? a.toLowerCase() : a ?? 0;
    const y = typeof b === 'string' ? b.toLowerCase() : b ?? 0;
    switch (op) {
      case '=': return x === y;
      case '<>': return x !== y;
      case '<': return x < y;
      case '>': return x > y;
      case '<=': return x <= y;
      default: return x >= y;
    }
  };
  const primary = (): Val => {
    const tok = toks[i++];
    if (!tok) return ERR.parse;
    if (tok.t === 'num') return peek('%') ? (i++, tok.v / 100) : tok.v;
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'ref') return lookup(env, tok.v);
    if (tok.t === 'op' && tok.v === '(') {
      const v = comparison();
      if (!peek(')')) return ERR.parse;
      i++;
      return v;
    }
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      const v = scalar(primary());
      const n = toNum(v);
      return typeof n === 'string' ? n : tok.v === '-' ? -n : n;
    }
    if (tok.t === 'id') {
      if (tok.v === 'TRUE' || tok.v === 'FALSE') return tok.v === 'TRUE';
      if (!peek('(')) return ERR.name;
      i++;
      const args: Val[] = [];
      if (!peek(')')) {
        for (;;) {
          args.push(comparison());
          if (peek(',')) { i++; continue; }
          break;
        }
      }
      if (!peek(')')) return ERR.parse;
      i++;
      const fn = FUNCS[tok.v];
      return fn ? fn(args) : ERR.name;
    }
    return ERR.parse;
  };
  const power = binary(primary, ['^'], arith);
  const product = binary(power, ['*', '/'], arith);
  const sum = binary(product, ['+', '-'], arith);
  const concat = binary(sum, ['&'], (_op, a, b) => toStr(a) + toStr(b));
  const comparison = binary(concat, ['=', '<>', '<', '>', '<=', '>='], cmp);
  const result = comparison();
  if (i !== toks.length) return ERR.parse;
  return scalar(result);
}

export function evaluateCell(ss: SpreadsheetRec, sheet: SheetRec, r: number, c: number): FormulaValue {
  return valueAt({ ss, sheet, stack: new Set() }, sheet, r, c);
}
