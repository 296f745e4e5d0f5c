/** A spreadsheet formula evaluator, so USER_ENTERED formulas read back as values. */
/*
 * A spreadsheet formula evaluator, so USER_ENTERED formulas read back as values
 * rather than as their text: arithmetic, comparison, `&`, cell, range and
 * whole-column references (same or other sheet, ranges as 2-D grids) and the
 * functions in ./formula-functions, which follow Google's function reference
 * (https://support.google.com/docs/table/25273). Errors are values that
 * propagate; an unknown function is `#NAME?` and a reference to a missing sheet
 * or outside its grid is `#REF!`, as Sheets shows them.
 */
import type { SheetRec, SpreadsheetRec } from './spreadsheets.js';
import { ERR, type Fn, type FnCtx, type FormulaValue, type Grid, type Val, array, compare, isArray, isErr, isGrid, scalar, toNum, toStr } from './formula-functions/core.js';
import { ARRAY } from './formula-functions/array.js';
import { STATS } from './formula-functions/stats.js';
import { DATE } from './formula-functions/date.js';
import { LOGICAL } from './formula-functions/logical.js';
import { LOOKUP } from './formula-functions/lookup.js';
import { MATH } from './formula-functions/math.js';
import { TEXT } from './formula-functions/text.js';

export type { FormulaValue } from './formula-functions/core.js';

const FUNCS: Record<string, Fn> = { ...MATH, ...LOGICAL, ...TEXT, ...LOOKUP, ...DATE, ...ARRAY, ...STATS };

/** The tenant clock each loaded spreadsheet reads TODAY() and NOW() from (never the host's wall time). */
const clocks = new WeakMap<SpreadsheetRec, () => number>();
export function bindFormulaClock(ss: SpreadsheetRec, now: () => number): void {
  clocks.set(ss, now);
}

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
    // Whole columns (A:B, 'Sheet 2'!C:C).
    const cols = /^((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_(])/.exec(src.slice(i));
    if (cols) { out.push({ t: 'ref', v: cols[0].replace(/\$/g, '') }); i += cols[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0].toUpperCase() }); i += id[0].length; continue; }
    // Error literals typed into a formula (=IFERROR(#N/A, 0)) are values like any other.
    const err = /^#(DIV\/0!|NAME\?|VALUE!|REF!|N\/A|NUM!)/i.exec(src.slice(i));
    if (err) { out.push({ t: 'str', v: err[0].toUpperCase() }); i += err[0].length; continue; }
    const op = /^(<=|>=|<>|[-+*/^&=<>(),:%{};])/.exec(src.slice(i));
    if (op) { out.push({ t: 'op', v: op[0] }); i += op[0].length; continue; }
    return undefined;
  }
  return out;
}

interface Env {
  ss: SpreadsheetRec;
  sheet: SheetRec;
  /** Cells being evaluated, to turn cycles into #REF!. */
  stack: Set<string>;
  fn: FnCtx;
  /** Spilled values per sheet, worked out once per evaluation; sheets being worked out are absent. */
  spills: Map<number, Map<string, FormulaValue> | 'building'>;
}

/** Zero-based row and column of `B7`; a bare column (`B`, in a whole-column range) has no row. */
function parseRefPart(part: string): [number | undefined, number] {
  const m = /^([A-Za-z]{1,3})(\d+)?$/.exec(part)!;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return [m[2] === undefined ? undefined : Number(m[2]) - 1, c - 1];
}

/** The last row holding a cell, so a whole-column range reads only as far as there is data. */
function lastRow(sheet: SheetRec): number {
  let last = -1;
  for (const key of Object.keys(sheet.cells)) last = Math.max(last, Number(key.slice(0, key.indexOf(':'))));
  return last;
}

function lookup(env: Env, ref: string): Val {
  let sheet = env.sheet;
  let cells = ref;
  const bang = ref.lastIndexOf('!');
  if (bang >= 0) {
    let title = ref.slice(0, bang);
    if (title.startsWith("'")) title = title.slice(1, -1).replace(/''/g, "'");
    const s = env.ss.sheets.find((x) => x.title.toLowerCase() === title.toLowerCase());
    if (!s) return ERR.ref;
    sheet = s;
    cells = ref.slice(bang + 1);
  }
  const [a, b] = cells.split(':');
  const [ra, c1] = parseRefPart(a);
  const [rb, c2] = b ? parseRefPart(b) : [ra, c1];
  const whole = ra === undefined || rb === undefined;
  const r1 = whole ? 0 : Math.min(ra, rb);
  const r2 = whole ? lastRow(sheet) : Math.max(ra, rb);
  const [lo, hi] = [Math.min(c1, c2), Math.max(c1, c2)];
  if (r2 >= sheet.rowCount || hi >= sheet.columnCount) return ERR.ref;
  const out: FormulaValue[][] = [];
  for (let r = r1; r <= r2; r++) {
    const row: FormulaValue[] = [];
    for (let c = lo; c <= hi; c++) row.push(valueAt(env, sheet, r, c));
    out.push(row);
  }
  if (whole && out.length === 0) out.push(Array.from({ length: hi - lo + 1 }, () => null));
  return b ? out : out[0][0];
}

const empty = (cell: SheetRec['cells'][string] | undefined) => !cell || (cell.f === undefined && (cell.v === undefined || cell.v === ''));

function valueAt(env: Env, sheet: SheetRec, r: number, c: number): FormulaValue {
  const cell = sheet.cells[`${r}:${c}`];
  if (empty(cell)) return spillsOf(env, sheet)?.get(`${r}:${c}`) ?? cell?.v ?? null;
  if (cell!.f === undefined) return cell!.v ?? null;
  const v = resultAt(env, sheet, r, c);
  // An array that would overwrite data, or run off the grid, is not expanded: the formula shows #REF!.
  return isArray(v) && blocked(sheet, r, c, v) ? ERR.ref : scalar(v);
}

/** The whole result of the formula at (r, c): an array result stays a grid. */
function resultAt(env: Env, sheet: SheetRec, r: number, c: number): Val {
  const key = `${sheet.sheetId}:${r}:${c}`;
  if (env.stack.has(key)) return ERR.ref;
  env.stack.add(key);
  try {
    return run(sheet.cells[`${r}:${c}`].f!.slice(1), { ...env, sheet }, true);
  } finally {
    env.stack.delete(key);
  }
}

function blocked(sheet: SheetRec, r: number, c: number, g: Grid): boolean {
  if (r + g.length > sheet.rowCount || c + (g[0]?.length ?? 0) > sheet.columnCount) return true;
  for (let i = 0; i < g.length; i++) for (let j = 0; j < g[i].length; j++) if ((i || j) && !empty(sheet.cells[`${r + i}:${c + j}`])) return true;
  return false;
}

/** Formulas that may return an array (literals and array functions); only these are evaluated to find spills. */
const MAY_SPILL = /[{]|\b(SEQUENCE|FILTER|SORT|UNIQUE|ARRAYFORMULA|SPLIT|TRANSPOSE|FLATTEN)\s*\(/i;

function spillsOf(env: Env, sheet: SheetRec): Map<string, FormulaValue> | undefined {
  const known = env.spills.get(sheet.sheetId);
  if (known) return known === 'building' ? undefined : known;
  env.spills.set(sheet.sheetId, 'building');
  const out = new Map<string, FormulaValue>();
  for (const [key, cell] of Object.entries(sheet.cells)) {
    if (!cell.f || !MAY_SPILL.test(cell.f)) continue;
    const [r, c] = key.split(':').map(Number);
    const g = resultAt(env, sheet, r, c);
    if (!isArray(g) || blocked(sheet, r, c, g)) continue;
    for (let i = 0; i < g.length; i++) for (let j = 0; j < g[i].length; j++) if (i || j) out.set(`${r + i}:${c + j}`, g[i][j]);
  }
  env.spills.set(sheet.sheetId, out);
  return out;
}

function run(src: string, env: Env, top = false): Val {
  const toks = lex(src);
  if (!toks) return ERR.parse;
  let i = 0;
  // Inside ARRAYFORMULA, operators apply cell by cell over ranges and arrays.
  let arrays = 0;
  const peek = (v: string) => toks[i]?.t === 'op' && String(toks[i].v) === v;
  const binary = (next: () => Val, ops: string[], apply: (op: string, a: FormulaValue, b: FormulaValue) => FormulaValue) => (): Val => {
    let left = next();
    while (toks[i]?.t === 'op' && ops.includes(String(toks[i].v))) {
      const op = String(toks[i++].v);
      const right = next();
      const one = (a: FormulaValue, b: FormulaValue) => (isErr(a) ? a : isErr(b) ? b : apply(op, a, b));
      if (arrays && (isGrid(left) || isGrid(right))) {
        // A single row or column, or a single value, is repeated to the size of the other side.
        const [x, y] = [isGrid(left) ? left : [[left]], isGrid(right) ? right : [[right]]];
        const h = Math.max(x.length, y.length);
        const w = Math.max(x[0].length, y[0].length);
        // Past the end of the smaller side is #N/A; a blank cell stays blank.
        const at = (g: Grid, r: number, c: number) => {
          const v = g[g.length === 1 ? 0 : r]?.[g[0].length === 1 ? 0 : c];
          return v === undefined ? ERR.na : v;
        };
        left = array(Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => one(at(x, r, c), at(y, r, c)))));
      } else left = one(scalar(left), scalar(right));
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
  // Blank equals both 0 and ""; otherwise numbers < text < booleans, text case-insensitive.
  const cmp = (op: string, a: FormulaValue, b: FormulaValue): FormulaValue => {
    const c = compare(a === null && typeof b === 'string' ? '' : a, b === null && typeof a === 'string' ? '' : b);
    switch (op) {
      case '=': return c === 0;
      case '<>': return c !== 0;
      case '<': return c < 0;
      case '>': return c > 0;
      case '<=': return c <= 0;
      default: return c >= 0;
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
    if (tok.t === 'op' && tok.v === '{') {
      // An array literal: `,` separates columns and `;` rows ({1,2;3,4}); rows must be equally long.
      const rows: FormulaValue[][] = [[]];
      for (;;) {
        const v = comparison();
        rows[rows.length - 1].push(...(isGrid(v) ? v.flat() : [v]));
        if (peek(',')) { i++; continue; }
        if (peek(';')) { i++; rows.push([]); continue; }
        break;
      }
      if (!peek('}')) return ERR.parse;
      i++;
      if (rows.some((row) => row.length !== rows[0].length)) return ERR.value;
      return array(rows);
    }
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      const v = scalar(primary());
      const n = toNum(v);
      return typeof n === 'string' ? n : tok.v === '-' ? -n : n;
    }
    if (tok.t === 'id') {
      if ((tok.v === 'TRUE' || tok.v === 'FALSE') && !peek('(')) return tok.v === 'TRUE';
      if (!peek('(')) return ERR.name;
      i++;
      if (tok.v === 'ARRAYFORMULA') {
        arrays++;
        const v = comparison();
        arrays--;
        if (!peek(')')) return ERR.parse;
        i++;
        return isGrid(v) ? array(v) : v;
      }
      const args: Val[] = [];
      // Array functions read their arguments as arrays: FILTER(A1:A5, A1:A5 > 2) compares every cell.
      const arrayArgs = tok.v in ARRAY || tok.v === 'SUMPRODUCT';
      if (arrayArgs) arrays++;
      if (!peek(')')) {
        for (;;) {
          // An omitted argument (`XLOOKUP(k, a, b, , 1)`) stays a hole, so the function applies its default.
          if (peek(',') || peek(')')) args.length += 1;
          else args.push(comparison());
          if (peek(',')) { i++; continue; }
          break;
        }
      }
      if (arrayArgs) arrays--;
      if (!peek(')')) return ERR.parse;
      i++;
      const fn = FUNCS[tok.v];
      return fn ? fn(args, env.fn) : ERR.name;
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
  return top && isArray(result) ? result : scalar(result);
}

const newEnv = (ss: SpreadsheetRec, sheet: SheetRec): Env => ({ ss, sheet, stack: new Set(), fn: { now: () => clocks.get(ss)?.(), timeZone: ss.timeZone }, spills: new Map() });

export function evaluateCell(ss: SpreadsheetRec, sheet: SheetRec, r: number, c: number): FormulaValue {
  return valueAt(newEnv(ss, sheet), sheet, r, c);
}

/** Values that array results spill into the empty cells of a sheet, keyed `row:col`. */
export function spillMap(ss: SpreadsheetRec, sheet: SheetRec): Map<string, FormulaValue> {
  return spillsOf(newEnv(ss, sheet), sheet) ?? new Map();
}
