/** Directory's MobileDevice, ChromeOsDevice and ChromeOS command resources as callers see them (BASIC or FULL projection). */
import type { Tenant } from '../../../../src/core/tenant.js';
import { byKey as orgUnitByKey } from '../model/orgunits.js';
import { commandState, type ChromeDeviceRec, type DeviceCommandRec, type MobileDeviceRec } from '../model/devices.js';
import { withEtag } from './common.js';

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function presentMobileDevice(d: MobileDeviceRec, full: boolean): Record<string, unknown> {
  return withEtag(
    defined({
      kind: 'admin#directory#mobiledevice',
      resourceId: d.id,
      deviceId: d.deviceId,
      name: d.name,
      email: d.email,
      model: d.model,
      os: d.os,
      type: d.type,
      status: d.status,
      serialNumber: d.serialNumber,
      imei: d.imei,
      firstSync: d.firstSync,
      lastSync: d.lastSync,
      userAgent: d.userAgent,
      ...(full ? { applications: d.applications ?? [] } : {}),
    }),
  );
}

export function presentChromeDevice(t: Tenant, d: ChromeDeviceRec, full: boolean): Record<string, unknown> {
  return withEtag(
    defined({
      kind: 'admin#directory#chromeosdevice',
      deviceId: d.id,
      serialNumber: d.serialNumber,
      status: d.status,
      lastSync: d.lastSync,
      annotatedUser: d.annotatedUser,
      annotatedLocation: d.annotatedLocation,
      annotatedAssetId: d.annotatedAssetId,
      notes: d.notes,
      model: d.model,
      osVersion: d.osVersion,
      platformVersion: d.platformVersion,
      firmwareVersion: d.firmwareVersion,
      macAddress: d.macAddress,
      bootMode: 'Verified',
      lastEnrollmentTime: d.lastEnrollmentTime,
      orgUnitPath: d.orgUnitPath,
      orgUnitId: orgUnitByKey(t, d.orgUnitPath)?.id.replace(/^id:/, ''),
      deprovisionReason: d.deprovisionReason,
      lastDeprovisionTimestamp: d.lastDeprovisionTimestamp,
      ...(full ? { recentUsers: d.recentUsers } : {}),
    }),
  );
}

export function presentCommand(c: DeviceCommandRec, now: Date): Record<string, unknown> {
  return defined({ commandId: c.id, type: c.type, issueTime: c.issueTime, state: commandState(c, now), commandExpireTime: c.commandExpireTime, payload: c.payload });
}
