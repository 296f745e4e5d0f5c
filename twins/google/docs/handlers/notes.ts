/** documents.batchUpdate request kinds for footnotes, section styles and positioned objects. */
/*
 * Docs v1 request reference (https://developers.google.com/docs/api/reference/rest/v1/documents/request):
 * CreateFootnoteRequest, UpdateSectionStyleRequest, DeletePositionedObjectRequest.
 */
import { FOOTNOTE_REF, insertText, isSectionBreak, nextId, normalize, type DocumentRec } from '../model/documents.js';
import { bodyRange, insertionIndex, mask, merge, obj, type Fail, type Req } from './requests.js';

// Updatable fields of docs.SectionStyle; the header and footer ids in it are read-only (digest.json).
const SECTION = ['columnProperties', 'columnSeparatorStyle', 'contentDirection', 'flipPageOrientation', 'marginBottom', 'marginFooter', 'marginHeader', 'marginLeft', 'marginRight', 'marginTop', 'pageNumberStart', 'sectionType', 'useFirstPageHeaderFooter'];

/** A footnote reference at the location and a new footnote segment holding a space and a newline (CreateFootnoteRequest). */
function createFootnote(doc: DocumentRec, r: Req, fail: Fail): Req {
  // Footnote references go in the body only, so the location's segmentId must be empty.
  const index = insertionIndex(doc, r, fail);
  normalize(doc);
  const footnoteId = nextId(doc, 'kix.');
  insertText(doc, index, FOOTNOTE_REF, { footnotes: [footnoteId] });
  doc.segments!.push({ id: footnoteId, kind: 'footnote', type: 'FOOTNOTE', text: ' \n' });
  return { createFootnote: { footnoteId } };
}

/** Section number that holds text offset `pos`: the first section, then one per section break before it. */
function sectionAt(text: string, pos: number): number {
  let n = 0;
  for (let i = 0; i <= pos && i < text.length; i++) if (isSectionBreak(text[i])) n++;
  return n;
}

/** Every section the range overlaps takes the masked fields (UpdateSectionStyleRequest). */
function updateSectionStyle(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, SECTION, fail);
  const style = obj(r.sectionStyle);
  if (fields.includes('sectionType') && style.sectionType !== 'CONTINUOUS' && style.sectionType !== 'NEXT_PAGE') throw fail(`Invalid sectionType: ${String(style.sectionType ?? 'SECTION_TYPE_UNSPECIFIED')}`);
  const [a, b] = bodyRange(doc, r, fail);
  normalize(doc);
  const first = sectionAt(doc.text, a - 1);
  const last = sectionAt(doc.text, b - 2);
  for (let s = first; s <= last; s++) doc.sectionStyles![s] = merge(doc.sectionStyles![s], style, fields);
  return {};
}

/*
 * Positioned objects are only made in the editor; no API request creates one, and a
 * document created through the API has none, so every id named here is unknown.
 */
function deletePositionedObject(_doc: DocumentRec, r: Req, fail: Fail): Req {
  throw fail(`The positioned object ID ${String(r.objectId ?? '')} is invalid.`);
}

export const NOTE_KINDS: Record<string, (doc: DocumentRec, r: Req, fail: Fail) => Req> = { createFootnote, updateSectionStyle, deletePositionedObject };
