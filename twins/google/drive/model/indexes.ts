// Drive's file indexes: name word starts (for `name contains`), parents (for `'id' in parents`), and the list orders by time.
import type { Tenant } from '../../../../src/core/tenant.js';
import { both, either, orderIndex, select, termIndex, type Candidates } from '../../../../src/core/lookup.js';
import { files, type DriveFile } from '../../store.js';
import { nameWordStarts, type Node } from './query.js';

export const fileIndexes = (t: Tenant) => ({
  /** Every tail of the lower-cased name that starts a word: `name contains 'x'` is a prefix of one of them. */
  nameWords: termIndex(files(t), 'name-words', (f) => nameWordStarts(f.name)),
  parents: termIndex(files(t), 'parents', (f) => f.parents),
});

/**
 * The files filed under `parentId`, in collection order (what filtering every file gives): a folder's delete or
 * trash reads its children, not the drive (a 100,000-file tenant: a scan of every file per delete).
 */
export function childrenOf(t: Tenant, parentId: string): DriveFile[] {
  const { parents } = fileIndexes(t);
  return select(files(t), parents, parents.ids(parentId), (f) => f.parents.includes(parentId));
}

/** Files by a time field, ties in creation order (what a stable sort on that field gives). */
export const filesByTime = (t: Tenant, field: 'modifiedTime' | 'createdTime') => orderIndex(files(t), field, (f) => f[field]);

/**
 * The files a `q` can match, or undefined when part of it needs a scan. A superset: `evaluate` still
 * decides. `resolveParent` maps `root` to the caller's root folder, as evaluation does.
 */
export function narrowQuery(t: Tenant, n: Node | undefined, resolveParent: (id: string) => string): Candidates {
  if (!n) return undefined;
  switch (n.kind) {
    case 'and': return both(narrowQuery(t, n.left, resolveParent), narrowQuery(t, n.right, resolveParent));
    case 'or': return either(narrowQuery(t, n.left, resolveParent), narrowQuery(t, n.right, resolveParent));
    case 'in': return n.field === 'parents' ? fileIndexes(t).parents.ids(resolveParent(n.value)) : undefined;
    // An empty needle matches every name, even an empty one that has no word to file.
    case 'cmp': return n.field === 'name' && n.op === 'contains' && String(n.value) !== '' ? fileIndexes(t).nameWords.withPrefix(String(n.value).toLowerCase()) : undefined;
    default: return undefined;
  }
}
