// Priority schemes: the priorities a project's issues may take and the one a new issue gets; every project without one uses the default scheme (all priorities).
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';
import { priorities, projects } from '../../store.js';

export interface PrioritySchemeDoc extends Doc {
  name: string;
  description: string;
  /** In order; the default scheme keeps none and offers every priority of the site. */
  priorityIds: string[];
  defaultPriorityId: string;
}

interface ProjectUse extends Doc {
  schemeId: string;
}

export const DEFAULT_PRIORITY_SCHEME = '1';

export function prioritySchemes(t: Tenant) {
  const c = t.collection<PrioritySchemeDoc>('/rest/api/3/priorityscheme');
  if (!c.get(DEFAULT_PRIORITY_SCHEME)) c.put({ id: DEFAULT_PRIORITY_SCHEME, name: 'Default priority scheme', description: 'This is the default priority scheme used by all new and unassigned projects', priorityIds: [], defaultPriorityId: '' });
  return c;
}
const uses = (t: Tenant) => t.collection<ProjectUse>('jira:priorityscheme-projects');

export function prioritySchemeOr404(t: Tenant, id: unknown): PrioritySchemeDoc {
  const s = prioritySchemes(t).get(String(id));
  if (!s) throw jiraError(404, [`The priority scheme with id ${String(id)} does not exist.`]);
  return s;
}

/** The scheme's priorities in order (the default scheme: every priority of the site). */
export const schemePriorityIds = (t: Tenant, s: PrioritySchemeDoc): string[] =>
  s.id === DEFAULT_PRIORITY_SCHEME ? priorities(t).values().map((p) => p.id) : s.priorityIds.filter((id) => !!priorities(t).get(id));

/** The default scheme follows the site's default priority. */
export const schemeDefaultId = (t: Tenant, s: PrioritySchemeDoc): string | undefined =>
  s.id === DEFAULT_PRIORITY_SCHEME ? priorities(t).find((p) => p.isDefault)?.id : s.defaultPriorityId;

export const prioritySchemeOfProject = (t: Tenant, projectId: string) => prioritySchemeOr404(t, uses(t).get(projectId)?.schemeId ?? DEFAULT_PRIORITY_SCHEME);

export function usePriorityScheme(t: Tenant, projectId: string, schemeId: string): void {
  if (schemeId === DEFAULT_PRIORITY_SCHEME) uses(t).delete(projectId);
  else uses(t).put({ id: projectId, schemeId });
}

export const projectsUsingPriorityScheme = (t: Tenant, schemeId: string) => projects(t).filter((p) => !p.trashedAt && (uses(t).get(p.id)?.schemeId ?? DEFAULT_PRIORITY_SCHEME) === schemeId);

/** Whether an issue of the project may take the priority. */
export const priorityAllowed = (t: Tenant, projectId: string, priorityId: string) => schemePriorityIds(t, prioritySchemeOfProject(t, projectId)).includes(priorityId);

/** The priority a new issue of the project gets when none is given. */
export const defaultPriorityOf = (t: Tenant, projectId: string): string | null => schemeDefaultId(t, prioritySchemeOfProject(t, projectId)) ?? null;
