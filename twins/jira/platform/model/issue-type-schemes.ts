// Issue type schemes: which issue types a project offers, in order, with a default; the site's Default Issue Type Scheme holds every type.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';
import { issues, issueTypes, projects } from '../../store.js';

export interface IssueTypeSchemeDoc extends Doc {
  name: string;
  description: string;
  defaultIssueTypeId?: string;
  issueTypeIds: string[];
}

/** The Default Issue Type Scheme's id; it is not stored, since it always holds every issue type. */
export const DEFAULT_SCHEME = '10000';

const stored = (t: Tenant) => t.collection<IssueTypeSchemeDoc>('/rest/api/3/issuetypescheme');
/** Which scheme each project was given (projects never given one use the default scheme). */
const assignments = (t: Tenant) => t.meta<Record<string, string>>('jira:issuetypescheme:projects', () => ({}));

export const defaultScheme = (t: Tenant): IssueTypeSchemeDoc => ({ id: DEFAULT_SCHEME, name: 'Default Issue Type Scheme', description: 'Default issue type scheme is the list of global issue types. All newly created issue types will automatically be added to this scheme.', issueTypeIds: issueTypes(t).values().map((it) => it.id) });

export const allSchemes = (t: Tenant): IssueTypeSchemeDoc[] => [defaultScheme(t), ...stored(t).values()];

export function schemeOr404(t: Tenant, id: unknown): IssueTypeSchemeDoc {
  const s = String(id) === DEFAULT_SCHEME ? defaultScheme(t) : stored(t).get(String(id));
  if (!s) throw jiraError(404, [`The issue type scheme with id '${String(id)}' does not exist.`]);
  return s;
}

export function editable(t: Tenant, id: unknown): IssueTypeSchemeDoc {
  const s = schemeOr404(t, id);
  if (s.id === DEFAULT_SCHEME) throw jiraError(400, ['The default issue type scheme cannot be changed.']);
  return s;
}

export const saveScheme = (t: Tenant, s: IssueTypeSchemeDoc) => {
  stored(t).put(s);
  // Projects using the scheme offer its issue types.
  for (const [projectId, schemeId] of Object.entries(assignments(t))) if (schemeId === s.id) projects(t).patch(projectId, { issueTypeIds: [...s.issueTypeIds] });
};

export const schemeOfProject = (t: Tenant, projectId: string): string => assignments(t)[projectId] ?? DEFAULT_SCHEME;

/** Gives the project the scheme; refused while the project has issues of a type the scheme lacks (Jira asks for a migration). */
export function assign(t: Tenant, schemeId: string, projectId: string): void {
  const s = schemeOr404(t, schemeId);
  const stray = issues(t).find((i) => i.projectId === projectId && !s.issueTypeIds.includes(i.issueTypeId));
  if (stray) throw jiraError(400, [`The project has issues of issue types that are not in the scheme (${stray.key}); migrate them first.`]);
  assignments(t)[projectId] = s.id;
  t.markDirty();
  projects(t).patch(projectId, { issueTypeIds: [...s.issueTypeIds] });
}

/** Deletes a scheme; its projects fall back to the default scheme. */
export function removeScheme(t: Tenant, id: string): void {
  const a = assignments(t);
  for (const [projectId, schemeId] of Object.entries(a)) if (schemeId === id) {
    delete a[projectId];
    projects(t).patch(projectId, { issueTypeIds: defaultScheme(t).issueTypeIds });
  }
  stored(t).delete(id);
  t.markDirty();
}

export const projectsUsing = (t: Tenant, id: string) => projects(t).filter((p) => !p.trashedAt && schemeOfProject(t, p.id) === id).map((p) => p.id);
