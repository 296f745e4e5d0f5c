/** Documents: body text kept as a string, with per-character text styles, per-paragraph styles and bullets, lists, named ranges, headers and footers beside it. */
/*
 * Documents: the body is kept as its text (always ending in a newline), and
 * the structural JSON — section break, paragraphs, text runs with UTF-16
 * start/end indexes from 1 — is derived from it on read, the way the Docs API
 * counts positions (https://developers.google.com/workspace/docs/api/concepts/structure).
 * Everything addressed by index (text styles, paragraph attributes, named ranges)
 * lives in arrays aligned with the text so that every edit goes through
 * insertText/deleteRange and moves them together.
 */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { K } from '../../store.js';

export type Style = Record<string, unknown>;
export interface Bullet { listId: string; nestingLevel?: number }
export interface NamedRangeRec { namedRangeId: string; name: string; startIndex: number; endIndex: number }
/** A header or footer: its own segment whose indexes start at 0 (structure guide, "Segments"). */
export interface SegmentRec { id: string; kind: 'header' | 'footer' | 'footnote'; type: string; text: string }
/** A merged block of cells: its head cell and how far it spans. */
export interface MergeRec { row: number; col: number; rowSpan: number; colSpan: number }
/** What a table holds besides its text: column, row and cell styles and merges (rows and columns come from the text). */
export interface TableRec { columns?: Style[]; rowStyles?: Style[]; cellStyles?: Style[][]; merges?: MergeRec[] }

export interface InlineObjectRec { objectId: string; uri: string; size?: Style }

/*
 * Elements that take one index but are not text are kept in the text as one
 * placeholder character each, so every index computation stays a string offset:
 * a page break (U+000C), section breaks
 * (private-use U+E000 continuous / U+E001 next page) and inline objects (U+E002).
 */
export const PAGE_BREAK = '\f';
export const SECTION_BREAK: Record<string, string> = { CONTINUOUS: '\uE000', NEXT_PAGE: '\uE001' };
export const INLINE_OBJECT = '\uE002';
/** A footnote reference: one index in the body, its footnote a segment of its own. */
export const FOOTNOTE_REF = '\uE003';
/*
 * A table takes one index where it starts, one where each row and each cell
 * starts, and one after its last row (structure guide, "Tables"); its cells
 * hold ordinary paragraphs between those marks.
 */
export const TABLE_START = '\uE010';
export const ROW_START = '\uE011';
export const CELL_START = '\uE012';
export const TABLE_END = '\uE013';
const PLACEHOLDERS = /[\f\uE000-\uE003\uE010-\uE013]/g;
/** Characters that are not part of any paragraph: table marks. */
export const isTableMark = (ch: string | undefined) => ch !== undefined && ch >= TABLE_START && ch <= TABLE_END;
export const isSectionBreak = (ch: string | undefined) => ch === '\uE000' || ch === '\uE001';
/** True when a text would hold a section break that does not start a paragraph. */
export const splitsSectionBreak = (text: string) => /[^\n][\uE000\uE001]/.test(text);
/** Caller text never carries placeholders: they only come from the requests that insert those elements. */
export const callerText = (s: string) => s.replace(/\r\n?/g, '\n').replace(PLACEHOLDERS, '');

export interface DocumentRec extends Doc {
  /** Body text; paragraphs end with `\n`, and the last character is always `\n`. */
  text: string;
  /** Named style per paragraph (`NORMAL_TEXT`, `HEADING_1`, …), aligned with the text's paragraphs. */
  styles: string[];
  revision: number;
  /** Per-character text style as JSON ('' = none), aligned with `text`. Absent on documents written before styles existed. */
  runs?: string[];
  /** Paragraph style fields besides namedStyleType, aligned with `styles`. */
  paraStyles?: Style[];
  /** Bullet per paragraph (null = not in a list), aligned with `styles`. */
  bullets?: Array<Bullet | null>;
  lists?: Record<string, { preset: string }>;
  namedRanges?: NamedRangeRec[];
  /** documentStyle fields set by updateDocumentStyle, over the defaults. */
  docStyle?: Style;
  segments?: SegmentRec[];
  /** Inline objects in the order their placeholder characters appear in the text. */
  inlineObjects?: InlineObjectRec[];
  /** Footnote segment ids in the order their reference characters appear in the text. */
  footnotes?: string[];
  /** Tables in the order their start marks appear in the text (nested tables included). */
  tables?: TableRec[];
  /** SectionStyle fields per section: the first section, then one per section break in text order. */
  sectionStyles?: Style[];
  /** Counter behind generated ids (lists, named ranges, headers), so ids are deterministic per document. */
  seq?: number;
}

export const documents = (t: Tenant) => t.collection<DocumentRec>(K.documents);

export function newDocument(id: string, text = ''): DocumentRec {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return { id, text: body, styles: body.split('\n').slice(0, -1).map(() => 'NORMAL_TEXT'), revision: 1 };
}

/** Fills the aligned arrays for documents stored before they existed. */
export function normalize(d: DocumentRec): DocumentRec {
  d.runs ??= Array.from(d.text, () => '');
  // Array.from on a string iterates code points; indexes are UTF-16 code units.
  if (d.runs.length !== d.text.length) d.runs = Array.from({ length: d.text.length }, (_, i) => d.runs![i] ?? '');
  const n = d.styles.length;
  d.paraStyles ??= [];
  d.bullets ??= [];
  while (d.paraStyles.length < n) d.paraStyles.push({});
  while (d.bullets.length < n) d.bullets.push(null);
  d.lists ??= {};
  d.namedRanges ??= [];
  d.segments ??= [];
  d.inlineObjects ??= [];
  d.footnotes ??= [];
  d.tables ??= [];
  d.sectionStyles ??= [];
  while (d.sectionStyles.length < 1 + countOf(d.text, isSectionBreak)) d.sectionStyles.push({});
  return d;
}

export function nextId(d: DocumentRec, prefix: string): string {
  d.seq = (d.seq ?? 0) + 1;
  return `${prefix}${Buffer.from(`${d.id}:${d.seq}`).toString('base64url').slice(-12)}`;
}

export function revisionId(d: DocumentRec): string {
  return `ALBJ4Ls${Buffer.from(`${d.id}:${d.revision}`).toString('base64url').slice(-40)}`;
}

/** End index of the body segment (one past the final newline). */
export const endIndex = (d: DocumentRec) => d.text.length + 1;

const countOf = (s: string, is: (ch: string) => boolean) => {
  let n = 0;
  for (const ch of s) if (is(ch)) n++;
  return n;
};

/** Lists kept in step with the placeholder characters that stand for their items, and the first item's offset. */
export interface Aligned { inlineObjects?: InlineObjectRec[]; footnotes?: string[]; tables?: TableRec[]; sectionStyles?: Style[] }
const ALIGNED: Array<[keyof Aligned, (ch: string) => boolean, number]> = [
  ['inlineObjects', (ch) => ch === INLINE_OBJECT, 0],
  ['footnotes', (ch) => ch === FOOTNOTE_REF, 0],
  ['tables', (ch) => ch === TABLE_START, 0],
  ['sectionStyles', isSectionBreak, 1],
];

/** Paragraph number that contains text offset `pos` (0-based). */
export function paragraphAt(text: string, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

/** Inserts `s` at a body index; `items` go with the placeholders `s` holds (empty records where not given). */
export function insertText(d: DocumentRec, index: number, s: string, items: Aligned = {}): void {
  normalize(d);
  const pos = index - 1;
  const para = paragraphAt(d.text, pos);
  const added = (s.match(/\n/g) ?? []).length;
  // New paragraphs split from the one the text lands in, and take its style and bullet.
  const copies = <T>(v: T) => Array.from({ length: added }, () => structuredClone(v));
  d.styles.splice(para, 0, ...copies(d.styles[para] ?? 'NORMAL_TEXT'));
  d.paraStyles!.splice(para, 0, ...copies(d.paraStyles![para] ?? {}));
  d.bullets!.splice(para, 0, ...copies(d.bullets![para] ?? null));
  // Inserted text takes the style of the character before it, as typing does.
  const style = pos > 0 ? d.runs![pos - 1] : (d.runs![pos] ?? '');
  d.runs!.splice(pos, 0, ...Array.from({ length: s.length }, () => style));
  for (const [key, is, first] of ALIGNED) {
    const n = countOf(s, is);
    if (!n) continue;
    const add = (items[key] ?? Array.from({ length: n }, () => ({}))) as never[];
    (d[key] as unknown[]).splice(first + countOf(d.text.slice(0, pos), is), 0, ...add);
  }
  d.text = d.text.slice(0, pos) + s + d.text.slice(pos);
  for (const r of d.namedRanges!) {
    if (r.startIndex >= index) r.startIndex += s.length;
    if (r.endIndex > index) r.endIndex += s.length;
  }
}

export function deleteRange(d: DocumentRec, startIndex: number, endIndex: number): void {
  normalize(d);
  const a = startIndex - 1;
  const b = endIndex - 1;
  const firstPara = paragraphAt(d.text, a);
  const removed = (d.text.slice(a, b).match(/\n/g) ?? []).length;
  // The merged paragraph keeps the attributes of the last paragraph touched, whose newline survives.
  for (const arr of [d.styles, d.paraStyles!, d.bullets!] as unknown[][]) arr.splice(firstPara, removed);
  d.runs!.splice(a, b - a);
  for (const [key, is, first] of ALIGNED) (d[key] as unknown[]).splice(first + countOf(d.text.slice(0, a), is), countOf(d.text.slice(a, b), is));
  // A footnote goes with its reference.
  d.segments = d.segments!.filter((x) => x.kind !== 'footnote' || d.footnotes!.includes(x.id));
  d.text = d.text.slice(0, a) + d.text.slice(b);
  const n = endIndex - startIndex;
  const move = (p: number) => (p <= startIndex ? p : p >= endIndex ? p - n : startIndex);
  for (const r of d.namedRanges!) {
    r.startIndex = move(r.startIndex);
    r.endIndex = move(r.endIndex);
  }
  // A named range whose text is all deleted goes with it.
  d.namedRanges = d.namedRanges!.filter((r) => r.endIndex > r.startIndex);
}

export function replaceAll(d: DocumentRec, find: string, replacement: string, matchCase: boolean): number {
  if (!find) return 0;
  const hay = matchCase ? d.text : d.text.toLowerCase();
  const needle = matchCase ? find : find.toLowerCase();
  const at: number[] = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + find.length)) at.push(i);
  // Last match first, so earlier offsets stay valid; styles and ranges move with each edit.
  for (const j of at.reverse()) {
    if (replacement) insertText(d, j + find.length + 1, replacement);
    deleteRange(d, j + 1, j + find.length + 1);
  }
  if (!d.text.endsWith('\n')) insertText(d, d.text.length + 1, '\n');
  return at.length;
}

/** Paragraph indexes overlapping a range, for paragraph-style updates. */
export function paragraphsIn(d: DocumentRec, startIndex: number, endIndex: number): number[] {
  const first = paragraphAt(d.text, startIndex - 1);
  const last = paragraphAt(d.text, Math.max(startIndex, endIndex - 1) - 1);
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/** The text as exports and search see it: breaks and objects leave no character. */
export const plainText = (d: DocumentRec) => d.text.replace(PLACEHOLDERS, '');
