/** Mobile and ChromeOS devices: enrollment records, admin actions and their lifecycles, OU placement, and remote commands. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { K } from '../../store.js';
import { byKey as orgUnitByKey, type OrgUnit } from './orgunits.js';

export interface MobileDeviceRec extends Doc {
  deviceId: string;
  email: string[];
  name: string[];
  model: string;
  os: string;
  type: 'ANDROID' | 'IOS_SYNC' | 'GOOGLE_SYNC';
  status: string;
  serialNumber: string;
  imei?: string;
  firstSync: string;
  lastSync: string;
  userAgent?: string;
  applications?: Array<Record<string, unknown>>;
}

export interface ChromeDeviceRec extends Doc {
  serialNumber: string;
  status: string;
  model: string;
  osVersion: string;
  platformVersion: string;
  firmwareVersion: string;
  macAddress: string;
  orgUnitPath: string;
  lastSync: string;
  lastEnrollmentTime: string;
  annotatedUser?: string;
  annotatedLocation?: string;
  annotatedAssetId?: string;
  notes?: string;
  recentUsers: Array<{ type: string; email: string }>;
  deprovisionReason?: string;
  lastDeprovisionTimestamp?: string;
}

export interface DeviceCommandRec extends Doc {
  deviceId: string;
  type: string;
  state: string;
  issueTime: string;
  commandExpireTime: string;
  payload?: string;
}

export const mobileDevices = (t: Tenant) => t.collection<MobileDeviceRec>(K.mobileDevices);
export const chromeDevices = (t: Tenant) => t.collection<ChromeDeviceRec>(K.chromeDevices);
export const deviceCommands = (t: Tenant) => t.collection<DeviceCommandRec>(K.deviceCommands);

/** Mobile device actions and the status each leaves the device in (mobiledevices.action reference). */
const MOBILE_ACTIONS: Record<string, string> = {
  approve: 'APPROVED',
  block: 'BLOCKED',
  admin_remote_wipe: 'WIPING',
  admin_account_wipe: 'ACCOUNT_WIPING',
  cancel_remote_wipe_then_activate: 'APPROVED',
  cancel_remote_wipe_then_block: 'BLOCKED',
};

export function mobileAction(t: Tenant, d: MobileDeviceRec, action: unknown): void {
  const status = typeof action === 'string' ? MOBILE_ACTIONS[action] : undefined;
  if (!status) throw E.invalidInput('action');
  if (String(action).startsWith('cancel_remote_wipe') && d.status !== 'WIPING' && d.status !== 'ACCOUNT_WIPING') throw googleError('admin', { code: 400, message: 'No wipe is pending on this device.', reason: 'invalid' });
  mobileDevices(t).put({ ...d, status });
}

/** The action takes the short lowercase reasons (ChromeOsDeviceAction); the device reports them as the enum. */
const SHORT_REASONS = new Set(['same_model_replacement', 'different_model_replacement', 'retiring_device', 'upgrade_transfer']);
const DEPROVISION_REASONS = new Set(['DEPROVISION_REASON_SAME_MODEL_REPLACEMENT', 'DEPROVISION_REASON_UPGRADE', 'DEPROVISION_REASON_DOMAIN_MOVE', 'DEPROVISION_REASON_SERVICE_EXPIRATION', 'DEPROVISION_REASON_OTHER', 'DEPROVISION_REASON_DIFFERENT_MODEL_REPLACEMENT', 'DEPROVISION_REASON_RETIRING_DEVICE', 'DEPROVISION_REASON_UPGRADE_TRANSFER', 'DEPROVISION_REASON_NOT_REQUIRED', 'DEPROVISION_REASON_REPAIR_CENTER']);

/**
 * ChromeOS status changes: disable/reenable toggle an enrolled device,
 * deprovision (with a reason) is final; a deprovisioned device takes no other action.
 */
export function chromeAction(t: Tenant, d: ChromeDeviceRec, action: string, reason: unknown, now: string): ChromeDeviceRec {
  if (d.status === 'DEPROVISIONED') throw googleError('admin', { code: 400, message: 'Illegal device state transition.', reason: 'conditionNotMet' });
  let next: ChromeDeviceRec;
  switch (action) {
    case 'disable':
      if (d.status !== 'ACTIVE') throw googleError('admin', { code: 400, message: 'Illegal device state transition.', reason: 'conditionNotMet' });
      next = { ...d, status: 'DISABLED' };
      break;
    case 'reenable':
      if (d.status !== 'DISABLED') throw googleError('admin', { code: 400, message: 'Illegal device state transition.', reason: 'conditionNotMet' });
      next = { ...d, status: 'ACTIVE' };
      break;
    case 'deprovision':
      if (typeof reason !== 'string' || !(DEPROVISION_REASONS.has(reason) || SHORT_REASONS.has(reason))) throw E.invalidInput('deprovisionReason');
      next = { ...d, status: 'DEPROVISIONED', deprovisionReason: SHORT_REASONS.has(reason) ? `DEPROVISION_REASON_${reason.toUpperCase()}` : reason, lastDeprovisionTimestamp: now };
      break;
    default:
      throw E.invalidInput('action');
  }
  return chromeDevices(t).put(next);
}

/** The unit a request names by path or by id; unknown units are invalid input. */
export function orgUnitOf(t: Tenant, path: unknown, id?: unknown): OrgUnit {
  const ou = typeof id === 'string' && id ? orgUnitByKey(t, `id:${id.replace(/^id:/, '')}`) : typeof path === 'string' && path ? orgUnitByKey(t, path) : undefined;
  if (!ou) throw E.invalidInput('orgUnitPath');
  return ou;
}

/** Annotations and placement an admin may change on a ChromeOS device. */
export function changeChromeDevice(t: Tenant, d: ChromeDeviceRec, body: Record<string, unknown>, replace: boolean): ChromeDeviceRec {
  const next = { ...d };
  for (const k of ['annotatedUser', 'annotatedLocation', 'annotatedAssetId', 'notes'] as const) {
    if (typeof body[k] === 'string') next[k] = body[k] as string;
    else if (replace) delete next[k];
  }
  if (body.orgUnitPath !== undefined || body.orgUnitId !== undefined) next.orgUnitPath = orgUnitOf(t, body.orgUnitPath, body.orgUnitId).orgUnitPath;
  return chromeDevices(t).put(next);
}

/** Commands need an active device; they wait PENDING until the device picks them up, and expire after a day. */
export function issueCommand(t: Tenant, d: ChromeDeviceRec, type: unknown, payload: unknown, now: Date): DeviceCommandRec {
  const TYPES = ['REBOOT', 'TAKE_A_SCREENSHOT', 'SET_VOLUME', 'WIPE_USERS', 'REMOTE_POWERWASH', 'DEVICE_START_CRD_SESSION', 'CAPTURE_LOGS', 'FETCH_SUPPORT_PACKET'];
  if (typeof type !== 'string' || !TYPES.includes(type)) throw E.invalidInput('commandType');
  if (type === 'SET_VOLUME') {
    const volume = (() => {
      try {
        return (JSON.parse(String(payload)) as { volume?: unknown }).volume;
      } catch {
        return undefined;
      }
    })();
    if (!Number.isInteger(volume) || (volume as number) < 0 || (volume as number) > 100) throw E.invalidInput('payload');
  }
  if (d.status !== 'ACTIVE') throw googleError('admin', { code: 400, message: 'Device is not active.', reason: 'conditionNotMet' });
  return deviceCommands(t).put({
    id: t.random.digits(12),
    deviceId: d.id,
    type,
    state: 'PENDING',
    issueTime: now.toISOString(),
    commandExpireTime: new Date(now.getTime() + 86_400_000).toISOString(),
    ...(typeof payload === 'string' ? { payload } : {}),
  });
}

/** A command's state as of now: a pending command past its expiry has expired. */
export function commandState(c: DeviceCommandRec, now: Date): string {
  return c.state === 'PENDING' && Date.parse(c.commandExpireTime) <= now.getTime() ? 'EXPIRED' : c.state;
}

/** The device search language, prefix-matching `field:value` clauses (user:, location:, asset_id:, note:, status:, id:/sn:, model:), or a bare word anywhere. */
export function chromeMatcher(query: string): (d: ChromeDeviceRec) => boolean {
  const words = query.match(/(?:[a-z_]+:)?(?:"[^"]*"|\S+)/gi) ?? [];
  const clauses = words.map((w) => {
    const m = /^([a-z_]+):(.*)$/i.exec(w);
    const value = (m ? m[2] : w).replace(/^"(.*)"$/, '$1').toLowerCase();
    const has = (s?: string) => (s ?? '').toLowerCase().startsWith(value) || (s ?? '').toLowerCase().split(/\s+/).some((x) => x.startsWith(value));
    if (!m) return (d: ChromeDeviceRec) => [d.annotatedUser, d.annotatedLocation, d.annotatedAssetId, d.notes, d.serialNumber, d.model].some(has);
    switch (m[1].toLowerCase()) {
      case 'user': return (d: ChromeDeviceRec) => has(d.annotatedUser) || d.recentUsers.some((u) => has(u.email));
      case 'location': return (d: ChromeDeviceRec) => has(d.annotatedLocation);
      case 'asset_id': return (d: ChromeDeviceRec) => has(d.annotatedAssetId);
      case 'note': return (d: ChromeDeviceRec) => has(d.notes);
      case 'status': return (d: ChromeDeviceRec) => d.status.toLowerCase() === value;
      case 'id': case 'sn': return (d: ChromeDeviceRec) => has(d.serialNumber);
      case 'model': return (d: ChromeDeviceRec) => has(d.model);
      default: throw E.invalidInput(query);
    }
  });
  return (d) => clauses.every((c) => c(d));
}

/** The mobile search language: email:, model:, os:, status:, type:, name:, serial: prefixes, or a bare word. */
export function mobileMatcher(query: string): (d: MobileDeviceRec) => boolean {
  const words = query.match(/(?:[a-z_]+:)?(?:"[^"]*"|\S+)/gi) ?? [];
  const clauses = words.map((w) => {
    const m = /^([a-z_]+):(.*)$/i.exec(w);
    const value = (m ? m[2] : w).replace(/^"(.*)"$/, '$1').toLowerCase();
    const has = (s?: string) => (s ?? '').toLowerCase().startsWith(value);
    const fields: Record<string, (d: MobileDeviceRec) => Array<string | undefined>> = {
      email: (d) => d.email, name: (d) => d.name, model: (d) => [d.model], os: (d) => [d.os], status: (d) => [d.status], type: (d) => [d.type], serial: (d) => [d.serialNumber],
    };
    if (!m) return (d: MobileDeviceRec) => Object.values(fields).some((f) => f(d).some(has));
    const f = fields[m[1].toLowerCase()];
    if (!f) throw E.invalidInput(query);
    return (d: MobileDeviceRec) => f(d).some(has);
  });
  return (d) => clauses.every((c) => c(d));
}
