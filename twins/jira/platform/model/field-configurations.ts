// Field configurations (which fields are required or hidden) and their schemes (which configuration each issue type of a project uses), and the checks they put on create and edit.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { TwinBug } from '../../../../src/core/errors.js';
import { jiraError } from '../../errors.js';
import { customFields, projects, type IssueDoc } from '../../store.js';
import { FIELD_BY_ID } from './fields.js';

/** One field's settings in a configuration; absent fields are optional and shown. */
export interface FieldItem {
  isHidden?: boolean;
  isRequired?: boolean;
  description?: string;
  renderer?: string;
}

export interface FieldConfigDoc extends Doc {
  name: string;
  description: string;
  items: Record<string, FieldItem>;
}

/** A scheme maps issue type ids (and `default`) to field configuration ids. */
export interface FieldConfigSchemeDoc extends Doc {
  name: string;
  description: string;
  mappings: Record<string, string>;
}

/** Which scheme a project uses (no entry: the site's default configuration for every issue type). */
interface ProjectSchemeDoc extends Doc {
  schemeId: string;
}

/** "Default Field Configuration", which every project without a scheme uses; it cannot be renamed or deleted. */
export const DEFAULT_CONFIG = '10000';

export const fieldConfigs = (t: Tenant) => {
  const c = t.collection<FieldConfigDoc>('/rest/api/3/fieldconfiguration');
  if (!c.get(DEFAULT_CONFIG)) c.put({ id: DEFAULT_CONFIG, name: 'Default Field Configuration', description: 'The default field configuration', items: {} });
  return c;
};
export const fieldConfigSchemes = (t: Tenant) => t.collection<FieldConfigSchemeDoc>('/rest/api/3/fieldconfigurationscheme');
const projectSchemes = (t: Tenant) => t.collection<ProjectSchemeDoc>('jira:fieldconfig-projects');

/**
 * Fields a configuration can make required or hide. Summary, issue type and project are locked: always
 * required and shown (Jira greys them out in a field configuration).
 */
const SYSTEM_CONFIGURABLE = ['description', 'environment', 'labels', 'assignee', 'reporter', 'priority', 'duedate', 'components', 'fixVersions', 'versions', 'security', 'parent'];
export const LOCKED = ['summary', 'issuetype'];

/** The system fields' names are the catalog's, the same for every site. */
const CONFIGURABLE_SYSTEM = [...LOCKED, ...SYSTEM_CONFIGURABLE].map((id) => ({ id, name: FIELD_BY_ID.get(id)?.name ?? id }));

export function configurableFields(t: Tenant): Array<{ id: string; name: string }> {
  return [...CONFIGURABLE_SYSTEM, ...customFields(t).filter((d) => !d.trashedAt).map((d) => ({ id: d.id, name: d.name }))];
}

/**
 * Writes to a collection, counted through its own watch (plus the tenant's unattributed changes), so what is
 * derived from its documents can tell whether it still holds without reading them.
 */
const writeCounts = new WeakMap<object, { n: number }>();
function writeStamp(col: { watch(fn: () => void): void; epoch: number }): string {
  let c = writeCounts.get(col);
  if (!c) {
    const counter = { n: 0 };
    col.watch(() => void (counter.n += 1));
    writeCounts.set(col, (c = counter));
  }
  return `${c.n}:${col.epoch}`;
}

/**
 * The fields a configuration makes required, with their names (locked fields aside: create checks those itself).
 * Worked out once per change to the site's configurations or custom fields, not on every create and edit. With
 * `DTU_CHECK_CACHES=1` (on for the test suite) a kept answer is worked out again and must be the same.
 */
const requiredKept = new WeakMap<Tenant, { stamp: string; byConfig: Map<string, Array<{ id: string; name: string }>> }>();
function requiredFields(t: Tenant, c: FieldConfigDoc): Array<{ id: string; name: string }> {
  const stamp = `${writeStamp(fieldConfigs(t))} ${writeStamp(customFields(t))}`;
  let kept = requiredKept.get(t);
  if (!kept || kept.stamp !== stamp) requiredKept.set(t, (kept = { stamp, byConfig: new Map() }));
  const list = kept.byConfig.get(c.id);
  if (list && !CHECK_CACHES) return list;
  const fresh = configurableFields(t).filter(({ id }) => !LOCKED.includes(id) && !!c.items[id]?.isRequired);
  if (!list) kept.byConfig.set(c.id, fresh);
  else if (JSON.stringify(list) !== JSON.stringify(fresh)) throw new TwinBug(`jira requiredFields(${c.id}): the kept answer differs from a fresh one; some change was not announced to the tenant`);
  return list ?? fresh;
}

const CHECK_CACHES = process.env.DTU_CHECK_CACHES === '1';

export function configOr404(t: Tenant, id: unknown): FieldConfigDoc {
  const c = fieldConfigs(t).get(String(id));
  if (!c) throw jiraError(404, [`The field configuration ${String(id)} does not exist.`]);
  return c;
}

export function fieldConfigSchemeOr404(t: Tenant, id: unknown): FieldConfigSchemeDoc {
  const s = fieldConfigSchemes(t).get(String(id));
  if (!s) throw jiraError(404, [`The field configuration scheme ${String(id)} does not exist.`]);
  return s;
}

export const schemeOfProject = (t: Tenant, projectId: string): string | undefined => projectSchemes(t).get(projectId)?.schemeId;

export function assignScheme(t: Tenant, projectId: string, schemeId: string | null): void {
  if (schemeId === null) projectSchemes(t).delete(projectId);
  else projectSchemes(t).put({ id: projectId, schemeId });
}

export const projectsUsingScheme = (t: Tenant, schemeId: string): string[] =>
  projectSchemes(t).filter((m) => m.schemeId === schemeId && !!projects(t).get(m.id) && !projects(t).get(m.id)!.trashedAt).map((m) => m.id);

/** The configuration an issue type of a project uses: its mapping in the project's scheme, else the scheme's `default`, else the site default. */
export function configFor(t: Tenant, projectId: string, issueTypeId: string): FieldConfigDoc {
  const sid = schemeOfProject(t, projectId);
  const s = sid ? fieldConfigSchemes(t).get(sid) : undefined;
  return fieldConfigs(t).get(s?.mappings[issueTypeId] ?? s?.mappings.default ?? DEFAULT_CONFIG) ?? configOr404(t, DEFAULT_CONFIG);
}

export const itemOf = (c: FieldConfigDoc, fieldId: string): Required<Pick<FieldItem, 'isHidden' | 'isRequired'>> & FieldItem => ({
  ...c.items[fieldId],
  isHidden: LOCKED.includes(fieldId) ? false : !!c.items[fieldId]?.isHidden,
  isRequired: LOCKED.includes(fieldId) ? true : !!c.items[fieldId]?.isRequired,
});

/** Whether the issue holds a value for the field (what "required" asks for). */
function hasValue(w: IssueDoc, fieldId: string): boolean {
  const v: Record<string, unknown> = {
    description: w.description, environment: w.environment, labels: w.labels.length || null, assignee: w.assigneeId, reporter: w.reporterId,
    priority: w.priorityId, duedate: w.dueDate, components: w.componentIds?.length || null, fixVersions: w.fixVersionIds?.length || null,
    versions: w.affectedVersionIds?.length || null, security: w.securityLevelId, parent: w.parentId,
  };
  const value = Object.hasOwn(v, fieldId) ? v[fieldId] : w.extra?.[fieldId];
  return value !== undefined && value !== null && value !== '';
}

/**
 * Jira's field configuration rules on create and edit, into `errors` by field id: a hidden field cannot be set
 * (answered as a field not on the screen), and a required field must hold a value — on create always, on edit
 * when the edit touched it. https://support.atlassian.com/jira-cloud-administration/docs/specify-field-behavior/
 */
export function fieldConfigErrors(t: Tenant, w: IssueDoc, touched: string[], mode: 'create' | 'edit', errors: Record<string, string>, unknownField: (f: string) => string): void {
  if (!w.issueTypeId) return;
  const c = configFor(t, w.projectId, w.issueTypeId);
  for (const f of touched) if (!errors[f] && itemOf(c, f).isHidden) errors[f] = unknownField(f);
  for (const { id, name } of requiredFields(t, c)) {
    if (errors[id]) continue;
    if ((mode === 'create' || touched.includes(id)) && !hasValue(w, id)) errors[id] = `${name} is required.`;
  }
}
