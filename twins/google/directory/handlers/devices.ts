/** Admin Directory v1 mobile and ChromeOS devices: list/search, get, actions, annotations, OU moves, counts and remote commands. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { checkCustomer, requireAdmin } from '../model/directory.js';
import {
  changeChromeDevice, chromeAction, chromeDevices, chromeMatcher, deviceCommands, issueCommand, mobileAction, mobileDevices, mobileMatcher, orgUnitOf,
  type ChromeDeviceRec, type MobileDeviceRec,
} from '../model/devices.js';
import { jsonObject, str } from '../../request.js';
import { listBody } from '../present/common.js';
import { presentChromeDevice, presentCommand, presentMobileDevice } from '../present/devices.js';
import { paginate } from './common.js';

function guard(ctx: OpContext): void {
  requireAdmin(ctx);
  checkCustomer(ctx.tenant, ctx.params.customerId);
}

const full = (ctx: OpContext) => ctx.query.projection === 'FULL';

function sorter<T>(fields: Record<string, (d: T) => string>, orderBy: unknown, sortOrder: unknown): (a: T, b: T) => number {
  if (orderBy === undefined) return () => 0;
  const key = fields[String(orderBy)];
  if (!key) throw E.invalidInput('orderBy');
  const sign = String(sortOrder).toUpperCase() === 'DESCENDING' ? -1 : 1;
  return (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * sign;
}

function loadMobile(ctx: OpContext): MobileDeviceRec {
  guard(ctx);
  const d = mobileDevices(ctx.tenant).get(ctx.params.resourceId);
  if (!d) throw E.resourceNotFound('resourceId');
  return d;
}

function loadChrome(ctx: OpContext, id = ctx.params.deviceId): ChromeDeviceRec {
  guard(ctx);
  const d = chromeDevices(ctx.tenant).get(id);
  if (!d) throw E.resourceNotFound(ctx.params.deviceId ? 'deviceId' : 'resourceId');
  return d;
}

const MOBILE_ORDER: Record<string, (d: MobileDeviceRec) => string> = {
  deviceId: (d) => d.deviceId, email: (d) => d.email[0] ?? '', lastSync: (d) => d.lastSync, model: (d) => d.model, name: (d) => d.name[0] ?? '', os: (d) => d.os, status: (d) => d.status, type: (d) => d.type,
};
const CHROME_ORDER: Record<string, (d: ChromeDeviceRec) => string> = {
  annotatedLocation: (d) => d.annotatedLocation ?? '', annotatedUser: (d) => d.annotatedUser ?? '', lastSync: (d) => d.lastSync, notes: (d) => d.notes ?? '', serialNumber: (d) => d.serialNumber, status: (d) => d.status,
};

/** Devices in a unit (and, with includeChildOrgunits, below it). */
function inUnit(ctx: OpContext, path: unknown, children: unknown): (d: ChromeDeviceRec) => boolean {
  if (path === undefined || path === '') return () => true;
  const ou = orgUnitOf(ctx.tenant, path).orgUnitPath;
  const deep = children === true || children === 'true';
  return (d) => d.orgUnitPath === ou || (deep && (ou === '/' || d.orgUnitPath.startsWith(`${ou}/`)));
}

function listChrome(ctx: OpContext): Reply {
  guard(ctx);
  const q = ctx.query;
  const match = chromeMatcher(str(q.query) ?? '');
  const unit = inUnit(ctx, q.orgUnitPath, q.includeChildOrgunits);
  const all = chromeDevices(ctx.tenant).filter((d) => unit(d) && match(d)).sort(sorter(CHROME_ORDER, q.orderBy, q.sortOrder));
  const { items, next } = paginate(ctx, all, { dflt: 100, max: 300, key: ['chromeos', q.query, q.orgUnitPath, q.includeChildOrgunits, q.orderBy, q.sortOrder] });
  return { body: listBody('admin#directory#chromeosdevices', 'chromeosdevices', items.map((d) => presentChromeDevice(ctx.tenant, d, full(ctx))), next) };
}

function changeChrome(ctx: OpContext, replace: boolean): Reply {
  const d = loadChrome(ctx);
  return { body: presentChromeDevice(ctx.tenant, changeChromeDevice(ctx.tenant, d, jsonObject(ctx, 'admin'), replace), true) };
}

/** One result per device: a device that cannot change reports its own error and the others still change. */
function batchChangeStatus(ctx: OpContext): Reply {
  guard(ctx);
  const t = ctx.tenant;
  const body = jsonObject(ctx, 'admin');
  const ACTIONS: Record<string, string> = { CHANGE_CHROME_OS_DEVICE_STATUS_ACTION_DEPROVISION: 'deprovision', CHANGE_CHROME_OS_DEVICE_STATUS_ACTION_DISABLE: 'disable', CHANGE_CHROME_OS_DEVICE_STATUS_ACTION_REENABLE: 'reenable' };
  const action = ACTIONS[String(body.changeChromeOsDeviceStatusAction)];
  if (!action) throw E.invalidInput('changeChromeOsDeviceStatusAction');
  const ids = Array.isArray(body.deviceIds) ? body.deviceIds.map(String) : [];
  if (!ids.length || ids.length > 50) throw E.invalidInput('deviceIds');
  const results = ids.map((deviceId) => {
    const d = chromeDevices(t).get(deviceId);
    if (!d) return { deviceId, error: { code: 5, message: 'Device not found.' } };
    try {
      chromeAction(t, d, action, body.deprovisionReason, ctx.now().toISOString());
      return { deviceId, response: {} };
    } catch (e) {
      const err = (e as { body?: { error?: { message?: string } } }).body?.error;
      return { deviceId, error: { code: 9, message: err?.message ?? 'Failed.' } };
    }
  });
  return { body: { changeChromeOsDeviceStatusResults: results } };
}

export const adminDeviceHandlers = {
  'directory.mobiledevices.list': (ctx) => {
    guard(ctx);
    const q = ctx.query;
    const match = mobileMatcher(str(q.query) ?? '');
    const all = mobileDevices(ctx.tenant).filter(match).sort(sorter(MOBILE_ORDER, q.orderBy, q.sortOrder));
    const { items, next } = paginate(ctx, all, { dflt: 100, max: 100, key: ['mobile', q.query, q.orderBy, q.sortOrder] });
    return { body: listBody('admin#directory#mobiledevices', 'mobiledevices', items.map((d) => presentMobileDevice(d, full(ctx))), next) };
  },
  'directory.mobiledevices.get': (ctx) => ({ body: presentMobileDevice(loadMobile(ctx), full(ctx)) }),
  'directory.mobiledevices.action': (ctx) => {
    mobileAction(ctx.tenant, loadMobile(ctx), jsonObject(ctx, 'admin').action);
    return { status: 204 };
  },
  'directory.mobiledevices.delete': (ctx) => {
    mobileDevices(ctx.tenant).delete(loadMobile(ctx).id);
    return { status: 204 };
  },

  'directory.chromeosdevices.list': listChrome,
  'directory.chromeosdevices.get': (ctx) => ({ body: presentChromeDevice(ctx.tenant, loadChrome(ctx), full(ctx)) }),
  'directory.chromeosdevices.update': (ctx) => changeChrome(ctx, true),
  'directory.chromeosdevices.patch': (ctx) => changeChrome(ctx, false),
  'directory.chromeosdevices.action': (ctx) => {
    const d = loadChrome(ctx, ctx.params.resourceId);
    const body = jsonObject(ctx, 'admin');
    chromeAction(ctx.tenant, d, String(body.action ?? ''), body.deprovisionReason, ctx.now().toISOString());
    return { status: 204 };
  },
  'directory.chromeosdevices.moveDevicesToOu': (ctx) => {
    guard(ctx);
    const t = ctx.tenant;
    const ou = orgUnitOf(t, ctx.query.orgUnitPath);
    const ids = jsonObject(ctx, 'admin').deviceIds;
    if (!Array.isArray(ids) || !ids.length) throw E.invalidInput('deviceIds');
    const found = ids.map((id) => chromeDevices(t).get(String(id)));
    if (found.some((d) => !d)) throw E.invalidInput('deviceIds');
    for (const d of found) chromeDevices(t).put({ ...d!, orgUnitPath: ou.orgUnitPath });
    return { status: 204 };
  },
  'directory.customer.devices.chromeos.countChromeOsDevices': (ctx) => {
    guard(ctx);
    const q = ctx.query;
    const match = chromeMatcher(str(q.filter) ?? '');
    const unit = inUnit(ctx, q.orgUnitPath, q.includeChildOrgunits);
    return { body: { count: String(chromeDevices(ctx.tenant).filter((d) => unit(d) && match(d)).length) } };
  },
  'admin.customer.devices.chromeos.batchChangeStatus': batchChangeStatus,
  'admin.customer.devices.chromeos.issueCommand': (ctx) => {
    const d = loadChrome(ctx);
    const body = jsonObject(ctx, 'admin');
    const c = issueCommand(ctx.tenant, d, body.commandType, body.payload, ctx.now());
    return { body: { commandId: c.id } };
  },
  'admin.customer.devices.chromeos.commands.get': (ctx) => {
    const d = loadChrome(ctx);
    const c = deviceCommands(ctx.tenant).get(ctx.params.commandId);
    if (!c || c.deviceId !== d.id) throw E.resourceNotFound('commandId');
    return { body: presentCommand(c, ctx.now()) };
  },
} satisfies Handlers;
