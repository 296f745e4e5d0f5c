// The Okta twin assembled in the shared layout (docs/decisions/0006): openapi/ generated/ store model/ handlers/ present/ realtime/ oauth/ control auth errors seed.
import { createHash } from 'node:crypto';
import { loadDigest } from '../../src/core/digest.js';
import type { Handlers } from './generated/operations.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin, TwinDefinition } from '../../src/core/twin.js';
import { authenticate, credentialOf } from './auth.js';
import { renderFailure } from './errors.js';
import { appConnectionHandlers } from './handlers/app-connections.js';
import { firstPartyAppHandlers } from './handlers/first-party-apps.js';
import { identitySourceHandlers } from './handlers/identity-sources.js';
import { serviceAccountHandlers } from './handlers/service-accounts.js';
import { telephonyProviderHandlers } from './handlers/telephony-providers.js';
import { agentPoolHandlers } from './handlers/agent-pools.js';
import { captchaHandlers } from './handlers/captchas.js';
import { apiServiceHandlers } from './handlers/api-services.js';
import { smsTemplateHandlers } from './handlers/sms-templates.js';
import { appAssignmentHandlers } from './handlers/app-assignments.js';
import { appCredentialHandlers } from './handlers/app-credentials.js';
import { appKeyHandlers } from './handlers/app-keys.js';
import { appPolicyHandlers } from './handlers/app-policies.js';
import { appCwoConnectionHandlers } from './handlers/app-cwo-connections.js';
import { idpKeyHandlers } from './handlers/idp-keys.js';
import { domainHandlers } from './handlers/domains.js';
import { brandHandlers } from './handlers/brands.js';
import { mappingHandlers } from './handlers/mappings.js';
import { appFeatureHandlers } from './handlers/app-features.js';
import { appHandlers } from './handlers/apps.js';
import { appSettingHandlers } from './handlers/app-settings.js';
import { appGroupPushHandlers } from './handlers/app-group-push.js';
import { authenticatorMethodHandlers } from './handlers/authenticator-methods.js';
import { authenticatorHandlers } from './handlers/authenticators.js';
import { governanceHandlers } from './handlers/governance.js';
import { orgFactorHandlers } from './handlers/org-factors.js';
import { attackProtectionHandlers } from './handlers/attack-protection.js';
import { authnHandlers } from './handlers/authn.js';
import { authnRecoveryHandlers } from './handlers/authn-recovery.js';
import { authenticatorEnrollmentHandlers } from './handlers/authenticator-enrollments.js';
import { sessionHandlers } from './handlers/sessions.js';
import { credentialKeyHandlers } from './handlers/credentials-keys.js';
import { eventHookHandlers } from './handlers/event-hooks.js';
import { factorHandlers } from './handlers/factors.js';
import { deviceConfigHandlers } from './handlers/device-config.js';
import { deviceHandlers } from './handlers/devices.js';
import { emailHandlers } from './handlers/email.js';
import { featureHandlers } from './handlers/features.js';
import { principalRateLimitHandlers } from './handlers/principal-rate-limits.js';
import { realmAssignmentHandlers } from './handlers/realm-assignments.js';
import { riskProviderHandlers } from './handlers/risk-providers.js';
import { userRiskHandlers } from './handlers/user-risk.js';
import { hookKeyHandlers } from './handlers/hook-keys.js';
import { iamHandlers } from './handlers/iam.js';
import { lifecycleResourceHandlers } from './handlers/lifecycle-resources.js';
import { subscriptionHandlers } from './handlers/subscriptions.js';
import { idpHandlers } from './handlers/idps.js';
import { linkedObjectHandlers } from './handlers/linked-objects.js';
import { orgHandlers } from './handlers/org.js';
import { orgSettingDocumentHandlers } from './handlers/org-settings.js';
import { roleHandlers } from './handlers/roles.js';
import { schemaHandlers } from './handlers/schemas.js';
import { statusResourceHandlers } from './handlers/status-resources.js';
import { groupRuleHandlers } from './handlers/group-rules.js';
import { groupHandlers } from './handlers/groups.js';
import { logHandlers } from './handlers/logs.js';
import { policyHandlers } from './handlers/policies.js';
import { userCredentialHandlers } from './handlers/user-credentials.js';
import { userLifecycleHandlers } from './handlers/user-lifecycle.js';
import { userTypeHandlers } from './handlers/user-types.js';
import { userHandlers } from './handlers/users.js';
import { userGrantHandlers } from './handlers/user-grants.js';
import { startDelivery } from './realtime/hooks.js';
import { bucketFor, rateHeaders } from './model/limits.js';
import { oauthHandlers, oauthRoutes } from './oauth/index.js';
import { control, credentials } from './control.js';
import { presentGeneric } from './present/status-resources.js';
import { orgMeta, populate } from './seed.js';
import { oktaId } from './store.js';

/** Hand-written behavior by operationId (the OAuth half's handlers are merged in last). */
export const handlers = {
  ...userHandlers,
  ...userGrantHandlers,
  ...userLifecycleHandlers,
  ...userCredentialHandlers,
  ...userTypeHandlers,
  ...groupHandlers,
  ...groupRuleHandlers,
  ...appHandlers,
  ...appAssignmentHandlers,
  ...appCredentialHandlers,
  ...appKeyHandlers,
  ...appPolicyHandlers,
  ...appCwoConnectionHandlers,
  ...idpKeyHandlers,
  ...domainHandlers,
  ...brandHandlers,
  ...mappingHandlers,
  ...appFeatureHandlers,
  ...logHandlers,
  ...eventHookHandlers,
  ...policyHandlers,
  ...factorHandlers,
  ...idpHandlers,
  ...orgHandlers,
  ...roleHandlers,
  ...schemaHandlers,
  ...statusResourceHandlers,
  ...linkedObjectHandlers,
  ...credentialKeyHandlers,
  ...authenticatorMethodHandlers,
  ...authenticatorHandlers,
  ...governanceHandlers,
  ...orgFactorHandlers,
  ...orgSettingDocumentHandlers,
  ...appSettingHandlers,
  ...appGroupPushHandlers,
  ...authnHandlers,
  ...sessionHandlers,
  ...iamHandlers,
  ...subscriptionHandlers,
  ...featureHandlers,
  ...lifecycleResourceHandlers,
  ...hookKeyHandlers,
  ...deviceHandlers,
  ...emailHandlers,
  ...principalRateLimitHandlers,
  ...deviceConfigHandlers,
  ...realmAssignmentHandlers,
  ...authenticatorEnrollmentHandlers,
  ...authnRecoveryHandlers,
  ...riskProviderHandlers,
  ...userRiskHandlers,
  ...attackProtectionHandlers,
  ...appConnectionHandlers,
  ...firstPartyAppHandlers,
  ...smsTemplateHandlers,
  ...identitySourceHandlers,
  ...serviceAccountHandlers,
  ...telephonyProviderHandlers,
  ...agentPoolHandlers,
  ...captchaHandlers,
  ...apiServiceHandlers,
} satisfies Handlers;

/** Okta id prefixes for resources the inferred layer creates, by collection path. */
const ID_PREFIX: Array<[RegExp, string]> = [
  [/\/trustedOrigins$/, 'tos'],
  [/\/zones$/, 'nzo'],
  [/\/inlineHooks$/, 'cal'],
  [/\/idps$/, '0oa'],
  [/\/authenticators$/, 'aut'],
  [/\/templates\/sms$/, 'cst'],
  [/\/roles$/, 'ra1'],
  [/\/factors$/, 'mbl'],
  [/\/authorizationServers$/, 'aus'],
  [/\/domains$/, 'OcD'],
  [/\/brands$/, 'bnd'],
];

function newId(tenant: Tenant, template: string): string {
  const hit = ID_PREFIX.find(([re]) => re.test(template));
  return oktaId(tenant, hit ? hit[1] : '0oa');
}

export function definition(): TwinDefinition {
  const digest = loadDigest('okta');
  return {
    name: 'okta',
    title: 'Okta',
    digest,
    handlers: { ...handlers, ...oauthHandlers },
    jsonContentType: 'application/json',
    inference: {
      pagination: 'okta-link',
      newId,
      postOnItemUpdates: true,
      present: (doc, ctx, collection) => presentGeneric(ctx, doc, collection),
    },
    renderFailure,
    authenticate,
    credentialOf: (req) => credentialOf(req),
    populate,
    credentials: (tenant, baseUrl) => credentials(tenant, baseUrl),
    credentialValues: (tenant) => {
      const token = orgMeta(tenant)?.apiToken;
      return token ? [token] : [];
    },
    rateLimit: {
      bucket: (op) => bucketFor(op),
      headers: (state) => rateHeaders(state),
    },
    commonHeaders: (twin, tenant) => ({
      // Before a tenant is known (unknown route) the id comes from the journal position, not a tenant's random source.
      'x-okta-request-id': tenant ? tenant.random.hex(32) : createHash('sha256').update(`okta:${twin.journal.lastSeq}`).digest('hex').slice(0, 32),
      date: twin.clock.httpDate(),
      'cache-control': 'no-cache, no-store',
      pragma: 'no-cache',
      expires: '0',
      'x-content-type-options': 'nosniff',
    }),
    routes: (app, twin) => oauthRoutes(app, twin),
    control,
    start: (twin) => startDelivery(twin),
  };
}

