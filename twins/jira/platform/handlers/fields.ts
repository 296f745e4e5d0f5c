// Issue fields: the field list (system and custom), custom field create/update/search, their contexts, and the options of select-type fields per context.
import type { Handlers } from '../../generated/operations.js';
import { defaultSearcher, typeInfo } from '../model/custom-fields.js';
import { customFieldJson } from '../present/custom-fields.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { fieldJson, SYSTEM_FIELDS } from '../model/fields.js';
import { customFields, errorMap, isSiteAdmin, issues, jiraTime, liveCustomFields, nextId, tasks, type CustomFieldDoc, type FieldContext } from '../../store.js';
import { userRef, viewOf } from '../present/site.js';
import { contextsOf, isAnyIssueType, isGlobal, optionsOf } from '../model/field-contexts.js';
import { completedTask, intParam, listParam, me, pageBean, type Ctx } from './common.js';

const forbidden = () => jiraError(403, ['Only Jira administrators can manage custom fields.']);

export function requireAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw forbidden();
}

/** A custom field, live unless `trashed` says otherwise (`'any'`: either). */
export function fieldOr404(ctx: Ctx, id: string, trashed: boolean | 'any' = false): CustomFieldDoc {
  const d = customFields(ctx.tenant).get(id);
  if (!d || (trashed !== 'any' && !!d.trashedAt !== trashed)) throw jiraError(404, [`The custom field was not found.`]);
  return d;
}

const DAY = 86_400_000;

/** One of the field's contexts. */
export function contextOr404(d: CustomFieldDoc, contextId: string): FieldContext {
  const c = contextsOf(d).find((x) => x.id === String(contextId));
  if (!c) throw jiraError(404, ['The context was not found.']);
  return c;
}

/** Only select-like fields have options. */
function requireOptions(d: CustomFieldDoc): void {
  if (typeInfo(d.type)?.store !== 'option') throw jiraError(400, ['Options are not supported for this custom field type.']);
}

const contextJson = (c: FieldContext) => ({ id: c.id, name: c.name, description: c.description, isGlobalContext: isGlobal(c), isAnyIssueType: isAnyIssueType(c) });

/** The Field bean of `/field/search`: identity, schema and usage counts. */
function searchJson(ctx: Ctx, d: CustomFieldDoc | undefined, systemId?: string): { id: string; name: string } & Record<string, unknown> {
  if (!d) {
    const s = fieldJson(SYSTEM_FIELDS.find((f) => f.id === systemId)!);
    return { id: String(s.id), key: s.key, name: String(s.name), schema: s.schema ?? { type: 'any', system: s.id }, isLocked: true, isUnscreenable: false };
  }
  const j = customFieldJson(d);
  const used = !!issues(ctx.tenant).find((i) => i.extra?.[d.id] !== undefined);
  return {
    id: j.id,
    key: j.key,
    name: j.name,
    schema: j.schema,
    ...(d.description ? { description: d.description } : {}),
    isLocked: false,
    isUnscreenable: false,
    searcherKey: d.searcherKey ?? undefined,
    screensCount: 0,
    contextsCount: contextsOf(d).length,
    projectsCount: new Set(contextsOf(d).flatMap((c) => c.projectIds)).size,
    lastUsed: { type: used ? 'TRACKED' : 'NO_INFORMATION' },
  };
}

export const fieldHandlers = {
  getFields: (ctx) => ({ body: [...SYSTEM_FIELDS.map(fieldJson), ...liveCustomFields(ctx.tenant).map(customFieldJson)] }),

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-post */
  createCustomField: (ctx) => {
    requireAdmin(ctx);
    const b = (ctx.body ?? {}) as { name?: unknown; description?: unknown; type?: unknown; searcherKey?: unknown };
    const errors = errorMap();
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) errors.name = 'The custom field name must not be empty.';
    else if (name.length > 255) errors.name = 'The custom field name must not exceed 255 characters.';
    const type = typeof b.type === 'string' ? b.type : '';
    if (!typeInfo(type)) errors.type = `The custom field type '${type}' is not valid.`;
    if (Object.keys(errors).length) throw fieldErrors(errors);
    const searcherKey = typeof b.searcherKey === 'string' ? b.searcherKey : defaultSearcher(type);
    const d = customFields(ctx.tenant).put({
      id: `customfield_${nextId(ctx.tenant, 'customfield')}`,
      name,
      description: typeof b.description === 'string' ? b.description : '',
      type,
      searcherKey,
      options: [],
      contextId: nextId(ctx.tenant, 'fieldcontext', 10100),
    });
    return { status: 201, body: customFieldJson(d) };
  },

  updateCustomField: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const b = (ctx.body ?? {}) as { name?: unknown; description?: unknown; searcherKey?: unknown };
    if (b.name !== undefined) {
      const name = typeof b.name === 'string' ? b.name.trim() : '';
      if (!name) throw fieldErrors({ name: 'The custom field name must not be empty.' });
      d.name = name;
    }
    if (typeof b.description === 'string') d.description = b.description;
    if (typeof b.searcherKey === 'string') d.searcherKey = b.searcherKey;
    customFields(ctx.tenant).put(d);
    return { status: 204 };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-search-get */
  getFieldsPaginated: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    const types = listParam(q.type);
    const ids = listParam(q.id);
    const text = typeof q.query === 'string' ? q.query.toLowerCase() : '';
    const all = [
      ...(types.length && !types.includes('system') ? [] : SYSTEM_FIELDS.map((f) => searchJson(ctx, undefined, f.id))),
      ...(types.length && !types.includes('custom') ? [] : liveCustomFields(ctx.tenant).map((d) => searchJson(ctx, d))),
    ].filter((f) => (!ids.length || ids.includes(f.id)) && (!text || f.name.toLowerCase().includes(text) || f.id.toLowerCase().includes(text)));
    if (typeof q.orderBy === 'string' && q.orderBy.replace(/^[-+]/, '') === 'name') {
      all.sort((a, b) => a.name.localeCompare(b.name) * (q.orderBy === '-name' ? -1 : 1));
    }
    return { body: pageBean(ctx, all, intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(q.maxResults, 50, 1, 1000)) };
  },

  /**
   * Trashed fields disappear from lists, issues, screens and JQL but keep
   * their values; Jira deletes them for good after 60 days.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-id-trash-post
   */
  trashCustomField: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.id);
    customFields(ctx.tenant).patch(d.id, { trashedAt: ctx.now().toISOString(), trashedBy: me(ctx).accountId });
    return { body: {} };
  },

  restoreCustomField: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.id, true);
    delete d.trashedAt;
    delete d.trashedBy;
    customFields(ctx.tenant).put(d);
    return { body: {} };
  },

  getTrashedFieldsPaginated: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    const ids = listParam(q.id);
    const text = typeof q.query === 'string' ? q.query.toLowerCase() : '';
    const list = customFields(ctx.tenant)
      .filter((d) => !!d.trashedAt && (!ids.length || ids.includes(d.id)) && (!text || d.name.toLowerCase().includes(text)))
      .map((d) => ({
        ...searchJson(ctx, d),
        trashedDate: jiraTime(d.trashedAt!),
        trashedBy: userRef(viewOf(ctx), d.trashedBy),
        plannedDeletionDate: jiraTime(new Date(Date.parse(d.trashedAt!) + 60 * DAY)),
      }));
    return { body: pageBean(ctx, list, intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(q.maxResults, 50, 1, 1000)) };
  },

  /**
   * Deleting runs as a task: 303 to the task, which the twin finishes at once
   * (issue values go with the field).
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-id-delete
   */
  deleteCustomField: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.id, 'any');
    for (const i of issues(ctx.tenant).filter((x) => x.extra?.[d.id] !== undefined)) {
      delete i.extra[d.id];
      issues(ctx.tenant).put(i);
    }
    customFields(ctx.tenant).delete(d.id);
    return completedTask(ctx, `Deleting custom field ${d.id}`);
  },

  /** Long-running tasks; only custom field deletion starts one here. */
  getTask: (ctx) => {
    const task = tasks(ctx.tenant).get(ctx.params.taskId);
    if (!task) throw jiraError(404, [`The task with id '${ctx.params.taskId}' does not exist.`]);
    return { body: task };
  },

  getContextsForField: (ctx) => {
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const q = ctx.query as Record<string, unknown>;
    const wanted = listParam(q.contextId);
    const flag = (v: unknown) => (v === undefined ? undefined : String(v) === 'true');
    const [global, anyType] = [flag(q.isGlobalContext), flag(q.isAnyIssueType)];
    const list = contextsOf(d)
      .map(contextJson)
      .filter((c) => (!wanted.length || wanted.includes(c.id)) && (global === undefined || c.isGlobalContext === global) && (anyType === undefined || c.isAnyIssueType === anyType));
    return { body: pageBean(ctx, list, intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(q.maxResults, 50, 1, 100)) };
  },

  /** An option by its id alone, whichever field holds it. */
  getCustomFieldOption: (ctx) => {
    const holder = liveCustomFields(ctx.tenant).find((d) => d.options.some((o) => o.id === ctx.params.id));
    const o = holder?.options.find((x) => x.id === ctx.params.id);
    if (!o) throw jiraError(404, [`The custom field option with id '${ctx.params.id}' does not exist.`]);
    return { body: { self: `${ctx.baseUrl}/rest/api/3/customFieldOption/${o.id}`, value: o.value } };
  },

  getOptionsForContext: (ctx) => {
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const c = contextOr404(d, ctx.params.contextId);
    requireOptions(d);
    const only = ctx.query.optionId === undefined ? undefined : String(ctx.query.optionId);
    const list = optionsOf(d, c.id).filter((o) => only === undefined || o.id === only).map((o) => ({ id: o.id, value: o.value, disabled: o.disabled }));
    return { body: pageBean(ctx, list, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 100, 1, 100)) };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-options/#api-rest-api-3-field-fieldid-context-contextid-option-post */
  createCustomFieldOption: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const c = contextOr404(d, ctx.params.contextId);
    requireOptions(d);
    const input = ((ctx.body as { options?: Array<{ value: string; disabled?: boolean }> })?.options ?? []);
    const seen = new Set(optionsOf(d, c.id).map((o) => o.value.toLowerCase()));
    for (const o of input) {
      const value = o.value.trim();
      if (!value) throw jiraError(400, ['An option value must not be empty.']);
      if (seen.has(value.toLowerCase())) throw jiraError(400, [`The option '${value}' already exists.`]);
      seen.add(value.toLowerCase());
    }
    const created = input.map((o) => ({ id: nextId(ctx.tenant, 'fieldoption'), value: o.value.trim(), disabled: o.disabled === true }));
    d.options.push(...created.map((o) => (c.id === d.contextId ? o : { ...o, contextId: c.id })));
    customFields(ctx.tenant).put(d);
    return { body: { options: created } };
  },

  updateCustomFieldOption: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const c = contextOr404(d, ctx.params.contextId);
    requireOptions(d);
    const input = ((ctx.body as { options?: Array<{ id: string; value?: string; disabled?: boolean }> })?.options ?? []);
    const mine = optionsOf(d, c.id);
    const missing = input.find((o) => !mine.some((x) => x.id === String(o.id)));
    if (missing) throw jiraError(404, [`The option with id '${missing.id}' was not found.`]);
    for (const o of input) {
      const x = d.options.find((y) => y.id === String(o.id))!;
      if (typeof o.value === 'string' && o.value.trim()) x.value = o.value.trim();
      if (typeof o.disabled === 'boolean') x.disabled = o.disabled;
    }
    customFields(ctx.tenant).put(d);
    return { body: { options: input.map((o) => { const { id, value, disabled } = d.options.find((x) => x.id === String(o.id))!; return { id, value, disabled }; }) } };
  },

  /** Issues that had the option lose the value, as when an option is deleted in Jira. */
  deleteCustomFieldOption: (ctx) => {
    requireAdmin(ctx);
    const d = fieldOr404(ctx, ctx.params.fieldId);
    const c = contextOr404(d, ctx.params.contextId);
    if (!optionsOf(d, c.id).some((o) => o.id === ctx.params.optionId)) throw jiraError(404, [`The option with id '${ctx.params.optionId}' was not found.`]);
    d.options = d.options.filter((o) => o.id !== ctx.params.optionId);
    customFields(ctx.tenant).put(d);
    for (const i of issues(ctx.tenant).filter((x) => x.extra?.[d.id] !== undefined)) {
      const v = i.extra[d.id];
      const next = Array.isArray(v) ? v.filter((x) => x !== ctx.params.optionId) : v === ctx.params.optionId ? null : v;
      if (next === null || (Array.isArray(next) && !next.length)) delete i.extra[d.id];
      else i.extra[d.id] = next;
      issues(ctx.tenant).put(i);
    }
    return { status: 204 };
  },
} satisfies Handlers;
