// The Devices API: listing and searching devices, their lifecycle, and the users who enrolled them.
import type { OpContext } from '../../../src/core/handler.js';
import { devices, ensureDevices, remove, requireDevice, transition, type DeviceDoc } from '../model/devices.js';
import { evaluate, parseOrReject } from '../model/query.js';
import { page } from '../present/paging.js';
import { presentUser } from '../present/users.js';
import { users } from '../store.js';
import { AUTHENTICATORS } from './authenticators.js';
import { noContent, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

const hint = (href: string) => ({ href, hints: { allow: ['POST'] } });

/**
 * A device as Okta shows it. A DEACTIVATED device offers only `activate` and a self link that allows GET and DELETE
 * (no `users`, no separate `delete`); live python and Terraform recordings of /api/v1/devices show this for lists and reads.
 */
function present(ctx: OpContext, d: DeviceDoc, expandUsers = false) {
  const self = `${ctx.baseUrl}/api/v1/devices/${d.id}`;
  const links: Record<string, unknown> =
    d.status === 'DEACTIVATED'
      ? { activate: hint(`${self}/lifecycle/activate`), self: { href: self, hints: { allow: ['GET', 'DELETE'] } } }
      : {
          self: { href: self, hints: { allow: ['GET', 'PATCH', 'PUT'] } }, users: { href: `${self}/users`, hints: { allow: ['GET'] } },
          ...(d.status === 'ACTIVE' ? { suspend: hint(`${self}/lifecycle/suspend`) } : { unsuspend: hint(`${self}/lifecycle/unsuspend`) }),
          deactivate: hint(`${self}/lifecycle/deactivate`),
        };
  const body: Record<string, unknown> = {
    id: d.id, status: d.status, created: d.created, lastUpdated: d.lastUpdated, profile: structuredClone(d.profile),
    resourceId: d.id, resourceDisplayName: { value: d.profile.displayName, sensitive: false }, resourceAlternateId: null, resourceType: 'UDDevice',
    _links: links,
  };
  if (expandUsers) body._embedded = { users: deviceUsers(ctx, d) };
  return body;
}

/**
 * A read of one device also names the authenticator it was registered through (`_embedded.originatedFrom`, in the live
 * python and Terraform recordings of GET /api/v1/devices/{id}; lists leave it out). The twin's devices come from Okta Verify.
 */
function presentOne(ctx: OpContext, d: DeviceDoc) {
  const body = present(ctx, d);
  const verify = ctx.tenant.collection(AUTHENTICATORS).find((a) => a.key === 'okta_verify');
  if (verify) body._embedded = { originatedFrom: [{ id: verify.id, name: verify.name, key: verify.key }] };
  return body;
}

function deviceUsers(ctx: OpContext, d: DeviceDoc) {
  return d.userIds.map((id) => users(ctx.tenant).get(id)).filter((u) => !!u).map((u) => ({
    created: d.enrolled[u.id] ?? d.created, managementStatus: 'NOT_MANAGED', screenLockType: 'BIOMETRIC', user: presentUser(ctx, u),
  }));
}

const lifecycle = (action: 'activate' | 'deactivate' | 'suspend' | 'unsuspend') => (ctx: OpContext<{ deviceId: string }>) => {
  transition(ctx.tenant, requireDevice(ctx.tenant, ctx.params.deviceId), action);
  return noContent();
};

export const deviceHandlers = {
  listDevices: (ctx) => {
    ensureDevices(ctx.tenant);
    const q = ctx.query as Record<string, unknown>;
    let list = devices(ctx.tenant).values();
    if (typeof q.search === 'string' && q.search) {
      const e = parseOrReject(q.search);
      list = list.filter((d) => evaluate(e, d));
    }
    const expand = String(q.expand ?? '').split(',').some((x) => x === 'user' || x === 'userSummary');
    return page(ctx, list, { defaultLimit: 200, maxLimit: 200, present: (d: DeviceDoc) => present(ctx, d, expand) });
  },
  getDevice: (ctx) => ({ status: 200, body: presentOne(ctx, requireDevice(ctx.tenant, ctx.params.deviceId)) }),
  deleteDevice: (ctx) => {
    remove(ctx.tenant, requireDevice(ctx.tenant, ctx.params.deviceId));
    return noContent();
  },
  activateDevice: lifecycle('activate'),
  deactivateDevice: lifecycle('deactivate'),
  suspendDevice: lifecycle('suspend'),
  unsuspendDevice: lifecycle('unsuspend'),
  listDeviceUsers: (ctx) => ({ status: 200, body: deviceUsers(ctx, requireDevice(ctx.tenant, ctx.params.deviceId)) }),
  listUserDevices: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    ensureDevices(ctx.tenant);
    const list = devices(ctx.tenant).filter((d) => d.userIds.includes(u.id));
    return { status: 200, body: list.map((d) => ({ created: d.enrolled[u.id] ?? d.created, device: present(ctx, d), deviceUserId: u.id })) };
  },
} satisfies Handlers;
