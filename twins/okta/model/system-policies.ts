// The policies every org is made with: one system policy per type with its default rule, and the built-in apps' sign-in policies.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { KEYS, oktaId } from '../store.js';
import { BREACHED_PROTECTION_OFF } from './policy-settings-defaults.js';

/** The policy types Okta creates at org creation, and the type their rules carry (Policy API reference). */
export const RULE_TYPE: Record<string, string> = {
  OKTA_SIGN_ON: 'SIGN_ON',
  PASSWORD: 'PASSWORD',
  MFA_ENROLL: 'MFA_ENROLL',
  ACCESS_POLICY: 'ACCESS_POLICY',
  PROFILE_ENROLLMENT: 'PROFILE_ENROLLMENT',
  IDP_DISCOVERY: 'IDP_DISCOVERY',
  OAUTH_AUTHORIZATION_POLICY: 'RESOURCE_ACCESS',
  POST_AUTH_SESSION: 'POST_AUTH_SESSION',
  ENTITY_RISK: 'ENTITY_RISK',
  SESSION_VIOLATION_DETECTION: 'SESSION_VIOLATION_DETECTION',
  DEVICE_SIGNAL_COLLECTION: 'DEVICE_SIGNAL_COLLECTION',
};

/**
 * Okta ids the Identity Engine policy types (authentication, enrollment, post-auth, risk) `rst…` with `rul…`
 * rules, the classic types `00p…` with `0pr…` rules (terraform cassettes).
 */
const IDX_TYPES = new Set(['ACCESS_POLICY', 'PROFILE_ENROLLMENT', 'POST_AUTH_SESSION', 'ENTITY_RISK', 'SESSION_VIOLATION_DETECTION', 'DEVICE_SIGNAL_COLLECTION']);
export const policyPrefix = (type: string) => (IDX_TYPES.has(type) ? 'rst' : '00p');
export const rulePrefix = (type: string) => (IDX_TYPES.has(type) ? 'rul' : '0pr');

/** The default password policy's settings, matching the complexity the twin enforces. */
const PASSWORD_SETTINGS = {
  password: {
    complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, dictionary: { common: { exclude: false } }, excludeAttributes: [] },
    age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 4 },
    lockout: { maxAttempts: 10, autoUnlockMinutes: 0, userLockoutNotificationChannels: [], showLockoutFailures: false },
    breachedProtection: BREACHED_PROTECTION_OFF,
  },
  recovery: { factors: { recovery_question: { status: 'ACTIVE', properties: { complexity: { minLength: 4 } } }, okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } }, okta_sms: { status: 'INACTIVE' }, okta_call: { status: 'INACTIVE' } } },
  delegation: { options: { skipUnlock: false } },
};

const EVERYWHERE = { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } };

interface SystemPolicy {
  type: string;
  name: string;
  description: string;
  settings?: Record<string, unknown>;
  rule: { name: string; priority: number; conditions: Record<string, unknown> | null; actions: Record<string, unknown> };
  /** A modifiable rule Okta provisions beside the system one (it may be replaced, never created; Terraform updates it in place). */
  provisioned?: SystemPolicy['rule'];
}

/** Names, descriptions and default rules as a new org has them (terraform and okta-sdk-python cassettes, Policy API examples). */
const SYSTEM_POLICIES: SystemPolicy[] = [
  {
    type: 'OKTA_SIGN_ON', name: 'Default Policy', description: 'The default policy applies in all situations if no other policy applies.',
    rule: { name: 'Default Rule', priority: 1, conditions: { ...EVERYWHERE, authContext: { authType: 'ANY' } }, actions: { signon: { access: 'ALLOW', requireFactor: false, primaryFactor: 'PASSWORD_IDP_ANY_FACTOR', session: { usePersistentCookie: false, maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 0 } } } },
  },
  {
    type: 'PASSWORD', name: 'Default Policy', description: 'The default policy applies in all situations if no other policy applies.', settings: PASSWORD_SETTINGS,
    rule: { name: 'Default Rule', priority: 1, conditions: EVERYWHERE, actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'ALLOW', requirement: { primary: { methods: ['email'] }, stepUp: { required: false } } }, selfServiceUnlock: { access: 'DENY' } } },
  },
  {
    type: 'MFA_ENROLL', name: 'Default Policy', description: 'The default policy applies in all situations if no other policy applies.',
    settings: { type: 'AUTHENTICATORS', authenticators: [{ key: 'okta_password', enroll: { self: 'REQUIRED' } }, { key: 'okta_email', enroll: { self: 'REQUIRED' } }] },
    rule: { name: 'Default Rule', priority: 1, conditions: EVERYWHERE, actions: { enroll: { self: 'CHALLENGE' } } },
  },
  {
    type: 'ACCESS_POLICY', name: 'Any two factors', description: 'Require two factors to access.',
    rule: { name: 'Catch-all Rule', priority: 99, conditions: null, actions: { appSignOn: { access: 'ALLOW', verificationMethod: { factorMode: '2FA', type: 'ASSURANCE', reauthenticateIn: 'PT12H', constraints: [{ possession: { required: true, deviceBound: 'REQUIRED' } }] }, keepMeSignedIn: { postAuth: 'NOT_ALLOWED' } } } },
  },
  {
    type: 'PROFILE_ENROLLMENT', name: 'Default Policy', description: 'The default policy applies in all situations if no other policy applies.',
    rule: {
      name: 'Catch-all Rule', priority: 99, conditions: null,
      actions: { profileEnrollment: { access: 'ALLOW', preRegistrationInlineHooks: null, profileAttributes: [{ name: 'email', label: 'Email', required: true }], targetGroupIds: null, unknownUserAction: 'DENY', activationRequirements: { emailVerification: true }, progressiveProfilingAction: 'DISABLED', allowedIdentifiers: ['login'] } },
    },
  },
  {
    type: 'IDP_DISCOVERY', name: 'Idp Discovery Policy', description: 'The default IdP Discovery Policy',
    rule: { name: 'Default Rule', priority: 1, conditions: { network: { connection: 'ANYWHERE' } }, actions: { idp: { providers: [{ type: 'OKTA' }] } } },
  },
  {
    type: 'POST_AUTH_SESSION', name: 'Post Auth Policy', description: 'Enables post auth policy evaluation for the org.',
    rule: { name: 'Catch-all Rule', priority: 99, conditions: null, actions: { postAuthSession: { failureActions: [] } } },
    // "The Post Auth Session Policy has exactly one modifiable rule (non-default) ... pre-provisioned by Okta"
    // (Terraform provider, okta_post_auth_session_policy_rule); recorded orgs list it, created with the policy, first.
    provisioned: { name: 'Post Session Protection Rule', priority: 1, conditions: { people: { users: { exclude: [] } } }, actions: { postAuthSession: { failureActions: [] } } },
  },
  {
    type: 'SESSION_VIOLATION_DETECTION', name: 'Session Violation Detection Policy', description: 'Enables session violation detection policy evaluation for the org.',
    rule: { name: 'Catch-all Rule', priority: 99, conditions: null, actions: { sessionViolationDetection: { policyEvaluation: { enabled: false } } } },
    // Likewise one pre-provisioned modifiable rule (Terraform provider, okta_session_violation_policy_rule).
    provisioned: { name: 'Session Violation Policy Risk Rule', priority: 1, conditions: { network: { connection: 'ANYWHERE' }, riskScore: { minRiskLevel: 'LOW' } }, actions: { sessionViolationDetection: { policyEvaluation: { enabled: true } } } },
  },
  {
    type: 'ENTITY_RISK', name: 'Entity Risk Policy', description: 'Enables entity risk policy evaluation for the org.',
    rule: { name: 'Catch-all Rule', priority: 99, conditions: null, actions: { entityRisk: { actions: [] } } },
  },
];

interface PolicyRecord extends Doc {
  type: string;
  system: boolean;
}

/** Makes a policy with its rules, in priority order (no checks: seeding). */
export function putPolicy(
  tenant: Tenant,
  p: { type: string; name: string; description?: string; system: boolean; settings?: Record<string, unknown>; resourceType?: string },
  ...rules: Array<SystemPolicy['rule'] & { system: boolean }>
): string {
  const now = tenant.now().toISOString();
  const id = oktaId(tenant, policyPrefix(p.type));
  tenant.collection<PolicyRecord>(KEYS.policies).put({
    id, type: p.type, name: p.name, ...(p.description ? { description: p.description } : {}), status: 'ACTIVE', priority: 1, system: p.system,
    conditions: null, ...(p.settings ? { settings: structuredClone(p.settings) } : {}), ...(p.resourceType ? { resourceType: p.resourceType } : {}), created: now, lastUpdated: now,
  });
  for (const rule of rules) {
    tenant.collection(`${KEYS.policies}/${id}/rules`).put({
      id: oktaId(tenant, rulePrefix(p.type)), type: RULE_TYPE[p.type], name: rule.name, status: 'ACTIVE', priority: rule.priority, system: rule.system,
      conditions: structuredClone(rule.conditions), actions: structuredClone(rule.actions), created: now, lastUpdated: now,
    });
  }
  return id;
}

/** Every org has a system default policy (with its default rule) per type; made once, kept through later calls. */
export function ensureSystemPolicies(tenant: Tenant, everyoneGroupId?: string): void {
  const all = tenant.collection<PolicyRecord>(KEYS.policies);
  for (const sp of SYSTEM_POLICIES) {
    if (all.find((p) => p.type === sp.type && p.system)) continue;
    const rules = [...(sp.provisioned ? [{ ...sp.provisioned, system: false }] : []), { ...sp.rule, system: true }];
    const id = putPolicy(tenant, { ...sp, system: true, resourceType: sp.type === 'ACCESS_POLICY' ? 'APP' : undefined }, ...rules);
    // The password policy applies to Everyone, through Okta's own credentials (Policy API, password policy conditions).
    if (sp.type === 'PASSWORD') all.patch(id, { conditions: { people: { groups: { include: everyoneGroupId ? [everyoneGroupId] : [] } }, authProvider: { provider: 'OKTA' } } } as Partial<PolicyRecord>);
  }
}
