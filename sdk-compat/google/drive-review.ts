// googleapis compat: reviewing a contract in Drive — approvals, access requests, labels, downloads as operations, exports, installed apps.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, userToken } from './common.js';

const DOC = 'application/vnd.google-apps.document';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Drive: contract review — approvals, access proposals, labels, download operations, exports, apps',
  async run(ctx, t) {
    const alice = t.track(apis(ctx, userToken(ctx, 'alice')).drive, 'drive');
    const bob = t.track(apis(ctx, userToken(ctx, 'bob')).drive, 'drive');
    const rootUrl = ctx.credentials.rootUrl as string;

    const contract = await alice.files.create({ requestBody: { name: 'contract.txt' }, media: { mimeType: 'text/plain', body: 'Term: 12 months' }, fields: 'id' }, { rootUrl });
    const fileId = contract.data.id!;
    await alice.permissions.create({ fileId, requestBody: { type: 'user', role: 'commenter', emailAddress: email(ctx, 'bob') } });

    // Approvals (Drive approvals guide): every reviewer must approve; new content resets approvals given (RESET_APPROVAL).
    const started = await alice.approvals.start({ fileId, requestBody: { reviewerEmails: [email(ctx, 'bob'), email(ctx, 'carol')], message: 'Please review' } });
    t.check(started.data.status === 'IN_PROGRESS' && started.data.reviewerResponses?.length === 2 && started.data.reviewerResponses.every((r) => r.response === 'NO_RESPONSE') && started.data.fileContentChangeBehavior === 'RESET_APPROVAL', 'approval started with two reviewers', started.data);
    const approvalId = started.data.approvalId!;
    await t.expectError(() => alice.approvals.start({ fileId, requestBody: { reviewerEmails: [email(ctx, 'bob')] } }), classic(400, 'failedPrecondition'), 'one approval in progress per file');
    await t.expectError(() => bob.approvals.start({ fileId, requestBody: { reviewerEmails: [email(ctx, 'carol')] } }), classic(403, 'insufficientFilePermissions'), 'starting needs writer access');

    const bobApproved = await bob.approvals.approve({ fileId, approvalId, requestBody: { message: 'LGTM' } });
    t.check(bobApproved.data.status === 'IN_PROGRESS' && bobApproved.data.reviewerResponses?.find((r) => r.reviewer?.emailAddress === email(ctx, 'bob'))?.response === 'APPROVED', 'one approval is not enough', bobApproved.data);
    await alice.files.update({ fileId, media: { mimeType: 'text/plain', body: 'Term: 24 months' } }, { rootUrl });
    const reset = await alice.approvals.get({ fileId, approvalId });
    t.checkEffect(reset.data.reviewerResponses?.every((r) => r.response === 'NO_RESPONSE'), 'changing the content reset Bob’s approval', reset.data);
    await t.expectError(() => bob.approvals.cancel({ fileId, approvalId, requestBody: {} }), classic(403, 'forbidden'), 'only the initiator cancels, not a reviewer');

    const reassigned = await alice.approvals.reassign({ fileId, approvalId, requestBody: { replaceReviewers: [{ removedReviewerEmail: email(ctx, 'carol'), addedReviewerEmail: email(ctx, 'dave') }] } });
    t.check(reassigned.data.reviewerResponses?.map((r) => r.reviewer?.emailAddress).sort().join() === [email(ctx, 'bob'), email(ctx, 'dave')].sort().join(), 'Carol replaced by Dave', reassigned.data);
    const commented = await bob.approvals.comment({ fileId, approvalId, requestBody: { message: 'Re-reading the new term' } });
    t.check(commented.data.approvalId === approvalId && commented.data.modifyTime! >= reassigned.data.modifyTime!, 'a reviewer comments', commented.data);
    const dave = t.track(apis(ctx, userToken(ctx, 'dave')).drive, 'drive');
    await alice.permissions.create({ fileId, requestBody: { type: 'user', role: 'reader', emailAddress: email(ctx, 'dave') } });
    await bob.approvals.approve({ fileId, approvalId, requestBody: {} });
    const done = await dave.approvals.approve({ fileId, approvalId, requestBody: {} });
    t.checkEffect(done.data.status === 'APPROVED' && !!done.data.completeTime, 'all reviewers approved: the approval is complete', done.data);
    await t.expectError(() => bob.approvals.decline({ fileId, approvalId, requestBody: {} }), classic(400, 'failedPrecondition'), 'a completed approval takes no answers');

    const second = await alice.approvals.start({ fileId, requestBody: { reviewerEmails: [email(ctx, 'bob')], fileContentChangeBehavior: 'NO_APPROVAL_ACTION' } });
    const declined = await bob.approvals.decline({ fileId, approvalId: second.data.approvalId!, requestBody: { message: 'Not yet' } });
    t.check(declined.data.status === 'DECLINED', 'one decline ends the approval', declined.data);
    const third = await alice.approvals.start({ fileId, requestBody: { reviewerEmails: [email(ctx, 'bob')] } });
    const cancelled = await alice.approvals.cancel({ fileId, approvalId: third.data.approvalId!, requestBody: {} });
    t.check(cancelled.data.status === 'CANCELLED', 'the initiator cancels', cancelled.data);
    const history = await alice.approvals.list({ fileId, pageSize: 2 });
    const rest = await alice.approvals.list({ fileId, pageToken: history.data.nextPageToken! });
    t.check(history.data.items?.length === 2 && rest.data.items?.length === 1 && [...history.data.items, ...rest.data.items].map((a) => a.status).join() === 'APPROVED,DECLINED,CANCELLED', 'approvals list in order, paged', { history: history.data, rest: rest.data });

    // Access proposals: Erin asks for access (a person's act in the Drive UI); Alice sees and accepts it.
    const erin = t.track(apis(ctx, userToken(ctx, 'erin')).drive, 'drive');
    await t.expectError(() => erin.files.get({ fileId }), classic(404, 'notFound'), 'Erin has no access yet');
    await ctx.control('POST', 'google/act/drive/request-access', { fileId, requester: email(ctx, 'erin'), role: 'writer', message: 'Need to edit the term' });
    const proposals = await alice.accessproposals.list({ fileId });
    t.check(proposals.data.accessProposals?.length === 1 && proposals.data.accessProposals[0].requesterEmailAddress === email(ctx, 'erin') && proposals.data.accessProposals[0].rolesAndViews?.[0]?.role === 'writer', 'the request reaches the owner', proposals.data);
    const proposalId = proposals.data.accessProposals![0].proposalId!;
    const one = await alice.accessproposals.get({ fileId, proposalId });
    t.check(one.data.requestMessage === 'Need to edit the term' && one.data.recipientEmailAddress === email(ctx, 'alice'), 'accessproposals.get', one.data);
    await t.expectError(() => bob.accessproposals.list({ fileId }), classic(403, 'insufficientFilePermissions'), 'only people who can share see requests');
    await alice.accessproposals.resolve({ fileId, proposalId, requestBody: { action: 'ACCEPT', role: ['commenter'] } });
    const erinSees = await erin.files.get({ fileId, fields: 'capabilities(canComment,canEdit)' });
    const left = await alice.accessproposals.list({ fileId });
    t.checkEffect(erinSees.data.capabilities?.canComment === true && erinSees.data.capabilities.canEdit === false && !left.data.accessProposals?.length, 'accepted with the role Alice chose; the request is gone', { erinSees: erinSees.data, left: left.data });

    // Labels from the domain's catalog: typed field values, checked against the field's type.
    const labelled = await alice.files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', fieldModifications: [{ fieldId: 'status', setSelectionValues: ['signed'] }, { fieldId: 'value', setIntegerValues: ['125000'] }, { fieldId: 'steward', setUserValues: [email(ctx, 'bob')] }] }] } });
    t.check(labelled.data.modifiedLabels?.[0]?.fields?.status?.selection?.[0] === 'signed' && labelled.data.modifiedLabels[0].fields.steward?.user?.[0]?.emailAddress === email(ctx, 'bob'), 'label applied with typed values', labelled.data);
    await t.expectError(() => alice.files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', fieldModifications: [{ fieldId: 'value', setIntegerValues: ['lots'] }] }] } }), classic(400, 'invalid'), 'a non-integer for an integer field');
    await t.expectError(() => alice.files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'noSuchLabel' }] } }), classic(400, 'invalid'), 'an unknown label');
    const labels = await bob.files.listLabels({ fileId });
    t.check(labels.data.labels?.length === 1 && labels.data.labels[0].fields?.value?.integer?.[0] === '125000', 'listLabels reads what was applied', labels.data);
    await t.expectError(() => bob.files.modifyLabels({ fileId, requestBody: { labelModifications: [{ labelId: 'contractLabel01', removeLabel: true }] } }), classic(403, 'insufficientFilePermissions'), 'a commenter cannot change labels');

    // files.download is a long-running operation whose downloadUri serves the bytes (long-running operations guide).
    const op = await alice.files.download({ fileId });
    const polled = await alice.operations.get({ name: op.data.name! });
    const uri = (polled.data.response as { downloadUri?: string } | undefined)?.downloadUri ?? '';
    const bytes = await fetch(uri, { headers: { authorization: `Bearer ${userToken(ctx, 'alice')}` } });
    t.checkEffect(polled.data.done === true && (await bytes.text()) === 'Term: 24 months', 'the operation completes with a URI for the current content', polled.data);
    await t.expectError(() => bob.operations.get({ name: op.data.name! }), classic(404, 'notFound'), 'another user cannot poll the operation');

    const memo = await alice.files.create({ requestBody: { name: 'Memo', mimeType: DOC }, media: { mimeType: 'text/plain', body: 'Heads up\nThe contract is signed.' }, fields: 'id' }, { rootUrl });
    const html = await alice.files.export({ fileId: memo.data.id!, mimeType: 'text/html' }, { responseType: 'text' });
    t.check(String(html.data).includes('<p><span>The contract is signed.</span></p>') && String(html.data).startsWith('<html>'), 'a document exports as HTML paragraphs', html.data);
    const docOp = await alice.files.download({ fileId: memo.data.id!, mimeType: 'text/plain' });
    const docText = await fetch((docOp.data.response as { downloadUri: string }).downloadUri, { headers: { authorization: `Bearer ${userToken(ctx, 'alice')}` } });
    t.check((await docText.text()) === 'Heads up\nThe contract is signed.\n', 'downloading a document with a mimeType exports it', docOp.data);
    await t.expectError(() => alice.files.download({ fileId: memo.data.id! }), classic(400, 'required'), 'a Docs Editors download needs a mimeType');

    // Installed apps (from the domain's fixture): filters by MIME type.
    const apps = await alice.apps.list({ appFilterMimeTypes: 'application/pdf' });
    t.check(apps.data.items?.length === 1 && apps.data.items[0].name === 'PDF Annotator', 'apps.list filters by MIME type', apps.data);
    const app = await alice.apps.get({ appId: apps.data.items![0].id! });
    t.check(app.data.kind === 'drive#app' && app.data.primaryFileExtensions?.includes('pdf'), 'apps.get', app.data);
    await t.expectError(() => alice.apps.get({ appId: 'nope' }), classic(404, 'notFound'), 'unknown app');
  },
};

export default scenario;
