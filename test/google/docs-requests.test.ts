/** Docs v1 batchUpdate request kinds beyond text edits, through googleapis, each read back with documents.get. */
import { describe, expect, it } from 'vitest';
import type { docs_v1 } from 'googleapis';
import { failure, useDocs } from './helpers.js';

const doc = useDocs();

const paras = (d: docs_v1.Schema$Document) => d.body!.content!.filter((c) => c.paragraph).map((c) => c.paragraph!);
const runs = (p: docs_v1.Schema$Paragraph) => p.elements!.map((e) => [e.startIndex, e.endIndex, e.textRun!.content, e.textRun!.textStyle]);

describe('updateTextStyle', () => {
  it('splits runs at the styled range with indexes, and moves with later inserts', async () => {
    const d = await doc('Hello world');
    await d.update([{ updateTextStyle: { range: { startIndex: 7, endIndex: 12 }, textStyle: { bold: true, foregroundColor: { color: { rgbColor: { red: 1 } } } }, fields: 'bold,foregroundColor' } }]);
    expect(runs(paras(await d.get())[0])).toEqual([
      [1, 7, 'Hello ', {}],
      [7, 12, 'world', { bold: true, foregroundColor: { color: { rgbColor: { red: 1 } } } }],
      [12, 13, '\n', {}],
    ]);
    // Text typed after a bold character is bold; resetting a field named in the mask clears it.
    await d.update([{ insertText: { location: { index: 12 }, text: '!' } }, { updateTextStyle: { range: { startIndex: 1, endIndex: 3 }, textStyle: { italic: true }, fields: 'italic' } }]);
    await d.update([{ updateTextStyle: { range: { startIndex: 7, endIndex: 10 }, textStyle: {}, fields: 'bold,foregroundColor' } }]);
    expect(runs(paras(await d.get())[0])).toEqual([
      [1, 3, 'He', { italic: true }],
      [3, 10, 'llo wor', {}],
      [10, 13, 'ld!', { bold: true, foregroundColor: { color: { rgbColor: { red: 1 } } } }],
      [13, 14, '\n', {}],
    ]);
  });

  it('refuses an unknown field and an empty mask, applying nothing', async () => {
    const d = await doc('abc');
    const bad = await failure(d.update([{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { bold: true }, fields: 'bold,sparkle' } }]));
    expect(bad.body.error.message).toBe('Invalid requests[0].updateTextStyle: Invalid field: sparkle');
    expect((await failure(d.update([{ updateTextStyle: { range: { startIndex: 1, endIndex: 2 }, textStyle: { bold: true } } }]))).status).toBe(400);
    expect(runs(paras(await d.get())[0])).toEqual([[1, 5, 'abc\n', {}]]);
  });
});

describe('updateParagraphStyle', () => {
  it('sets alignment and spacing on every paragraph the range touches, keeping the named style', async () => {
    const d = await doc('One\nTwo\nThree');
    await d.update([{ updateParagraphStyle: { range: { startIndex: 2, endIndex: 6 }, paragraphStyle: { alignment: 'CENTER', spaceAbove: { magnitude: 12, unit: 'PT' }, namedStyleType: 'HEADING_2' }, fields: 'alignment,spaceAbove' } }]);
    const ps = paras(await d.get());
    expect(ps.map((p) => [p.paragraphStyle!.namedStyleType, p.paragraphStyle!.alignment, p.paragraphStyle!.spaceAbove?.magnitude])).toEqual([
      ['NORMAL_TEXT', 'CENTER', 12],
      ['NORMAL_TEXT', 'CENTER', 12],
      ['NORMAL_TEXT', undefined, undefined],
    ]);
  });
});

describe('bullets', () => {
  it('createParagraphBullets makes a list, takes nesting from leading tabs and removes them; deleteParagraphBullets keeps the indent', async () => {
    const d = await doc('Intro\nA\n\tB\nC');
    await d.update([{ createParagraphBullets: { range: { startIndex: 7, endIndex: 13 }, bulletPreset: 'NUMBERED_DECIMAL_ALPHA_ROMAN' } }]);
    const got = await d.get();
    const ps = paras(got);
    expect(ps.map((p) => p.elements!.map((e) => e.textRun!.content).join(''))).toEqual(['Intro\n', 'A\n', 'B\n', 'C\n']);
    expect(got.body!.content!.at(-1)!.endIndex).toBe(13);
    const listId = ps[1].bullet!.listId!;
    expect(ps.map((p) => (p.bullet ? [p.bullet.listId, p.bullet.nestingLevel ?? 0] : null))).toEqual([null, [listId, 0], [listId, 1], [listId, 0]]);
    const levels = got.lists![listId].listProperties!.nestingLevels!;
    expect(levels).toHaveLength(9);
    expect(levels.slice(0, 2).map((n) => n.glyphType)).toEqual(['DECIMAL', 'ALPHA']);
    expect(ps[2].paragraphStyle!.indentStart).toEqual({ magnitude: 72, unit: 'PT' });

    await d.update([{ deleteParagraphBullets: { range: { startIndex: 9, endIndex: 11 } } }]);
    const after = paras(await d.get());
    expect(after[2].bullet).toBeUndefined();
    expect(after[2].paragraphStyle!.indentStart).toEqual({ magnitude: 72, unit: 'PT' });
    expect(after[1].bullet!.listId).toBe(listId);
  });
});

describe('named ranges', () => {
  it('create replies with an id; the range moves with edits before it; replace rewrites its text; delete removes it', async () => {
    const d = await doc('Dear NAME, hello');
    const res = await d.update([{ createNamedRange: { name: 'who', range: { startIndex: 6, endIndex: 10 } } }]);
    const namedRangeId = res.data.replies![0].createNamedRange!.namedRangeId!;
    expect(namedRangeId).toMatch(/^kix\./);
    await d.update([{ insertText: { location: { index: 1 }, text: '>> ' } }]);
    expect((await d.get()).namedRanges).toEqual({ who: { name: 'who', namedRanges: [{ namedRangeId, name: 'who', ranges: [{ startIndex: 9, endIndex: 13 }] }] } });

    await d.update([{ replaceNamedRangeContent: { namedRangeName: 'who', text: 'Ada Lovelace' } }]);
    let got = await d.get();
    expect(paras(got)[0].elements!.map((e) => e.textRun!.content).join('')).toBe('>> Dear Ada Lovelace, hello\n');
    expect(got.namedRanges!.who.namedRanges![0].ranges).toEqual([{ startIndex: 9, endIndex: 21 }]);

    const missing = await failure(d.update([{ deleteNamedRange: { namedRangeId: 'kix.nope' } }]));
    expect(missing.status).toBe(400);
    await d.update([{ deleteNamedRange: { namedRangeId } }]);
    got = await d.get();
    expect(got.namedRanges).toBeUndefined();
  });
});

describe('headers, footers and document style', () => {
  it('createHeader/createFooter add segments named in documentStyle; a second default header is refused; delete removes them', async () => {
    const d = await doc('Body');
    const res = await d.update([{ createHeader: { type: 'DEFAULT' } }, { createFooter: { type: 'DEFAULT' } }]);
    const headerId = res.data.replies![0].createHeader!.headerId!;
    const footerId = res.data.replies![1].createFooter!.footerId!;
    let got = await d.get();
    expect(got.documentStyle!.defaultHeaderId).toBe(headerId);
    expect(got.documentStyle!.defaultFooterId).toBe(footerId);
    // Header and footer segments count their indexes from 0.
    expect(got.headers![headerId].content![0]).toMatchObject({ startIndex: 0, endIndex: 1, paragraph: { elements: [{ startIndex: 0, endIndex: 1, textRun: { content: '\n' } }] } });
    expect(got.footers![footerId].footerId).toBe(footerId);
    // Text edits address a header through its segmentId, with indexes from 0.
    await d.update([{ insertText: { location: { segmentId: headerId, index: 0 }, text: 'Draft' } }, { insertText: { endOfSegmentLocation: { segmentId: headerId }, text: ' v2' } }, { deleteContentRange: { range: { segmentId: headerId, startIndex: 0, endIndex: 1 } } }]);
    const header = (await d.get()).headers![headerId].content![0];
    expect([header.startIndex, header.endIndex, header.paragraph!.elements![0].textRun!.content]).toEqual([0, 8, 'raft v2\n']);
    expect(paras(await d.get())[0].elements![0].textRun!.content).toBe('Body\n');
    expect((await failure(d.update([{ insertText: { location: { segmentId: 'kix.nope', index: 0 }, text: 'x' } }]))).status).toBe(400);
    expect((await failure(d.update([{ createHeader: { type: 'DEFAULT' } }]))).body.error.message).toBe('Invalid requests[0].createHeader: A default header already exists.');
    await d.update([{ deleteHeader: { headerId } }]);
    got = await d.get();
    expect(got.headers).toBeUndefined();
    expect(got.documentStyle!.defaultHeaderId).toBeUndefined();
    expect(got.documentStyle!.defaultFooterId).toBe(footerId);
  });

  it('updateDocumentStyle changes the masked fields only and refuses read-only ones', async () => {
    const d = await doc('x');
    await d.update([{ updateDocumentStyle: { documentStyle: { marginTop: { magnitude: 36, unit: 'PT' }, marginLeft: { magnitude: 1, unit: 'PT' } }, fields: 'marginTop' } }]);
    const s = (await d.get()).documentStyle!;
    expect(s.marginTop).toEqual({ magnitude: 36, unit: 'PT' });
    expect(s.marginLeft).toEqual({ magnitude: 72, unit: 'PT' });
    expect((await failure(d.update([{ updateDocumentStyle: { documentStyle: { defaultHeaderId: 'x' }, fields: 'defaultHeaderId' } }]))).status).toBe(400);
  });
});

describe('breaks and inline images', () => {
  it('insertPageBreak adds a pageBreak element and a newline; insertSectionBreak adds a sectionBreak element; exports drop both', async () => {
    const d = await doc('AB');
    await d.update([{ insertPageBreak: { location: { index: 2 } } }]);
    await d.update([{ insertSectionBreak: { endOfSegmentLocation: {}, sectionType: 'NEXT_PAGE' } }]);
    const got = await d.get();
    const content = got.body!.content!;
    expect(content.map((c) => [c.startIndex ?? 0, c.endIndex, c.sectionBreak ? `section:${c.sectionBreak.sectionStyle!.sectionType}` : 'paragraph'])).toEqual([
      [0, 1, 'section:CONTINUOUS'],
      [1, 4, 'paragraph'],
      [4, 6, 'paragraph'],
      [6, 7, 'section:NEXT_PAGE'],
      [7, 8, 'paragraph'],
    ]);
    expect(content[1].paragraph!.elements!.map((e) => [e.startIndex, e.endIndex, e.pageBreak ? 'pageBreak' : e.textRun!.content])).toEqual([
      [1, 2, 'A'],
      [2, 3, 'pageBreak'],
      [3, 4, '\n'],
    ]);
    const bad = await failure(d.update([{ deleteContentRange: { range: { startIndex: 5, endIndex: 6 } } }]));
    expect(bad.body.error.message).toBe('Invalid requests[0].deleteContentRange: Invalid deletion range. Cannot delete the newline before a section break.');
    const text = await d.drive.files.export({ fileId: d.id, mimeType: 'text/plain' }, { responseType: 'text' });
    expect(text.data).toBe('A\nB\n\n');
  });

  it('insertInlineImage replies with the object id, which the element and inlineObjects name; replaceImage changes its source; deleting the text drops it', async () => {
    const d = await doc('ab');
    const res = await d.update([{ insertInlineImage: { location: { index: 2 }, uri: 'https://example.com/a.png', objectSize: { width: { magnitude: 50, unit: 'PT' } } } }]);
    const objectId = res.data.replies![0].insertInlineImage!.objectId!;
    let got = await d.get();
    expect(paras(got)[0].elements!.map((e) => [e.startIndex, e.endIndex, e.inlineObjectElement?.inlineObjectId ?? e.textRun!.content])).toEqual([
      [1, 2, 'a'],
      [2, 3, objectId],
      [3, 5, 'b\n'],
    ]);
    expect(got.inlineObjects![objectId].inlineObjectProperties!.embeddedObject).toMatchObject({ imageProperties: { sourceUri: 'https://example.com/a.png' }, size: { width: { magnitude: 50, unit: 'PT' } } });
    await d.update([{ replaceImage: { imageObjectId: objectId, uri: 'https://example.com/b.png' } }]);
    got = await d.get();
    expect(got.inlineObjects![objectId].inlineObjectProperties!.embeddedObject!.imageProperties!.sourceUri).toBe('https://example.com/b.png');
    expect((await failure(d.update([{ insertInlineImage: { location: { index: 1 }, uri: 'ftp://x' } }]))).status).toBe(400);
    await d.update([{ deleteContentRange: { range: { startIndex: 2, endIndex: 3 } } }]);
    got = await d.get();
    expect(got.inlineObjects).toBeUndefined();
    expect(paras(got)[0].elements!.map((e) => e.textRun!.content)).toEqual(['ab\n']);
  });
});
