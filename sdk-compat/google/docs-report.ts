// googleapis compat: laying out a report with the Docs API — a table filled cell by cell, rows and columns added, merged header cells, a footnote, and the suggestions view a reader gets.
import type { Scenario } from '../types.js';
import { SDK, apis, email, onePlatform, userToken } from './common.js';

type Cell = { content?: Array<{ paragraph?: { elements?: Array<{ textRun?: { content?: string | null } }> } }> };
const cellText = (c: Cell) => (c.content ?? []).map((p) => (p.paragraph?.elements ?? []).map((e) => e.textRun?.content ?? '').join('')).join('');

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Docs: report — insertTable, fill cells by index, insertTableRow/Column, mergeTableCells, cell styles, footnote, suggestionsViewMode',
  async run(ctx, t) {
    const { docs: rawDocs, drive: rawDrive } = apis(ctx);
    const docs = t.track(rawDocs, 'docs');
    const drive = t.track(rawDrive, 'drive');
    const id = (await docs.documents.create({ requestBody: { title: 'Quarterly report' } })).data.documentId!;

    // InsertTableRequest: a newline goes in first, so in an empty document the table starts at 2 and,
    // with one index each for the table, a row and a cell, the first cell's text goes at 5
    // (https://developers.google.com/workspace/docs/api/concepts/structure).
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertTable: { endOfSegmentLocation: {}, rows: 2, columns: 2 } }] } });
    const empty = await docs.documents.get({ documentId: id });
    const table = empty.data.body?.content?.find((e) => e.table);
    t.check(table?.startIndex === 2 && table?.endIndex === 14 && table.table?.tableRows?.[0]?.tableCells?.[0]?.content?.[0]?.startIndex === 5, 'a 2x2 table spans 2-14, first cell text at 5', table);

    // Last cell first, so earlier indexes stay put.
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [
      { insertText: { location: { index: 12 }, text: '42' } },
      { insertText: { location: { index: 10 }, text: 'Revenue' } },
      { insertText: { location: { index: 7 }, text: 'Value' } },
      { insertText: { location: { index: 5 }, text: 'Metric' } },
      { insertTableRow: { tableCellLocation: { tableStartLocation: { index: 2 }, rowIndex: 1, columnIndex: 0 }, insertBelow: true } },
      { insertTableColumn: { tableCellLocation: { tableStartLocation: { index: 2 }, rowIndex: 0, columnIndex: 1 }, insertRight: true } },
      { updateTableCellStyle: { tableRange: { tableCellLocation: { tableStartLocation: { index: 2 }, rowIndex: 0, columnIndex: 0 }, rowSpan: 1, columnSpan: 3 }, tableCellStyle: { backgroundColor: { color: { rgbColor: { blue: 1 } } } }, fields: 'backgroundColor' } },
      { pinTableHeaderRows: { tableStartLocation: { index: 2 }, pinnedHeaderRowsCount: 1 } },
    ] } });
    const filled = await docs.documents.get({ documentId: id });
    const rows = filled.data.body?.content?.find((e) => e.table)?.table?.tableRows ?? [];
    const grid = rows.map((r) => (r.tableCells ?? []).map((c) => cellText(c as Cell)));
    t.checkEffect(
      JSON.stringify(grid) === JSON.stringify([['Metric\n', 'Value\n', '\n'], ['Revenue\n', '42\n', '\n'], ['\n', '\n', '\n']]) &&
        rows[0]?.tableRowStyle?.tableHeader === true &&
        rows[0]?.tableCells?.every((c) => c.tableCellStyle?.backgroundColor?.color?.rgbColor?.blue === 1) === true,
      'cells filled, a row and a column added, header row styled and pinned',
      grid,
    );

    const headerAt = rows[0]!.startIndex! - 1;
    const merged = await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [
      { mergeTableCells: { tableRange: { tableCellLocation: { tableStartLocation: { index: headerAt }, rowIndex: 0, columnIndex: 1 }, rowSpan: 1, columnSpan: 2 } } },
      { createFootnote: { endOfSegmentLocation: {} } },
    ] } });
    const footnoteId = merged.data.replies?.[1]?.createFootnote?.footnoteId;
    const after = await docs.documents.get({ documentId: id });
    const head = after.data.body?.content?.find((e) => e.table)?.table?.tableRows?.[0]?.tableCells?.[1];
    t.checkEffect(head?.tableCellStyle?.columnSpan === 2 && !!footnoteId && after.data.footnotes?.[footnoteId]?.content?.[0]?.paragraph?.elements?.[0]?.textRun?.content === ' \n', 'merged header cell spans 2 columns; the footnote holds a space and a newline', { head: head?.tableCellStyle, footnotes: after.data.footnotes });

    await t.expectError(
      () => docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ deleteContentRange: { range: { startIndex: 3, endIndex: 9 } } }] } }),
      onePlatform(400, 'INVALID_ARGUMENT'),
      'a deletion that cuts into a table is refused',
      { effect: true },
    );

    // documents.get suggestionsViewMode: viewers default to PREVIEW_WITHOUT_SUGGESTIONS and get 403 asking for inline suggestions.
    await drive.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: email(ctx, 'heidi') } });
    const reader = t.track(apis(ctx, userToken(ctx, 'heidi')).docs, 'docs');
    const view = await reader.documents.get({ documentId: id });
    t.check(view.data.suggestionsViewMode === 'PREVIEW_WITHOUT_SUGGESTIONS', 'a viewer sees the preview without suggestions', view.data.suggestionsViewMode);
    await t.expectError(() => reader.documents.get({ documentId: id, suggestionsViewMode: 'SUGGESTIONS_INLINE' }), onePlatform(403, 'PERMISSION_DENIED'), 'a viewer cannot ask for inline suggestions');
  },
};

export default scenario;
