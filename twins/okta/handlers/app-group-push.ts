// Group push mappings: an Okta group pushed to (or linked with) a group in a provisioning app's directory.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { page } from '../present/paging.js';
import { KEYS, oktaId } from '../store.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject, requireApp, requireGroup } from './common.js';

interface PushMappingDoc extends Doc {
  sourceGroupId: string;
  targetGroupId: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
  appConfig?: Record<string, unknown>;
}

const STATUSES = ['ACTIVE', 'INACTIVE'];
const mappings = (ctx: OpContext, appId: string) => ctx.tenant.collection<PushMappingDoc>(`${KEYS.apps}/${appId}/group-push/mappings`);
/** Okta stamps mappings to the second (terraform cassettes: `"created":"2026-03-25T13:45:47Z"`). */
const seconds = (ctx: OpContext) => ctx.now().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A mapping as Okta answers it: its groups and app linked (terraform cassettes: TestAccDataSourceOktaPushGroup_read). */
function present(ctx: OpContext, appId: string, m: PushMappingDoc): Record<string, unknown> {
  const { id, ...rest } = m;
  return {
    ...rest,
    id,
    _links: {
      app: { href: `${ctx.baseUrl}/api/v1/apps/${appId}` },
      sourceGroup: { href: `${ctx.baseUrl}/api/v1/groups/${m.sourceGroupId}` },
      targetGroup: { href: `${ctx.baseUrl}/api/v1/groups/${m.targetGroupId}` },
    },
  };
}

function requireMapping(ctx: OpContext<{ appId: string; mappingId: string }>): PushMappingDoc {
  requireApp(ctx, ctx.params.appId);
  const m = mappings(ctx, ctx.params.appId).get(ctx.params.mappingId);
  if (!m) throw notFound(ctx.params.mappingId, 'GroupPushMapping');
  return m;
}

export const appGroupPushHandlers = {
  listGroupPushMappings: (ctx) => {
    requireApp(ctx, ctx.params.appId);
    const q = ctx.query as Record<string, unknown>;
    const list = mappings(ctx, ctx.params.appId)
      .values()
      .filter((m) => (typeof q.sourceGroupId !== 'string' || m.sourceGroupId === q.sourceGroupId) && (typeof q.status !== 'string' || m.status === q.status));
    return page(ctx, list, { defaultLimit: 100, maxLimit: 1000, present: (m: PushMappingDoc) => present(ctx, ctx.params.appId, m) });
  },
  /**
   * A push to a new target group (`targetGroupName`) or a link with an existing one (`targetGroupId`); the target group
   * lives in the app's directory, so it gets an id of its own and is not an Okta group. Okta answers 200 (terraform
   * cassettes; the SDK's spec says 201 and accepts any 2xx).
   */
  createGroupPushMapping: (ctx) => {
    requireApp(ctx, ctx.params.appId);
    const body = bodyObject(ctx);
    requireGroup(ctx, String(body.sourceGroupId));
    const targetId = typeof body.targetGroupId === 'string' && body.targetGroupId ? body.targetGroupId : undefined;
    if (!targetId && !(typeof body.targetGroupName === 'string' && body.targetGroupName.trim())) {
      throw validationError('targetGroupName', 'Either targetGroupId or targetGroupName is required');
    }
    const now = seconds(ctx);
    const doc: PushMappingDoc = {
      id: oktaId(ctx.tenant, 'gPm'),
      created: now,
      lastUpdated: now,
      sourceGroupId: String(body.sourceGroupId),
      status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
      targetGroupId: targetId ?? oktaId(ctx.tenant, '00g'),
      ...(body.appConfig && typeof body.appConfig === 'object' ? { appConfig: body.appConfig } : {}),
    };
    mappings(ctx, ctx.params.appId).put(doc);
    return { status: 200, body: present(ctx, ctx.params.appId, doc) };
  },
  getGroupPushMapping: (ctx) => ({ status: 200, body: present(ctx, ctx.params.appId, requireMapping(ctx)) }),
  updateGroupPushMapping: (ctx) => {
    const m = requireMapping(ctx);
    const body = bodyObject(ctx);
    if (!STATUSES.includes(body.status)) throw validationError('status', 'Does not match required pattern');
    const next = mappings(ctx, ctx.params.appId).patch(m.id, { status: body.status, lastUpdated: seconds(ctx) })!;
    return { status: 200, body: present(ctx, ctx.params.appId, next) };
  },
  /** Okta answers the delete with 200 and no body (terraform cassettes, `?deleteTargetGroup=true`). */
  deleteGroupPushMapping: (ctx) => {
    const m = requireMapping(ctx);
    mappings(ctx, ctx.params.appId).delete(m.id);
    return { status: 200 };
  },
} satisfies Handlers;
