/** Docs v1 documents: create, get (body or tabs), and batchUpdate with text edits, applied all-or-nothing. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E } from '../../errors.js';
import { DOCUMENT, files, type DriveFile } from '../../store.js';
import { accessTo, atLeast } from '../../drive/model/acl.js';
import { createFile, touch } from '../../drive/model/files.js';
import { callerText, splitsSectionBreak, deleteRange, documents, endIndex, insertText, newDocument, replaceAll, revisionId, type DocumentRec } from '../model/documents.js';
import { jsonObject } from '../../request.js';
import { presentDocument } from '../present/document.js';
import { driveCaller } from '../../drive/handlers/caller.js';
import { bodyRange, editSegment, insertionIndex, obj, segmentOf, STYLE_KINDS, type Fail, type Req } from './requests.js';
import { TABLE_KINDS } from './tables.js';
import { NOTE_KINDS } from './notes.js';
import { malformed } from '../model/tables.js';


function load(ctx: OpContext, need: 'reader' | 'writer'): { t: Tenant; file: DriveFile; doc: DocumentRec; by: string; canSuggest: boolean } {
  const t = ctx.tenant;
  const id = ctx.params.documentId;
  const file = files(t).get(id);
  const doc = documents(t).get(id);
  if (!file || !doc || file.mimeType !== DOCUMENT) throw E.entityNotFound('docs');
  const dc = driveCaller(ctx);
  const access = accessTo(t, file, dc.who);
  if (!atLeast(access, need)) throw E.callerNoPermission('docs');
  return { t, file, doc, by: dc.email, canSuggest: atLeast(access, 'commenter') };
}

/*
 * suggestionsViewMode (documents.get reference, SuggestionsViewMode): the default is
 * SUGGESTIONS_INLINE for those who may see suggestions (commenters and editors) and
 * PREVIEW_WITHOUT_SUGGESTIONS for viewers, who get 403 asking for a mode that shows them.
 * The twin stores no suggestions, so every mode shows the same content; only the field differs.
 */
function viewMode(ctx: OpContext, canSuggest: boolean): string {
  const asked = typeof ctx.query.suggestionsViewMode === 'string' ? ctx.query.suggestionsViewMode : 'DEFAULT_FOR_CURRENT_ACCESS';
  if (asked === 'DEFAULT_FOR_CURRENT_ACCESS') return canSuggest ? 'SUGGESTIONS_INLINE' : 'PREVIEW_WITHOUT_SUGGESTIONS';
  if ((asked === 'SUGGESTIONS_INLINE' || asked === 'PREVIEW_SUGGESTIONS_ACCEPTED') && !canSuggest) throw E.callerNoPermission('docs');
  return asked;
}

/** With includeTabsContent the body moves into `tabs[0].documentTab` (documents have one tab here). */
function present(ctx: OpContext, file: DriveFile, doc: DocumentRec, mode: string): Record<string, unknown> {
  const d = presentDocument(doc, file.name, mode);
  if (ctx.query.includeTabsContent !== true && ctx.query.includeTabsContent !== 'true') return d;
  const { body, documentStyle, namedStyles, ...rest } = d;
  return { ...rest, tabs: [{ tabProperties: { tabId: 't.0', title: 'Tab 1', index: 0 }, documentTab: { body, documentStyle, namedStyles } }] };
}

function create(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('docs');
  const body = jsonObject(ctx, 'docs');
  // Only the title is read; other fields in the request, content included, are ignored (documents.create reference).
  const file = createFile(t, { name: typeof body.title === 'string' && body.title ? body.title : 'Untitled document', mimeType: DOCUMENT, owner: dc.email, createdByClient: dc.caller.clientId });
  const doc = newDocument(file.id);
  documents(t).put(doc);
  return { body: presentDocument(doc, file.name) };
}

function get(ctx: OpContext): Reply {
  const { file, doc, canSuggest } = load(ctx, 'reader');
  return { body: present(ctx, file, doc, viewMode(ctx, canSuggest)) };
}

function applyInsert(doc: DocumentRec, r: Req, fail: Fail): Req {
  const seg = segmentOf(doc, obj(r.location ?? r.endOfSegmentLocation), fail);
  if (seg) return editSegment(seg, 'insertText', r, fail);
  const text = typeof r.text === 'string' ? callerText(r.text) : '';
  if (!text) throw fail('Text must not be empty.');
  const index = insertionIndex(doc, r, fail);
  // A section break always follows a newline: text cannot go between the two.
  if (splitsSectionBreak(doc.text.slice(0, index - 1) + text + doc.text.slice(index - 1))) throw fail(`Index ${index} is inside a section break.`);
  insertText(doc, index, text);
  return {};
}

function applyDelete(doc: DocumentRec, r: Req, fail: Fail): Req {
  const seg = segmentOf(doc, obj(r.range), fail);
  if (seg) return editSegment(seg, 'deleteContentRange', r, fail);
  const [a, b] = bodyRange(doc, r, fail);
  if (b === endIndex(doc)) throw fail('The range cannot include the newline character at the end of the segment.');
  if (splitsSectionBreak(doc.text.slice(0, a - 1) + doc.text.slice(b - 1))) throw fail('Invalid deletion range. Cannot delete the newline before a section break.');
  deleteRange(doc, a, b);
  return {};
}

function applyReplaceAll(doc: DocumentRec, r: Req, fail: Fail): Req {
  const find = obj(r.containsText);
  if (typeof find.text !== 'string' || !find.text) throw fail('The text to search for must not be empty.');
  const n = replaceAll(doc, find.text, typeof r.replaceText === 'string' ? callerText(r.replaceText) : '', find.matchCase === true);
  // Zero counts are left out of the JSON, as proto3 does.
  return { replaceAllText: n ? { occurrencesChanged: n } : {} };
}

const KINDS: Record<string, (doc: DocumentRec, r: Req, fail: Fail) => Req> = {
  insertText: applyInsert,
  deleteContentRange: applyDelete,
  replaceAllText: applyReplaceAll,
  ...STYLE_KINDS,
  ...TABLE_KINDS,
  ...NOTE_KINDS,
};

/**
 * Applies requests in order to a document (changed in place), returning the replies; the first
 * refused request throws. A request that would leave the text malformed — a deletion that cuts
 * into a table or empties a cell, text between a table and its paragraph — is refused.
 */
export function applyRequests(doc: DocumentRec, requests: unknown[]): Req[] {
  return requests.map((raw, i) => {
    const r = obj(raw);
    const kinds = Object.keys(r);
    if (kinds.length !== 1) throw E.invalidArgument('docs', `Invalid requests[${i}]: ${kinds.length ? 'Only one kind of request may be set.' : 'No request set.'}`);
    const apply = KINDS[kinds[0]];
    if (!apply) throw E.notImplemented('docs', `The ${kinds[0]} request`);
    const fail: Fail = (m) => E.invalidArgument('docs', `Invalid requests[${i}].${kinds[0]}: ${m}`);
    const reply = apply(doc, obj(r[kinds[0]]), fail);
    const why = malformed(doc.text);
    if (why) throw fail(`Invalid range: ${why}.`);
    return reply;
  });
}

function batchUpdate(ctx: OpContext): Reply {
  const { t, file, doc, by } = load(ctx, 'writer');
  const body = jsonObject(ctx, 'docs');
  const wc = obj(body.writeControl);
  if (typeof wc.requiredRevisionId === 'string' && wc.requiredRevisionId !== revisionId(doc)) {
    throw E.invalidArgument('docs', 'The document has been modified since the required revision. Please retry with the latest revision.');
  }
  const requests = Array.isArray(body.requests) ? body.requests : [];
  const work = structuredClone(doc);
  const replies = applyRequests(work, requests);
  if (requests.length) {
    work.revision += 1;
    documents(t).put(work);
    touch(t, file, by, { changed: ['content'] });
  }
  return { body: { replies, writeControl: { requiredRevisionId: revisionId(work) }, documentId: doc.id } };
}

export const docsHandlers = {
  'docs.documents.create': create,
  'docs.documents.get': get,
  'docs.documents.batchUpdate': batchUpdate,
} satisfies Handlers;
