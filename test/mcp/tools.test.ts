/** The MCP server driven by the MCP SDK's own client over Streamable HTTP: every tool called, its effect read back through the vendor API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { startTwins, type Started } from '../../src/start.js';
import { callFails, callOk, httpClient, slack, type Json } from './helpers.js';

let suite: Started;
let client: Client;

beforeAll(async () => {
  suite = await startTwins({ portBase: 0 });
  client = await httpClient(suite.urls.slack!);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await suite?.close();
});

describe('dtu MCP server over Streamable HTTP', () => {
  it('lists the tools with typed input schemas, and the guides, coverage and prompts', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name).sort();
    expect(names).toEqual([
      'add_fault', 'clear_faults', 'clock', 'coverage', 'create_tenant', 'diff_exchanges', 'explain_failure', 'fidelity', 'google_act',
      'inspect_google', 'inspect_jira', 'inspect_okta', 'inspect_slack', 'jira_act', 'list_faults', 'list_twins', 'okta_act',
      'query_journal', 'reset_tenant', 'restore_tenant', 'seed_tenant', 'slack_act', 'snapshot_tenant',
    ]);
    const slackAct = tools.find((t) => t.name === 'slack_act')!;
    expect(slackAct.inputSchema.required).toEqual(['action', 'args']);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(expect.arrayContaining(['dtu://guides/index', 'dtu://guides/slack', 'dtu://coverage/okta']));
    const guide = await client.readResource({ uri: 'dtu://guides/okta' });
    expect((guide.contents[0] as { text: string }).text).toMatch(/OKTA_CLIENT_ORGURL/);
    const cov = await client.readResource({ uri: 'dtu://coverage/jira' });
    expect(JSON.parse((cov.contents[0] as { text: string }).text).twin).toBe('jira');
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toContain('okta_offboarding_org');
    const p = await client.getPrompt({ name: 'okta_offboarding_org', arguments: { tenant: 'leavers' } });
    expect((p.messages[0].content as { text: string }).text).toMatch(/create_tenant \{tenant:"leavers"/);
  });

  it('list_twins hands out working credentials and the env vars for each SDK', async () => {
    const r = await callOk(client, 'list_twins');
    expect(Object.keys(r.twins).sort()).toEqual(['google', 'jira', 'okta', 'slack']);
    expect(r.twins.okta.env.OKTA_CLIENT_ORGURL).toBe(suite.urls.okta);
    const res = await fetch(`${r.twins.okta.env.OKTA_CLIENT_ORGURL}/api/v1/users?limit=1`, { headers: { authorization: `SSWS ${r.twins.okta.env.OKTA_CLIENT_TOKEN}` } });
    expect(res.status).toBe(200);
    const auth = await slack(r.twins.slack.env.SLACK_API_URL, r.twins.slack.env.SLACK_BOT_TOKEN, 'auth.test', {});
    expect(auth.ok).toBe(true);
  });

  it('creates and seeds a tenant from an inline description, isolated from the default one', async () => {
    const created = await callOk(client, 'create_tenant', { tenant: 'mcp-seed', vendors: ['slack'] });
    expect(created.twins.slack.baseUrl).toBe(`${suite.urls.slack}/t/mcp-seed`);
    const seeded = await callOk(client, 'seed_tenant', { vendor: 'slack', tenant: 'mcp-seed', add: { channels: [{ key: 'launch', name: 'launch', creator: 'alice', members: ['alice', 'bob', 'dtubot'], topic: 'Launch day' }] } });
    expect(seeded.added).toEqual({ channels: 1 });
    const { twins } = await callOk(client, 'list_twins', { tenant: 'mcp-seed' });
    const list = await slack(twins.slack.env.SLACK_API_URL, twins.slack.env.SLACK_BOT_TOKEN, 'conversations.list', { limit: 200 });
    expect(list.channels.map((c: Json) => c.name)).toContain('launch');
    const other = await callOk(client, 'inspect_slack', { what: 'channels' });
    expect(other.channels.map((c: Json) => c.name)).not.toContain('launch');
    const msg = await callFails(client, 'seed_tenant', { vendor: 'slack', tenant: 'mcp-seed', add: { team: [{}] } });
    expect(msg).toMatch(/not a list[\s\S]*Next: lists in the slack fixture: .*channels/);
  });

  it('acts as a Slack user and reads the conversation back as a person sees it', async () => {
    const posted = await callOk(client, 'slack_act', { action: 'message', args: { user: 'bob', channel: 'general', text: 'hello from bob via mcp' } });
    expect(posted.ok).toBe(true);
    const seen = await callOk(client, 'inspect_slack', { what: 'messages', channel: '#general', limit: 5 });
    expect(seen.messages[0].text).toBe('hello from bob via mcp');
    const { twins } = await callOk(client, 'list_twins');
    const hist = await slack(twins.slack.env.SLACK_API_URL, twins.slack.env.SLACK_USER_TOKEN, 'conversations.history', { channel: posted.channel, limit: 1 });
    expect(hist.messages[0].ts).toBe(posted.ts);
    await callOk(client, 'slack_act', { action: 'reaction', args: { user: 'carol', channel: posted.channel, ts: posted.ts, name: 'eyes' } });
    const after = await callOk(client, 'inspect_slack', { what: 'thread', channel: posted.channel, ts: posted.ts });
    expect(after.thread[0].reactions).toEqual(['eyes×1']);
  });

  it('queries the journal, explains a failure and diffs it against a success', async () => {
    const { twins } = await callOk(client, 'list_twins');
    const good = await slack(twins.slack.env.SLACK_API_URL, twins.slack.env.SLACK_BOT_TOKEN, 'chat.postMessage', { channel: 'general', text: 'ok' });
    expect(good.ok).toBe(true);
    const bad = await slack(twins.slack.env.SLACK_API_URL, twins.slack.env.SLACK_BOT_TOKEN, 'chat.postMessage', { channel: 'C0NOSUCHCHAN', text: 'lost' });
    expect(bad.error).toBe('channel_not_found');
    const j = await callOk(client, 'query_journal', { vendor: 'slack', operation: 'chat.postMessage', limit: 2 });
    expect(j.exchanges.map((e: Json) => e.error ?? 'ok')).toEqual(['ok', 'channel_not_found']);
    const failedOnly = await callOk(client, 'query_journal', { vendor: 'slack', failedOnly: true, text: 'C0NOSUCHCHAN' });
    expect(failedOnly.total).toBe(1);
    const why = await callOk(client, 'explain_failure', { vendor: 'slack' });
    expect(why).toMatchObject({ operation: 'chat.postMessage', vendorError: 'channel_not_found', cause: 'not_found' });
    expect(why.fix).toMatch(/conversations\.list/);
    const d = await callOk(client, 'diff_exchanges', { vendor: 'slack', a: j.exchanges[0].seq, b: j.exchanges[1].seq });
    expect(d.requestBody).toEqual(expect.arrayContaining([expect.objectContaining({ path: '$.channel' })]));
    expect(d.responseBody.length).toBeGreaterThan(0);
  });

  it('injects faults, lists and clears them; the vendor client sees the vendor error', async () => {
    const { twins } = await callOk(client, 'list_twins');
    const f = await callOk(client, 'add_fault', { vendor: 'slack', kind: 'error', operation: 'chat.postMessage', count: 1, code: 'fatal_error', status: 500 });
    expect(f.fault.id).toBeTruthy();
    expect((await callOk(client, 'list_faults', { vendor: 'slack' })).faults.slack).toHaveLength(1);
    const r = await fetch(`${twins.slack.env.SLACK_API_URL}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${twins.slack.env.SLACK_BOT_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: 'general', text: 'x' }) });
    expect(r.status).toBe(500);
    expect((await callOk(client, 'list_faults', { vendor: 'slack' })).faults.slack).toHaveLength(0);
    await callOk(client, 'add_fault', { vendor: 'jira', kind: 'latency', latencyMs: 1 });
    await callOk(client, 'clear_faults', {});
    expect((await callOk(client, 'list_faults', {})).faults.jira).toEqual([]);
  });

  it('moves the one clock shared by the suite once, not once per twin', async () => {
    const before = await callOk(client, 'clock', { freeze: true });
    const moved = await callOk(client, 'clock', { advance: '1d' });
    expect(moved.clock.epochMs - before.clock.epochMs).toBe(86_400_000);
    expect(moved.movedSeparately).toEqual([]);
    const res = (await (await fetch(`${suite.urls.google}/_dtu/clock`)).json()) as Json;
    expect(res.epochMs).toBe(moved.clock.epochMs);
    await callOk(client, 'clock', { freeze: false });
    expect(await callFails(client, 'clock', { advance: 'tomorrow' })).toMatch(/Next: write a number and a unit/);
  });

  it('snapshots, restores and resets a tenant', async () => {
    await callOk(client, 'create_tenant', { tenant: 'mcp-snap', vendors: ['slack'] });
    const { snapshot } = await callOk(client, 'snapshot_tenant', { vendor: 'slack', tenant: 'mcp-snap' });
    await callOk(client, 'slack_act', { action: 'message', tenant: 'mcp-snap', args: { user: 'alice', channel: 'general', text: 'after the snapshot' } });
    expect((await callOk(client, 'inspect_slack', { what: 'messages', channel: 'general', tenant: 'mcp-snap', limit: 1 })).messages[0].text).toBe('after the snapshot');
    await callOk(client, 'restore_tenant', { vendor: 'slack', snapshot });
    expect((await callOk(client, 'inspect_slack', { what: 'messages', channel: 'general', tenant: 'mcp-snap', limit: 1 })).messages[0].text).not.toBe('after the snapshot');
    await callOk(client, 'slack_act', { action: 'message', tenant: 'mcp-snap', args: { user: 'alice', channel: 'general', text: 'before reset' } });
    const r = await callOk(client, 'reset_tenant', { vendor: 'slack', tenant: 'mcp-snap' });
    expect(r.reset.slack).toEqual(['mcp-snap']);
    expect((await callOk(client, 'inspect_slack', { what: 'messages', channel: 'general', tenant: 'mcp-snap', limit: 1 })).messages[0].text).not.toBe('before reset');
  });

  it('inspects an Okta org and locks out and unlocks a user as a person and an admin would', async () => {
    const users = await callOk(client, 'inspect_okta', { what: 'users', tenant: 'mcp-okta' });
    expect(users.count).toBeGreaterThan(5);
    const target = users.users.find((x: Json) => x.status === 'ACTIVE' && !/admin@/.test(x.login));
    const locked = await callOk(client, 'okta_act', { action: 'lock_out', user: target.login, tenant: 'mcp-okta' });
    expect(locked.status).toBe('LOCKED_OUT');
    const seen = await callOk(client, 'inspect_okta', { what: 'users', search: 'status eq "LOCKED_OUT"', tenant: 'mcp-okta' });
    expect(seen.users.map((x: Json) => x.id)).toContain(target.id);
    expect(seen.users.every((x: Json) => x.status === 'LOCKED_OUT')).toBe(true);
    expect((await callOk(client, 'okta_act', { action: 'unlock', user: target.id, tenant: 'mcp-okta' })).status).toBe('ACTIVE');
    const detail = await callOk(client, 'inspect_okta', { what: 'user', query: target.login, tenant: 'mcp-okta' });
    expect(detail.groups).toContain('Everyone');
    const groups = await callOk(client, 'inspect_okta', { what: 'groups', query: 'Eng', tenant: 'mcp-okta' });
    expect(groups.groups[0].members.length).toBeGreaterThan(0);
    const apps = await callOk(client, 'inspect_okta', { what: 'apps', tenant: 'mcp-okta' });
    expect(apps.apps.some((a: Json) => a.assignedUsers.length > 0)).toBe(true);
    const refused = await callFails(client, 'okta_act', { action: 'unlock', user: target.id, tenant: 'mcp-okta' });
    expect(refused).toMatch(/E0000032[\s\S]*Next:/);
  });

  it('comments on and transitions a Jira issue, and shows its history', async () => {
    const found = await callOk(client, 'inspect_jira', { tenant: 'mcp-jira', jql: 'project = ENG AND statusCategory != Done ORDER BY key ASC' });
    const issue = found.issues.find((i: Json) => i.type !== 'Epic');
    await callOk(client, 'jira_act', { action: 'comment', key: issue.key, text: 'Looked at it', tenant: 'mcp-jira' });
    const moved = await callOk(client, 'jira_act', { action: 'transition', key: issue.key, to: 'Done', tenant: 'mcp-jira' });
    expect(moved.status).toBe('Done');
    const detail = await callOk(client, 'inspect_jira', { key: issue.key, tenant: 'mcp-jira' });
    expect(detail.status).toBe('Done');
    expect(detail.history.flatMap((h: Json) => h.changes)).toContainEqual(expect.stringMatching(/^status: .* → Done$/));
    expect(detail.comments.length).toBeGreaterThan(0);
    const msg = await callFails(client, 'jira_act', { action: 'transition', key: issue.key, to: 'Nowhere', tenant: 'mcp-jira' });
    expect(msg).toMatch(/Next: available:/);
  });

  it('shares a Drive file as its owner and shows the sharing', async () => {
    const { files } = await callOk(client, 'inspect_google', { what: 'files', tenant: 'mcp-google' });
    const { twins } = await callOk(client, 'list_twins', { tenant: 'mcp-google' });
    const owner = twins.google.credentials.adminEmail;
    const mine = files.find((f: Json) => f.owners?.includes(owner) && f.mimeType !== 'application/vnd.google-apps.folder');
    const grantee = Object.keys(twins.google.credentials.userTokens).find((e) => e !== owner)!;
    await callOk(client, 'google_act', { action: 'share_file', as: owner, fileId: mine.id, email: grantee, role: 'commenter', tenant: 'mcp-google' });
    const asOwner = await callOk(client, 'inspect_google', { what: 'files', tenant: 'mcp-google' });
    expect(asOwner.files.find((f: Json) => f.id === mine.id).sharing).toContain(`commenter:user:${grantee}`);
    // The grantee now finds it; Drive shows permissions only to those who may share, so a commenter sees none.
    const asGrantee = await callOk(client, 'inspect_google', { what: 'files', user: grantee, tenant: 'mcp-google' });
    expect(asGrantee.files.map((f: Json) => f.id)).toContain(mine.id);
  });

  it('reports how far each SDK surface is verified, from the committed fidelity report', async () => {
    const r = await callOk(client, 'fidelity', { vendor: 'jira' });
    expect(r.surfaces.map((x: Json) => x.surface.split(' ')[1])).toEqual(['Version3Client', 'Version2Client', 'AgileClient']);
    for (const x of r.surfaces) expect(x.verified + x.calledOnly + x.errorPathOnly + x.failing + x.notExercised).toBe(x.methods);
  });

  it('reports coverage per twin and answers for one operation', async () => {
    const r = await callOk(client, 'coverage', { vendor: 'okta', operation: 'listUsers' });
    expect(r.coverage.okta.listUsers).toBe('served');
    expect(r.coverage.okta.operations).toBeGreaterThan(500);
  });
});
