/** Docs v1 through googleapis: document structure and indexes, text edits, replies, atomic batches and errors. */
import { describe, expect, it } from 'vitest';
import type { docs_v1 } from 'googleapis';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function doc(text?: string) {
  const { creds } = await freshTenant(l);
  const c = clients(l, creds.accessToken);
  const d = await c.docs.documents.create({ requestBody: { title: 'Doc' } });
  const id = d.data.documentId!;
  if (text) await c.docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text } }] } });
  return { ...c, creds, id, created: d.data };
}

const paragraphs = (d: docs_v1.Schema$Document) =>
  d.body!.content!.filter((c) => c.paragraph).map((c) => c.paragraph!.elements!.map((e) => e.textRun!.content).join(''));

describe('documents', () => {
  it('a new document is a section break and one empty paragraph (indexes 0-1, 1-2)', async () => {
    const { created } = await doc();
    expect(created.title).toBe('Doc');
    expect(created.body!.content).toEqual([
      { endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } } },
      { startIndex: 1, endIndex: 2, paragraph: { elements: [{ startIndex: 1, endIndex: 2, textRun: { content: '\n', textStyle: {} } }], paragraphStyle: { namedStyleType: 'NORMAL_TEXT', direction: 'LEFT_TO_RIGHT' } } },
    ]);
  });

  it('inserts at an index, at the end of the segment, and deletes a range', async () => {
    const { docs, id } = await doc('Hello world');
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [
      { insertText: { location: { index: 7 }, text: 'big ' } },
      { insertText: { endOfSegmentLocation: {}, text: '!\nBye' } },
      { deleteContentRange: { range: { startIndex: 1, endIndex: 7 } } },
    ] } });
    const got = await docs.documents.get({ documentId: id });
    expect(paragraphs(got.data)).toEqual(['big world!\n', 'Bye\n']);
    const last = got.data.body!.content!.at(-1)!;
    expect([last.startIndex, last.endIndex]).toEqual([12, 16]);
  });

  it('replaceAllText reports occurrencesChanged (omitted when zero)', async () => {
    const { docs, id } = await doc('cat Cat cat');
    const res = await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [
      { replaceAllText: { containsText: { text: 'cat', matchCase: true }, replaceText: 'dog' } },
      { replaceAllText: { containsText: { text: 'bird' }, replaceText: 'x' } },
    ] } });
    expect(res.data.replies).toEqual([{ replaceAllText: { occurrencesChanged: 2 } }, { replaceAllText: {} }]);
    expect(paragraphs((await docs.documents.get({ documentId: id })).data)).toEqual(['dog Cat dog\n']);
  });

  it('sets a heading style on a paragraph and returns the body under tabs when asked', async () => {
    const { docs, id } = await doc('Title\nBody');
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ updateParagraphStyle: { range: { startIndex: 1, endIndex: 6 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } }] } });
    const got = await docs.documents.get({ documentId: id, includeTabsContent: true });
    expect(got.data.body).toBeUndefined();
    const content = got.data.tabs![0].documentTab!.body!.content!;
    expect(content[1].paragraph!.paragraphStyle!.namedStyleType).toBe('HEADING_1');
    expect(content[2].paragraph!.paragraphStyle!.namedStyleType).toBe('NORMAL_TEXT');
  });

  it('honours writeControl.requiredRevisionId', async () => {
    const { docs, id, created } = await doc();
    const first = await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'a' } }], writeControl: { requiredRevisionId: created.revisionId! } } });
    expect(first.data.writeControl!.requiredRevisionId).not.toBe(created.revisionId);
    const stale = await failure(docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'b' } }], writeControl: { requiredRevisionId: created.revisionId! } } }));
    expect(stale.body.error.status).toBe('INVALID_ARGUMENT');
  });
});

describe('errors', () => {
  it('index past the segment end and deleting the final newline are INVALID_ARGUMENT, and nothing is applied', async () => {
    const { docs, id } = await doc('abc');
    const past = await failure(docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'x' } }, { insertText: { location: { index: 50 }, text: 'y' } }] } }));
    expect(past.body).toEqual({ error: { code: 400, message: 'Invalid requests[1].insertText: Index 50 must be less than the end index of the referenced segment, 6.', status: 'INVALID_ARGUMENT' } });
    const nl = await failure(docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ deleteContentRange: { range: { startIndex: 1, endIndex: 5 } } }] } }));
    expect(nl.body.error.message).toBe('Invalid requests[0].deleteContentRange: The range cannot include the newline character at the end of the segment.');
    expect(paragraphs((await docs.documents.get({ documentId: id })).data)).toEqual(['abc\n']);
  });

  it('a commenter can read but not edit; a stranger gets 403; a missing document 404', async () => {
    const { creds } = await freshTenant(l);
    const dave = clients(l, creds.userTokens[`dave@${creds.domain}`]);
    const plan = await dave.drive.files.list({ q: "name = 'Project Plan'", fields: 'files(id)' });
    const id = plan.data.files![0].id!;
    expect(paragraphs((await dave.docs.documents.get({ documentId: id })).data)[0]).toBe('Project Plan\n');
    const edit = await failure(dave.docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'x' } }] } }));
    expect(edit.body).toEqual({ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
    const judy = clients(l, creds.userTokens[`judy@${creds.domain}`]);
    expect((await failure(judy.docs.documents.get({ documentId: id }))).status).toBe(403);
    expect((await failure(judy.docs.documents.get({ documentId: 'missing' }))).status).toBe(404);
  });
});
