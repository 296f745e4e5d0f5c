// Agent Pools API: the org's on-premises agent pools, their update settings, and agent updates with their lifecycle.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { AGENT_TYPES, LATEST_VERSION, MINIMAL_SUPPORTED_VERSION, advanceUpdate, pools, updates, type PoolDoc, type UpdateDoc, type UpdateStatus } from '../model/agent-pools.js';
import { oktaId } from '../store.js';
import { bodyObject, flag, noContent } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** A pool is an app instance to Okta: its 404 names `AppInstance` (okta-sdk-python cassettes test_agent_pools_it). */
function requirePool(ctx: OpContext): PoolDoc {
  const id = String(ctx.params.poolId);
  const p = pools(ctx.tenant).get(id);
  if (!p) throw notFound(id, 'AppInstance');
  return p;
}

function requireUpdate(ctx: OpContext): { pool: PoolDoc; u: UpdateDoc } {
  const pool = requirePool(ctx);
  const id = String(ctx.params.updateId);
  const u = updates(ctx.tenant).get(id);
  if (!u || u.poolId !== pool.id) throw notFound(id, 'AgentPoolUpdate');
  return { pool: requirePool(ctx), u: advanceUpdate(ctx.tenant, u) };
}

const operational = (p: PoolDoc) => (p.agents.length ? 'OPERATIONAL' : 'INACTIVE');

function presentAgent(ctx: OpContext, p: PoolDoc, a: PoolDoc['agents'][number]) {
  return {
    id: a.id, name: a.name, poolId: p.id, type: p.type, version: a.version, isHidden: false, isLatestGAedVersion: a.version === LATEST_VERSION,
    lastConnection: a.lastConnection, operationalStatus: 'OPERATIONAL', ...(a.updateStatus ? { updateStatus: a.updateStatus, updateMessage: a.updateMessage ?? '' } : {}),
    _links: { self: { href: `${ctx.baseUrl}/api/v1/agentPools/${p.id}/agents/${a.id}` } },
  };
}

function presentPool(ctx: OpContext, p: PoolDoc) {
  return { id: p.id, name: p.name, type: p.type, operationalStatus: operational(p), disruptedAgents: 0, inactiveAgents: 0, agents: p.agents.map((a) => presentAgent(ctx, p, a)), _links: { self: { href: `${ctx.baseUrl}/api/v1/agentPools/${p.id}` } } };
}

function presentUpdate(ctx: OpContext, pool: PoolDoc, u: UpdateDoc) {
  const current = pools(ctx.tenant).get(pool.id) ?? pool;
  return {
    id: u.id, name: u.name, agentType: u.agentType, enabled: u.enabled, notifyAdmin: u.notifyAdmin, reason: u.reason, schedule: structuredClone(u.schedule),
    sortOrder: u.sortOrder, status: u.status, targetVersion: u.targetVersion,
    agents: current.agents.filter((a) => u.agentIds.includes(a.id)).map((a) => presentAgent(ctx, current, a)),
    _links: { self: { href: `${ctx.baseUrl}/api/v1/agentPools/${pool.id}/updates/${u.id}` } },
  };
}

const settingsView = (p: PoolDoc) => ({ poolId: p.id, poolName: p.name, agentType: p.type, releaseChannel: p.releaseChannel, continueOnError: p.continueOnError, latestVersion: LATEST_VERSION, minimalSupportedVersion: MINIMAL_SUPPORTED_VERSION });

/** The fields of an update body: agents must belong to the pool, the target version must be a supported one. */
function updateFields(ctx: OpContext, pool: PoolDoc, b: Record<string, any>, prev?: UpdateDoc) {
  const agentIds: string[] = Array.isArray(b.agents) ? b.agents.map((a: any) => String(a?.id ?? '')) : (prev?.agentIds ?? pool.agents.map((a) => a.id));
  for (const id of agentIds) if (!pool.agents.some((a) => a.id === id)) throw validationError('agents', `Agent ${id} is not in pool ${pool.id}`);
  if (b.agentType !== undefined && b.agentType !== pool.type) throw validationError('agentType', `The pool's agents are ${pool.type} agents`);
  const targetVersion = String(b.targetVersion ?? prev?.targetVersion ?? LATEST_VERSION);
  if (!/^\d+\.\d+\.\d+$/.test(targetVersion) || compare(targetVersion, MINIMAL_SUPPORTED_VERSION) < 0) throw validationError('targetVersion', `The target version must be ${MINIMAL_SUPPORTED_VERSION} or later`);
  return {
    name: String(b.name ?? prev?.name ?? ''), agentIds, targetVersion, notifyAdmin: b.notifyAdmin ?? prev?.notifyAdmin ?? false,
    schedule: b.schedule && typeof b.schedule === 'object' ? { ...b.schedule } : (prev?.schedule ?? {}), sortOrder: Number(b.sortOrder ?? prev?.sortOrder ?? 0),
  };
}

function compare(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** A lifecycle step allowed only from some statuses (Agent Pools API: pause a running update, resume a paused one, retry a failed or stopped one). */
function step(from: UpdateStatus[], to: UpdateStatus, extra: (ctx: OpContext, u: UpdateDoc) => Partial<UpdateDoc> = () => ({})) {
  return (ctx: OpContext) => {
    const { pool, u } = requireUpdate(ctx);
    if (!from.includes(u.status)) throw oktaErrorWith('E0000001', ['status'], { causes: [`An update in status ${u.status} cannot move to ${to}.`] });
    const next = updates(ctx.tenant).put({ ...u, status: to, ...extra(ctx, u) });
    return { status: 201, body: presentUpdate(ctx, pool, next) };
  };
}

const runningSince = (ctx: OpContext) => ({ startedAt: ctx.now().toISOString() });
const ranSoFar = (ctx: OpContext, u: UpdateDoc) => ({ startedAt: undefined, ranMs: u.ranMs + (u.startedAt ? ctx.now().getTime() - Date.parse(u.startedAt) : 0) });

export const agentPoolHandlers = {
  listAgentPools: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    const type = q.poolType ? String(q.poolType) : undefined;
    if (type && !(AGENT_TYPES as readonly string[]).includes(type)) throw validationError('poolType', 'Does not match required pattern');
    return { status: 200, body: pools(ctx.tenant).values().filter((p) => !type || p.type === type).map((p) => presentPool(ctx, p)) };
  },
  getAgentPoolsUpdateSettings: (ctx) => ({ status: 200, body: settingsView(requirePool(ctx)) }),
  updateAgentPoolsUpdateSettings: (ctx) => {
    const p = requirePool(ctx);
    const b = bodyObject(ctx);
    if (b.releaseChannel !== undefined && !['BETA', 'EA', 'GA', 'TEST'].includes(b.releaseChannel)) throw validationError('releaseChannel', 'Does not match required pattern');
    const next = pools(ctx.tenant).put({ ...p, releaseChannel: b.releaseChannel ?? p.releaseChannel, continueOnError: typeof b.continueOnError === 'boolean' ? b.continueOnError : p.continueOnError });
    return { status: 201, body: settingsView(next) };
  },
  listAgentPoolsUpdates: (ctx) => {
    // Okta lists the updates of any pool id, an unknown one having none (okta-sdk-python cassettes: 200 [] for a made-up id).
    const pool = pools(ctx.tenant).get(String(ctx.params.poolId));
    if (!pool) return { status: 200, body: [] };
    const scheduledOnly = flag(ctx.query as Record<string, unknown>, 'scheduled', false);
    const list = updates(ctx.tenant).filter((u) => u.poolId === pool.id).map((u) => advanceUpdate(ctx.tenant, u));
    return { status: 200, body: list.filter((u) => !scheduledOnly || u.status === 'Scheduled').map((u) => presentUpdate(ctx, pool, u)) };
  },
  createAgentPoolsUpdate: (ctx) => {
    const b = bodyObject(ctx);
    // A new update names itself, its agent type and its agents, checked before the pool is looked up (okta-sdk-python
    // cassettes: {"enabled": true} to an unknown pool is 400 "Api validation failed: name", one cause per missing field).
    const missing = ([['name', 'name'], ['agentType', 'agentType'], ['agents', 'agentList']] as const)
      .filter(([f]) => b[f] === undefined || b[f] === null || (f === 'name' && !String(b[f]).trim()) || (f === 'agents' && !Array.isArray(b[f])))
      .map(([, label]) => label);
    if (missing.length) throw oktaErrorWith('E0000001', [missing[0]], { causes: missing.map((f) => `errors in the field: ${f}`) });
    const pool = requirePool(ctx);
    const f = updateFields(ctx, pool, b);
    const u = updates(ctx.tenant).put({ id: oktaId(ctx.tenant, 'upd'), poolId: pool.id, agentType: pool.type, enabled: false, reason: '', status: 'Scheduled', ranMs: 0, ...f });
    return { status: 201, body: presentUpdate(ctx, pool, u) };
  },
  getAgentPoolsUpdateInstance: (ctx) => {
    const { pool, u } = requireUpdate(ctx);
    return { status: 200, body: presentUpdate(ctx, pool, u) };
  },
  updateAgentPoolsUpdate: (ctx) => {
    const { pool, u } = requireUpdate(ctx);
    if (u.status !== 'Scheduled') throw oktaErrorWith('E0000001', ['status'], { causes: ['Only a scheduled update can be changed.'] });
    const next = updates(ctx.tenant).put({ ...u, ...updateFields(ctx, pool, bodyObject(ctx), u) });
    return { status: 201, body: presentUpdate(ctx, pool, next) };
  },
  deleteAgentPoolsUpdate: (ctx) => {
    const { u } = requireUpdate(ctx);
    if (u.status === 'InProgress' || u.status === 'Paused') throw oktaErrorWith('E0000001', ['status'], { causes: ['A running update is stopped before it is deleted.'] });
    updates(ctx.tenant).delete(u.id);
    return noContent();
  },
  // Activating an update starts rolling it over the pool's agents; deactivating a scheduled one keeps it but switched off.
  activateAgentPoolsUpdate: step(['Scheduled'], 'InProgress', (ctx) => ({ enabled: true, ...runningSince(ctx) })),
  deactivateAgentPoolsUpdate: step(['Scheduled'], 'Scheduled', () => ({ enabled: false })),
  pauseAgentPoolsUpdate: step(['InProgress'], 'Paused', ranSoFar),
  resumeAgentPoolsUpdate: step(['Paused'], 'InProgress', runningSince),
  stopAgentPoolsUpdate: step(['InProgress', 'Paused'], 'Cancelled', (ctx, u) => ({ ...ranSoFar(ctx, u), reason: 'Stopped by an administrator' })),
  retryAgentPoolsUpdate: step(['Failed', 'Cancelled'], 'InProgress', (ctx) => ({ ranMs: 0, reason: '', ...runningSince(ctx) })),
} satisfies Handlers;
