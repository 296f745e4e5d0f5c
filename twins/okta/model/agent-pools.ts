// On-premises agent pools (AD, LDAP, RADIUS… agents an operator installed) and the agent updates scheduled for them, moving on the twin clock.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { oktaId } from '../store.js';

export const AGENT_TYPES = ['AD', 'IWA', 'LDAP', 'MFA', 'OPP', 'RUM', 'Radius'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export interface AgentDoc { id: string; name: string; version: string; updateStatus?: string; updateMessage?: string; lastConnection: number }
export interface PoolDoc extends Doc { name: string; type: AgentType; agents: AgentDoc[]; releaseChannel: 'BETA' | 'EA' | 'GA' | 'TEST'; continueOnError: boolean }

export type UpdateStatus = 'Scheduled' | 'InProgress' | 'Paused' | 'Success' | 'Failed' | 'Cancelled';
export interface UpdateDoc extends Doc {
  poolId: string;
  name: string;
  agentType: AgentType;
  agentIds: string[];
  enabled: boolean;
  notifyAdmin: boolean;
  reason: string;
  schedule: Record<string, unknown>;
  sortOrder: number;
  status: UpdateStatus;
  targetVersion: string;
  /** When the running update started (twin clock); it finishes UPDATE_MS later. */
  startedAt?: string;
  /** Time already spent running before a pause. */
  ranMs: number;
}

/** The agent version Okta currently ships per release channel (what an update installs when no target is named). */
export const LATEST_VERSION = '3.20.0';
export const MINIMAL_SUPPORTED_VERSION = '3.14.0';
/** How long an update takes to roll over a pool's agents. */
export const UPDATE_MS = 60_000;

export const pools = (t: Tenant) => t.collection<PoolDoc>('okta:agentPools');
export const updates = (t: Tenant) => t.collection<UpdateDoc>('okta:agentPoolUpdates');

/** What installing agents does: a pool of that type with those agents connected now. */
export function installAgents(t: Tenant, type: AgentType, name: string, agents: Array<{ name: string; version?: string }>): PoolDoc {
  const now = t.now().getTime();
  return pools(t).put({
    id: oktaId(t, '0oa'), name, type, releaseChannel: 'GA', continueOnError: false,
    agents: agents.map((a) => ({ id: oktaId(t, 'a53'), name: a.name, version: a.version ?? MINIMAL_SUPPORTED_VERSION, lastConnection: now })),
  });
}

/** A running update completes UPDATE_MS after it started (pauses excluded): its agents then run the target version. */
export function advanceUpdate(t: Tenant, u: UpdateDoc): UpdateDoc {
  if (u.status !== 'InProgress' || !u.startedAt) return u;
  const ran = u.ranMs + (t.now().getTime() - Date.parse(u.startedAt));
  if (ran < UPDATE_MS) return u;
  const pool = pools(t).get(u.poolId);
  if (pool) pools(t).put({ ...pool, agents: pool.agents.map((a) => (u.agentIds.includes(a.id) ? { ...a, version: u.targetVersion, updateStatus: 'Success', updateMessage: '' } : a)) });
  return updates(t).put({ ...u, status: 'Success', startedAt: undefined, ranMs: UPDATE_MS });
}
