/** Directory's OrgUnit resource as callers see it. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { etag } from '../../store.js';
import { byKey, parentOf, type OrgUnit } from '../model/orgunits.js';

export function presentOrgUnit(t: Tenant, o: OrgUnit): Record<string, unknown> {
  const parent = o.orgUnitPath === '/' ? undefined : byKey(t, parentOf(o.orgUnitPath));
  const out: Record<string, unknown> = {
    kind: 'admin#directory#orgUnit',
    name: o.name,
    description: o.description,
    orgUnitPath: o.orgUnitPath,
    orgUnitId: o.id,
    ...(parent ? { parentOrgUnitPath: parent.orgUnitPath, parentOrgUnitId: parent.id } : {}),
    blockInheritance: o.blockInheritance,
  };
  return { ...out, etag: etag(out) };
}

