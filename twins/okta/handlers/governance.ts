// Okta Identity Governance: the org's Access Requests settings (IGA Access Requests V2, "Request Settings").
import type { OpContext } from '../../../src/core/handler.js';
import { bodyObject } from './common.js';
import type { Handlers } from '../generated/operations.js';

/**
 * The twin's org stands for one subscribed to Okta Identity Governance with the Access Requests app provisioned (the
 * governance API answers only there): subprocessors acknowledged, PROVISIONED, the catalog and admin-role request
 * experiences on ("Retrieve the org request settings", the "provisioned" example).
 */
const DEFAULTS = { subprocessorsAcknowledged: true, provisioningStatus: 'PROVISIONED', requestExperiences: ['CATALOG', 'ADMIN_ROLES'], longTimePastProvisioned: false };

/** What a PATCH may change ("Update the org request settings": the acknowledgement and the catalog, integration and email settings). */
const PATCHABLE = ['subprocessorsAcknowledged', 'resourceCatalogVisibility', 'integrations', 'email'] as const;

const KEY = 'okta:governance:requestSettings';
const settings = (ctx: OpContext) => structuredClone(ctx.tenant.meta<Record<string, unknown>>(KEY, () => structuredClone(DEFAULTS)));

export const governanceHandlers = {
  getOrgRequestSettingsV2: (ctx) => ({ status: 200, body: settings(ctx) }),
  updateOrgRequestSettingsV2: (ctx) => {
    const b = bodyObject(ctx);
    const next = settings(ctx);
    for (const f of PATCHABLE) if (b[f] !== undefined) next[f] = structuredClone(b[f]);
    ctx.tenant.setMeta(KEY, next);
    return { status: 200, body: structuredClone(next) };
  },
} satisfies Handlers;
