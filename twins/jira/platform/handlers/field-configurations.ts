// Field configurations and field configuration schemes: configurations and their items (required, hidden, description, renderer), schemes, issue type mappings and project assignment.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issueTypes, nextId } from '../../store.js';
import {
  assignScheme, configOr404, configurableFields, DEFAULT_CONFIG, fieldConfigs, fieldConfigSchemeOr404, fieldConfigSchemes, itemOf, LOCKED,
  projectsUsingScheme, schemeOfProject, type FieldConfigDoc, type FieldConfigSchemeDoc, type FieldItem,
} from '../model/field-configurations.js';
import { intParam, listParam, objectBody, pageBean, projectOr404, requireSiteAdmin, type Ctx, uniqueName } from './common.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-field-configurations/
const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'Only Jira administrators can access field configurations.');
const page = <T>(ctx: Ctx, rows: T[]) => pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 1000));
const configJson = (c: FieldConfigDoc) => ({ id: Number(c.id), name: c.name, description: c.description, isDefault: c.id === DEFAULT_CONFIG });
const schemeJson = (s: FieldConfigSchemeDoc) => ({ id: s.id, name: s.name, description: s.description });

/** Name (unique, case-insensitive, at most 255 characters) and description from the body; name required unless `partial`. */
function named(ctx: Ctx, all: Array<{ id: string; name: string }>, except: string | undefined, partial: boolean, what: string): { name?: string; description?: string } {
  const b = objectBody(ctx);
  const out: { name?: string; description?: string } = {};
  if (b.name !== undefined || !partial) out.name = uniqueName(b.name, what, all, except);
  if (typeof b.description === 'string') out.description = b.description;
  return out;
}

function editableConfig(ctx: Ctx): FieldConfigDoc {
  const c = configOr404(ctx.tenant, ctx.params.id);
  if (c.id === DEFAULT_CONFIG) throw jiraError(400, ['The default field configuration cannot be modified.']);
  return c;
}

/** Mappings from `{issueTypeId, fieldConfigurationId}` pairs; `default` is the scheme's fallback. */
function mappingsFrom(ctx: Ctx, raw: unknown): Record<string, string> {
  if (!Array.isArray(raw) || !raw.length) throw fieldErrors({ mappings: 'The mappings must not be empty.' });
  const out: Record<string, string> = {};
  for (const m of raw) {
    const x = (m ?? {}) as { issueTypeId?: unknown; fieldConfigurationId?: unknown };
    const type = String(x.issueTypeId ?? '');
    if (type !== 'default' && !issueTypes(ctx.tenant).get(type)) throw jiraError(400, [`The issue type ${type} does not exist.`]);
    out[type] = configOr404(ctx.tenant, x.fieldConfigurationId).id;
  }
  return out;
}

export const fieldConfigurationHandlers = {
  getAllFieldConfigurations: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    const onlyDefault = String(ctx.query.isDefault) === 'true';
    const rows = fieldConfigs(ctx.tenant).values()
      .filter((c) => (!ids.length || ids.includes(c.id)) && (!onlyDefault || c.id === DEFAULT_CONFIG) && (!q || c.name.toLowerCase().includes(q) || c.description.toLowerCase().includes(q)))
      .map(configJson);
    return { body: page(ctx, rows) };
  },
  createFieldConfiguration: (ctx) => {
    requireAdmin(ctx);
    const fields = named(ctx, fieldConfigs(ctx.tenant).values(), undefined, false, 'field configuration');
    const c = fieldConfigs(ctx.tenant).put({ id: nextId(ctx.tenant, 'fieldconfiguration', 10001), name: fields.name!, description: fields.description ?? '', items: {} });
    return { body: configJson(c) };
  },
  updateFieldConfiguration: (ctx) => {
    requireAdmin(ctx);
    const c = editableConfig(ctx);
    fieldConfigs(ctx.tenant).patch(c.id, named(ctx, fieldConfigs(ctx.tenant).values(), c.id, false, 'field configuration'));
    return { status: 204 };
  },
  /** A configuration a scheme maps cannot be deleted. */
  deleteFieldConfiguration: (ctx) => {
    requireAdmin(ctx);
    const c = editableConfig(ctx);
    if (fieldConfigSchemes(ctx.tenant).values().some((s) => Object.values(s.mappings).includes(c.id))) throw jiraError(400, ['The field configuration is used by a field configuration scheme and cannot be deleted.']);
    fieldConfigs(ctx.tenant).delete(c.id);
    return { status: 204 };
  },
  getFieldConfigurationItems: (ctx) => {
    requireAdmin(ctx);
    const c = configOr404(ctx.tenant, ctx.params.id);
    const rows = configurableFields(ctx.tenant).map(({ id }) => {
      const item = itemOf(c, id);
      return { id, isHidden: item.isHidden, isRequired: item.isRequired, ...(item.description !== undefined ? { description: item.description } : {}), ...(item.renderer !== undefined ? { renderer: item.renderer } : {}) };
    });
    return { body: page(ctx, rows) };
  },
  /** A required field cannot be hidden; summary and issue type are locked. */
  updateFieldConfigurationItems: (ctx) => {
    requireAdmin(ctx);
    const c = editableConfig(ctx);
    const raw = objectBody(ctx).fieldConfigurationItems;
    if (!Array.isArray(raw) || !raw.length) throw fieldErrors({ fieldConfigurationItems: 'The field configuration items must not be empty.' });
    const known = new Set(configurableFields(ctx.tenant).map((f) => f.id));
    const items = { ...c.items };
    for (const r of raw) {
      const x = (r ?? {}) as Record<string, unknown>;
      const id = String(x.id ?? '');
      if (!known.has(id)) throw jiraError(400, [`The field ${id} does not exist or cannot be configured.`]);
      if (LOCKED.includes(id) && (x.isHidden === true || x.isRequired === false)) throw jiraError(400, [`The field ${id} is locked: it is always required and shown.`]);
      const next: FieldItem = { ...items[id] };
      for (const k of ['isHidden', 'isRequired'] as const) if (typeof x[k] === 'boolean') next[k] = x[k] as boolean;
      for (const k of ['description', 'renderer'] as const) if (typeof x[k] === 'string') next[k] = x[k] as string;
      if (next.isHidden && next.isRequired) throw jiraError(400, [`The field ${id} cannot be both hidden and required.`]);
      items[id] = next;
    }
    fieldConfigs(ctx.tenant).patch(c.id, { items });
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-field-configurations/#api-rest-api-3-fieldconfigurationscheme-get
  getAllFieldConfigurationSchemes: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    return { body: page(ctx, fieldConfigSchemes(ctx.tenant).values().filter((s) => !ids.length || ids.includes(s.id)).map(schemeJson)) };
  },
  /** A new scheme maps `default` to the default configuration. */
  createFieldConfigurationScheme: (ctx) => {
    requireAdmin(ctx);
    const fields = named(ctx, fieldConfigSchemes(ctx.tenant).values(), undefined, false, 'field configuration scheme');
    const s = fieldConfigSchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'fieldconfigscheme', 10000), name: fields.name!, description: fields.description ?? '', mappings: { default: DEFAULT_CONFIG } });
    return { status: 201, body: schemeJson(s) };
  },
  updateFieldConfigurationScheme: (ctx) => {
    requireAdmin(ctx);
    const s = fieldConfigSchemeOr404(ctx.tenant, ctx.params.id);
    fieldConfigSchemes(ctx.tenant).patch(s.id, named(ctx, fieldConfigSchemes(ctx.tenant).values(), s.id, false, 'field configuration scheme'));
    return { status: 204 };
  },
  deleteFieldConfigurationScheme: (ctx) => {
    requireAdmin(ctx);
    const s = fieldConfigSchemeOr404(ctx.tenant, ctx.params.id);
    if (projectsUsingScheme(ctx.tenant, s.id).length) throw jiraError(400, ['The field configuration scheme is assigned to a project and cannot be deleted.']);
    fieldConfigSchemes(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  getFieldConfigurationSchemeMappings: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.fieldConfigurationSchemeId);
    const rows = fieldConfigSchemes(ctx.tenant).values()
      .filter((s) => !ids.length || ids.includes(s.id))
      .flatMap((s) => Object.entries(s.mappings).map(([issueTypeId, fieldConfigurationId]) => ({ fieldConfigurationSchemeId: s.id, issueTypeId, fieldConfigurationId })));
    return { body: page(ctx, rows) };
  },
  setFieldConfigurationSchemeMapping: (ctx) => {
    requireAdmin(ctx);
    const s = fieldConfigSchemeOr404(ctx.tenant, ctx.params.id);
    fieldConfigSchemes(ctx.tenant).patch(s.id, { mappings: { ...s.mappings, ...mappingsFrom(ctx, objectBody(ctx).mappings) } });
    return { status: 204 };
  },
  /** The `default` mapping cannot be removed. */
  removeIssueTypesFromGlobalFieldConfigurationScheme: (ctx) => {
    requireAdmin(ctx);
    const s = fieldConfigSchemeOr404(ctx.tenant, ctx.params.id);
    const ids = objectBody(ctx).issueTypeIds;
    if (!Array.isArray(ids) || !ids.length) throw fieldErrors({ issueTypeIds: 'The issue type ids must not be empty.' });
    if (ids.map(String).includes('default')) throw jiraError(400, ['The default mapping cannot be removed.']);
    const mappings = { ...s.mappings };
    for (const id of ids.map(String)) delete mappings[id];
    fieldConfigSchemes(ctx.tenant).patch(s.id, { mappings });
    return { status: 204 };
  },
  /** Projects grouped by their scheme; those on the default configuration come without a `fieldConfigurationScheme`. */
  getFieldConfigurationSchemeProjectMapping: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.projectId);
    if (!ids.length) throw fieldErrors({ projectId: 'The project ids must be given.' });
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const p = projectOr404(ctx, id);
      const sid = schemeOfProject(ctx.tenant, p.id) ?? '';
      groups.set(sid, [...(groups.get(sid) ?? []), p.id]);
    }
    const rows = [...groups].map(([sid, projectIds]) => ({ ...(sid ? { fieldConfigurationScheme: schemeJson(fieldConfigSchemeOr404(ctx.tenant, sid)) } : {}), projectIds }));
    return { body: page(ctx, rows) };
  },
  /** `fieldConfigurationSchemeId: null` returns the project to the default configuration. */
  assignFieldConfigurationSchemeToProject: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const p = projectOr404(ctx, String(b.projectId ?? ''));
    const sid = b.fieldConfigurationSchemeId === null || b.fieldConfigurationSchemeId === undefined ? null : fieldConfigSchemeOr404(ctx.tenant, b.fieldConfigurationSchemeId).id;
    assignScheme(ctx.tenant, p.id, sid);
    return { status: 204 };
  },
} satisfies Handlers;
