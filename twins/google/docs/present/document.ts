/** Docs' Document resource as callers see it. */
import { type Bullet, type DocumentRec, normalize, revisionId, type Style } from '../model/documents.js';

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

/** Paragraphs of a text as structural elements, indexes counted from `first`. */
function paragraphs(text: string, first: number, at: (i: number) => { named: string; style: Style; bullet: Bullet | null }, runs: string[]) {
  const out: unknown[] = [];
  let start = first;
  let off = 0;
  text.split('\n').slice(0, -1).forEach((p, i) => {
    const len = p.length + 1;
    // Runs split wherever the character style changes (structure guide, "Text runs").
    const elements: unknown[] = [];
    let k = 0;
    while (k < len) {
      let e = k + 1;
      while (e < len && runs[off + e] === runs[off + k]) e++;
      elements.push({ startIndex: start + k, endIndex: start + e, textRun: { content: text.slice(off + k, off + e), textStyle: runs[off + k] ? JSON.parse(runs[off + k]) : {} } });
      k = e;
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
  const content: unknown[] = [
    { endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } } },
  ];
  content.push(...paragraphs(d.text, 1, (i) => ({ named: d.styles[i] ?? 'NORMAL_TEXT', style: d.paraStyles![i] ?? {}, bullet: d.bullets![i] ?? null }), d.runs!));
  return { content };
}

function segments(d: DocumentRec, kind: 'header' | 'footer') {
  const out: Record<string, unknown> = {};
  for (const s of d.segments!.filter((x) => x.kind === kind)) {
    const content = paragraphs(s.text, 0, () => ({ named: 'NORMAL_TEXT', style: {}, bullet: null }), Array.from({ length: s.text.length }, () => ''));
    out[s.id] = { [`${kind}Id`]: s.id, content };
  }
  return out;
}

export function presentDocument(d: DocumentRec, title: string): Record<string, unknown> {
  normalize(d);
  const named: Record<string, unknown> = {};
  for (const r of d.namedRanges!) {
    const entry = (named[r.name] ??= { name: r.name, namedRanges: [] }) as { namedRanges: unknown[] };
    entry.namedRanges.push({ namedRangeId: r.namedRangeId, name: r.name, ranges: [{ startIndex: r.startIndex, endIndex: r.endIndex }] });
  }
  const lists = Object.fromEntries(Object.entries(d.lists!).map(([id, l]) => [id, { listProperties: listProperties(l.preset) }]));
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
    ...(Object.keys(named).length ? { namedRanges: named } : {}),
    revisionId: revisionId(d),
    suggestionsViewMode: 'SUGGESTIONS_INLINE',
    documentId: d.id,
  };
}
