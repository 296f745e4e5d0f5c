/** batchUpdate request kinds that write cells from other cells or text: updateBorders, textToColumns, pasteData, autoFill, randomizeRange, updateConditionalFormatRule. */
/*
 * Request and reply shapes: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request
 * and .../spreadsheets/response.
 */
import { E } from '../../errors.js';
import { parseInput, type Cell, type SheetRec } from '../model/spreadsheets.js';
import { area, int, obj, sheetById, type Req, type Step } from './batch-step.js';

/** Sets a cell's literal or formula, keeping its format, note and validation; null clears the value. */
function setValue(sheet: SheetRec, row: number, col: number, value: Cell | null | undefined): void {
  const key = `${row}:${col}`;
  const { v: _v, f: _f, ...rest } = sheet.cells[key] ?? {};
  const next = { ...rest, ...(value ?? {}) };
  if (Object.keys(next).length) sheet.cells[key] = next;
  else delete sheet.cells[key];
}

const BORDER_WIDTH: Record<string, number> = { DOTTED: 1, DASHED: 1, SOLID: 1, SOLID_MEDIUM: 2, SOLID_THICK: 3, DOUBLE: 3 };

/** A Border as Sheets stores it: style, its width, and the color twice (color and colorStyle). NONE clears. */
function border(s: Step, b: unknown): Req | null {
  const x = obj(b);
  const style = typeof x.style === 'string' ? x.style : 'NONE';
  if (style === 'NONE') return null;
  if (!(style in BORDER_WIDTH)) throw s.fail(`Invalid value at 'style': ${style}`);
  const color = obj(x.color ?? obj(x.colorStyle).rgbColor);
  return { style, width: BORDER_WIDTH[style], color, colorStyle: x.colorStyle ?? { rgbColor: color } };
}

function setBorder(sheet: SheetRec, row: number, col: number, side: string, b: Req | null): void {
  const key = `${row}:${col}`;
  const cell: Cell = { ...(sheet.cells[key] ?? {}) };
  const fmt = { ...(cell.fmt ?? {}) };
  const borders = { ...obj(fmt.borders) };
  if (b) borders[side] = b;
  else delete borders[side];
  if (Object.keys(borders).length) fmt.borders = borders;
  else delete fmt.borders;
  if (Object.keys(fmt).length) cell.fmt = fmt;
  else delete cell.fmt;
  if (Object.keys(cell).length) sheet.cells[key] = cell;
  else delete sheet.cells[key];
}

/** UpdateBordersRequest: outer sides go on the edge cells, inner ones on both cells either side; omitted sides stay. */
function updateBorders(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const sides: [string, (row: number, col: number) => boolean, string][] = [
    ['top', (row) => row === g.r1, 'top'],
    ['bottom', (row) => row === g.r2 - 1, 'bottom'],
    ['left', (_, col) => col === g.c1, 'left'],
    ['right', (_, col) => col === g.c2 - 1, 'right'],
    ['innerHorizontal', (row) => row > g.r1, 'top'],
    ['innerHorizontal', (row) => row < g.r2 - 1, 'bottom'],
    ['innerVertical', (_, col) => col > g.c1, 'left'],
    ['innerVertical', (_, col) => col < g.c2 - 1, 'right'],
  ];
  for (const [field, where, side] of sides) {
    if (r[field] === undefined) continue;
    const b = border(s, r[field]);
    for (let row = g.r1; row < g.r2; row++) for (let col = g.c1; col < g.c2; col++) if (where(row, col)) setBorder(g.sheet, row, col, side, b);
  }
  return {};
}

const DELIMITERS: Record<string, string> = { COMMA: ',', SEMICOLON: ';', PERIOD: '.', SPACE: ' ' };

function delimiterOf(s: Step, type: unknown, custom: unknown, sample: string[]): string {
  const t = typeof type === 'string' ? type : 'COMMA';
  if (t === 'CUSTOM') {
    if (typeof custom !== 'string' || !custom) throw s.fail('A custom delimiter must be set.');
    return custom;
  }
  if (t === 'AUTODETECT') return [',', ';', '.', ' '].find((d) => sample.some((x) => x.includes(d))) ?? ',';
  if (!(t in DELIMITERS)) throw s.fail(`Invalid delimiter type: ${t}`);
  return DELIMITERS[t];
}

/** TextToColumnsRequest: each text cell of one source column splits into the columns to its right, parsed as if typed. */
function textToColumns(s: Step, r: Req): Req {
  const g = area(s, r.source);
  if (g.c2 - g.c1 !== 1) throw s.fail('The source range must be exactly one column wide.');
  const texts: [number, string][] = [];
  for (let row = g.r1; row < g.r2; row++) {
    const cell = g.sheet.cells[`${row}:${g.c1}`];
    if (cell && cell.f === undefined && cell.v !== undefined) texts.push([row, String(cell.v)]);
  }
  const d = delimiterOf(s, r.delimiterType, r.delimiter, texts.map(([, t]) => t));
  for (const [row, text] of texts) {
    const parts = text.split(d);
    g.sheet.columnCount = Math.max(g.sheet.columnCount, g.c1 + parts.length);
    parts.forEach((part, j) => setValue(g.sheet, row, g.c1 + j, parseInput(part, 'USER_ENTERED')));
  }
  return {};
}

/** PasteDataRequest with delimited text: rows split on newlines, cells on the delimiter, values parsed as if typed; the grid grows to hold them. */
function pasteData(s: Step, r: Req): Req {
  const at = obj(r.coordinate);
  const sheet = sheetById(s, at.sheetId);
  if (r.html === true) throw E.notImplemented('sheets', 'pasteData with html');
  if (typeof r.data !== 'string') throw s.fail('data must be set.');
  if (typeof r.delimiter !== 'string' || !r.delimiter) throw s.fail('A delimiter must be set when pasting delimited data.');
  const r0 = int(at.rowIndex, 0);
  const c0 = int(at.columnIndex, 0);
  const lines = r.data.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const type = r.type ?? 'PASTE_NORMAL';
  lines.forEach((line, i) => {
    const cells = line.split(r.delimiter as string);
    sheet.rowCount = Math.max(sheet.rowCount, r0 + i + 1);
    sheet.columnCount = Math.max(sheet.columnCount, c0 + cells.length);
    cells.forEach((text, j) => {
      if (type === 'PASTE_FORMAT' || type === 'PASTE_DATA_VALIDATION' || type === 'PASTE_CONDITIONAL_FORMATTING') return;
      const parsed = parseInput(text, 'USER_ENTERED');
      setValue(sheet, r0 + i, c0 + j, type === 'PASTE_VALUES' && parsed?.f !== undefined ? { v: parsed.f } : parsed);
    });
  });
  return {};
}

/** Moves the relative A1 references of a formula by (dr, dc); `$`-anchored parts and function names stay. */
export function shiftFormula(f: string, dr: number, dc: number): string {
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const name = (n: number) => { let out = ''; for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) out = String.fromCharCode(65 + ((x - 1) % 26)) + out; return out; };
  // Quoted strings are left alone: split on them and only rewrite the parts outside quotes.
  return f.split(/("(?:[^"]|"")*")/).map((part, i) => i % 2 ? part : part.replace(/(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Za-z_])/g, (m, dCol, c, dRow, row) => {
    const nc = dCol ? col(c) : col(c) + dc;
    const nr = dRow ? Number(row) : Number(row) + dr;
    return nc < 1 || nr < 1 ? '#REF!' : `${dCol}${name(nc)}${dRow}${nr}`;
  })).join('');
}

/** The value autofill puts `k` steps past a source series: numbers continue a constant step, text ending in a number counts on, anything else repeats. */
function extend(series: (Cell | undefined)[], k: number, dr: number, dc: number): Cell | undefined {
  const n = series.length;
  const src = series[k % n];
  if (!src) return undefined;
  const { fmt, note, dv } = src;
  const keep = { ...(fmt ? { fmt } : {}), ...(note ? { note } : {}), ...(dv ? { dv } : {}) };
  if (src.f !== undefined) return { ...keep, f: shiftFormula(src.f, dr, dc) };
  const nums = series.map((c) => c?.v).filter((v): v is number => typeof v === 'number');
  if (nums.length === n && n > 1) {
    const step = (nums[n - 1] - nums[0]) / (n - 1);
    return { ...keep, v: nums[0] + step * (n + k) };
  }
  const texts = series.map((c) => (typeof c?.v === 'string' ? /^(.*?)(\d+)$/.exec(c.v) : null));
  if (texts.every((t) => t) && texts.every((t) => t![1] === texts[0]![1])) {
    const last = Number(texts[n - 1]![2]);
    const step = n > 1 ? (last - Number(texts[0]![2])) / (n - 1) : 1;
    return { ...keep, v: `${texts[0]![1]}${last + step * (k + 1)}` };
  }
  return { ...src };
}

/** AutoFillRequest: a source block continued over a destination along rows or columns. */
function autoFill(s: Step, r: Req): Req {
  let g: ReturnType<typeof area>;
  let rows: boolean;
  let sourceLen: number;
  if (r.sourceAndDestination) {
    const sd = obj(r.sourceAndDestination);
    g = area(s, sd.source);
    rows = sd.dimension === 'ROWS';
    if (!rows && sd.dimension !== 'COLUMNS') throw s.fail('Dimension must be ROWS or COLUMNS.');
    const fill = int(sd.fillLength, 0);
    sourceLen = rows ? g.r2 - g.r1 : g.c2 - g.c1;
    // A negative fillLength fills backwards; the twin fills forwards only.
    if (fill < 0) throw E.notImplemented('sheets', 'autoFill with a negative fillLength');
    if (rows) g = { ...g, r2: g.r2 + fill };
    else g = { ...g, c2: g.c2 + fill };
    if (g.r2 > g.sheet.rowCount || g.c2 > g.sheet.columnCount) throw s.fail(`Range ('${g.sheet.title}') exceeds grid limits. Max rows: ${g.sheet.rowCount}, max columns: ${g.sheet.columnCount}`);
  } else {
    g = area(s, r.range);
    rows = true;
    // The source is the leading rows of the range that hold data; the rest of the range is filled.
    sourceLen = 0;
    while (g.r1 + sourceLen < g.r2 && Array.from({ length: g.c2 - g.c1 }, (_, j) => g.sheet.cells[`${g.r1 + sourceLen}:${g.c1 + j}`]).some((c) => c?.v !== undefined || c?.f !== undefined)) sourceLen++;
    if (!sourceLen) return {};
  }
  const lanes = rows ? g.c2 - g.c1 : g.r2 - g.r1;
  const span = rows ? g.r2 - g.r1 : g.c2 - g.c1;
  for (let lane = 0; lane < lanes; lane++) {
    const at = (i: number): [number, number] => (rows ? [g.r1 + i, g.c1 + lane] : [g.r1 + lane, g.c1 + i]);
    const series = Array.from({ length: sourceLen }, (_, i) => g.sheet.cells[`${at(i)[0]}:${at(i)[1]}`]);
    for (let i = sourceLen; i < span; i++) {
      const [row, col] = at(i);
      const src = at(i % sourceLen);
      const cell = extend(series, i - sourceLen, row - src[0], col - src[1]);
      if (cell && Object.keys(cell).length) g.sheet.cells[`${row}:${col}`] = cell;
      else delete g.sheet.cells[`${row}:${col}`];
    }
  }
  return {};
}

/** RandomizeRangeRequest: the rows of the range are shuffled with the twin's seeded random source. */
function randomizeRange(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const block = Array.from({ length: g.r2 - g.r1 }, (_, i) => Array.from({ length: g.c2 - g.c1 }, (_, j) => g.sheet.cells[`${g.r1 + i}:${g.c1 + j}`]));
  for (let i = block.length - 1; i > 0; i--) {
    const j = s.t.random.int(0, i);
    [block[i], block[j]] = [block[j], block[i]];
  }
  block.forEach((cells, i) => cells.forEach((cell, j) => {
    const key = `${g.r1 + i}:${g.c1 + j}`;
    if (cell) g.sheet.cells[key] = cell;
    else delete g.sheet.cells[key];
  }));
  return {};
}

/** UpdateConditionalFormatRuleRequest: replace the rule at `index`, or move it to `newIndex`; the reply names both. */
function updateConditionalFormatRule(s: Step, r: Req): Req {
  const sheet = sheetById(s, r.sheetId);
  const list = (sheet.conditionalFormats ??= []);
  const i = int(r.index, -1);
  if (i < 0 || i >= list.length) throw s.fail(`No conditional format on sheet ${sheet.sheetId} at index ${i}`);
  const old = list[i];
  if (r.rule !== undefined) {
    const rule = obj(r.rule);
    if (!Array.isArray(rule.ranges) || !rule.ranges.length) throw s.fail('The rule must have at least one range.');
    list[i] = rule;
    return { updateConditionalFormatRule: { newRule: rule, oldRule: old, ...(i ? { newIndex: i } : {}) } };
  }
  const to = int(r.newIndex, -1);
  if (to < 0 || to >= list.length) throw s.fail(`Invalid newIndex: ${to}`);
  list.splice(i, 1);
  list.splice(to, 0, old);
  return { updateConditionalFormatRule: { newRule: old, ...(to ? { newIndex: to } : {}), ...(i ? { oldIndex: i } : {}) } };
}

export const fillKinds: Record<string, (s: Step, r: Req) => Req> = { updateBorders, textToColumns, pasteData, autoFill, randomizeRange, updateConditionalFormatRule };
