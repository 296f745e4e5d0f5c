// Site-wide ordered lists (priorities, resolutions): moving entries, one default, and replacing an entry on the issues that use it.
import type { Collection, Doc } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';

/**
 * Reorders a collection the way `priority/move` and `resolution/move` do: the ids go, in the order given,
 * after `after` or at `position` (First/Last). https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-move-put
 */
export function moveEntries<T extends Doc>(list: Collection<T>, ids: unknown, after: unknown, position: unknown, what: string): void {
  const all = list.values();
  const moving = (Array.isArray(ids) ? ids : []).map(String);
  if (!moving.length) throw jiraError(400, [`The ${what} ids must be given.`]);
  for (const id of moving) if (!list.get(id)) throw jiraError(404, [`The ${what} with ID ${id} does not exist.`]);
  if ((after === undefined || after === null) === (position === undefined || position === null)) throw jiraError(400, ['Either after or position must be given, but not both.']);
  if (after !== undefined && after !== null && (!list.get(String(after)) || moving.includes(String(after)))) throw jiraError(404, [`The ${what} with ID ${String(after)} does not exist.`]);
  if (position !== undefined && position !== null && position !== 'First' && position !== 'Last') throw jiraError(400, ['The position must be First or Last.']);
  const rest = all.filter((d) => !moving.includes(d.id));
  const picked = moving.map((id) => list.get(id)!);
  const at = position === 'First' ? 0 : position === 'Last' ? rest.length : rest.findIndex((d) => d.id === String(after)) + 1;
  const next = [...rest.slice(0, at), ...picked, ...rest.slice(at)];
  list.clear();
  for (const d of next) list.put(d);
}

/** Makes one entry the default (or none, for `id: null`), as `priority/default` and `resolution/default` do. */
export function setDefault<T extends Doc & { isDefault: boolean }>(list: Collection<T>, id: unknown, what: string): void {
  if (id !== null && id !== undefined && !list.get(String(id))) throw jiraError(404, [`The ${what} with ID ${String(id)} does not exist.`]);
  for (const d of list.values()) list.patch(d.id, { isDefault: id !== null && id !== undefined && d.id === String(id) } as Partial<T>);
}
