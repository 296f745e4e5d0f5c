/** Calendar resources, buildings and features: rooms placed on a building's floors with features, searchable as the Directory API describes. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { K } from '../../store.js';

export interface BuildingRec extends Doc {
  buildingName: string;
  description?: string;
  floorNames: string[];
  coordinates?: { latitude?: number; longitude?: number };
  address?: Record<string, unknown>;
}

export interface FeatureRec extends Doc {}

export interface CalendarResourceRec extends Doc {
  resourceName: string;
  resourceEmail: string;
  resourceType?: string;
  resourceDescription?: string;
  userVisibleDescription?: string;
  resourceCategory: 'CONFERENCE_ROOM' | 'OTHER' | 'CATEGORY_UNKNOWN';
  buildingId?: string;
  floorName?: string;
  floorSection?: string;
  capacity?: number;
  features: string[];
}

export const buildings = (t: Tenant) => t.collection<BuildingRec>(K.buildings);
export const features = (t: Tenant) => t.collection<FeatureRec>(K.features);
export const calendarResources = (t: Tenant) => t.collection<CalendarResourceRec>(K.calendarResources);

/** The room's calendar address; Calendar reads it as an attendee (`resource: true`). */
export const findResourceByEmail = (t: Tenant, email: string) => calendarResources(t).find((r) => r.resourceEmail.toLowerCase() === email.toLowerCase());

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const missing = (field: string) => googleError('admin', { code: 400, message: `Missing required field: ${field}`, reason: 'required' });

export function buildBuilding(body: Record<string, unknown>, prev?: BuildingRec, replace = false): BuildingRec {
  const id = prev?.id ?? str(body.buildingId);
  if (!id) throw missing('buildingId');
  const pick = <T>(k: string, conv: (v: unknown) => T | undefined, old: T | undefined) => (body[k] !== undefined ? conv(body[k]) : replace ? undefined : old);
  const buildingName = pick('buildingName', str, prev?.buildingName);
  if (!buildingName) throw missing('buildingName');
  const floorNames = pick('floorNames', (v) => (Array.isArray(v) ? v.map(String) : undefined), prev?.floorNames);
  if (!floorNames?.length) throw missing('floorNames');
  return {
    id,
    buildingName,
    floorNames,
    description: pick('description', str, prev?.description),
    coordinates: pick('coordinates', (v) => (v && typeof v === 'object' ? (v as BuildingRec['coordinates']) : undefined), prev?.coordinates),
    address: pick('address', (v) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined), prev?.address),
  };
}

/** A building's floors may shrink only to floors no room is on. */
export function saveBuilding(t: Tenant, b: BuildingRec): BuildingRec {
  const stranded = calendarResources(t).find((r) => r.buildingId === b.id && !!r.floorName && !b.floorNames.includes(r.floorName));
  if (stranded) throw E.invalidInput(`floorNames: resource ${stranded.id} is on floor ${stranded.floorName}`);
  return buildings(t).put(b);
}

export function deleteBuilding(t: Tenant, id: string): void {
  if (calendarResources(t).find((r) => r.buildingId === id)) throw googleError('admin', { code: 400, message: 'Building is in use by calendar resources.', reason: 'invalid' });
  buildings(t).delete(id);
}

const CATEGORIES = ['CONFERENCE_ROOM', 'OTHER', 'CATEGORY_UNKNOWN'];

export function buildCalendarResource(t: Tenant, body: Record<string, unknown>, prev?: CalendarResourceRec, replace = false): CalendarResourceRec {
  const id = prev?.id ?? str(body.resourceId);
  if (!id) throw missing('resourceId');
  const pick = <T>(k: string, conv: (v: unknown) => T | undefined, old: T | undefined) => (body[k] !== undefined ? conv(body[k]) : replace ? undefined : old);
  const resourceName = pick('resourceName', str, prev?.resourceName);
  if (!resourceName) throw missing('resourceName');
  const buildingId = pick('buildingId', str, prev?.buildingId);
  const building = buildingId ? buildings(t).get(buildingId) : undefined;
  if (buildingId && !building) throw E.invalidInput('buildingId');
  const floorName = pick('floorName', str, prev?.floorName);
  if (floorName && building && !building.floorNames.includes(floorName)) throw E.invalidInput('floorName');
  const capacity = pick('capacity', (v) => (Number.isInteger(Number(v)) && Number(v) >= 0 ? Number(v) : NaN), prev?.capacity);
  if (Number.isNaN(capacity)) throw E.invalidInput('capacity');
  const fi = pick('featureInstances', (v) => (Array.isArray(v) ? v.map((x) => String((x as { feature?: { name?: unknown } })?.feature?.name ?? '')) : undefined), prev?.features) ?? [];
  for (const f of fi) if (!features(t).has(f)) throw E.invalidInput(`featureInstances: feature ${f} does not exist`);
  const category = pick('resourceCategory', str, prev?.resourceCategory) ?? 'CATEGORY_UNKNOWN';
  if (!CATEGORIES.includes(category)) throw E.invalidInput('resourceCategory');
  return {
    id,
    resourceName,
    resourceEmail: prev?.resourceEmail ?? `c_1888${t.random.chars(22, 'abcdefghijklmnopqrstuv0123456789')}@resource.calendar.google.com`,
    resourceType: pick('resourceType', str, prev?.resourceType),
    resourceDescription: pick('resourceDescription', str, prev?.resourceDescription),
    userVisibleDescription: pick('userVisibleDescription', str, prev?.userVisibleDescription),
    resourceCategory: category as CalendarResourceRec['resourceCategory'],
    buildingId,
    floorName,
    floorSection: pick('floorSection', str, prev?.floorSection),
    capacity,
    features: [...new Set(fi)],
  };
}

/** "Building-Floor-Name (capacity) [features]", the read-only name Google derives from a room's metadata. */
export function generatedName(t: Tenant, r: CalendarResourceRec): string {
  const b = r.buildingId ? buildings(t).get(r.buildingId) : undefined;
  const head = [b?.buildingName, r.floorName, r.floorSection, r.resourceName].filter(Boolean).join('-');
  return `${head}${r.capacity !== undefined ? ` (${r.capacity})` : ''}${r.features.length ? ` [${r.features.join(', ')}]` : ''}`;
}

/** Renames a feature everywhere rooms use it. */
export function renameFeature(t: Tenant, oldName: string, newName: unknown): FeatureRec {
  if (!features(t).has(oldName)) throw E.resourceNotFound('oldName');
  if (typeof newName !== 'string' || !newName.trim()) throw missing('newName');
  if (newName !== oldName && features(t).has(newName)) throw E.entityExists();
  const keys = features(t).values().map((f) => (f.id === oldName ? { id: newName } : f));
  features(t).clear();
  for (const f of keys) features(t).put(f);
  for (const r of calendarResources(t).filter((x) => x.features.includes(oldName))) calendarResources(t).put({ ...r, features: r.features.map((f) => (f === oldName ? newName : f)) });
  return features(t).get(newName)!;
}

export function deleteFeature(t: Tenant, name: string): void {
  if (calendarResources(t).find((r) => r.features.includes(name))) throw googleError('admin', { code: 400, message: 'Feature is in use by calendar resources.', reason: 'invalid' });
  features(t).delete(name);
}

/**
 * The calendars.list query language: `field op value` clauses joined by AND, each
 * optionally under NOT; `=` exact, `!=` differs, `:` prefix (value ends in `*`) or
 * "has" for features, and comparisons for capacity.
 */
const QUERY_FIELDS = new Set(['name', 'resourceName', 'generatedResourceName', 'buildingId', 'floor_name', 'floorName', 'capacity', 'featureInstances.feature.name', 'resourceEmail', 'resourceCategory', 'resourceType']);

export function resourceMatcher(t: Tenant, query: string): (r: CalendarResourceRec) => boolean {
  const clauses = query.split(/\s+AND\s+/).filter((c) => c.trim()).map((raw) => {
    let c = raw.trim();
    const not = /^NOT\s+/.test(c);
    if (not) c = c.replace(/^NOT\s+/, '');
    const m = /^([A-Za-z_.]+)\s*(!=|>=|<=|=|:|>|<)\s*(.+)$/.exec(c);
    if (!m) throw E.invalidInput(query);
    const [, field, op, rawValue] = m;
    if (!QUERY_FIELDS.has(field)) throw E.invalidInput(query);
    const value = rawValue.replace(/^"(.*)"$/, '$1');
    const get = (r: CalendarResourceRec): unknown[] => {
      switch (field) {
        case 'name': case 'resourceName': return [r.resourceName];
        case 'generatedResourceName': return [generatedName(t, r)];
        case 'buildingId': return [r.buildingId];
        case 'floor_name': case 'floorName': return [r.floorName];
        case 'capacity': return [r.capacity];
        case 'featureInstances.feature.name': return r.features;
        case 'resourceEmail': return [r.resourceEmail];
        case 'resourceCategory': return [r.resourceCategory];
        case 'resourceType': return [r.resourceType];
        default: throw E.invalidInput(query);
      }
    };
    const test = (v: unknown): boolean => {
      if (v === undefined) return false;
      if (op === ':') return value.endsWith('*') ? String(v).startsWith(value.slice(0, -1)) : String(v) === value;
      if (op === '=') return String(v) === value;
      if (op === '!=') return String(v) !== value;
      const n = Number(v);
      const x = Number(value);
      return op === '>' ? n > x : op === '<' ? n < x : op === '>=' ? n >= x : n <= x;
    };
    return (r: CalendarResourceRec) => get(r).some(test) !== not;
  });
  return (r) => clauses.every((c) => c(r));
}
