// The Features API: self-service features with their dependencies and dependents, switched on and off.
import type { OpContext } from '../../../src/core/handler.js';
import { validationError } from '../errors.js';
import { dependentsOf, ensureFeatures, features, requireFeature, switchFeature, type FeatureDoc } from '../model/features.js';
import type { Handlers } from '../generated/operations.js';

function present(ctx: OpContext, f: FeatureDoc) {
  const self = `${ctx.baseUrl}/api/v1/features/${f.id}`;
  const next = f.status === 'ENABLED' ? 'disable' : 'enable';
  return {
    id: f.id, type: f.type, name: f.name, description: f.description, stage: f.stage, status: f.status,
    // The self link carries no hints (python 2020 and Terraform 2026 recordings of /api/v1/features alike).
    _links: {
      ...(f.helpDoc ? { helpDoc: { href: f.helpDoc } } : {}), [next]: { href: `${self}/${next}`, hints: { allow: ['POST'] } }, self: { href: self },
      ...(f.devDoc ? { devDoc: { href: f.devDoc } } : {}), dependents: { href: `${self}/dependents` }, dependencies: { href: `${self}/dependencies` },
    },
  };
}

export const featureHandlers = {
  listFeatures: (ctx) => {
    ensureFeatures(ctx.tenant);
    return { status: 200, body: features(ctx.tenant).values().map((f) => present(ctx, f)) };
  },
  getFeature: (ctx) => ({ status: 200, body: present(ctx, requireFeature(ctx.tenant, ctx.params.featureId)) }),
  listFeatureDependencies: (ctx) => {
    const f = requireFeature(ctx.tenant, ctx.params.featureId);
    return { status: 200, body: f.dependencies.map((id) => features(ctx.tenant).get(id)).filter((d) => !!d).map((d) => present(ctx, d)) };
  },
  listFeatureDependents: (ctx) => {
    const f = requireFeature(ctx.tenant, ctx.params.featureId);
    return { status: 200, body: dependentsOf(ctx.tenant, f.id).map((d) => present(ctx, d)) };
  },
  updateFeatureLifecycle: (ctx) => {
    const f = requireFeature(ctx.tenant, ctx.params.featureId);
    const lifecycle = ctx.params.lifecycle.toLowerCase();
    if (lifecycle !== 'enable' && lifecycle !== 'disable') throw validationError('lifecycle', 'Does not match required pattern');
    const force = String((ctx.query as Record<string, unknown>).mode ?? '').toLowerCase() === 'force';
    return { status: 200, body: present(ctx, switchFeature(ctx.tenant, f, lifecycle === 'enable', force)) };
  },
} satisfies Handlers;
