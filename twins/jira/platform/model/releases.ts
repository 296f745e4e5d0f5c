// Components and versions of a project: their order, the default assignee a component gives, and the issues that use each.
import type { Tenant } from '../../../../src/core/tenant.js';
import { components, issues, versions, type ComponentDoc, type IssueDoc, type ProjectDoc } from '../../store.js';

/** Components of a live project, in name order (as Jira lists them). */
export const projectComponents = (t: Tenant, projectId: string) =>
  components(t).filter((c) => c.projectId === projectId).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || Number(a.id) - Number(b.id));

/** Versions of a project in their sequence (the order of the project's release list). */
export const projectVersions = (t: Tenant, projectId: string) =>
  versions(t).filter((x) => x.projectId === projectId).sort((a, b) => a.sequence - b.sequence || Number(a.id) - Number(b.id));

/**
 * Who issues of the component are assigned to. A component-lead rule with no
 * (active) lead falls back to the project default, and Jira flags the rule invalid.
 */
export function realAssignee(t: Tenant, c: ComponentDoc, p: ProjectDoc): { type: ComponentDoc['assigneeType']; accountId: string | null; valid: boolean } {
  const projectDefault = p.assigneeType === 'PROJECT_LEAD' ? { type: 'PROJECT_LEAD' as const, accountId: p.leadAccountId } : { type: 'UNASSIGNED' as const, accountId: null };
  switch (c.assigneeType) {
    case 'COMPONENT_LEAD':
      return c.leadAccountId ? { type: 'COMPONENT_LEAD', accountId: c.leadAccountId, valid: true } : { ...projectDefault, valid: false };
    case 'PROJECT_LEAD':
      return { type: 'PROJECT_LEAD', accountId: p.leadAccountId, valid: true };
    case 'UNASSIGNED':
      return { type: 'UNASSIGNED', accountId: null, valid: p.assigneeType === 'UNASSIGNED' };
    default:
      return { ...projectDefault, valid: true };
  }
}

/** The default assignee a new issue gets from its components (the first component with a rule that names someone). */
export function componentAssignee(t: Tenant, p: ProjectDoc, componentIds: string[]): string | null | undefined {
  for (const id of componentIds) {
    const c = components(t).get(id);
    if (c && c.assigneeType !== 'PROJECT_DEFAULT') return realAssignee(t, c, p).accountId;
  }
  return undefined;
}

export const issuesWithFixVersion = (t: Tenant, id: string): IssueDoc[] => issues(t).filter((i) => !!i.fixVersionIds?.includes(id));
export const issuesWithAffectedVersion = (t: Tenant, id: string): IssueDoc[] => issues(t).filter((i) => !!i.affectedVersionIds?.includes(id));
export const issuesWithComponent = (t: Tenant, id: string): IssueDoc[] => issues(t).filter((i) => !!i.componentIds?.includes(id));
