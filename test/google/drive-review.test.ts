/** Drive approvals, access proposals, labels, download operations, exports and apps: the rules behind each. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function people() {
  const { creds, base } = await freshTenant(l);
  const token = (who: string) => creds.userTokens[`${who}@${creds.domain}`];
  const as = (who: string) => clients(l, token(who)).drive;
  const rootUrl = `${base}/`;
  return { as, token, base, rootUrl, email: (who: string) => `${who}@${creds.domain}` };
}

describe('approvals', () => {
  it('NO_APPROVAL_ACTION keeps approvals given when the content changes', async () => {
    const { as, email, rootUrl } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'a.txt' }, media: { mimeType: 'text/plain', body: 'v1' } }, { rootUrl });
    const a = await as('alice').approvals.start({ fileId: f.data.id!, requestBody: { reviewerEmails: [email('bob'), email('carol')], fileContentChangeBehavior: 'NO_APPROVAL_ACTION' } });
    await as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: email('bob') } });
    await as('bob').approvals.approve({ fileId: f.data.id!, approvalId: a.data.approvalId!, requestBody: {} });
    await as('alice').files.update({ fileId: f.data.id!, media: { mimeType: 'text/plain', body: 'v2' } }, { rootUrl });
    const got = await as('alice').approvals.get({ fileId: f.data.id!, approvalId: a.data.approvalId! });
    expect(got.data.reviewerResponses?.map((r) => r.response)).toEqual(['APPROVED', 'NO_RESPONSE']);
  });

  it('a non-reviewer cannot approve; an approval needs reviewers; unknown ids are 404', async () => {
    const { as, email } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'b.txt' } });
    await as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'writer', emailAddress: email('dave') } });
    expect((await failure(as('alice').approvals.start({ fileId: f.data.id!, requestBody: { reviewerEmails: [] } }))).status).toBe(400);
    const a = await as('alice').approvals.start({ fileId: f.data.id!, requestBody: { reviewerEmails: [email('bob')] } });
    const err = await failure(as('dave').approvals.approve({ fileId: f.data.id!, approvalId: a.data.approvalId!, requestBody: {} }));
    expect([err.status, err.body.error.errors[0].reason]).toEqual([403, 'forbidden']);
    expect((await failure(as('alice').approvals.get({ fileId: f.data.id!, approvalId: 'nope' }))).status).toBe(404);
  });

  it('a completed approval takes comments only while no other approval is in progress', async () => {
    const { as, email } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'c.txt' } });
    const first = await as('alice').approvals.start({ fileId: f.data.id!, requestBody: { reviewerEmails: [email('bob')] } });
    await as('alice').approvals.cancel({ fileId: f.data.id!, approvalId: first.data.approvalId!, requestBody: {} });
    await as('alice').approvals.comment({ fileId: f.data.id!, approvalId: first.data.approvalId!, requestBody: { message: 'closing note' } });
    await as('alice').approvals.start({ fileId: f.data.id!, requestBody: { reviewerEmails: [email('bob')] } });
    const err = await failure(as('alice').approvals.comment({ fileId: f.data.id!, approvalId: first.data.approvalId!, requestBody: { message: 'late' } }));
    expect([err.status, err.body.error.errors[0].reason]).toEqual([400, 'failedPrecondition']);
  });
});

describe('access proposals', () => {
  it('DENY discards the request without granting anything; a requester who has the role is refused', async () => {
    const { as, email, base } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'd.txt' } });
    const ask = (requester: string) =>
      fetch(`${base}/_dtu/google/act/drive/request-access`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileId: f.data.id, requester: email(requester), role: 'reader' }) });
    expect((await ask('erin')).status).toBe(200);
    expect((await ask('alice')).status).toBe(409);
    const list = await as('alice').accessproposals.list({ fileId: f.data.id! });
    await as('alice').accessproposals.resolve({ fileId: f.data.id!, proposalId: list.data.accessProposals![0].proposalId!, requestBody: { action: 'DENY' } });
    expect((await failure(as('erin').files.get({ fileId: f.data.id! }))).status).toBe(404);
    expect((await as('alice').accessproposals.list({ fileId: f.data.id! })).data.accessProposals ?? []).toEqual([]);
  });

  it('ACCEPT without a role is refused', async () => {
    const { as, email, base } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'e.txt' } });
    await fetch(`${base}/_dtu/google/act/drive/request-access`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileId: f.data.id, requester: email('erin') }) });
    const list = await as('alice').accessproposals.list({ fileId: f.data.id! });
    const err = await failure(as('alice').accessproposals.resolve({ fileId: f.data.id!, proposalId: list.data.accessProposals![0].proposalId!, requestBody: { action: 'ACCEPT' } }));
    expect(err.status).toBe(400);
  });
});

describe('labels', () => {
  it('unsetValues clears a field, removeLabel drops the label, a choice outside the list is refused', async () => {
    const { as } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'f.txt' } });
    const fileId = f.data.id!;
    await as('alice').files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', fieldModifications: [{ fieldId: 'counterparty', setTextValues: ['Acme'] }, { fieldId: 'renewal', setDateValues: ['2027-01-31'] }] }] } });
    const cleared = await as('alice').files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', fieldModifications: [{ fieldId: 'counterparty', unsetValues: true }] }] } });
    expect(Object.keys(cleared.data.modifiedLabels![0].fields!)).toEqual(['renewal']);
    expect(cleared.data.modifiedLabels![0].fields!.renewal).toEqual({ kind: 'drive#labelField', id: 'renewal', valueType: 'dateString', dateString: ['2027-01-31'] });
    const bad = await failure(as('alice').files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', fieldModifications: [{ fieldId: 'status', setSelectionValues: ['lost'] }] }] } }));
    expect(bad.status).toBe(400);
    await as('alice').files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', removeLabel: true }] } });
    expect((await as('alice').files.listLabels({ fileId })).data.labels).toEqual([]);
  });
});

describe('download operations and exports', () => {
  it('a revision downloads through its own URI; Markdown export renders headings', async () => {
    const { as, token, rootUrl } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'g.txt' }, media: { mimeType: 'text/plain', body: 'first' } }, { rootUrl });
    const revs = await as('alice').revisions.list({ fileId: f.data.id!, fields: 'revisions(id)' });
    await as('alice').files.update({ fileId: f.data.id!, media: { mimeType: 'text/plain', body: 'second' } }, { rootUrl });
    const op = await as('alice').files.download({ fileId: f.data.id!, revisionId: revs.data.revisions![0].id! });
    const uri = (op.data.response as { downloadUri: string }).downloadUri;
    expect(await (await fetch(uri, { headers: { authorization: `Bearer ${token('alice')}` } })).text()).toBe('first');
    expect((await failure(as('alice').files.download({ fileId: f.data.id!, revisionId: 'nope' }))).status).toBe(404);

    const doc = await as('alice').files.create({ requestBody: { name: 'Notes', mimeType: 'application/vnd.google-apps.document' }, fields: 'id' });
    const docs = clients(l, token('alice')).docs;
    await docs.documents.batchUpdate({ documentId: doc.data.id!, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'Plan\nShip *it*\n' } }, { updateParagraphStyle: { range: { startIndex: 1, endIndex: 5 }, paragraphStyle: { namedStyleType: 'HEADING_1' }, fields: 'namedStyleType' } }] } });
    const md = await as('alice').files.export({ fileId: doc.data.id!, mimeType: 'text/markdown' }, { responseType: 'text' });
    expect(String(md.data).startsWith('# Plan\n\nShip \\*it\\*')).toBe(true);
    const about = await as('alice').about.get({ fields: 'exportFormats' });
    expect(about.data.exportFormats?.['application/vnd.google-apps.document']).toContain('text/markdown');
    expect((await failure(as('alice').files.export({ fileId: doc.data.id!, mimeType: 'application/pdf' }))).status).toBe(400);
  });
});

describe('apps', () => {
  it('lists the installed apps with the default ones named, and filters by extension', async () => {
    const { as } = await people();
    const all = await as('alice').apps.list({});
    expect(all.data.items?.map((a) => a.name)).toEqual(['Diagrams', 'PDF Annotator']);
    expect(all.data.defaultAppIds).toEqual([all.data.items![0].id]);
    const svg = await as('alice').apps.list({ appFilterExtensions: 'svg' });
    expect(svg.data.items?.map((a) => a.name)).toEqual(['Diagrams']);
  });
});

describe('Docs Editors revisions', () => {
  it('each Docs edit is a revision with export links; downloading a revision exports it as it stood', async () => {
    const { as, token } = await people();
    const docs = clients(l, token('alice')).docs;
    const doc = await docs.documents.create({ requestBody: { title: 'Versions' } });
    const id = doc.data.documentId!;
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'first draft' } }] } });
    await docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'final: ' } }] } });
    const revs = await as('alice').revisions.list({ fileId: id, fields: 'revisions(id,mimeType,exportLinks,md5Checksum)' });
    expect(revs.data.revisions).toHaveLength(2);
    expect(revs.data.revisions![0].exportLinks?.['text/plain']).toContain(`revision=${revs.data.revisions![0].id}`);
    expect(revs.data.revisions![0].md5Checksum).toBeUndefined();
    const op = await as('alice').files.download({ fileId: id, mimeType: 'text/plain', revisionId: revs.data.revisions![0].id! });
    const text = await (await fetch((op.data.response as { downloadUri: string }).downloadUri, { headers: { authorization: `Bearer ${token('alice')}` } })).text();
    expect(text).toBe('first draft\n');
    const media = await failure(as('alice').revisions.get({ fileId: id, revisionId: revs.data.revisions![0].id!, alt: 'media' }));
    expect([media.status, media.body.error.errors[0].reason]).toEqual([403, 'fileNotDownloadable']);
    expect((await failure(as('alice').revisions.delete({ fileId: id, revisionId: revs.data.revisions![0].id! }))).status).toBe(403);
  });
});
