// Org-wide settings documents (rate-limit notifications, per-client limits, Desktop MFA, lockout, personal apps): stored per tenant with a new org's defaults.
import type { Tenant } from '../../../src/core/tenant.js';

/** A new org's value of each settings document, by name (terraform cassettes where recorded, else the vendor's documented default). */
export const SETTING_DEFAULTS: Record<string, Record<string, unknown>> = {
  rateLimitAdminNotifications: { notificationsEnabled: false },
  rateLimitPerClient: { defaultMode: 'ENFORCE' },
  rateLimitWarningThreshold: { warningThreshold: 90 },
  desktopMfaNumberMatching: { desktopMFAEnforceNumberMatchingChallengeEnabled: false },
  desktopMfaRecoveryPin: { desktopMFARecoveryPinEnabled: false },
  userLockout: { preventBruteForceLockoutFromUnknownDevices: false },
  autoAssignAdminApp: { autoAssignAdminAppSetting: true },
  personalAppsBlockList: { domains: [] },
  personalAdminFeatures: { enableExportApps: true, enableEnduserEntryPoints: true },
  orgCaptcha: { captchaId: null, enabledPages: [] },
};

export type SettingName = keyof typeof SETTING_DEFAULTS;

export function readSetting(t: Tenant, name: SettingName): Record<string, unknown> {
  return structuredClone(t.meta<Record<string, unknown>>(`okta:setting:${name}`, () => structuredClone(SETTING_DEFAULTS[name])));
}

/** Replaces a settings document with the fields it knows, keeping the defaults for what the body leaves out. */
export function writeSetting(t: Tenant, name: SettingName, body: Record<string, unknown>): Record<string, unknown> {
  const known = Object.keys(SETTING_DEFAULTS[name]);
  const next = { ...SETTING_DEFAULTS[name], ...Object.fromEntries(Object.entries(body).filter(([k]) => known.includes(k) || name === 'rateLimitPerClient')) };
  t.setMeta(`okta:setting:${name}`, next);
  return structuredClone(next);
}

export function resetSetting(t: Tenant, name: SettingName): void {
  t.setMeta(`okta:setting:${name}`, structuredClone(SETTING_DEFAULTS[name]));
}
