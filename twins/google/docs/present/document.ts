/** Docs' Document resource as callers see it. */
import { type Bullet, type DocumentRec, INLINE_OBJECT, type InlineObjectRec, normalize, PAGE_BREAK, revisionId, SECTION_BREAK, type Style } from '../model/documents.js';

const PT = (magnitude: number) => ({ magnitude, unit: 'PT' });

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

type At = (i: number) => { named: string; style: Style; bullet: Bullet | null };
const SECTION_TYPE: Record<string, string> = Object.fromEntries(Object.entries(SECTION_BREAK).map(([k, v]) => [v, k]));
const sectionBreak = (sectionType: string) => ({ sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType } });

/** Structural elements of a segment's text, indexes counted from `first`; `objects` are the inline object ids in text order. */
function structure(text: string, first: number, at: At, runs: string[], objects: string[] = []): unknown[] {
  const out: unknown[] = [];
  let start = first;
  let off = 0;
  let obj = 0;
  text.split('\n').slice(0, -1).forEach((p, i) => {
    // A section break is its own structural element, before the paragraph that follows it (structure guide).
    if (SECTION_TYPE[p[0]]) {
      out.push({ startIndex: start, endIndex: start + 1, sectionBreak: sectionBreak(SECTION_TYPE[p[0]]) });
      start++;
      off++;
      p = p.slice(1);
    }
    const len = p.length + 1;
    const elements: unknown[] = [];
    let k = 0;
    while (k < len) {
      const ch = text[off + k];
      const textStyle = runs[off + k] ? JSON.parse(runs[off + k]) : {};
      const one = { startIndex: start + k, endIndex: start + k + 1 };
      if (ch === PAGE_BREAK) elements.push({ ...one, pageBreak: { textStyle } });
      else if (ch === INLINE_OBJECT) elements.push({ ...one, inlineObjectElement: { inlineObjectId: objects[obj++], textStyle } });
      else {
        // Runs split wherever the character style changes, and at non-text elements (structure guide, "Text runs").
        let e = k + 1;
        while (e < len && runs[off + e] === runs[off + k] && text[off + e] !== PAGE_BREAK && text[off + e] !== INLINE_OBJECT) e++;
        elements.push({ startIndex: start + k, endIndex: start + e, textRun: { content: text.slice(off + k, off + e), textStyle } });
        k = e;
        continue;
      }
      k++;
    }
    const { named, style, bullet } = at(i);
    const level = bullet?.nestingLevel ?? 0;
    out.push({
      startIndex: start,
      endIndex: start + len,
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
    });
    start += len;
    off += len;
  });
  return out;
}

export function presentBody(d: DocumentRec): Record<string, unknown> {
  normalize(d);
  const content: unknown[] = [{ endIndex: 1, sectionBreak: sectionBreak('CONTINUOUS') }];
  const at: At = (i) => ({ named: d.styles[i] ?? 'NORMAL_TEXT', style: d.paraStyles![i] ?? {}, bullet: d.bullets![i] ?? null });
  content.push(...structure(d.text, 1, at, d.runs!, d.inlineObjects!.map((o) => o.objectId)));
  return { content };
}

function segments(d: DocumentRec, kind: 'header' | 'footer') {
  const out: Record<string, unknown> = {};
  for (const s of d.segments!.filter((x) => x.kind === kind)) {
    const content = structure(s.text, 0, () => ({ named: 'NORMAL_TEXT', style: {}, bullet: null }), Array.from({ length: s.text.length }, () => ''));
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

export function presentDocument(d: DocumentRec, title: string): Record<string, unknown> {
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
  // Empty maps are left out of the JSON, as the API does.
  return {
    title,
    body: presentBody(d),
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(Object.keys(footers).length ? { footers } : {}),
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
    suggestionsViewMode: 'SUGGESTIONS_INLINE',
    documentId: d.id,
  };
}
