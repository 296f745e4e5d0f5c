/** Directory's organizational units: the tree users are placed in, created on demand from users' paths. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { K } from '../../store.js';

export interface OrgUnit extends Doc {
  name: string;
  description: string;
  orgUnitPath: string;
  blockInheritance: boolean;
}

export const orgUnits = (t: Tenant) => t.collection<OrgUnit>(K.orgUnits);

export const newOrgUnitId = (t: Tenant) => `id:${t.random.chars(8, '0123456789abcdefghijklmnopqrstuvwxyz')}`;
export const parentOf = (path: string) => (path.lastIndexOf('/') <= 0 ? '/' : path.slice(0, path.lastIndexOf('/')));

/** Makes sure an OU (and its ancestors) exist, for seeding from users' paths. */
export function ensureOrgUnit(t: Tenant, path: string): OrgUnit {
  const found = orgUnits(t).find((o) => o.orgUnitPath.toLowerCase() === path.toLowerCase());
  if (found) return found;
  if (path !== '/') ensureOrgUnit(t, parentOf(path));
  return orgUnits(t).put({ id: newOrgUnitId(t), name: path === '/' ? '' : path.slice(path.lastIndexOf('/') + 1), description: '', orgUnitPath: path, blockInheritance: false });
}

export function byKey(t: Tenant, key: string): OrgUnit | undefined {
  if (key.startsWith('id:')) return orgUnits(t).get(key);
  const path = `/${key.replace(/%2F/gi, '/').replace(/^\/+/, '')}`.toLowerCase();
  return orgUnits(t).find((o) => o.orgUnitPath.toLowerCase() === path);
}

