/**
 * Drive approvals as the approvals guide describes them: one approval in progress per file; every reviewer must
 * approve, any one decline ends it; the initiator cancels or reassigns; a content change resets approvals given
 * (RESET_APPROVAL, the default); a completed approval takes no more answers.
 */
import type { Tenant } from '../../../../src/core/tenant.js';
import { approvals, ids, type Approval } from '../../store.js';

export class ApprovalRuleError extends Error {
  constructor(readonly kind: 'inProgress' | 'completed' | 'notReviewer' | 'notInitiator' | 'noReviewers' | 'unknownReviewer') {
    super(kind);
  }
}

const lower = (s: string) => s.toLowerCase();
const isDone = (a: Approval) => a.status !== 'IN_PROGRESS';

export function startApproval(
  t: Tenant,
  fileId: string,
  by: string,
  o: { reviewers: string[]; dueTime?: string; behavior?: Approval['fileContentChangeBehavior']; message?: string },
): Approval {
  if (!o.reviewers.length) throw new ApprovalRuleError('noReviewers');
  if (approvals(t, fileId).find((a) => a.status === 'IN_PROGRESS')) throw new ApprovalRuleError('inProgress');
  const now = t.now().toISOString();
  const a: Approval = {
    id: ids.approval(t),
    targetFileId: fileId,
    initiator: by,
    createTime: now,
    modifyTime: now,
    status: 'IN_PROGRESS',
    fileContentChangeBehavior: o.behavior ?? 'RESET_APPROVAL',
    reviewers: [...new Set(o.reviewers.map(lower))].map((email) => ({ email, response: 'NO_RESPONSE' as const })),
    activity: [{ by, action: 'start', message: o.message, time: now }],
  };
  if (o.dueTime) a.dueTime = o.dueTime;
  approvals(t, fileId).put(a);
  return a;
}

function record(t: Tenant, a: Approval, by: string, action: string, message?: string): Approval {
  a.modifyTime = t.now().toISOString();
  a.activity.push({ by, action, message, time: a.modifyTime });
  if (isDone(a) && !a.completeTime) a.completeTime = a.modifyTime;
  approvals(t, a.targetFileId).put(a);
  return a;
}

function reviewerOf(a: Approval, by: string) {
  if (isDone(a)) throw new ApprovalRuleError('completed');
  const r = a.reviewers.find((x) => x.email === lower(by));
  if (!r) throw new ApprovalRuleError('notReviewer');
  return r;
}

export function answerApproval(t: Tenant, a: Approval, by: string, answer: 'APPROVED' | 'DECLINED', message?: string): Approval {
  reviewerOf(a, by).response = answer;
  if (answer === 'DECLINED') a.status = 'DECLINED';
  else if (a.reviewers.every((r) => r.response === 'APPROVED')) a.status = 'APPROVED';
  return record(t, a, by, answer === 'APPROVED' ? 'approve' : 'decline', message);
}

export function cancelApproval(t: Tenant, a: Approval, by: string, message?: string): Approval {
  if (isDone(a)) throw new ApprovalRuleError('completed');
  if (lower(a.initiator) !== lower(by)) throw new ApprovalRuleError('notInitiator');
  a.status = 'CANCELLED';
  return record(t, a, by, 'cancel', message);
}

/** Initiator and reviewers comment; on a completed approval only while no other approval of the file is in progress. */
export function commentApproval(t: Tenant, a: Approval, by: string, message: string | undefined): Approval {
  const involved = lower(a.initiator) === lower(by) || a.reviewers.some((r) => r.email === lower(by));
  if (!involved) throw new ApprovalRuleError('notReviewer');
  if (isDone(a) && approvals(t, a.targetFileId).find((x) => x.status === 'IN_PROGRESS')) throw new ApprovalRuleError('inProgress');
  return record(t, a, by, 'comment', message);
}

export function reassignApproval(t: Tenant, a: Approval, by: string, add: string[], replace: Array<{ from: string; to: string }>, message?: string): Approval {
  if (isDone(a)) throw new ApprovalRuleError('completed');
  if (lower(a.initiator) !== lower(by)) throw new ApprovalRuleError('notInitiator');
  for (const { from, to } of replace) {
    const r = a.reviewers.find((x) => x.email === lower(from));
    if (!r) throw new ApprovalRuleError('unknownReviewer');
    r.email = lower(to);
    r.response = 'NO_RESPONSE';
  }
  for (const e of add) if (!a.reviewers.some((r) => r.email === lower(e))) a.reviewers.push({ email: lower(e), response: 'NO_RESPONSE' });
  return record(t, a, by, 'reassign', message);
}

/** New content while an approval is in progress takes back the approvals already given (RESET_APPROVAL). */
export function contentChanged(t: Tenant, fileId: string, by: string): void {
  for (const a of approvals(t, fileId).filter((x) => x.status === 'IN_PROGRESS' && x.fileContentChangeBehavior === 'RESET_APPROVAL')) {
    if (!a.reviewers.some((r) => r.response === 'APPROVED')) continue;
    for (const r of a.reviewers) r.response = 'NO_RESPONSE';
    record(t, a, by, 'reset');
  }
}
