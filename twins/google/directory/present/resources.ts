/** Directory's CalendarResource, Building and Feature resources as callers see them (they carry `etags`, not `etag`). */
import type { Tenant } from '../../../../src/core/tenant.js';
import { etag } from '../../store.js';
import { generatedName, type BuildingRec, type CalendarResourceRec, type FeatureRec } from '../model/resources.js';

const withEtags = (o: Record<string, unknown>) => ({ ...o, etags: etag(o) });
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function presentBuilding(b: BuildingRec): Record<string, unknown> {
  return withEtags(defined({ kind: 'admin#directory#resources#buildings#Building', buildingId: b.id, buildingName: b.buildingName, description: b.description, coordinates: b.coordinates, floorNames: b.floorNames, address: b.address }));
}

export function presentFeature(f: FeatureRec): Record<string, unknown> {
  return withEtags({ kind: 'admin#directory#resources#features#Feature', name: f.id });
}

export function presentCalendarResource(t: Tenant, r: CalendarResourceRec): Record<string, unknown> {
  return withEtags(
    defined({
      kind: 'admin#directory#resources#calendars#CalendarResource',
      resourceId: r.id,
      resourceName: r.resourceName,
      resourceType: r.resourceType,
      resourceDescription: r.resourceDescription,
      userVisibleDescription: r.userVisibleDescription,
      resourceEmail: r.resourceEmail,
      resourceCategory: r.resourceCategory,
      generatedResourceName: generatedName(t, r),
      buildingId: r.buildingId,
      floorName: r.floorName,
      floorSection: r.floorSection,
      capacity: r.capacity,
      featureInstances: r.features.length ? r.features.map((name) => ({ feature: { kind: 'admin#directory#resources#features#Feature', name } })) : undefined,
    }),
  );
}
