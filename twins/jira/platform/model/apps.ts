// What installed apps keep on the site: Connect dynamic modules and Forge UI modifications, each belonging to the app that made it.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';

export interface DynamicModuleDoc extends Doc {
  app: string;
  key: string;
  module: Record<string, unknown>;
}

export interface UiModificationContext {
  id: string;
  projectId: string;
  issueTypeId: string;
  viewType: string;
}

export interface UiModificationDoc extends Doc {
  app: string;
  name: string;
  description?: string;
  data?: string;
  contexts: UiModificationContext[];
}

export const dynamicModules = (t: Tenant) => t.collection<DynamicModuleDoc>('jira:dynamic-modules');
export const uiModifications = (t: Tenant) => t.collection<UiModificationDoc>('jira:ui-modifications');

export const modulesOf = (t: Tenant, app: string) => dynamicModules(t).filter((m) => m.app === app);

/** Registers modules for the app; a key the app already registered (or twice in one call) refuses the whole call. */
export function registerModules(t: Tenant, app: string, modules: Array<Record<string, unknown>>): string[] {
  const keys = modules.map((m) => String(m.key ?? ''));
  const taken = new Set(modulesOf(t, app).map((m) => m.key));
  const dupes = keys.filter((k, i) => taken.has(k) || keys.indexOf(k) !== i);
  if (dupes.length) return dupes;
  for (const m of modules) dynamicModules(t).put({ id: `${app}|${String(m.key)}`, app, key: String(m.key), module: m });
  return [];
}

/** Removes the named modules, or every module of the app when none is named. */
export function removeModules(t: Tenant, app: string, keys: string[]): void {
  for (const m of modulesOf(t, app)) if (!keys.length || keys.includes(m.key)) dynamicModules(t).delete(m.id);
}
