/** Admin Directory v1 resources: calendar resources (rooms), buildings and features, with feature renames carried to rooms. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { checkCustomer, requireAdmin } from '../model/directory.js';
import {
  buildBuilding, buildCalendarResource, buildings, calendarResources, deleteBuilding, deleteFeature, features, renameFeature, resourceMatcher, saveBuilding,
  type BuildingRec, type CalendarResourceRec,
} from '../model/resources.js';
import { jsonObject, str } from '../../request.js';
import { listBody } from '../present/common.js';
import { presentBuilding, presentCalendarResource, presentFeature } from '../present/resources.js';
import { paginate } from './common.js';

function guard(ctx: OpContext): void {
  requireAdmin(ctx);
  checkCustomer(ctx.tenant, ctx.params.customer);
}

function loadBuilding(ctx: OpContext): BuildingRec {
  guard(ctx);
  const b = buildings(ctx.tenant).get(ctx.params.buildingId);
  if (!b) throw E.resourceNotFound('buildingId');
  return b;
}

function loadRoom(ctx: OpContext): CalendarResourceRec {
  guard(ctx);
  const r = calendarResources(ctx.tenant).get(ctx.params.calendarResourceId);
  if (!r) throw E.resourceNotFound('calendarResourceId');
  return r;
}

function changeBuilding(ctx: OpContext, replace: boolean): Reply {
  const prev = loadBuilding(ctx);
  return { body: presentBuilding(saveBuilding(ctx.tenant, buildBuilding(jsonObject(ctx, 'admin'), prev, replace))) };
}

function changeRoom(ctx: OpContext, replace: boolean): Reply {
  const prev = loadRoom(ctx);
  const r = calendarResources(ctx.tenant).put(buildCalendarResource(ctx.tenant, jsonObject(ctx, 'admin'), prev, replace));
  return { body: presentCalendarResource(ctx.tenant, r) };
}

const ORDER: Record<string, (r: CalendarResourceRec) => string | number> = {
  resourceId: (r) => r.id,
  resourceName: (r) => r.resourceName,
  capacity: (r) => r.capacity ?? -1,
  buildingId: (r) => r.buildingId ?? '',
  floorName: (r) => r.floorName ?? '',
};

/** `orderBy` is "field [asc|desc]" in a comma list, as the calendars.list reference describes. */
function listRooms(ctx: OpContext): Reply {
  guard(ctx);
  const t = ctx.tenant;
  const match = resourceMatcher(t, str(ctx.query.query) ?? '');
  const order = (str(ctx.query.orderBy) ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [field, dir] = s.split(/\s+/);
    if (!ORDER[field] || (dir && !/^(asc|desc)$/i.test(dir))) throw E.invalidInput(`orderBy ${s}`);
    return { key: ORDER[field], sign: dir?.toLowerCase() === 'desc' ? -1 : 1 };
  });
  const all = calendarResources(t).filter(match).sort((a, b) => {
    for (const o of order) {
      const x = o.key(a);
      const y = o.key(b);
      if (x !== y) return (x < y ? -1 : 1) * o.sign;
    }
    return 0;
  });
  const { items, next } = paginate(ctx, all, { dflt: 100, max: 500, key: ['rooms', ctx.query.query, ctx.query.orderBy] });
  return { body: listBody('admin#directory#resources#calendars#calendarResourcesList', 'items', items.map((r) => presentCalendarResource(t, r)), next) };
}

function loadFeature(ctx: OpContext): string {
  guard(ctx);
  const name = ctx.params.featureKey;
  if (!features(ctx.tenant).has(name)) throw E.resourceNotFound('featureKey');
  return name;
}

/** A feature's only field is its name, so update and patch with another name rename it. */
function changeFeature(ctx: OpContext): Reply {
  const name = loadFeature(ctx);
  const next = str(jsonObject(ctx, 'admin').name) ?? name;
  return { body: presentFeature(renameFeature(ctx.tenant, name, next)) };
}

export const adminResourceHandlers = {
  'directory.resources.buildings.list': (ctx) => {
    guard(ctx);
    const { items, next } = paginate(ctx, buildings(ctx.tenant).values(), { dflt: 100, max: 500, key: ['buildings'] });
    return { body: listBody('admin#directory#resources#buildings#buildingsList', 'buildings', items.map(presentBuilding), next) };
  },
  'directory.resources.buildings.get': (ctx) => ({ body: presentBuilding(loadBuilding(ctx)) }),
  'directory.resources.buildings.insert': (ctx) => {
    guard(ctx);
    const b = buildBuilding(jsonObject(ctx, 'admin'));
    if (buildings(ctx.tenant).has(b.id)) throw E.entityExists();
    return { body: presentBuilding(saveBuilding(ctx.tenant, b)) };
  },
  'directory.resources.buildings.update': (ctx) => changeBuilding(ctx, true),
  'directory.resources.buildings.patch': (ctx) => changeBuilding(ctx, false),
  'directory.resources.buildings.delete': (ctx) => {
    deleteBuilding(ctx.tenant, loadBuilding(ctx).id);
    return { status: 204 };
  },

  'directory.resources.calendars.list': listRooms,
  'directory.resources.calendars.get': (ctx) => ({ body: presentCalendarResource(ctx.tenant, loadRoom(ctx)) }),
  'directory.resources.calendars.insert': (ctx) => {
    guard(ctx);
    const body = jsonObject(ctx, 'admin');
    if (calendarResources(ctx.tenant).has(str(body.resourceId) ?? '')) throw E.entityExists();
    const r = calendarResources(ctx.tenant).put(buildCalendarResource(ctx.tenant, body));
    return { body: presentCalendarResource(ctx.tenant, r) };
  },
  'directory.resources.calendars.update': (ctx) => changeRoom(ctx, true),
  'directory.resources.calendars.patch': (ctx) => changeRoom(ctx, false),
  'directory.resources.calendars.delete': (ctx) => {
    calendarResources(ctx.tenant).delete(loadRoom(ctx).id);
    return { status: 204 };
  },

  'directory.resources.features.list': (ctx) => {
    guard(ctx);
    const { items, next } = paginate(ctx, features(ctx.tenant).values(), { dflt: 100, max: 500, key: ['features'] });
    return { body: listBody('admin#directory#resources#features#featuresList', 'features', items.map(presentFeature), next) };
  },
  'directory.resources.features.get': (ctx) => ({ body: presentFeature({ id: loadFeature(ctx) }) }),
  'directory.resources.features.insert': (ctx) => {
    guard(ctx);
    const name = str(jsonObject(ctx, 'admin').name)?.trim();
    if (!name) throw E.required('admin', 'name', 'Missing required field: name');
    if (features(ctx.tenant).has(name)) throw E.entityExists();
    return { body: presentFeature(features(ctx.tenant).put({ id: name })) };
  },
  'directory.resources.features.update': changeFeature,
  'directory.resources.features.patch': changeFeature,
  'directory.resources.features.rename': (ctx) => {
    guard(ctx);
    renameFeature(ctx.tenant, ctx.params.oldName, jsonObject(ctx, 'admin').newName);
    return { status: 204 };
  },
  'directory.resources.features.delete': (ctx) => {
    deleteFeature(ctx.tenant, loadFeature(ctx));
    return { status: 204 };
  },
} satisfies Handlers;
