/** Drive's Approval and AccessProposal resources. */
import type { Tenant } from '../../../../src/core/tenant.js';
import type { AccessProposal, Approval } from '../../store.js';
import { driveUser } from './files.js';

export function presentApproval(t: Tenant, a: Approval, viewer: string | undefined): Record<string, unknown> {
  const me = (e: string) => !!viewer && e.toLowerCase() === viewer.toLowerCase();
  const out: Record<string, unknown> = {
    kind: 'drive#approval',
    approvalId: a.id,
    targetFileId: a.targetFileId,
    createTime: a.createTime,
    modifyTime: a.modifyTime,
    status: a.status,
    initiator: driveUser(t, a.initiator, me(a.initiator)),
    reviewerResponses: a.reviewers.map((r) => ({ kind: 'drive#reviewerResponse', reviewer: driveUser(t, r.email, me(r.email)), response: r.response })),
    fileContentChangeBehavior: a.fileContentChangeBehavior,
  };
  if (a.completeTime) out.completeTime = a.completeTime;
  if (a.dueTime) out.dueTime = a.dueTime;
  return out;
}

export function presentAccessProposal(p: AccessProposal): Record<string, unknown> {
  const out: Record<string, unknown> = {
    fileId: p.fileId,
    proposalId: p.id,
    requesterEmailAddress: p.requester,
    recipientEmailAddress: p.recipient,
    rolesAndViews: [{ role: p.role, ...(p.view ? { view: p.view } : {}) }],
    createTime: p.createTime,
  };
  if (p.message) out.requestMessage = p.message;
  return out;
}
