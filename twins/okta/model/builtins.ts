// What every Okta org is made with besides users and groups: the built-in apps and their sign-in policies, system zones, the default realm.
import type { Tenant } from '../../../src/core/tenant.js';
import { KEYS, apps, oktaId, type AppDoc } from '../store.js';
import { defaultRealmId } from './org.js';
import { cloneSigningKey, orgAppKey } from './signing-keys.js';
import { ensureSystemPolicies, putPolicy } from './system-policies.js';

/**
 * Okta's own apps, each with an app sign-in policy named after it (terraform cassettes, listApplications and
 * listPolicies?type=ACCESS_POLICY on fresh orgs): the Admin Console (`saasure`), the end-user Dashboard and the Browser Plugin.
 */
const BUILT_IN_APPS: Array<{ name: string; label: string; appLinks: Record<string, boolean>; emOptInStatus: string }> = [
  { name: 'saasure', label: 'Okta Admin Console', appLinks: { admin: true }, emOptInStatus: 'ENABLED' },
  { name: 'okta_enduser', label: 'Okta Dashboard', appLinks: {}, emOptInStatus: 'NONE' },
  { name: 'okta_browser_plugin', label: 'Okta Browser Plugin', appLinks: {}, emOptInStatus: 'NONE' },
];

/** The IP and dynamic zones Okta creates with an org (okta-sdk-python cassette test_list_network_zones; Network Zones API). */
const SYSTEM_ZONES: Array<Record<string, unknown>> = [
  { type: 'IP', name: 'LegacyIpZone', usage: 'POLICY', gateways: null, proxies: null },
  { type: 'IP', name: 'BlockedIpZone', usage: 'BLOCKLIST', gateways: null, proxies: null },
  { type: 'IP', name: 'DefaultExemptIpZone', usage: 'POLICY', gateways: null, proxies: null },
  { type: 'DYNAMIC_V2', name: 'DefaultEnhancedDynamicZone', usage: 'BLOCKLIST', ipServiceCategories: { include: ['ALL_ANONYMIZERS'], exclude: [] }, locations: { include: [], exclude: [] }, asns: { include: [], exclude: [] } },
];

/** Whether an app is one of Okta's own (its sign-in policy is its alone: Okta refuses to assign it to another app). */
export const isBuiltInApp = (a: { name?: unknown }): boolean => BUILT_IN_APPS.some((b) => b.name === a.name);

function seedBuiltInApps(tenant: Tenant): void {
  const now = tenant.now().toISOString();
  // The three apps sign with the org's app key (they share a kid in every recorded org).
  const orgKey = orgAppKey(tenant);
  for (const b of BUILT_IN_APPS) {
    const id = oktaId(tenant, '0oa');
    cloneSigningKey(tenant, orgKey, `${KEYS.apps}/${id}`);
    const accessPolicyId = putPolicy(tenant, { type: 'ACCESS_POLICY', name: b.label, system: false, resourceType: 'APP' }, {
      name: 'Catch-all Rule', priority: 99, system: true, conditions: null,
      actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '1FA', type: 'ASSURANCE', reauthenticateIn: 'PT12H' }, keepMeSignedIn: { postAuth: 'NOT_ALLOWED' } } },
    });
    apps(tenant).put({
      id, name: b.name, label: b.label, status: 'ACTIVE', lastUpdated: now, created: now,
      accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
      visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: b.appLinks },
      features: [], signOnMode: 'OPENID_CONNECT',
      credentials: { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, signing: { kid: orgKey.kid } },
      universalLogout: { status: 'UNSUPPORTED' },
      settings: { app: {}, notifications: { vpn: { network: { connection: 'DISABLED' }, message: null, helpUrl: null } }, manualProvisioning: false, implicitAssignment: false, emOptInStatus: b.emOptInStatus },
      accessPolicyId,
    } as AppDoc);
  }
}

function seedSystemZones(tenant: Tenant): void {
  const now = tenant.now().toISOString();
  const zones = tenant.collection('/api/v1/zones');
  for (const z of SYSTEM_ZONES) zones.put({ ...structuredClone(z), id: oktaId(tenant, 'nzo'), status: 'ACTIVE', created: now, lastUpdated: now, system: true });
}

/** Everything above, in the order a new org gets it (app policies list before the default one). */
export function seedOrgBuiltIns(tenant: Tenant, everyoneGroupId: string): void {
  defaultRealmId(tenant);
  seedBuiltInApps(tenant);
  ensureSystemPolicies(tenant, everyoneGroupId);
  // The policy behind authenticator enrollment, password reset and unlock.
  putPolicy(tenant, {
    type: 'ACCESS_POLICY', name: 'Okta Account Management Policy', system: false, resourceType: 'END_USER_ACCOUNT_MANAGEMENT',
    description: 'This policy defines how users must authenticate for authenticator enrollment, password reset, or unlock account. Password policy rules control whether to enforce this policy for password reset and unlock account.',
  });
  seedSystemZones(tenant);
}
