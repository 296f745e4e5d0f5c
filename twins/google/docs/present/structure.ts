/** A segment's structural elements — paragraphs, section breaks and tables — with their indexes, as Docs' StructuralElement. */
/*
 * Indexes are UTF-16 offsets into the segment from `first`; a table, each of
 * its rows and cells, and its end take one index each (structure guide:
 * https://developers.google.com/workspace/docs/api/concepts/structure).
 */
import { type Bullet, CELL_START, FOOTNOTE_REF, INLINE_OBJECT, isSectionBreak, PAGE_BREAK, ROW_START, SECTION_BREAK, type Style, TABLE_END, TABLE_START, type TableRec } from '../model/documents.js';

export const PT = (magnitude: number) => ({ magnitude, unit: 'PT' });

export type At = (i: number) => { named: string; style: Style; bullet: Bullet | null };
export interface Source {
  text: string;
  first: number;
  runs: string[];
  at: At;
  objects?: string[];
  footnotes?: string[];
  tables?: TableRec[];
  sections?: Style[];
}

const SECTION_TYPE: Record<string, string> = Object.fromEntries(Object.entries(SECTION_BREAK).map(([k, v]) => [v, k]));
export const sectionBreak = (sectionType: string, style: Style = {}) => ({ sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType, ...style } });

/** Where the walk is: text offset, and how many paragraphs, objects, footnotes, tables and section breaks it has passed. */
interface Walk { i: number; para: number; obj: number; fn: number; table: number; section: number }

const BORDER = { color: { color: { rgbColor: {} } }, width: PT(1), dashStyle: 'SOLID' };
const CELL_STYLE = { backgroundColor: {}, borderLeft: BORDER, borderRight: BORDER, borderTop: BORDER, borderBottom: BORDER, paddingLeft: PT(5), paddingRight: PT(5), paddingTop: PT(5), paddingBottom: PT(5), contentAlignment: 'TOP' };

function paragraph(src: Source, w: Walk): unknown {
  const { text, runs, first } = src;
  const start = w.i;
  const end = text.indexOf('\n', start) + 1;
  const elements: unknown[] = [];
  let k = start;
  while (k < end) {
    const ch = text[k];
    const textStyle = runs[k] ? JSON.parse(runs[k]) : {};
    const one = { startIndex: first + k, endIndex: first + k + 1 };
    if (ch === PAGE_BREAK) elements.push({ ...one, pageBreak: { textStyle } });
    else if (ch === INLINE_OBJECT) elements.push({ ...one, inlineObjectElement: { inlineObjectId: src.objects?.[w.obj++], textStyle } });
    else if (ch === FOOTNOTE_REF) elements.push({ ...one, footnoteReference: { footnoteId: src.footnotes?.[w.fn], footnoteNumber: String(++w.fn), textStyle } });
    else {
      // Runs split wherever the character style changes, and at non-text elements (structure guide, "Text runs").
      let e = k + 1;
      while (e < end && runs[e] === runs[k] && ![PAGE_BREAK, INLINE_OBJECT, FOOTNOTE_REF].includes(text[e])) e++;
      elements.push({ startIndex: first + k, endIndex: first + e, textRun: { content: text.slice(k, e), textStyle } });
      k = e;
      continue;
    }
    k++;
  }
  const i = w.para++;
  const { named, style, bullet } = src.at(i);
  const level = bullet?.nestingLevel ?? 0;
  w.i = end;
  return {
    startIndex: first + start,
    endIndex: first + end,
    paragraph: {
      elements,
      paragraphStyle: {
        namedStyleType: named,
        direction: 'LEFT_TO_RIGHT',
        ...(named.startsWith('HEADING') ? { headingId: `h.${i}` } : {}),
        ...(bullet ? { indentFirstLine: PT(18 + 36 * level), indentStart: PT(36 + 36 * level) } : {}),
        ...style,
      },
      ...(bullet ? { bullet: { listId: bullet.listId, ...(level ? { nestingLevel: level } : {}), textStyle: { underline: false } } } : {}),
    },
  };
}

const endsCell = (ch: string) => ch === CELL_START || ch === ROW_START || ch === TABLE_END;

function table(src: Source, w: Walk): unknown {
  const { text, first } = src;
  const start = w.i;
  const r: TableRec = src.tables?.[w.table++] ?? {};
  w.i++;
  const rows: unknown[] = [];
  while (text[w.i] === ROW_START) {
    const row = rows.length;
    const rowStart = w.i++;
    const cells: unknown[] = [];
    while (text[w.i] === CELL_START) {
      const col = cells.length;
      const cellStart = w.i++;
      const content = items(src, w, endsCell);
      // A merged block's head cell reports its spans; the cells it covers stay, empty (MergeTableCellsRequest).
      const m = r.merges?.find((x) => x.row === row && x.col === col);
      const tableCellStyle = { rowSpan: m?.rowSpan ?? 1, columnSpan: m?.colSpan ?? 1, ...CELL_STYLE, ...r.cellStyles?.[row]?.[col] };
      cells.push({ startIndex: first + cellStart, endIndex: first + w.i, content, tableCellStyle });
    }
    rows.push({ startIndex: first + rowStart, endIndex: first + w.i, tableCells: cells, tableRowStyle: { minRowHeight: { unit: 'PT' }, ...r.rowStyles?.[row] } });
  }
  w.i++;
  const columns = (rows[0] as { tableCells: unknown[] }).tableCells.length;
  const tableColumnProperties = Array.from({ length: columns }, (_, c) => ({ widthType: 'EVENLY_DISTRIBUTED', ...r.columns?.[c] }));
  return { startIndex: first + start, endIndex: first + w.i, table: { rows: rows.length, columns, tableRows: rows, tableStyle: { tableColumnProperties } } };
}

function items(src: Source, w: Walk, stop: (ch: string) => boolean): unknown[] {
  const out: unknown[] = [];
  while (w.i < src.text.length && !stop(src.text[w.i])) {
    const ch = src.text[w.i];
    if (ch === TABLE_START) out.push(table(src, w));
    else if (isSectionBreak(ch)) {
      // A section break is its own structural element, before the paragraph that follows it (structure guide).
      out.push({ startIndex: src.first + w.i, endIndex: src.first + w.i + 1, sectionBreak: sectionBreak(SECTION_TYPE[ch], src.sections?.[++w.section]) });
      w.i++;
    } else out.push(paragraph(src, w));
  }
  return out;
}

export function structure(src: Source): unknown[] {
  return items(src, { i: 0, para: 0, obj: 0, fn: 0, table: 0, section: 0 }, () => false);
}
