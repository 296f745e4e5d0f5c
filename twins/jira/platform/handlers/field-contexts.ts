// Custom field contexts: create, rename, delete, scope to projects and issue types, mappings, and per-context default values.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-contexts/
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { customFields, findProject, issueTypes, nextId, type CustomFieldDoc, type FieldContext } from '../../store.js';
import { applicableContext, contextsOf, isGlobal, optionsOf } from '../model/field-contexts.js';
import { contextOr404, fieldOr404, requireAdmin } from './fields.js';
import { intParam, listParam, objectBody, pageBean, type Ctx } from './common.js';

const page = (ctx: Ctx, all: unknown[], q: Record<string, unknown> = ctx.query as Record<string, unknown>) =>
  pageBean(ctx, all, intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(q.maxResults, 50, 1, 100));

/** Saves the field with its full context list (the generated global one becomes explicit on the first change). */
function save(ctx: Ctx, d: CustomFieldDoc, contexts: FieldContext[]) {
  customFields(ctx.tenant).put({ ...d, contexts });
}

/** A string id list from the body; every id must name an existing project / issue type. */
function ids(ctx: Ctx, key: 'projectIds' | 'issueTypeIds', required: boolean): string[] {
  const raw = objectBody(ctx)[key];
  if (raw === undefined && !required) return [];
  if (!Array.isArray(raw) || (required && raw.length === 0)) throw jiraError(400, [`${key} must be a non-empty list.`]);
  const list = [...new Set(raw.map(String))];
  for (const id of list) {
    if (key === 'projectIds' ? !findProject(ctx.tenant, id) || !/^\d+$/.test(id) : !issueTypes(ctx.tenant).get(id)) {
      throw jiraError(404, [key === 'projectIds' ? `The project with id '${id}' was not found.` : `The issue type with id '${id}' was not found.`]);
    }
  }
  return list;
}

/** A project is in at most one context of a field (Jira refuses a second one). */
function refuseTaken(d: CustomFieldDoc, projectIds: string[], except?: string) {
  const taken = projectIds.find((p) => contextsOf(d).some((c) => c.id !== except && c.projectIds.includes(p)));
  if (taken) throw jiraError(400, [`The project with id '${taken}' is already assigned to another context of this field.`]);
}

/** Applies `change` to one context of the field and saves it: 204. */
function changeContext(ctx: Ctx, change: (c: FieldContext, d: CustomFieldDoc) => FieldContext) {
  requireAdmin(ctx);
  const d = fieldOr404(ctx, ctx.params.fieldId);
  const c = contextOr404(d, ctx.params.contextId);
  const next = change(c, d);
  save(ctx, d, contextsOf(d).map((x) => (x.id === c.id ? next : x)));
  return { status: 204 as const };
}

/**
 * One row per context and project (or issue type), or one `{contextId, isGlobalContext|isAnyIssueType: true}`
 * row for a context that is not scoped that way; `contextId` query values narrow the contexts.
 */
function mappingRows(ctx: Ctx, item: 'projectId' | 'issueTypeId', whole: 'isGlobalContext' | 'isAnyIssueType'): Array<Record<string, unknown>> {
  const d = fieldOr404(ctx, ctx.params.fieldId);
  const wanted = listParam((ctx.query as Record<string, unknown>).contextId);
  return contextsOf(d)
    .filter((c) => !wanted.length || wanted.includes(c.id))
    .flatMap((c) => {
      const ids = item === 'projectId' ? c.projectIds : c.issueTypeIds;
      return ids.length ? ids.map((id) => ({ contextId: c.id, [item]: id })) : [{ contextId: c.id, [whole]: true }];
    });
}

const createdJson = (c: FieldContext) => ({ id: c.id, name: c.name, description: c.description, projectIds: c.projectIds, issueTypeIds: c.issueTypeIds });

export const fieldContextHandlers = {
  createCustomFieldContext: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const b = objectBody(ctx);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) throw jiraError(400, ['The context name must not be empty.']);
    const projectIds = ids(ctx, 'projectIds', false);
    const issueTypeIds = ids(ctx, 'issueTypeIds', false);
    refuseTaken(d, projectIds);
    const c: FieldContext = { id: nextId(ctx.tenant, 'fieldcontext', 10100), name, description: typeof b.description === 'string' ? b.description : '', projectIds, issueTypeIds };
    save(ctx, d, [...contextsOf(d), c]);
    return { status: 201, body: createdJson(c) };
  },

  updateCustomFieldContext: (ctx) =>
    changeContext(ctx, (c) => {
      const b = objectBody(ctx);
      if (b.name !== undefined && (typeof b.name !== 'string' || !b.name.trim())) throw jiraError(400, ['The context name must not be empty.']);
      return { ...c, name: typeof b.name === 'string' ? b.name.trim() : c.name, description: typeof b.description === 'string' ? b.description : c.description };
    }),

  /** The context's options go with it. */
  deleteCustomFieldContext: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const c = contextOr404(d, ctx.params.contextId);
    const gone = new Set(optionsOf(d, c.id).map((o) => o.id));
    customFields(ctx.tenant).put({ ...d, contexts: contextsOf(d).filter((x) => x.id !== c.id), options: d.options.filter((o) => !gone.has(o.id)) });
    return { status: 204 };
  },

  addIssueTypesToContext: (ctx) => changeContext(ctx, (c) => ({ ...c, issueTypeIds: [...new Set([...c.issueTypeIds, ...ids(ctx, 'issueTypeIds', true)])] })),
  removeIssueTypesFromContext: (ctx) =>
    changeContext(ctx, (c) => {
      const out = ids(ctx, 'issueTypeIds', true);
      const absent = out.find((id) => !c.issueTypeIds.includes(id));
      if (absent) throw jiraError(400, [`The issue type with id '${absent}' is not in the context.`]);
      return { ...c, issueTypeIds: c.issueTypeIds.filter((id) => !out.includes(id)) };
    }),

  /** A global context cannot be given projects, nor lose its last one (it would turn global). */
  assignProjectsToCustomFieldContext: (ctx) =>
    changeContext(ctx, (c, d) => {
      if (isGlobal(c)) throw jiraError(400, ['Projects cannot be assigned to a global context.']);
      const add = ids(ctx, 'projectIds', true);
      refuseTaken(d, add, c.id);
      return { ...c, projectIds: [...new Set([...c.projectIds, ...add])] };
    }),
  removeCustomFieldContextFromProjects: (ctx) =>
    changeContext(ctx, (c) => {
      const out = ids(ctx, 'projectIds', true);
      const absent = out.find((id) => !c.projectIds.includes(id));
      if (absent) throw jiraError(400, [`The project with id '${absent}' is not assigned to the context.`]);
      if (c.projectIds.every((id) => out.includes(id))) throw jiraError(400, ['A project context must keep at least one project.']);
      return { ...c, projectIds: c.projectIds.filter((id) => !out.includes(id)) };
    }),

  getIssueTypeMappingsForContexts: (ctx) => ({ body: page(ctx, mappingRows(ctx, 'issueTypeId', 'isAnyIssueType')) }),
  getProjectContextMapping: (ctx) => ({ body: page(ctx, mappingRows(ctx, 'projectId', 'isGlobalContext')) }),

  /** Which context applies to each project × issue type pair (null when none does). */
  getCustomFieldContextsForProjectsAndIssueTypes: (ctx) => {
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const mappings = objectBody(ctx).mappings;
    if (!Array.isArray(mappings)) throw jiraError(400, ['mappings must be a list.']);
    const rows = mappings.map((m: { projectId?: unknown; issueTypeId?: unknown }) => {
      const projectId = String(m?.projectId ?? '');
      const issueTypeId = String(m?.issueTypeId ?? '');
      return { projectId, issueTypeId, contextId: applicableContext(d, projectId, issueTypeId)?.id ?? null };
    });
    return { body: page(ctx, rows) };
  },

  getDefaultValues: (ctx) => {
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const wanted = listParam((ctx.query as Record<string, unknown>).contextId);
    const rows = contextsOf(d)
      .filter((c) => c.defaultValue && (!wanted.length || wanted.includes(c.id)))
      .map((c) => ({ contextId: c.id, ...c.defaultValue }));
    return { body: page(ctx, rows) };
  },

  /** Each default names its context and type; option defaults must be options of that context. */
  setDefaultValues: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const input = objectBody(ctx).defaultValues;
    if (!Array.isArray(input)) throw jiraError(400, ['defaultValues must be a list.']);
    const byContext = new Map<string, Record<string, unknown> | undefined>();
    for (const v of input as Array<Record<string, unknown>>) {
      const c = contextOr404(d, String(v?.contextId ?? ''));
      if (typeof v.type !== 'string' || !v.type) throw jiraError(400, ['A default value needs its type.']);
      const optionIds = [v.optionId, ...(Array.isArray(v.optionIds) ? v.optionIds : [])].filter((x) => x !== undefined).map(String);
      const own = new Set(optionsOf(d, c.id).map((o) => o.id));
      const foreign = optionIds.find((id) => !own.has(id));
      if (foreign) throw jiraError(400, [`The option with id '${foreign}' is not an option of context '${c.id}'.`]);
      const { contextId: _, ...value } = v;
      byContext.set(c.id, optionIds.length || Object.keys(value).length > 1 ? value : undefined);
    }
    save(ctx, d, contextsOf(d).map((c) => (byContext.has(c.id) ? { ...c, defaultValue: byContext.get(c.id) } : c)));
    return { status: 204 };
  },
} satisfies Handlers;
