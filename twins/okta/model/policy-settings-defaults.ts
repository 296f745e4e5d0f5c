// The settings Okta fills in on a password policy it stores (what a policy read back holds that the request left out).

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Breached-password protection off, as every password policy recorded since 2026 carries it (Policy API, PasswordPolicyPasswordSettings). */
export const BREACHED_PROTECTION_OFF = { expireAfterDays: null, logoutEnabled: false, delegatedWorkflowId: null };

/**
 * A password policy's settings with Okta's defaults written out: `complexity.excludeAttributes` [], `breachedProtection`
 * off, and the voice-call recovery factor INACTIVE (recorded Okta answers to Terraform's okta_policy_password create).
 */
export function policySettingsWithDefaults(type: string, settings: unknown): unknown {
  if (type !== 'PASSWORD' || !isObj(settings)) return settings;
  const out = structuredClone(settings);
  if (isObj(out.password)) {
    if (isObj(out.password.complexity)) out.password.complexity.excludeAttributes ??= [];
    out.password.breachedProtection = { ...BREACHED_PROTECTION_OFF, ...(isObj(out.password.breachedProtection) ? out.password.breachedProtection : {}) };
  }
  if (isObj(out.recovery) && isObj(out.recovery.factors)) out.recovery.factors.okta_call ??= { status: 'INACTIVE' };
  return out;
}
