/** Docs' Document resource as callers see it. */
import { type DocumentRec, revisionId } from '../model/documents.js';

export function presentBody(d: DocumentRec): Record<string, unknown> {
  const content: unknown[] = [
    { endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } } },
  ];
  let start = 1;
  const paras = d.text.split('\n').slice(0, -1);
  paras.forEach((p, i) => {
    const textRun = `${p}\n`;
    const end = start + textRun.length;
    content.push({
      startIndex: start,
      endIndex: end,
      paragraph: {
        elements: [{ startIndex: start, endIndex: end, textRun: { content: textRun, textStyle: {} } }],
        paragraphStyle: { namedStyleType: d.styles[i] ?? 'NORMAL_TEXT', direction: 'LEFT_TO_RIGHT', ...(d.styles[i]?.startsWith('HEADING') ? { headingId: `h.${i}` } : {}) },
      },
    });
    start = end;
  });
  return { content };
}

export function presentDocument(d: DocumentRec, title: string): Record<string, unknown> {
  return {
    title,
    body: presentBody(d),
    documentStyle: {
      background: { color: {} },
      pageNumberStart: 1,
      marginTop: { magnitude: 72, unit: 'PT' },
      marginBottom: { magnitude: 72, unit: 'PT' },
      marginRight: { magnitude: 72, unit: 'PT' },
      marginLeft: { magnitude: 72, unit: 'PT' },
      pageSize: { height: { magnitude: 792, unit: 'PT' }, width: { magnitude: 612, unit: 'PT' } },
      marginHeader: { magnitude: 36, unit: 'PT' },
      marginFooter: { magnitude: 36, unit: 'PT' },
      useCustomHeaderFooterMargins: true,
    },
    namedStyles: {
      styles: ['NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6'].map((namedStyleType) => ({
        namedStyleType,
        textStyle: {},
        paragraphStyle: { namedStyleType, direction: 'LEFT_TO_RIGHT' },
      })),
    },
    revisionId: revisionId(d),
    suggestionsViewMode: 'SUGGESTIONS_INLINE',
    documentId: d.id,
  };
}
