/** Okta SDK scenarios for on-premises agent pools: update settings and agent updates rolling over a pool on the twin clock. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr } from './common.js';

/** Agent Pools API: an AD pool installed by an operator, its update settings, and an update's whole lifecycle. */
async function agentUpdates(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const ap = client.agentPoolsApi;
  const installed: { id: string; agents: string[] } = await ctx.control('POST', 'okta/agent-pools', { type: 'AD', name: 'Compat AD', agents: [{ name: 'dc1', version: '3.14.0' }, { name: 'dc2', version: '3.14.0' }] });
  const listed = await collect(ap.listAgentPools({ poolType: 'AD' as any }));
  t.check(listed.length === 1 && listed[0].id === installed.id && listed[0].agents?.length === 2 && listed[0].operationalStatus === 'OPERATIONAL', 'the installed agents form an operational AD pool', listed);
  const poolId = installed.id;
  const settings = await ap.getAgentPoolsUpdateSettings({ poolId });
  t.check(settings.poolId === poolId && settings.agentType === 'AD' && settings.releaseChannel === 'GA' && !!settings.latestVersion, 'update settings on the GA channel', settings);
  t.check((await ap.updateAgentPoolsUpdateSettings({ poolId, AgentPoolUpdateSetting: { releaseChannel: 'EA', continueOnError: true } })).releaseChannel === 'EA', 'moved to the EA channel');
  // okta-sdk-python cassettes test_agent_pools_it: a body without name, agentType and agents is refused field by field.
  await t.expectError(() => ap.createAgentPoolsUpdate({ poolId, AgentPoolUpdate: { enabled: true } }), (e) => oktaErr(400, 'E0000001')(e) && e.errorCauses?.length === 3, 'an update names itself, its agent type and its agents');
  await t.expectError(() => ap.createAgentPoolsUpdate({ poolId, AgentPoolUpdate: { name: 'x', agentType: 'AD', agents: [{ id: 'a53NoSuchAgent000000' }] } }), oktaErr(400, 'E0000001'), "an update names the pool's own agents");
  await t.expectError(() => ap.createAgentPoolsUpdate({ poolId, AgentPoolUpdate: { name: 'x', agentType: 'AD', agents: [{ id: installed.agents[0] }], targetVersion: '1.0.0' } }), oktaErr(400, 'E0000001'), 'no update to an unsupported version');
  const u = await ap.createAgentPoolsUpdate({ poolId, AgentPoolUpdate: { name: 'Compat rollout', agentType: 'AD', agents: [{ id: installed.agents[0] }], targetVersion: settings.latestVersion, schedule: { cron: '0 2 * * 6', timezone: 'UTC', duration: 120, delay: 0 } } });
  t.check(u.status === 'Scheduled' && u.enabled === false && u.agents?.length === 1, 'a scheduled update for one agent', u);
  t.check((await collect(ap.listAgentPoolsUpdates({ poolId, scheduled: true }))).map((x) => x.id).join() === u.id, 'listed among scheduled updates');
  t.check((await ap.updateAgentPoolsUpdate({ poolId, updateId: u.id!, AgentPoolUpdate: { name: 'Compat rollout, both', agents: installed.agents.map((id) => ({ id })) } })).agents?.length === 2, 'widened to both agents');
  t.check((await ap.deactivateAgentPoolsUpdate({ poolId, updateId: u.id! })).enabled === false, 'kept switched off');
  t.check((await ap.activateAgentPoolsUpdate({ poolId, updateId: u.id! })).status === 'InProgress', 'activated: the rollout starts');
  await t.expectError(() => ap.deleteAgentPoolsUpdate({ poolId, updateId: u.id! }), oktaErr(400, 'E0000001'), 'a running update is not deleted');
  t.check((await ap.pauseAgentPoolsUpdate({ poolId, updateId: u.id! })).status === 'Paused', 'paused');
  await ctx.control('POST', 'clock', { advanceMs: 120_000 });
  t.check((await ap.getAgentPoolsUpdateInstance({ poolId, updateId: u.id! })).status === 'Paused', 'a paused update does not progress');
  t.check((await ap.resumeAgentPoolsUpdate({ poolId, updateId: u.id! })).status === 'InProgress', 'resumed');
  await ctx.control('POST', 'clock', { advanceMs: 61_000 });
  const done = await ap.getAgentPoolsUpdateInstance({ poolId, updateId: u.id! });
  t.check(done.status === 'Success' && done.agents?.every((a) => a.version === settings.latestVersion && a.updateStatus === 'Success') === true, 'the agents run the target version', done);
  await t.expectError(() => ap.pauseAgentPoolsUpdate({ poolId, updateId: u.id! }), oktaErr(400, 'E0000001'), 'a finished update cannot pause');

  const second = await ap.createAgentPoolsUpdate({ poolId, AgentPoolUpdate: { name: 'Compat second', agentType: 'AD', agents: installed.agents.map((id) => ({ id })), targetVersion: settings.latestVersion } });
  await ap.activateAgentPoolsUpdate({ poolId, updateId: second.id! });
  t.check((await ap.stopAgentPoolsUpdate({ poolId, updateId: second.id! })).status === 'Cancelled', 'a running update stopped');
  t.check((await ap.retryAgentPoolsUpdate({ poolId, updateId: second.id! })).status === 'InProgress', 'and retried');
  await ap.stopAgentPoolsUpdate({ poolId, updateId: second.id! });
  await ap.deleteAgentPoolsUpdate({ poolId, updateId: second.id! });
  await t.expectError(() => ap.getAgentPoolsUpdateInstance({ poolId, updateId: second.id! }), oktaErr(404, 'E0000007'), 'a deleted update is 404', { effect: true });
}

export const scenarios: Scenario[] = [{ vendor: 'okta', sdk: SDK, name: 'agent pools: update settings and an agent update rolling over the pool', run: agentUpdates }];
