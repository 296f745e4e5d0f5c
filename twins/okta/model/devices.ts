// Devices registered through Okta Verify: their lifecycle (ACTIVE, SUSPENDED, DEACTIVATED) and their users.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith } from '../errors.js';
import { oktaId, users } from '../store.js';
import { orgMeta } from './org.js';

export type DeviceStatus = 'ACTIVE' | 'SUSPENDED' | 'DEACTIVATED';
export interface DeviceDoc extends Doc {
  status: DeviceStatus;
  created: string;
  lastUpdated: string;
  profile: Record<string, unknown> & { displayName: string; platform: string };
  userIds: string[];
  enrolled: Record<string, string>;
}

export const devices = (t: Tenant) => t.collection<DeviceDoc>('/api/v1/devices');

/** The admin's laptop and phone, registered with Okta Verify: what a fresh org with one admin shows. */
export function ensureDevices(t: Tenant): void {
  t.meta('okta:devices', () => {
    const admin = orgMeta(t)?.adminUserId;
    const now = t.now().toISOString();
    const owners = admin && users(t).has(admin) ? [admin] : [];
    const mk = (profile: DeviceDoc['profile']) =>
      devices(t).put({ id: oktaId(t, 'guo'), status: 'ACTIVE', created: now, lastUpdated: now, profile, userIds: owners, enrolled: Object.fromEntries(owners.map((u) => [u, now])) });
    mk({ displayName: 'MacBook Pro', platform: 'MACOS', manufacturer: 'APPLE', model: 'MacBookPro18,3', osVersion: '14.5.0', serialNumber: t.random.chars(12, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'), udid: t.random.uuid().toUpperCase(), registered: true, secureHardwarePresent: true, diskEncryptionType: 'ALL_INTERNAL_VOLUMES' });
    // An iPhone registered with Okta Verify carries the app's key and no disk encryption type (live python recordings of iOS devices).
    mk({ displayName: 'iPhone', platform: 'IOS', manufacturer: 'APPLE', model: 'iPhone15,2', osVersion: '17.5.1', udid: t.random.uuid().toUpperCase(), registered: true, secureHardwarePresent: true, authenticatorAppKey: t.random.uuid().toUpperCase() });
    return true;
  });
}

export function requireDevice(t: Tenant, id: string): DeviceDoc {
  ensureDevices(t);
  const d = devices(t).get(id);
  if (!d) throw notFound(id, 'Device');
  return d;
}

/** Okta's device lifecycle: which status each transition needs and leaves (Devices API lifecycle operations). */
const TRANSITIONS: Record<string, { from: DeviceStatus[]; to: DeviceStatus }> = {
  activate: { from: ['DEACTIVATED'], to: 'ACTIVE' },
  deactivate: { from: ['ACTIVE', 'SUSPENDED'], to: 'DEACTIVATED' },
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED' },
  unsuspend: { from: ['SUSPENDED'], to: 'ACTIVE' },
};

export function transition(t: Tenant, d: DeviceDoc, action: keyof typeof TRANSITIONS): DeviceDoc {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(d.status)) {
    throw oktaErrorWith('E0000001', ['status'], { causes: [`status: The device cannot be moved to ${rule.to} from ${d.status}.`] });
  }
  return devices(t).patch(d.id, { status: rule.to, lastUpdated: t.now().toISOString() })!;
}

/** Only a DEACTIVATED device can be deleted. */
export function remove(t: Tenant, d: DeviceDoc): void {
  if (d.status !== 'DEACTIVATED') throw oktaErrorWith('E0000001', ['status'], { causes: ['status: The device must be deactivated before it can be deleted.'] });
  devices(t).delete(d.id);
}
