// Screens, their tabs and the fields on each tab, screen schemes, and which screens show a field.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { nextId } from '../../store.js';
import { moveWithin, newTab, schemesUsing, screenableFields, screenOr404, screens, screenSchemes, tabOr404, type ScreenDoc, type ScreenSchemeDoc } from '../model/screens.js';
import { intParam, listParam, objectBody, pageBean, requireProjectAdmin, type Ctx } from './common.js';
import { customField } from '../model/custom-fields.js';

const screenJson = (s: ScreenDoc) => ({ id: Number(s.id), name: s.name, description: s.description });
const tabJson = (t: { id: string; name: string }) => ({ id: Number(t.id), name: t.name });
const fieldName = (ctx: Ctx, id: string) => screenableFields(ctx.tenant).find((f) => f.id === id)?.name ?? id;

function nameOf(b: Record<string, unknown>, what: string, taken: (n: string) => boolean): string {
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw fieldErrors({ name: `The ${what} name must not be empty.` });
  if (name.length > 255) throw fieldErrors({ name: `The ${what} name must not exceed 255 characters.` });
  if (taken(name)) throw fieldErrors({ name: `A ${what} with this name already exists.` });
  return name;
}

const schemeJson = (x: ScreenSchemeDoc) => ({ id: Number(x.id), name: x.name, description: x.description, screens: Object.fromEntries(Object.entries(x.screens).map(([k, v]) => [k, Number(v)])) });

/** Screen ids a scheme request names (default is required on create); each must exist. */
function schemeScreens(ctx: Ctx, raw: unknown, requireDefault: boolean): ScreenSchemeDoc['screens'] {
  const given = (raw ?? {}) as Record<string, unknown>;
  const out: ScreenSchemeDoc['screens'] = {};
  for (const k of ['default', 'create', 'edit', 'view'] as const) {
    if (given[k] === undefined || given[k] === null) continue;
    screenOr404(ctx.tenant, given[k]);
    out[k] = String(given[k]);
  }
  if (requireDefault && !out.default) throw fieldErrors({ screens: 'The default screen must be given.' });
  return out;
}

export const screenHandlers = {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screens/
  getScreens: (ctx) => {
    const ids = listParam(ctx.query.id);
    const q = typeof ctx.query.queryString === 'string' ? ctx.query.queryString.toLowerCase() : '';
    let list = screens(ctx.tenant).filter((s) => (!ids.length || ids.includes(s.id)) && (!q || s.name.toLowerCase().includes(q)));
    const order = String(ctx.query.orderBy ?? 'id');
    const desc = order.startsWith('-');
    list = list.sort((a, b) => (order.replace(/^[-+]/, '') === 'name' ? a.name.localeCompare(b.name) : Number(a.id) - Number(b.id)) * (desc ? -1 : 1));
    return { body: pageBean(ctx, list.map(screenJson), intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 100, 1, 100)) };
  },
  createScreen: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(b, 'screen', (n) => !!screens(ctx.tenant).find((s) => s.name.toLowerCase() === n.toLowerCase()));
    // A new screen comes with one empty tab, as in Jira's administration.
    const s = screens(ctx.tenant).put({ id: nextId(ctx.tenant, 'screen', 10000), name, description: typeof b.description === 'string' ? b.description : '', tabs: [newTab(ctx.tenant, 'Field Tab')] });
    return { status: 201, body: screenJson(s) };
  },
  updateScreen: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const b = objectBody(ctx);
    const next = screens(ctx.tenant).patch(s.id, {
      ...(b.name !== undefined ? { name: nameOf(b, 'screen', (n) => !!screens(ctx.tenant).find((x) => x.id !== s.id && x.name.toLowerCase() === n.toLowerCase())) } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
    })!;
    return { body: screenJson(next) };
  },
  deleteScreen: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    if (schemesUsing(ctx.tenant, s.id).length) throw jiraError(400, ['The screen is used by a screen scheme and cannot be deleted.']);
    screens(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  addFieldToDefaultScreen: (ctx) => {
    requireProjectAdmin(ctx);
    const id = String(ctx.params.fieldId);
    if (!screenableFields(ctx.tenant).some((f) => f.id === id)) throw jiraError(404, [`The field with id '${id}' does not exist.`]);
    const s = screens(ctx.tenant).get('1')!;
    if (!s.tabs.some((t) => t.fields.includes(id))) screens(ctx.tenant).patch(s.id, { tabs: s.tabs.map((t, n) => (n === 0 ? { ...t, fields: [...t.fields, id] } : t)) });
    return { body: {} };
  },
  getAvailableScreenFields: (ctx) => {
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const on = new Set(s.tabs.flatMap((t) => t.fields));
    return { body: screenableFields(ctx.tenant).filter((f) => !on.has(f.id)) };
  },
  getBulkScreenTabs: (ctx) => {
    const ids = listParam(ctx.query.screenId);
    const tabIds = listParam(ctx.query.tabId);
    const rows = screens(ctx.tenant).filter((s) => !ids.length || ids.includes(s.id)).flatMap((s) => s.tabs.filter((t) => !tabIds.length || tabIds.includes(t.id)).map((t) => ({ ...tabJson(t), screenId: Number(s.id) })));
    return { body: pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResult, 100, 1, 100)) };
  },
  /** Custom fields only: a system field (on every screen) and an unknown field are both 404, as the jira.js live suite pins. */
  getScreensForField: (ctx) => {
    const id = String(ctx.params.fieldId);
    if (!customField(ctx.tenant, id)) throw jiraError(404, [`The custom field ${id} was not found.`]);
    const rows = screens(ctx.tenant).values().flatMap((s) => s.tabs.filter((t) => t.fields.includes(id)).map((t) => ({ ...screenJson(s), tab: tabJson(t) })));
    return { body: pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 100, 1, 100)) };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screen-tabs/
  getAllScreenTabs: (ctx) => ({ body: screenOr404(ctx.tenant, ctx.params.screenId).tabs.map(tabJson) }),
  addScreenTab: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const name = nameOf(objectBody(ctx), 'screen tab', (n) => s.tabs.some((t) => t.name.toLowerCase() === n.toLowerCase()));
    const tab = newTab(ctx.tenant, name);
    screens(ctx.tenant).patch(s.id, { tabs: [...s.tabs, tab] });
    return { body: tabJson(tab) };
  },
  renameScreenTab: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const tab = tabOr404(s, ctx.params.tabId);
    const name = nameOf(objectBody(ctx), 'screen tab', (n) => s.tabs.some((t) => t.id !== tab.id && t.name.toLowerCase() === n.toLowerCase()));
    screens(ctx.tenant).patch(s.id, { tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, name } : t)) });
    return { body: tabJson({ id: tab.id, name }) };
  },
  deleteScreenTab: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const tab = tabOr404(s, ctx.params.tabId);
    if (s.tabs.length === 1) throw jiraError(400, ['A screen must have at least one tab.']);
    screens(ctx.tenant).patch(s.id, { tabs: s.tabs.filter((t) => t.id !== tab.id) });
    return { status: 204 };
  },
  moveScreenTab: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const tab = tabOr404(s, ctx.params.tabId);
    const pos = Number(ctx.params.pos);
    if (!Number.isInteger(pos) || pos < 0 || pos >= s.tabs.length) throw jiraError(400, [`The position ${String(ctx.params.pos)} is out of range.`]);
    screens(ctx.tenant).patch(s.id, { tabs: moveWithin(s.tabs, tab, pos) });
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screen-tab-fields/
  getAllScreenTabFields: (ctx) => {
    const tab = tabOr404(screenOr404(ctx.tenant, ctx.params.screenId), ctx.params.tabId);
    return { body: tab.fields.map((id) => ({ id, name: fieldName(ctx, id) })) };
  },
  addScreenTabField: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const tab = tabOr404(s, ctx.params.tabId);
    const id = String(objectBody(ctx).fieldId ?? '');
    if (!screenableFields(ctx.tenant).some((f) => f.id === id)) throw jiraError(400, [`The field with id '${id}' does not exist or cannot be placed on a screen.`]);
    if (s.tabs.some((t) => t.fields.includes(id))) throw jiraError(400, [`The field '${id}' is already on this screen.`]);
    screens(ctx.tenant).patch(s.id, { tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, fields: [...t.fields, id] } : t)) });
    return { body: { id, name: fieldName(ctx, id) } };
  },
  removeScreenTabField: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const tab = tabOr404(s, ctx.params.tabId);
    const id = String(ctx.params.id);
    if (!tab.fields.includes(id)) throw jiraError(404, [`The field '${id}' is not on this tab.`]);
    screens(ctx.tenant).patch(s.id, { tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, fields: t.fields.filter((f) => f !== id) } : t)) });
    return { status: 204 };
  },
  /** `position` First/Last/Earlier/Later, or `after` another field on the tab. */
  moveScreenTabField: (ctx) => {
    requireProjectAdmin(ctx);
    const s = screenOr404(ctx.tenant, ctx.params.screenId);
    const tab = tabOr404(s, ctx.params.tabId);
    const id = String(ctx.params.id);
    const at = tab.fields.indexOf(id);
    if (at < 0) throw jiraError(404, [`The field '${id}' is not on this tab.`]);
    const b = objectBody(ctx);
    let to: number;
    if (typeof b.after === 'string') {
      const anchor = tab.fields.filter((f) => f !== id).indexOf(b.after.replace(/^.*\/fields\//, ''));
      if (anchor < 0) throw jiraError(400, ['The field to move after is not on this tab.']);
      to = anchor + 1;
    } else {
      const pos = String(b.position ?? '');
      const map: Record<string, number> = { First: 0, Last: tab.fields.length, Earlier: at - 1, Later: at + 1 };
      if (!(pos in map)) throw jiraError(400, ['Either after or position (First, Last, Earlier, Later) must be given.']);
      to = map[pos]!;
    }
    screens(ctx.tenant).patch(s.id, { tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, fields: moveWithin(t.fields, id, to) } : t)) });
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-screen-schemes/
  getScreenSchemes: (ctx) => {
    screens(ctx.tenant);
    const ids = listParam(ctx.query.id);
    const q = typeof ctx.query.queryString === 'string' ? ctx.query.queryString.toLowerCase() : '';
    const list = screenSchemes(ctx.tenant).filter((x) => (!ids.length || ids.includes(x.id)) && (!q || x.name.toLowerCase().includes(q)));
    return { body: pageBean(ctx, list.map(schemeJson), intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 25, 1, 100)) };
  },
  createScreenScheme: (ctx) => {
    requireProjectAdmin(ctx);
    screens(ctx.tenant);
    const b = objectBody(ctx);
    const name = nameOf(b, 'screen scheme', (n) => !!screenSchemes(ctx.tenant).find((x) => x.name.toLowerCase() === n.toLowerCase()));
    const x = screenSchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'screenscheme', 10000), name, description: typeof b.description === 'string' ? b.description : '', screens: schemeScreens(ctx, b.screens, true) });
    return { status: 201, body: { id: Number(x.id) } };
  },
  updateScreenScheme: (ctx) => {
    requireProjectAdmin(ctx);
    screens(ctx.tenant);
    const x = screenSchemes(ctx.tenant).get(String(ctx.params.screenSchemeId));
    if (!x) throw jiraError(404, [`The screen scheme with id '${String(ctx.params.screenSchemeId)}' does not exist.`]);
    const b = objectBody(ctx);
    screenSchemes(ctx.tenant).patch(x.id, {
      ...(b.name !== undefined ? { name: nameOf(b, 'screen scheme', (n) => !!screenSchemes(ctx.tenant).find((y) => y.id !== x.id && y.name.toLowerCase() === n.toLowerCase())) } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...(b.screens !== undefined ? { screens: { ...x.screens, ...schemeScreens(ctx, b.screens, false) } } : {}),
    });
    return { status: 204 };
  },
  deleteScreenScheme: (ctx) => {
    requireProjectAdmin(ctx);
    screens(ctx.tenant);
    const x = screenSchemes(ctx.tenant).get(String(ctx.params.screenSchemeId));
    if (!x) throw jiraError(404, [`The screen scheme with id '${String(ctx.params.screenSchemeId)}' does not exist.`]);
    if (x.id === '1') throw jiraError(400, ['The default screen scheme cannot be deleted.']);
    screenSchemes(ctx.tenant).delete(x.id);
    return { status: 204 };
  },
} satisfies Handlers;
