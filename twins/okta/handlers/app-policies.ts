// Which app sign-in policy an app uses: assignment from the app's side, and the policy's apps and mappings read from the policy's side.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith } from '../errors.js';
import { emit } from '../model/events.js';
import { isBuiltInApp } from '../model/builtins.js';
import { presentApp } from '../present/apps.js';
import { KEYS, appTarget, apps, type AppDoc } from '../store.js';
import { noContent, nowIso, requireApp } from './common.js';
import type { PolicyDoc } from './policies.js';
import type { Handlers } from '../generated/operations.js';

type PolicyAppDoc = AppDoc & { accessPolicyId?: string };

function requirePolicy(ctx: OpContext, id: string): PolicyDoc {
  const p = ctx.tenant.collection<PolicyDoc>(KEYS.policies).get(id);
  if (!p) throw notFound(id, 'Policy');
  return p;
}

/** The app sign-in policy an app uses: the one assigned to it, else the org's default (system) one. */
function accessPolicyOf(ctx: OpContext, a: PolicyAppDoc): string | undefined {
  return a.accessPolicyId ?? ctx.tenant.collection<PolicyDoc>(KEYS.policies).find((p) => p.type === 'ACCESS_POLICY' && p.system)?.id;
}

/** Apps using an app sign-in policy; other policy types are not assigned to apps this way. */
function appsOf(ctx: OpContext, p: PolicyDoc): PolicyAppDoc[] {
  if (p.type !== 'ACCESS_POLICY') return [];
  return apps(ctx.tenant).filter((a) => accessPolicyOf(ctx, a) === p.id);
}

/** A policy mapping names the mapped app by id and links it, the mapping and the policy (Policy API, listPolicyMappings). */
function presentMapping(ctx: OpContext, p: PolicyDoc, a: AppDoc) {
  const policy = `${ctx.baseUrl}/api/v1/policies/${p.id}`;
  return { id: a.id, _links: { application: { href: `${ctx.baseUrl}/api/v1/apps/${a.id}` }, self: { href: `${policy}/mappings/${a.id}` }, policy: { href: policy } } };
}

export const appPolicyHandlers = {
  // Assigning a policy moves the app off its current one (Application Policies API, assignApplicationPolicy). The policy
  // Okta made for one of its own apps stays that app's (okta-sdk-python cassette test_assign_application_policy: 400,
  // `This policy belongs to "Okta Admin Console", and re-assignment of this policy is not allowed`).
  updateApplicationPolicy: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId) as PolicyAppDoc;
    const p = requirePolicy(ctx, ctx.params.policyId);
    const owner = apps(ctx.tenant).find((a) => isBuiltInApp(a) && (a as PolicyAppDoc).accessPolicyId === p.id);
    if (owner && owner.id !== app.id) {
      throw oktaErrorWith('E0000001', ['Policy'], { causes: [`This policy belongs to "${owner.label}", and re-assignment of this policy is not allowed`] });
    }
    apps(ctx.tenant).put({ ...app, accessPolicyId: p.id, lastUpdated: nowIso(ctx) } as AppDoc);
    emit(ctx, { eventType: 'application.policy.sign_on.update', displayMessage: 'Update application sign on policy', target: [appTarget(app)] });
    return noContent();
  },
  listPolicyApps: (ctx) => {
    const p = requirePolicy(ctx, ctx.params.policyId);
    return { status: 200, body: appsOf(ctx, p).map((a) => presentApp(ctx, a)) };
  },
  listPolicyMappings: (ctx) => {
    const p = requirePolicy(ctx, ctx.params.policyId);
    return { status: 200, body: appsOf(ctx, p).map((a) => presentMapping(ctx, p, a)) };
  },
  getPolicyMapping: (ctx) => {
    const p = requirePolicy(ctx, ctx.params.policyId);
    const a = appsOf(ctx, p).find((x) => x.id === ctx.params.mappingId);
    if (!a) throw notFound(ctx.params.mappingId, 'PolicyMapping');
    return { status: 200, body: presentMapping(ctx, p, a) };
  },
  // Okta maps apps to policies from the app's side now and refuses this endpoint (okta-sdk-python cassette
  // test_policy_resource_mapping_operations; terraform-provider-okta issue #1055, 2022).
  mapResourceToPolicy: (ctx) => {
    requirePolicy(ctx, ctx.params.policyId);
    throw oktaErrorWith('E0000001', ['Policy mappings are no longer supported on this endpoint.'], {});
  },
} satisfies Handlers;
