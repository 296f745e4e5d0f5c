// Surfaces only apps call: Connect app properties and dynamic modules, Forge app properties and UI modifications, and the site's data-security policies.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { VendorError } from '../../../../src/core/errors.js';
import { issueTypes, nextId, projects } from '../../store.js';
import { deleteProperty, getProperty, propertyKeys, propertyProblem, setProperty } from '../model/properties.js';
import { modulesOf, registerModules, removeModules, uiModifications, type UiModificationContext, type UiModificationDoc } from '../model/apps.js';
import { intParam, listParam, objectBody, pageBean, type Ctx } from './common.js';

/** Connect's OperationMessage: `{message, statusCode}`. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-app-properties/ */
const message = (statusCode: number, text: string) => ({ status: statusCode, body: { message: text, statusCode } });
const messageError = (statusCode: number, text: string) => new VendorError(statusCode, { message: text, statusCode });

const appKey = (ctx: Ctx) => String(ctx.principal.app);

/** Connect app properties belong to one app: only that app (its JWT's issuer) may touch them. */
function connectOwner(ctx: Ctx): string {
  const key = String(ctx.params.addonKey);
  if (ctx.principal.appKind !== 'connect' || appKey(ctx) !== key) throw messageError(401, 'Access to this resource must be authenticated as an app.');
  return key;
}

function requireKind(ctx: Ctx, kind: 'connect' | 'forge'): void {
  if (ctx.principal.appKind !== kind) throw jiraError(403, [kind === 'connect' ? 'Only Connect apps can use this operation.' : 'Only Forge apps can use this operation.']);
}

function propertyKeysOf(ctx: Ctx, owner: string, base: string) {
  return { body: { keys: propertyKeys(ctx.tenant, 'app', owner).map((key) => ({ key, self: `${base}/${encodeURIComponent(key)}` })) } };
}

function readProperty(ctx: Ctx, owner: string) {
  const key = String(ctx.params.propertyKey);
  const p = getProperty(ctx.tenant, 'app', owner, key);
  if (!p) throw messageError(404, 'Property with key not found.');
  return { body: { key, value: p.value } };
}

/** 201 "Property created." or 200 "Property updated."; a value that is not JSON or too long is a 400. */
function writeProperty(ctx: Ctx, owner: string) {
  const key = String(ctx.params.propertyKey);
  const problem = propertyProblem(key, ctx.body);
  if (problem) throw messageError(400, problem);
  return setProperty(ctx.tenant, 'app', owner, key, ctx.body) ? message(201, 'Property created.') : message(200, 'Property updated.');
}

function deleteAppProperty(ctx: Ctx, owner: string) {
  if (!deleteProperty(ctx.tenant, 'app', owner, String(ctx.params.propertyKey))) throw messageError(404, 'Property with key not found.');
  return { status: 204 };
}

const VIEW_TYPES = new Set(['GIC', 'IssueView', 'IssueTransition', 'JSMRequestCreate']);

/** UI modification contexts: a project and issue type of the site and one of Jira's views. */
function contextsFrom(ctx: Ctx, raw: unknown): UiModificationContext[] {
  return (Array.isArray(raw) ? raw : []).map((c) => {
    const x = (c ?? {}) as Record<string, unknown>;
    if (!projects(ctx.tenant).get(String(x.projectId))) throw jiraError(404, [`Project with ID ${String(x.projectId)} not found.`]);
    if (!issueTypes(ctx.tenant).get(String(x.issueTypeId))) throw jiraError(404, [`Issue type with ID ${String(x.issueTypeId)} not found.`]);
    if (!VIEW_TYPES.has(String(x.viewType))) throw jiraError(400, [`The view type '${String(x.viewType)}' is not supported.`]);
    return { id: nextId(ctx.tenant, 'uimodificationcontext', 1), projectId: String(x.projectId), issueTypeId: String(x.issueTypeId), viewType: String(x.viewType) };
  });
}

function uiModificationOr404(ctx: Ctx): UiModificationDoc {
  const m = uiModifications(ctx.tenant).get(String(ctx.params.uiModificationId));
  if (!m || m.app !== appKey(ctx)) throw jiraError(404, ['UI modification not found.']);
  return m;
}

const uiSelf = (ctx: Ctx, id: string) => `${ctx.baseUrl}/rest/api/3/uiModifications/${id}`;

export const appHandlers = {
  'AddonPropertiesResource.getAddonProperties_get': (ctx) => propertyKeysOf(ctx, connectOwner(ctx), `${ctx.baseUrl}/rest/atlassian-connect/1/addons/${encodeURIComponent(String(ctx.params.addonKey))}/properties`),
  'AddonPropertiesResource.getAddonProperty_get': (ctx) => readProperty(ctx, connectOwner(ctx)),
  'AddonPropertiesResource.putAddonProperty_put': (ctx) => writeProperty(ctx, connectOwner(ctx)),
  'AddonPropertiesResource.deleteAddonProperty_delete': (ctx) => deleteAppProperty(ctx, connectOwner(ctx)),

  getForgeAppPropertyKeys: (ctx) => propertyKeysOf(ctx, appKey(ctx), `${ctx.baseUrl}/rest/forge/1/app/properties`),
  getForgeAppProperty: (ctx) => readProperty(ctx, appKey(ctx)),
  putForgeAppProperty: (ctx) => writeProperty(ctx, appKey(ctx)),
  deleteForgeAppProperty: (ctx) => deleteAppProperty(ctx, appKey(ctx)),

  // Dynamic modules — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dynamic-modules/
  'DynamicModulesResource.getModules_get': (ctx) => {
    requireKind(ctx, 'connect');
    return { body: { modules: modulesOf(ctx.tenant, appKey(ctx)).map((m) => m.module) } };
  },
  'DynamicModulesResource.registerModules_post': (ctx) => {
    requireKind(ctx, 'connect');
    const modules = objectBody(ctx).modules as Array<Record<string, unknown>>;
    if (modules.some((m) => typeof m?.key !== 'string' || !m.key)) throw new VendorError(400, { message: 'Installation failed. Every module needs a key.' });
    const dupes = registerModules(ctx.tenant, appKey(ctx), modules);
    if (dupes.length) throw new VendorError(400, { message: `Installation failed. The app ${appKey(ctx)} has duplicate module keys: [${dupes.join(', ')}]. Please ensure module keys are unique.` });
    return { status: 200 };
  },
  'DynamicModulesResource.removeModules_delete': (ctx) => {
    requireKind(ctx, 'connect');
    removeModules(ctx.tenant, appKey(ctx), listParam(ctx.query.moduleKey));
    return { status: 204 };
  },

  // UI modifications (Forge) — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-ui-modifications--apps-/
  getUiModifications: (ctx) => {
    requireKind(ctx, 'forge');
    const withContexts = listParam(ctx.query.expand).includes('contexts');
    const mine = uiModifications(ctx.tenant).filter((m) => m.app === appKey(ctx)).map((m) => ({
      id: m.id, name: m.name, self: uiSelf(ctx, m.id),
      ...(m.description !== undefined ? { description: m.description } : {}), ...(m.data !== undefined ? { data: m.data } : {}),
      ...(withContexts ? { contexts: m.contexts.map((c) => ({ ...c, isAvailable: !!projects(ctx.tenant).get(c.projectId) })) } : {}),
    }));
    return { body: pageBean(ctx, mine, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 100)) };
  },
  createUiModification: (ctx) => {
    requireKind(ctx, 'forge');
    const b = objectBody(ctx);
    const id = ctx.tenant.random.uuid();
    uiModifications(ctx.tenant).put({ id, app: appKey(ctx), name: String(b.name), description: b.description as string | undefined, data: b.data as string | undefined, contexts: contextsFrom(ctx, b.contexts) });
    return { status: 201, body: { id, self: uiSelf(ctx, id) } };
  },
  updateUiModification: (ctx) => {
    requireKind(ctx, 'forge');
    const m = uiModificationOr404(ctx);
    const b = objectBody(ctx);
    uiModifications(ctx.tenant).patch(m.id, {
      ...(typeof b.name === 'string' ? { name: b.name } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...(typeof b.data === 'string' ? { data: b.data } : {}),
      ...(Array.isArray(b.contexts) ? { contexts: contextsFrom(ctx, b.contexts) } : {}),
    });
    return { status: 204 };
  },
  deleteUiModification: (ctx) => {
    requireKind(ctx, 'forge');
    uiModifications(ctx.tenant).delete(uiModificationOr404(ctx).id);
    return { status: 204 };
  },

  // Data-security policies — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-app-data-policies/
  // No policy blocks apps on this site, so nothing is blocked anywhere; unknown project ids are left out.
  getPolicy: () => ({ body: { anyContentBlocked: false } }),
  getPolicies: (ctx) => {
    const ids = listParam(ctx.query.ids);
    const known = ids.filter((id) => projects(ctx.tenant).get(id));
    return { body: { projectDataPolicies: known.map((id) => ({ id: Number(id), dataPolicy: { anyContentBlocked: false } })) } };
  },
} satisfies Handlers;
