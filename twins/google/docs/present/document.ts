/** Docs' Document resource as callers see it. */
import { type DocumentRec, type InlineObjectRec, normalize, revisionId } from '../model/documents.js';
import { type At, PT, sectionBreak, structure } from './structure.js';

/** Glyphs of the first nesting levels for bulletPreset values (ParagraphBullets reference, BulletGlyphPreset). */
const PRESETS: Record<string, Array<{ glyphSymbol?: string; glyphType?: string; glyphFormat: string }>> = {
  BULLET_DISC_CIRCLE_SQUARE: [{ glyphSymbol: '●', glyphFormat: '%0' }, { glyphSymbol: '○', glyphFormat: '%1' }, { glyphSymbol: '■', glyphFormat: '%2' }],
  BULLET_CHECKBOX: [{ glyphType: 'GLYPH_TYPE_UNSPECIFIED', glyphFormat: '%0' }],
  NUMBERED_DECIMAL_ALPHA_ROMAN: [{ glyphType: 'DECIMAL', glyphFormat: '%0.' }, { glyphType: 'ALPHA', glyphFormat: '%1.' }, { glyphType: 'ROMAN', glyphFormat: '%2.' }],
  NUMBERED_DECIMAL_NESTED: [{ glyphType: 'DECIMAL', glyphFormat: '%0.' }, { glyphType: 'DECIMAL', glyphFormat: '%0.%1.' }, { glyphType: 'DECIMAL', glyphFormat: '%0.%1.%2.' }],
  NUMBERED_UPPERALPHA_ALPHA_ROMAN: [{ glyphType: 'UPPER_ALPHA', glyphFormat: '%0.' }, { glyphType: 'ALPHA', glyphFormat: '%1.' }, { glyphType: 'ROMAN', glyphFormat: '%2.' }],
};

function listProperties(preset: string) {
  const glyphs = PRESETS[preset] ?? PRESETS.BULLET_DISC_CIRCLE_SQUARE;
  // Nine nesting levels, the glyph pattern repeating every three levels; 36 pt of indent per level.
  return {
    nestingLevels: Array.from({ length: 9 }, (_, i) => ({
      bulletAlignment: 'START',
      ...glyphs[i % glyphs.length],
      indentFirstLine: PT(18 + 36 * i),
      indentStart: PT(36 + 36 * i),
      textStyle: { underline: false },
      ...(glyphs[i % glyphs.length].glyphType ? { startNumber: 1 } : {}),
    })),
  };
}

export function presentBody(d: DocumentRec): Record<string, unknown> {
  normalize(d);
  const content: unknown[] = [{ endIndex: 1, sectionBreak: sectionBreak('CONTINUOUS', d.sectionStyles![0]) }];
  const at: At = (i) => ({ named: d.styles[i] ?? 'NORMAL_TEXT', style: d.paraStyles![i] ?? {}, bullet: d.bullets![i] ?? null });
  content.push(...structure({ text: d.text, first: 1, at, runs: d.runs!, objects: d.inlineObjects!.map((o) => o.objectId), footnotes: d.footnotes, tables: d.tables, sections: d.sectionStyles }));
  return { content };
}

function segments(d: DocumentRec, kind: 'header' | 'footer' | 'footnote') {
  const out: Record<string, unknown> = {};
  for (const s of d.segments!.filter((x) => x.kind === kind)) {
    const content = structure({ text: s.text, first: 0, at: () => ({ named: 'NORMAL_TEXT', style: {}, bullet: null }), runs: Array.from({ length: s.text.length }, () => '') });
    out[s.id] = { [`${kind}Id`]: s.id, content };
  }
  return out;
}

/** An inline image as InlineObject; the twin does not copy image bytes, so its content URI is the source URI. */
function inlineObject(o: InlineObjectRec) {
  return {
    objectId: o.objectId,
    inlineObjectProperties: {
      embeddedObject: {
        imageProperties: { contentUri: o.uri, sourceUri: o.uri, cropProperties: {} },
        embeddedObjectBorder: { color: { color: { rgbColor: {} } }, width: PT(1), dashStyle: 'SOLID', propertyState: 'NOT_RENDERED' },
        ...(o.size ? { size: o.size } : {}),
        marginTop: PT(9), marginBottom: PT(9), marginRight: PT(9), marginLeft: PT(9),
      },
    },
  };
}

export function presentDocument(d: DocumentRec, title: string, suggestionsViewMode = 'SUGGESTIONS_INLINE'): Record<string, unknown> {
  normalize(d);
  const named: Record<string, unknown> = {};
  for (const r of d.namedRanges!) {
    const entry = (named[r.name] ??= { name: r.name, namedRanges: [] }) as { namedRanges: unknown[] };
    entry.namedRanges.push({ namedRangeId: r.namedRangeId, name: r.name, ranges: [{ startIndex: r.startIndex, endIndex: r.endIndex }] });
  }
  const lists = Object.fromEntries(Object.entries(d.lists!).map(([id, l]) => [id, { listProperties: listProperties(l.preset) }]));
  const inlineObjects = Object.fromEntries(d.inlineObjects!.map((o) => [o.objectId, inlineObject(o)]));
  const headers = segments(d, 'header');
  const footers = segments(d, 'footer');
  // Footnotes listed in the order their references appear.
  const notes = segments(d, 'footnote');
  const footnotes = Object.fromEntries(d.footnotes!.filter((id) => notes[id]).map((id) => [id, notes[id]]));
  // Empty maps are left out of the JSON, as the API does.
  return {
    title,
    body: presentBody(d),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(Object.keys(footers).length ? { footers } : {}),
    ...(Object.keys(footnotes).length ? { footnotes } : {}),
    documentStyle: {
      background: { color: {} },
      pageNumberStart: 1,
      marginTop: PT(72),
      marginBottom: PT(72),
      marginRight: PT(72),
      marginLeft: PT(72),
      pageSize: { height: PT(792), width: PT(612) },
      marginHeader: PT(36),
      marginFooter: PT(36),
      useCustomHeaderFooterMargins: true,
      ...d.docStyle,
    },
    namedStyles: {
      styles: ['NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6'].map((namedStyleType) => ({
        namedStyleType,
        textStyle: {},
        paragraphStyle: { namedStyleType, direction: 'LEFT_TO_RIGHT' },
      })),
    },
    ...(Object.keys(lists).length ? { lists } : {}),
    ...(Object.keys(inlineObjects).length ? { inlineObjects } : {}),
    ...(Object.keys(named).length ? { namedRanges: named } : {}),
    revisionId: revisionId(d),
    suggestionsViewMode,
    documentId: d.id,
  };
}
