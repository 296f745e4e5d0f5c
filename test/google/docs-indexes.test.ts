/** Property: any sequence of Docs text, table, footnote and break edits leaves a document whose indexes recount from scratch to what documents.get reports. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VendorError } from '../../src/core/errors.js';
import { applyRequests } from '../../twins/google/docs/handlers/documents.js';
import { newDocument, normalize, type DocumentRec } from '../../twins/google/docs/model/documents.js';
import { malformed, tablesIn } from '../../twins/google/docs/model/tables.js';
import { presentBody } from '../../twins/google/docs/present/document.js';

type El = Record<string, any>;

/*
 * Recounts a run of structural elements from `start` using only their contents' lengths
 * (structure guide: a table, each row, each cell and the table's end take one index;
 * https://developers.google.com/workspace/docs/api/concepts/structure) and returns where it ends.
 */
function recount(content: El[], start: number): number {
  let pos = start;
  for (const el of content) {
    expect(el.startIndex ?? 0).toBe(pos);
    if (el.sectionBreak) pos += 1;
    else if (el.paragraph) {
      for (const e of el.paragraph.elements) {
        expect(e.startIndex).toBe(pos);
        pos += e.textRun ? e.textRun.content.length : 1;
        expect(e.endIndex).toBe(pos);
      }
      expect(el.paragraph.elements.at(-1).textRun?.content.endsWith('\n')).toBe(true);
    } else if (el.table) {
      pos += 1;
      expect(el.table.rows).toBe(el.table.tableRows.length);
      for (const row of el.table.tableRows) {
        expect(row.startIndex).toBe(pos);
        expect(row.tableCells.length).toBe(el.table.columns);
        pos += 1;
        for (const cell of row.tableCells) {
          expect(cell.startIndex).toBe(pos);
          pos = recount(cell.content, pos + 1);
          expect(cell.endIndex).toBe(pos);
          expect(cell.content.at(-1).paragraph).toBeTruthy();
        }
        expect(row.endIndex).toBe(pos);
      }
      pos += 1;
    } else throw new Error(`unexpected element ${JSON.stringify(el)}`);
    expect(el.endIndex).toBe(pos);
  }
  return pos;
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

function consistent(d: DocumentRec): void {
  normalize(d);
  expect(malformed(d.text)).toBeUndefined();
  expect(d.runs!.length).toBe(d.text.length);
  for (const list of [d.styles, d.paraStyles!, d.bullets!]) expect(list.length).toBe(count(d.text, /\n/g));
  expect(d.tables!.length).toBe(count(d.text, /\uE010/g));
  expect(d.footnotes!.length).toBe(count(d.text, /\uE003/g));
  expect(d.inlineObjects!.length).toBe(count(d.text, /\uE002/g));
  expect(d.sectionStyles!.length).toBe(1 + count(d.text, /[\uE000\uE001]/g));
  expect(d.segments!.filter((s) => s.kind === 'footnote').map((s) => s.id).sort()).toEqual([...d.footnotes!].sort());
  const content = presentBody(d).content as El[];
  expect(recount(content, 0)).toBe(d.text.length + 1);
  for (const r of d.namedRanges!) expect(r.endIndex).toBeLessThanOrEqual(d.text.length + 1);
}

/** One random edit, as fractions resolved against the document it meets. */
const op = fc.record({
  kind: fc.constantFrom('insertText', 'insertText', 'deleteContentRange', 'deleteContentRange', 'insertTable', 'insertTableRow', 'insertTableColumn', 'deleteTableRow', 'deleteTableColumn', 'mergeTableCells', 'unmergeTableCells', 'createFootnote', 'insertPageBreak', 'insertSectionBreak', 'createNamedRange', 'replaceAllText', 'insertInlineImage'),
  a: fc.double({ min: 0, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
  n: fc.integer({ min: 1, max: 3 }),
  m: fc.integer({ min: 1, max: 3 }),
  flag: fc.boolean(),
  text: fc.stringMatching(/^[ab\n]{1,4}$/),
});
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function request(d: DocumentRec, o: Op): Record<string, unknown> {
  const end = d.text.length + 1;
  const at = (f: number) => 1 + Math.min(end - 2, Math.floor(f * (end - 1)));
  const lo = Math.min(at(o.a), at(o.b));
  const hi = Math.max(at(o.a), at(o.b)) + 1;
  const tables = tablesIn(d.text);
  const t = tables[Math.floor(o.a * tables.length)];
  const cell = t && { tableStartLocation: { index: t.start + 1 }, rowIndex: Math.floor(o.b * t.rows.length), columnIndex: Math.floor(o.b * t.rows[0].cells.length) };
  switch (o.kind) {
    case 'insertText': return { insertText: { location: { index: at(o.a) }, text: o.text } };
    case 'deleteContentRange': return { deleteContentRange: { range: { startIndex: lo, endIndex: hi } } };
    case 'insertTable': return { insertTable: o.flag ? { endOfSegmentLocation: {}, rows: o.n, columns: o.m } : { location: { index: at(o.a) }, rows: o.n, columns: o.m } };
    case 'insertTableRow': return { insertTableRow: { tableCellLocation: cell, insertBelow: o.flag } };
    case 'insertTableColumn': return { insertTableColumn: { tableCellLocation: cell, insertRight: o.flag } };
    case 'deleteTableRow': return { deleteTableRow: { tableCellLocation: cell } };
    case 'deleteTableColumn': return { deleteTableColumn: { tableCellLocation: cell } };
    case 'mergeTableCells': return { mergeTableCells: { tableRange: { tableCellLocation: cell && { ...cell, rowIndex: 0, columnIndex: 0 }, rowSpan: o.n, columnSpan: o.m } } };
    case 'unmergeTableCells': return { unmergeTableCells: { tableRange: { tableCellLocation: cell && { ...cell, rowIndex: 0, columnIndex: 0 }, rowSpan: 1, columnSpan: 1 } } };
    case 'createFootnote': return { createFootnote: { location: { index: at(o.a) } } };
    case 'insertPageBreak': return { insertPageBreak: { location: { index: at(o.a) } } };
    case 'insertSectionBreak': return { insertSectionBreak: { location: { index: at(o.a) }, sectionType: 'CONTINUOUS' } };
    case 'createNamedRange': return { createNamedRange: { name: 'r', range: { startIndex: lo, endIndex: hi } } };
    case 'replaceAllText': return { replaceAllText: { containsText: { text: o.text.replace(/\n/g, '') || 'a', matchCase: true }, replaceText: o.flag ? 'xy' : '' } };
    default: return { insertInlineImage: { location: { index: at(o.a) }, uri: 'https://example.com/i.png' } };
  }
}

describe('Docs indexes stay consistent under random edits', () => {
  it('every accepted edit leaves a well-formed document that recounts to the same indexes; refused ones change nothing', () => {
    let accepted = 0;
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        let doc = newDocument('doc', 'Hello\nworld');
        applyRequests(doc, [{ insertTable: { location: { index: 3 }, rows: 2, columns: 2 } }]);
        for (const o of ops) {
          const work = structuredClone(doc);
          try {
            applyRequests(work, [request(work, o)]);
          } catch (e) {
            // A refusal is the vendor's 400 (501 for tables outside the body), never a crash.
            expect(e).toBeInstanceOf(VendorError);
            expect([400, 501]).toContain((e as VendorError).status);
            continue;
          }
          accepted++;
          kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
          doc = work;
          consistent(doc);
        }
      }),
      { numRuns: 150, seed: 12 },
    );
    // The walk must really exercise edits, not only refusals.
    expect(accepted).toBeGreaterThan(500);
    for (const k of ['insertTable', 'insertTableRow', 'insertTableColumn', 'deleteTableRow', 'deleteTableColumn', 'mergeTableCells', 'unmergeTableCells', 'createFootnote', 'insertSectionBreak', 'deleteContentRange']) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(10);
  });
});
