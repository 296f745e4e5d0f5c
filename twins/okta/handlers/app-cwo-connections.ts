// Cross-app access connections: which resource app a requesting app may obtain tokens for, and whether that is on.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { KEYS, apps, oktaId } from '../store.js';
import { bodyObject, noContent, nowIso, requireApp } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** An OrgCrossAppAccessConnection (Application Cross App Access Connections API): its fields are all there is, no links. */
interface ConnectionDoc extends Doc {
  requestingAppInstanceId: string;
  resourceAppInstanceId: string;
  status: 'ACTIVE' | 'INACTIVE';
  created: string;
  lastUpdated: string;
}

const connections = (ctx: OpContext, appId: string) => ctx.tenant.collection<ConnectionDoc>(`${KEYS.apps}/${appId}/cwo/connections`);

const present = (c: ConnectionDoc) => ({
  id: c.id, requestingAppInstanceId: c.requestingAppInstanceId, resourceAppInstanceId: c.resourceAppInstanceId, status: c.status, created: c.created, lastUpdated: c.lastUpdated,
});

function requireConnection(ctx: OpContext<{ appId: string; connectionId: string }>): ConnectionDoc {
  const app = requireApp(ctx, ctx.params.appId);
  const c = connections(ctx, app.id).get(ctx.params.connectionId);
  if (!c) throw notFound(ctx.params.connectionId, 'CrossAppAccessConnection');
  return c;
}

export const appCwoConnectionHandlers = {
  // The requesting app is the one in the path; the resource app must exist. A connection starts ACTIVE unless sent INACTIVE.
  createCrossAppAccessConnection: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    const body = bodyObject(ctx);
    const resourceId = body.resourceAppInstanceId;
    if (typeof resourceId !== 'string' || !resourceId) throw validationError('resourceAppInstanceId', 'The field cannot be left blank');
    if (!apps(ctx.tenant).has(resourceId)) throw notFound(resourceId, 'AppInstance');
    const now = nowIso(ctx);
    const c = connections(ctx, app.id).put({
      id: oktaId(ctx.tenant, 'cwo'), requestingAppInstanceId: app.id, resourceAppInstanceId: resourceId,
      status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', created: now, lastUpdated: now,
    });
    return { status: 201, body: present(c) };
  },
  getAllCrossAppAccessConnections: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    return { status: 200, body: connections(ctx, app.id).values().map(present) };
  },
  getCrossAppAccessConnection: (ctx) => ({ status: 200, body: present(requireConnection(ctx)) }),
  // Only the status can change (OrgCrossAppAccessConnectionPatchRequest).
  updateCrossAppAccessConnection: (ctx) => {
    const c = requireConnection(ctx);
    const status = bodyObject(ctx).status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE';
    const next = connections(ctx, ctx.params.appId).put({ ...c, status, lastUpdated: nowIso(ctx) });
    return { status: 200, body: present(next) };
  },
  deleteCrossAppAccessConnection: (ctx) => {
    const c = requireConnection(ctx);
    connections(ctx, ctx.params.appId).delete(c.id);
    return noContent();
  },
} satisfies Handlers;
