// Workflow history: every update keeps the version it replaced, so a workflow's versions can be listed and any of them read back.
import type { Tenant } from '../../../../src/core/tenant.js';
import { workflows, workflowVersions, type WorkflowDoc } from '../../store.js';

/** Keeps `wf` (about to be replaced) as a past version. */
export function keepVersion(t: Tenant, wf: WorkflowDoc, authorId: string): void {
  const v = wf.versionNumber ?? 1;
  workflowVersions(t).put({ ...wf, id: `${wf.id}@${v}`, workflowId: wf.id, writtenAt: wf.updated ?? wf.created ?? '', authorId });
}

/** Every version of a workflow, oldest first, the current one last; undefined for an unknown workflow. */
export function versionsOf(t: Tenant, workflowId: string): Array<{ doc: WorkflowDoc; writtenAt: string }> | undefined {
  const current = workflows(t).get(workflowId);
  if (!current) return undefined;
  const past = workflowVersions(t).filter((v) => v.workflowId === workflowId).map((v) => ({ doc: { ...v, id: v.workflowId } as WorkflowDoc, writtenAt: v.writtenAt }));
  return [...past, { doc: current, writtenAt: current.updated ?? current.created ?? '' }].sort((a, z) => (a.doc.versionNumber ?? 1) - (z.doc.versionNumber ?? 1));
}
