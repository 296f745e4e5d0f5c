// Issue type screen schemes: which screen scheme (and so which create, edit and view screens) each issue type of a project uses.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';
import { projects } from '../../store.js';
import { screens, screenSchemes } from './screens.js';

/** Mappings from issue type ids (and `default`, which every scheme has) to screen scheme ids. */
export interface TypeScreenSchemeDoc extends Doc {
  name: string;
  description: string;
  mappings: Record<string, string>;
}

interface ProjectUse extends Doc {
  schemeId: string;
}

/** "Default Issue Type Screen Scheme": every project without another one uses it; it cannot be deleted. */
export const DEFAULT_TYPE_SCREEN_SCHEME = '1';

export function typeScreenSchemes(t: Tenant) {
  const c = t.collection<TypeScreenSchemeDoc>('/rest/api/3/issuetypescreenscheme');
  if (!c.get(DEFAULT_TYPE_SCREEN_SCHEME)) {
    screens(t); // the Default Screen Scheme (id 1) it maps
    c.put({ id: DEFAULT_TYPE_SCREEN_SCHEME, name: 'Default Issue Type Screen Scheme', description: 'The default issue type screen scheme', mappings: { default: '1' } });
  }
  return c;
}
const uses = (t: Tenant) => t.collection<ProjectUse>('jira:issuetypescreenscheme-projects');

export function typeScreenSchemeOr404(t: Tenant, id: unknown): TypeScreenSchemeDoc {
  const s = typeScreenSchemes(t).get(String(id));
  if (!s) throw jiraError(404, [`The issue type screen scheme with id ${String(id)} does not exist.`]);
  return s;
}

export function screenSchemeOr404(t: Tenant, id: unknown): string {
  screens(t);
  const s = screenSchemes(t).get(String(id));
  if (!s) throw jiraError(404, [`The screen scheme with id ${String(id)} does not exist.`]);
  return s.id;
}

export const typeScreenSchemeOfProject = (t: Tenant, projectId: string): string => uses(t).get(projectId)?.schemeId ?? DEFAULT_TYPE_SCREEN_SCHEME;

export function useTypeScreenScheme(t: Tenant, projectId: string, schemeId: string): void {
  if (schemeId === DEFAULT_TYPE_SCREEN_SCHEME) uses(t).delete(projectId);
  else uses(t).put({ id: projectId, schemeId });
}

export const projectsUsingTypeScreenScheme = (t: Tenant, schemeId: string) => projects(t).filter((p) => !p.trashedAt && typeScreenSchemeOfProject(t, p.id) === schemeId);

