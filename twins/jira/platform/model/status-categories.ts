// The three status categories Jira has, and how JQL and the API name them (by key, name or id).
import type { StatusCategoryKey } from '../../store.js';

export const CATEGORY: Record<StatusCategoryKey, { id: number; colorName: string; name: string }> = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
};

/** Categories by name, key or id, as JQL and `statuscategory/{idOrKey}` accept them. */
export function categoryOf(value: string): StatusCategoryKey | undefined {
  const s = value.toLowerCase();
  for (const [key, c] of Object.entries(CATEGORY)) {
    if (s === key || s === c.name.toLowerCase() || s === String(c.id)) return key as StatusCategoryKey;
  }
  return undefined;
}
