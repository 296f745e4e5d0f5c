// Screens (tabs of fields shown when creating, editing and viewing issues) and screen schemes (which screen each operation uses).
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';
import { liveCustomFields, nextId } from '../../store.js';
import { SYSTEM_FIELDS } from './fields.js';

export interface ScreenTab { id: string; name: string; fields: string[] }
export interface ScreenDoc extends Doc { name: string; description: string; tabs: ScreenTab[] }
export interface ScreenSchemeDoc extends Doc { name: string; description: string; screens: Partial<Record<'default' | 'create' | 'edit' | 'view', string>> }

const screenStore = (t: Tenant) => t.collection<ScreenDoc>('/rest/api/3/screens');
export const screenSchemes = (t: Tenant) => t.collection<ScreenSchemeDoc>('/rest/api/3/screenscheme');

/** Fields a new site's Default Screen shows on its one tab. */
const DEFAULT_FIELDS = ['summary', 'issuetype', 'priority', 'duedate', 'components', 'versions', 'fixVersions', 'assignee', 'reporter', 'environment', 'description', 'timetracking', 'attachment', 'labels'];

/** The screens, with the site's Default Screen (id 1) and Default Screen Scheme (id 1) in place. */
export function screens(t: Tenant) {
  const s = screenStore(t);
  if (!s.get('1')) {
    s.put({ id: '1', name: 'Default Screen', description: 'Allows to update all system fields.', tabs: [{ id: '10000', name: 'Field Tab', fields: [...DEFAULT_FIELDS] }] });
    if (!screenSchemes(t).get('1')) screenSchemes(t).put({ id: '1', name: 'Default Screen Scheme', description: 'Default Screen Scheme', screens: { default: '1' } });
  }
  return s;
}

/** Every field a screen can hold: the system fields and the live custom fields. */
export function screenableFields(t: Tenant): Array<{ id: string; name: string }> {
  return [...SYSTEM_FIELDS.filter((f) => f.id !== 'issuekey' && f.id !== 'project').map((f) => ({ id: f.id, name: f.name })), ...liveCustomFields(t).map((c) => ({ id: c.id, name: c.name }))];
}

export function screenOr404(t: Tenant, id: unknown): ScreenDoc {
  const s = screens(t).get(String(id));
  if (!s) throw jiraError(404, [`The screen with id '${String(id)}' does not exist.`]);
  return s;
}

export function tabOr404(s: ScreenDoc, id: unknown): ScreenTab {
  const tab = s.tabs.find((x) => x.id === String(id));
  if (!tab) throw jiraError(404, [`The screen tab with id '${String(id)}' does not exist.`]);
  return tab;
}

export const newTab = (t: Tenant, name: string): ScreenTab => ({ id: nextId(t, 'screentab', 10001), name, fields: [] });

/** Moves an element of a list to a new index (clamped), as the tab and field move calls do. */
export function moveWithin<T>(list: T[], item: T, to: number): T[] {
  const rest = list.filter((x) => x !== item);
  const at = Math.max(0, Math.min(rest.length, to));
  return [...rest.slice(0, at), item, ...rest.slice(at)];
}

/** Screens in use by a screen scheme cannot be deleted. */
export const schemesUsing = (t: Tenant, screenId: string) => screenSchemes(t).filter((x) => Object.values(x.screens).includes(screenId));
