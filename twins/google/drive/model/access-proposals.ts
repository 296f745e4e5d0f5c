/** Requests for access to a Drive file (AccessProposal): made by a person who lacks the role, addressed to whoever can share it. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { ROLE_RANK, accessProposals, files, groupsOf, ids, permissions, type AccessProposal, type DriveFile, type Role } from '../../store.js';
import { displayNameOf, permissionIdFor, touch } from './files.js';
import { accessTo, type Who } from './acl.js';

export class ProposalRuleError extends Error {
  constructor(readonly kind: 'noFile' | 'hasAccess' | 'badRole') {
    super(kind);
  }
}

const whoFor = (t: Tenant, email: string): Who => ({ email: email.toLowerCase(), domain: email.split('@')[1]?.toLowerCase(), groups: groupsOf(t, email), anonymous: false, appFilesOnly: false });

export function requestAccess(t: Tenant, fileId: string, requester: string, role: Role, message?: string): AccessProposal {
  const file = files(t).get(fileId);
  if (!file) throw new ProposalRuleError('noFile');
  if (!['reader', 'commenter', 'writer'].includes(role)) throw new ProposalRuleError('badRole');
  const has = accessTo(t, file, whoFor(t, requester));
  if (has && ROLE_RANK[has.role] >= ROLE_RANK[role]) throw new ProposalRuleError('hasAccess');
  // The owner receives the request; in a shared drive (no owner) the drive's first organizer does.
  const recipient = file.driveId ? permissions(t, file.driveId).find((p) => p.role === 'organizer')?.emailAddress ?? file.owner : file.owner;
  const p: AccessProposal = { id: ids.proposal(t), fileId, requester: requester.toLowerCase(), recipient, role, createTime: t.now().toISOString() };
  if (message) p.message = message;
  accessProposals(t, fileId).put(p);
  return p;
}

/** Accepting grants the requester the highest role the approver allowed, unless they already hold more. */
export function acceptProposal(t: Tenant, file: DriveFile, p: AccessProposal, roles: Role[], by: string): void {
  const role = roles.reduce<Role>((best, r) => (ROLE_RANK[r] > ROLE_RANK[best] ? r : best), 'reader');
  const coll = permissions(t, file.id);
  const id = permissionIdFor(t, p.requester);
  const existing = coll.get(id);
  if (existing && ROLE_RANK[existing.role] >= ROLE_RANK[role]) return;
  coll.put({ id, type: 'user', role, emailAddress: p.requester, displayName: displayNameOf(t, p.requester) });
  touch(t, file, by);
}
