/** Drive v3 approvals (start, get, list, approve, decline, cancel, comment, reassign) and access proposals (list, get, resolve). */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { accessProposals, approvals, type Approval, type Role } from '../../store.js';
import { acceptProposal } from '../model/access-proposals.js';
import { atLeast } from '../model/acl.js';
import { ApprovalRuleError, answerApproval, cancelApproval, commentApproval, reassignApproval, startApproval } from '../model/approvals.js';
import { decodePageToken, encodePageToken, intParam, jsonObject, pick, str } from '../../request.js';
import { presentAccessProposal, presentApproval } from '../present/approvals.js';
import { driveCaller, type DriveCaller } from './caller.js';
import { loadFile } from './files.js';

const precondition = (message: string) => googleError('drive', { code: 400, message, reason: 'failedPrecondition' });
const forbidden = (message: string) => googleError('drive', { code: 403, message, reason: 'forbidden' });

function ruleError(e: unknown): never {
  if (!(e instanceof ApprovalRuleError)) throw e;
  switch (e.kind) {
    case 'inProgress': throw precondition('The file already has an approval in progress.');
    case 'completed': throw precondition('The approval is already complete.');
    case 'notReviewer': throw forbidden('The user is not a reviewer of this approval.');
    case 'notInitiator': throw forbidden('Only the initiator of the approval can do this.');
    case 'noReviewers': throw E.required('drive', 'reviewerEmails', 'At least one reviewer is required.');
    default: throw E.invalidValue('drive', 'replaceReviewers.removedReviewerEmail', 'The reviewer to replace is not a reviewer of this approval.');
  }
}

function caller(ctx: OpContext): DriveCaller {
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('drive');
  return dc;
}

function loadApproval(ctx: OpContext): { dc: DriveCaller; a: Approval } {
  const dc = caller(ctx);
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId);
  const a = approvals(ctx.tenant, file.id).get(ctx.params.approvalId);
  if (!a) throw googleError('drive', { code: 404, message: `Approval not found: ${ctx.params.approvalId}`, reason: 'notFound', location: 'approvalId', locationType: 'parameter' });
  return { dc, a };
}

const answer = (ctx: OpContext, a: Approval): Reply => ({ body: pick(ctx, 'drive', presentApproval(ctx.tenant, a, driveCaller(ctx).email), '*', 'drive.Approval') });

const emails = (v: unknown, field: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(x))) throw E.invalidValue('drive', field);
  return v as string[];
};

function act(run: (ctx: OpContext, a: Approval, by: string, body: Record<string, unknown>) => Approval) {
  return (ctx: OpContext): Reply => {
    const { dc, a } = loadApproval(ctx);
    const body = jsonObject(ctx, 'drive');
    try {
      return answer(ctx, run(ctx, a, dc.email, body));
    } catch (e) {
      ruleError(e);
    }
  };
}

function start(ctx: OpContext): Reply {
  const dc = caller(ctx);
  // canStartApproval needs writer access (approvals guide, "Before you begin").
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId, 'writer');
  const body = jsonObject(ctx, 'drive');
  const dueTime = str(body.dueTime);
  if (dueTime !== undefined && Number.isNaN(Date.parse(dueTime))) throw E.invalidValue('drive', 'dueTime');
  const behavior = str(body.fileContentChangeBehavior);
  if (behavior !== undefined && behavior !== 'RESET_APPROVAL' && behavior !== 'NO_APPROVAL_ACTION') throw E.invalidValue('drive', 'fileContentChangeBehavior');
  try {
    const a = startApproval(ctx.tenant, file.id, dc.email, { reviewers: emails(body.reviewerEmails, 'reviewerEmails'), dueTime: dueTime && new Date(dueTime).toISOString(), behavior: behavior as Approval['fileContentChangeBehavior'] | undefined, message: str(body.message) });
    return answer(ctx, a);
  } catch (e) {
    ruleError(e);
  }
}

function list(ctx: OpContext): Reply {
  const dc = caller(ctx);
  const { file } = loadFile(ctx.tenant, dc, ctx.params.fileId);
  const pageSize = intParam(ctx, 'drive', 'pageSize', 100, 1, 100);
  const offset = decodePageToken(ctx.query.pageToken, [file.id, 'approvals'], 'drive');
  const all = approvals(ctx.tenant, file.id).values().sort((a, b) => a.createTime.localeCompare(b.createTime) || a.id.localeCompare(b.id));
  const body: Record<string, unknown> = { kind: 'drive#approvalList', items: all.slice(offset, offset + pageSize).map((a) => presentApproval(ctx.tenant, a, dc.email)) };
  if (offset + pageSize < all.length) body.nextPageToken = encodePageToken(offset + pageSize, [file.id, 'approvals']);
  return { body: pick(ctx, 'drive', body, '*', 'drive.ApprovalList') };
}

/** Access proposals: only people who can share the file see and resolve them. */
function proposalFile(ctx: OpContext) {
  const dc = caller(ctx);
  const { file, access } = loadFile(ctx.tenant, dc, ctx.params.fileId);
  if (!atLeast(access, 'owner') && !(atLeast(access, 'writer') && file.writersCanShare)) throw E.insufficientFilePermissions();
  return { dc, file };
}

function loadProposal(ctx: OpContext) {
  const { dc, file } = proposalFile(ctx);
  const p = accessProposals(ctx.tenant, file.id).get(ctx.params.proposalId);
  if (!p) throw googleError('drive', { code: 404, message: `Access proposal not found: ${ctx.params.proposalId}`, reason: 'notFound', location: 'proposalId', locationType: 'parameter' });
  return { dc, file, p };
}

function listProposals(ctx: OpContext): Reply {
  const { file } = proposalFile(ctx);
  const pageSize = intParam(ctx, 'drive', 'pageSize', 100, 1, 100);
  const offset = decodePageToken(ctx.query.pageToken, [file.id, 'proposals'], 'drive');
  const all = accessProposals(ctx.tenant, file.id).values().sort((a, b) => a.createTime.localeCompare(b.createTime) || a.id.localeCompare(b.id));
  const body: Record<string, unknown> = { accessProposals: all.slice(offset, offset + pageSize).map(presentAccessProposal) };
  if (offset + pageSize < all.length) body.nextPageToken = encodePageToken(offset + pageSize, [file.id, 'proposals']);
  return { body: pick(ctx, 'drive', body, '*', 'drive.ListAccessProposalsResponse') };
}

/** ACCEPT grants the requester the role given (required for ACCEPT), DENY discards the request; either way it is gone. */
function resolveProposal(ctx: OpContext): Reply {
  const { dc, file, p } = loadProposal(ctx);
  const body = jsonObject(ctx, 'drive');
  const action = str(body.action);
  if (action !== 'ACCEPT' && action !== 'DENY') throw E.invalidValue('drive', 'action');
  if (action === 'ACCEPT') {
    const roles = Array.isArray(body.role) ? (body.role as unknown[]).map(String) : [];
    if (!roles.length) throw E.required('drive', 'role', 'A role is required to accept an access proposal.');
    const valid: Role[] = ['reader', 'commenter', 'writer'];
    if (roles.some((r) => !valid.includes(r as Role))) throw E.invalidValue('drive', 'role');
    acceptProposal(ctx.tenant, file, p, roles as Role[], dc.email);
  }
  accessProposals(ctx.tenant, file.id).delete(p.id);
  return { body: {} };
}

export const driveApprovalHandlers = {
  'drive.approvals.start': start,
  'drive.approvals.get': (ctx) => {
    const { a } = loadApproval(ctx);
    return answer(ctx, a);
  },
  'drive.approvals.list': list,
  'drive.approvals.approve': act((ctx, a, by, b) => answerApproval(ctx.tenant, a, by, 'APPROVED', str(b.message))),
  'drive.approvals.decline': act((ctx, a, by, b) => answerApproval(ctx.tenant, a, by, 'DECLINED', str(b.message))),
  'drive.approvals.cancel': act((ctx, a, by, b) => cancelApproval(ctx.tenant, a, by, str(b.message))),
  'drive.approvals.comment': act((ctx, a, by, b) => commentApproval(ctx.tenant, a, by, str(b.message))),
  'drive.approvals.reassign': act((ctx, a, by, b) => {
    const add = (Array.isArray(b.addReviewers) ? b.addReviewers : []).map((x) => str((x as Record<string, unknown>)?.addedReviewerEmail) ?? '');
    const replace = (Array.isArray(b.replaceReviewers) ? b.replaceReviewers : []).map((x) => ({ from: str((x as Record<string, unknown>)?.removedReviewerEmail) ?? '', to: str((x as Record<string, unknown>)?.addedReviewerEmail) ?? '' }));
    emails([...add, ...replace.flatMap((r) => [r.from, r.to])], 'reassign');
    if (!add.length && !replace.length) throw E.required('drive', 'addReviewers', 'Reviewers to add or replace are required.');
    return reassignApproval(ctx.tenant, a, by, add, replace, str(b.message));
  }),
  'drive.accessproposals.list': listProposals,
  'drive.accessproposals.get': (ctx) => ({ body: pick(ctx, 'drive', presentAccessProposal(loadProposal(ctx).p), '*', 'drive.AccessProposal') }),
  'drive.accessproposals.resolve': resolveProposal,
} satisfies Handlers;

