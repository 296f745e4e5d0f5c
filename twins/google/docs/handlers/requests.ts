/** documents.batchUpdate request kinds beyond text edits: styles, bullets, named ranges, headers and footers, document style, breaks and inline images. */
/*
 * Request shapes and replies follow the Docs v1 request reference
 * (https://developers.google.com/docs/api/reference/rest/v1/documents/request) and the
 * docs.* schemas in twins/google/openapi/digest.json; indexes follow the structure guide
 * (https://developers.google.com/docs/api/concepts/structure).
 */
import { E } from '../../errors.js';
import { callerText, isTableMark, deleteRange, endIndex, INLINE_OBJECT, insertText, nextId, PAGE_BREAK, SECTION_BREAK, normalize, paragraphsIn, type DocumentRec, type SegmentRec, type Style } from '../model/documents.js';

export type Req = Record<string, unknown>;
export type Fail = (m: string) => ReturnType<typeof E.invalidArgument>;
export const obj = (v: unknown): Req => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Req) : {});

// Updatable fields of docs.TextStyle, docs.ParagraphStyle and docs.DocumentStyle (digest.json).
const TEXT = ['backgroundColor', 'baselineOffset', 'bold', 'fontSize', 'foregroundColor', 'italic', 'link', 'smallCaps', 'strikethrough', 'underline', 'weightedFontFamily'];
const PARAGRAPH = ['namedStyleType', 'alignment', 'avoidWidowAndOrphan', 'borderBetween', 'borderBottom', 'borderLeft', 'borderRight', 'borderTop', 'direction', 'indentEnd', 'indentFirstLine', 'indentStart', 'keepLinesTogether', 'keepWithNext', 'lineSpacing', 'pageBreakBefore', 'shading', 'spaceAbove', 'spaceBelow', 'spacingMode', 'tabStops'];
// Header/footer ids in DocumentStyle are read-only: they change through createHeader/deleteHeader.
const DOCUMENT = ['background', 'flipPageOrientation', 'marginBottom', 'marginFooter', 'marginHeader', 'marginLeft', 'marginRight', 'marginTop', 'pageNumberStart', 'pageSize', 'useCustomHeaderFooterMargins', 'useEvenPageHeaderFooter', 'useFirstPageHeaderFooter'];
const NAMED = ['NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6'];

/** The top-level fields a `fields` mask names; `*` means all of them. */
export function mask(r: Req, allowed: string[], fail: Fail): string[] {
  const fields = typeof r.fields === 'string' ? r.fields.split(',').map((s) => s.trim()).filter(Boolean) : [];
  if (!fields.length) throw fail('fields must be specified.');
  if (fields.includes('*')) return allowed;
  const top = [...new Set(fields.map((f) => f.split('.')[0]))];
  const bad = top.find((f) => !allowed.includes(f));
  if (bad) throw fail(`Invalid field: ${bad}`);
  return top;
}

/** Fields named in the mask take the request's value; named but absent means reset (cleared). */
export function merge(target: Style, source: Req, fields: string[]): Style {
  const out = { ...target };
  for (const f of fields) {
    if (source[f] === undefined || source[f] === null) delete out[f];
    else out[f] = structuredClone(source[f]);
  }
  return out;
}

export function checkSegment(loc: Req, fail: Fail): void {
  if (typeof loc.segmentId === 'string' && loc.segmentId !== '') throw fail(`The segment ID ${loc.segmentId} is invalid.`);
}

/** The header or footer a location's segmentId names (undefined for the body); an unknown id is refused. */
export function segmentOf(doc: DocumentRec, loc: Req, fail: Fail): SegmentRec | undefined {
  if (typeof loc.segmentId !== 'string' || loc.segmentId === '') return undefined;
  const seg = normalize(doc).segments!.find((x) => x.id === loc.segmentId);
  if (!seg) throw fail(`The segment ID ${loc.segmentId} is invalid.`);
  return seg;
}

/** Text edits in a header or footer, whose indexes start at 0 (structure guide, "Segments"). */
export function editSegment(seg: SegmentRec, kind: 'insertText' | 'deleteContentRange', r: Req, fail: Fail): Req {
  const end = seg.text.length;
  if (kind === 'insertText') {
    const text = typeof r.text === 'string' ? callerText(r.text) : '';
    if (!text) throw fail('Text must not be empty.');
    const loc = obj(r.location);
    const i = r.location ? (typeof loc.index === 'number' ? loc.index : 0) : end - 1;
    if (i < 0 || i >= end) throw fail(`Index ${i} must be less than the end index of the referenced segment, ${end}.`);
    seg.text = seg.text.slice(0, i) + text + seg.text.slice(i);
    return {};
  }
  const range = obj(r.range);
  const a = typeof range.startIndex === 'number' ? range.startIndex : 0;
  const b = typeof range.endIndex === 'number' ? range.endIndex : 0;
  if (a >= b) throw fail('The range should not be empty.');
  if (a < 0 || b > end) throw fail(`Index ${b - 1} must be less than the end index of the referenced segment, ${end}.`);
  if (b === end) throw fail('The range cannot include the newline character at the end of the segment.');
  seg.text = seg.text.slice(0, a) + seg.text.slice(b);
  return {};
}

/** The body index a `location` or `endOfSegmentLocation` names, checked against the segment. */
export function insertionIndex(doc: DocumentRec, r: Req, fail: Fail): number {
  let index: number;
  if (r.location) {
    const loc = obj(r.location);
    checkSegment(loc, fail);
    index = typeof loc.index === 'number' ? loc.index : 0;
  } else if (r.endOfSegmentLocation) {
    checkSegment(obj(r.endOfSegmentLocation), fail);
    index = endIndex(doc) - 1;
  } else throw fail('Either location or end_of_segment_location must be set.');
  if (index < 1) throw fail(`Index ${index} must be greater than or equal to 1.`);
  if (index >= endIndex(doc)) throw fail(`Index ${index} must be less than the end index of the referenced segment, ${endIndex(doc)}.`);
  // Insertions go inside a paragraph, never at a table's, row's or cell's own index (InsertTextRequest.location).
  if (isTableMark(doc.text[index - 1])) throw fail(`Index ${index} is not inside the bounds of an existing paragraph. You can only insert text inside an existing paragraph.`);
  return index;
}

/** A non-empty body range [a, b) inside the segment (b may include the final newline). */
export function bodyRange(doc: DocumentRec, r: Req, fail: Fail): [number, number] {
  const range = obj(r.range);
  checkSegment(range, fail);
  const a = typeof range.startIndex === 'number' ? range.startIndex : 0;
  const b = typeof range.endIndex === 'number' ? range.endIndex : 0;
  if (a >= b) throw fail('The range should not be empty.');
  if (a < 1) throw fail(`Index ${a} must be greater than or equal to 1.`);
  if (b > endIndex(doc)) throw fail(`Index ${b - 1} must be less than the end index of the referenced segment, ${endIndex(doc)}.`);
  return [a, b];
}

function updateTextStyle(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, TEXT, fail);
  const [a, b] = bodyRange(doc, r, fail);
  const style = obj(r.textStyle);
  normalize(doc);
  for (let i = a - 1; i < b - 1; i++) {
    const next = merge(doc.runs![i] ? JSON.parse(doc.runs![i]) : {}, style, fields);
    // Keys in a fixed order so equal styles compare equal and merge into one run.
    doc.runs![i] = Object.keys(next).length ? JSON.stringify(Object.fromEntries(Object.entries(next).sort(([x], [y]) => x.localeCompare(y)))) : '';
  }
  return {};
}

function updateParagraphStyle(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, PARAGRAPH, fail);
  const style = obj(r.paragraphStyle);
  const named = style.namedStyleType;
  if (fields.includes('namedStyleType') && (typeof named !== 'string' || !NAMED.includes(named))) throw fail(`Invalid namedStyleType: ${String(named)}`);
  const [a, b] = bodyRange(doc, r, fail);
  normalize(doc);
  for (const p of paragraphsIn(doc, a, b)) {
    if (fields.includes('namedStyleType')) doc.styles[p] = named as string;
    doc.paraStyles![p] = merge(doc.paraStyles![p], style, fields.filter((f) => f !== 'namedStyleType'));
  }
  return {};
}

/** Body index where paragraph `p` starts. */
function paragraphStart(doc: DocumentRec, p: number): number {
  let i = 0;
  for (let n = 0; n < p; n++) i = doc.text.indexOf('\n', i) + 1;
  return i + 1;
}

const PRESETS = ['BULLET_DISC_CIRCLE_SQUARE', 'BULLET_DIAMONDX_ARROW3D_SQUARE', 'BULLET_CHECKBOX', 'BULLET_ARROW_DIAMOND_DISC', 'BULLET_STAR_CIRCLE_SQUARE', 'BULLET_ARROW3D_CIRCLE_SQUARE', 'BULLET_LEFTTRIANGLE_DIAMOND_DISC', 'BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE', 'BULLET_DIAMOND_CIRCLE_SQUARE', 'NUMBERED_DECIMAL_ALPHA_ROMAN', 'NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS', 'NUMBERED_DECIMAL_NESTED', 'NUMBERED_UPPERALPHA_ALPHA_ROMAN', 'NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL', 'NUMBERED_ZERODECIMAL_ALPHA_ROMAN'];

function createParagraphBullets(doc: DocumentRec, r: Req, fail: Fail): Req {
  const preset = typeof r.bulletPreset === 'string' ? r.bulletPreset : '';
  if (!PRESETS.includes(preset)) throw fail(`Invalid bulletPreset: ${preset || 'BULLET_GLYPH_PRESET_UNSPECIFIED'}`);
  const [a, b] = bodyRange(doc, r, fail);
  normalize(doc);
  const listId = nextId(doc, 'kix.');
  doc.lists![listId] = { preset };
  // Leading tabs set each paragraph's nesting level and are removed, shifting later indexes (CreateParagraphBulletsRequest).
  for (const p of paragraphsIn(doc, a, b).reverse()) {
    const start = paragraphStart(doc, p);
    let tabs = 0;
    while (doc.text[start - 1 + tabs] === '\t') tabs++;
    if (tabs) deleteRange(doc, start, start + tabs);
    doc.bullets![p] = { listId, ...(tabs ? { nestingLevel: Math.min(tabs, 8) } : {}) };
  }
  return {};
}

function deleteParagraphBullets(doc: DocumentRec, r: Req, fail: Fail): Req {
  const [a, b] = bodyRange(doc, r, fail);
  normalize(doc);
  for (const p of paragraphsIn(doc, a, b)) {
    const bullet = doc.bullets![p];
    if (!bullet) continue;
    // The nesting level stays visible as indentation at the paragraph's start (DeleteParagraphBulletsRequest).
    const level = bullet.nestingLevel ?? 0;
    doc.paraStyles![p] = { indentFirstLine: { magnitude: 18 + 36 * level, unit: 'PT' }, indentStart: { magnitude: 36 + 36 * level, unit: 'PT' }, ...doc.paraStyles![p] };
    doc.bullets![p] = null;
  }
  return {};
}

function createNamedRange(doc: DocumentRec, r: Req, fail: Fail): Req {
  const name = typeof r.name === 'string' ? r.name : '';
  // Names are 1 to 256 UTF-16 code units (CreateNamedRangeRequest).
  if (!name.length || name.length > 256) throw fail('The name must be between 1 and 256 characters.');
  const [a, b] = bodyRange(doc, r, fail);
  normalize(doc);
  const namedRangeId = nextId(doc, 'kix.');
  doc.namedRanges!.push({ namedRangeId, name, startIndex: a, endIndex: b });
  return { createNamedRange: { namedRangeId } };
}

function deleteNamedRange(doc: DocumentRec, r: Req, fail: Fail): Req {
  normalize(doc);
  if (typeof r.namedRangeId === 'string') {
    if (!doc.namedRanges!.some((n) => n.namedRangeId === r.namedRangeId)) throw fail(`The named range with ID ${r.namedRangeId} does not exist.`);
    doc.namedRanges = doc.namedRanges!.filter((n) => n.namedRangeId !== r.namedRangeId);
  } else if (typeof r.name === 'string') {
    doc.namedRanges = doc.namedRanges!.filter((n) => n.name !== r.name);
  } else throw fail('Either named_range_id or name must be set.');
  return {};
}

function replaceNamedRangeContent(doc: DocumentRec, r: Req, fail: Fail): Req {
  normalize(doc);
  const text = typeof r.text === 'string' ? callerText(r.text) : '';
  let targets;
  if (typeof r.namedRangeId === 'string') targets = doc.namedRanges!.filter((n) => n.namedRangeId === r.namedRangeId);
  else if (typeof r.namedRangeName === 'string') targets = doc.namedRanges!.filter((n) => n.name === r.namedRangeName);
  else throw fail('Either named_range_id or named_range_name must be set.');
  if (!targets.length) throw fail(`The named range ${String(r.namedRangeId ?? r.namedRangeName)} does not exist.`);
  // Last in the document first, so the others' indexes stay valid; each range ends up covering its new text.
  for (const n of [...targets].sort((x, y) => y.startIndex - x.startIndex)) {
    const a = n.startIndex;
    const b = Math.min(n.endIndex, endIndex(doc) - 1);
    if (text) insertText(doc, b, text);
    if (b > a) deleteRange(doc, a, b);
    // The range keeps covering the replacement text even when the old content is gone.
    if (text && !doc.namedRanges!.includes(n)) doc.namedRanges!.push(n);
    n.startIndex = a;
    n.endIndex = a + text.length;
  }
  doc.namedRanges = doc.namedRanges!.filter((n) => n.endIndex > n.startIndex);
  return {};
}

function createSegment(kind: 'header' | 'footer') {
  return (doc: DocumentRec, r: Req, fail: Fail): Req => {
    // Only DEFAULT is accepted; first-page and even-page ones come from useFirstPageHeaderFooter/useEvenPageHeaderFooter.
    if (r.type !== 'DEFAULT') throw fail(`Invalid type: ${String(r.type ?? 'HEADER_FOOTER_TYPE_UNSPECIFIED')}`);
    if (r.sectionBreakLocation) checkSegment(obj(r.sectionBreakLocation), fail);
    normalize(doc);
    const key = kind === 'header' ? 'defaultHeaderId' : 'defaultFooterId';
    doc.docStyle ??= {};
    if (doc.docStyle[key]) throw fail(`A default ${kind} already exists.`);
    const id = nextId(doc, 'kix.');
    doc.segments!.push({ id, kind, type: 'DEFAULT', text: '\n' });
    doc.docStyle[key] = id;
    return { [kind === 'header' ? 'createHeader' : 'createFooter']: { [`${kind}Id`]: id } };
  };
}

function deleteSegment(kind: 'header' | 'footer') {
  return (doc: DocumentRec, r: Req, fail: Fail): Req => {
    normalize(doc);
    const id = r[`${kind}Id`];
    if (!doc.segments!.some((s) => s.kind === kind && s.id === id)) throw fail(`The ${kind} ID ${String(id)} is invalid.`);
    doc.segments = doc.segments!.filter((s) => s.id !== id);
    for (const [k, v] of Object.entries(doc.docStyle ?? {})) if (v === id) delete doc.docStyle![k];
    return {};
  };
}

function updateDocumentStyle(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, DOCUMENT, fail);
  doc.docStyle = merge(doc.docStyle ?? {}, obj(r.documentStyle), fields);
  return {};
}

/** A page break and the newline after it (InsertPageBreakRequest). */
function insertPageBreak(doc: DocumentRec, r: Req, fail: Fail): Req {
  insertText(doc, insertionIndex(doc, r, fail), `${PAGE_BREAK}\n`);
  return {};
}

/** A newline, then the section break, which starts the next section (InsertSectionBreakRequest). */
function insertSectionBreak(doc: DocumentRec, r: Req, fail: Fail): Req {
  const mark = SECTION_BREAK[String(r.sectionType)];
  if (!mark) throw fail(`Invalid sectionType: ${String(r.sectionType ?? 'SECTION_TYPE_UNSPECIFIED')}`);
  insertText(doc, insertionIndex(doc, r, fail), `\n${mark}`);
  return {};
}

function imageUri(r: Req, fail: Fail): string {
  const uri = typeof r.uri === 'string' ? r.uri : '';
  // Public http(s) URLs of at most 2 kB (InsertInlineImageRequest); the twin does not fetch them.
  if (!/^https?:\/\/[^\s]+$/.test(uri) || uri.length > 2048) throw fail('The URI must be a publicly accessible http or https URL of at most 2 kB.');
  return uri;
}

function insertInlineImage(doc: DocumentRec, r: Req, fail: Fail): Req {
  const uri = imageUri(r, fail);
  const index = insertionIndex(doc, r, fail);
  const objectId = nextId(doc, 'kix.');
  const size = obj(r.objectSize);
  insertText(doc, index, INLINE_OBJECT, { inlineObjects: [{ objectId, uri, ...(Object.keys(size).length ? { size } : {}) }] });
  return { insertInlineImage: { objectId } };
}

function replaceImage(doc: DocumentRec, r: Req, fail: Fail): Req {
  const uri = imageUri(r, fail);
  const o = normalize(doc).inlineObjects!.find((x) => x.objectId === r.imageObjectId);
  if (!o) throw fail(`The image object ID ${String(r.imageObjectId)} is invalid.`);
  o.uri = uri;
  return {};
}

export const STYLE_KINDS: Record<string, (doc: DocumentRec, r: Req, fail: Fail) => Req> = {
  updateTextStyle,
  updateParagraphStyle,
  createParagraphBullets,
  deleteParagraphBullets,
  createNamedRange,
  deleteNamedRange,
  replaceNamedRangeContent,
  createHeader: createSegment('header'),
  createFooter: createSegment('footer'),
  deleteHeader: deleteSegment('header'),
  deleteFooter: deleteSegment('footer'),
  updateDocumentStyle,
  insertPageBreak,
  insertSectionBreak,
  insertInlineImage,
  replaceImage,
};
