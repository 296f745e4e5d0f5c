// Many clients updating the same resources at once: no lost updates, and each vendor's own conflict rule (last writer wins, Docs revision checks).
import { describe, expect, it } from 'vitest';
import { call, credentialsOf, freshTenant, twinOf } from './helpers.js';
import { authHeaders } from './isolation-cases.js';

const N = 40;

describe('no lost updates under concurrent writers', () => {
  it('Slack: 40 reactions and 40 replies landing at once on one message are all kept', async () => {
    const slack = await twinOf('slack');
    const t = freshTenant('cc');
    const c = await credentialsOf(slack, t);
    const h = authHeaders('slack', c);
    const posted = await call(slack, 'POST', `/t/${t}/api/chat.postMessage`, { headers: h, body: { channel: '#general', text: 'pile on' } });
    const { channel, ts } = posted.json;
    const emoji = ['thumbsup', 'tada', 'eyes', 'rocket', 'fire', 'heart', 'wave', 'clap', '100', 'smile'];
    const tokens = [c.userToken, c.botToken];
    const jobs = Array.from({ length: N }, (_, i) =>
      i % 2
        ? call(slack, 'POST', `/t/${t}/api/chat.postMessage`, { headers: h, body: { channel, thread_ts: ts, text: `reply ${i}` } })
        : call(slack, 'POST', `/t/${t}/api/reactions.add`, { headers: { authorization: `Bearer ${tokens[(i / 2) % 2]}` }, body: { channel, timestamp: ts, name: emoji[(i / 2) % 10] } }),
    );
    const results = await Promise.all(jobs);
    const accepted = results.filter((r) => r.json?.ok).length;
    expect([...new Set(results.filter((r) => !r.json?.ok).map((r) => r.json?.error))]).toEqual(results.some((r) => !r.json?.ok) ? ['already_reacted'] : []);
    const replies = await call(slack, 'POST', `/t/${t}/api/conversations.replies`, { headers: h, body: { channel, ts, limit: 200 } });
    expect(replies.json.messages.length - 1).toBe(N / 2);
    const reactions = await call(slack, 'POST', `/t/${t}/api/reactions.get`, { headers: h, body: { channel, timestamp: ts, full: true } });
    const counted = reactions.json.message.reactions.reduce((a: number, r: { count: number }) => a + r.count, 0);
    expect(counted + N / 2).toBe(accepted);
  });

  it('Jira: 40 comments and 40 label additions on one issue at once are all kept', async () => {
    const jira = await twinOf('jira');
    const t = freshTenant('cc');
    const h = { ...authHeaders('jira', await credentialsOf(jira, t)), 'x-atlassian-token': 'no-check' };
    const issue = await call(jira, 'POST', `/t/${t}/rest/api/3/issue`, { headers: h, body: { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'contended' } } });
    const key = issue.json.key;
    const results = await Promise.all([
      ...Array.from({ length: N }, (_, i) => call(jira, 'PUT', `/t/${t}/rest/api/3/issue/${key}`, { headers: h, body: { update: { labels: [{ add: `l${i}` }] } } })),
      ...Array.from({ length: N }, (_, i) => call(jira, 'POST', `/t/${t}/rest/api/2/issue/${key}/comment`, { headers: h, body: { body: `comment ${i}` } })),
    ]);
    expect(results.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
    const got = await call(jira, 'GET', `/t/${t}/rest/api/3/issue/${key}?fields=labels,comment`, { headers: h });
    expect(got.json.fields.labels).toHaveLength(N);
    expect(got.json.fields.comment.total).toBe(N);
  });

  it('Okta: 40 users added to one group at once are all members; partial profile updates from 40 clients all land', async () => {
    const okta = await twinOf('okta');
    const t = freshTenant('cc');
    const h = authHeaders('okta', await credentialsOf(okta, t));
    const group = await call(okta, 'POST', `/t/${t}/api/v1/groups`, { headers: h, body: { profile: { name: 'crowd' } } });
    const users = await Promise.all(
      Array.from({ length: N }, (_, i) => call(okta, 'POST', `/t/${t}/api/v1/users?activate=false`, { headers: h, body: { profile: { firstName: 'U', lastName: `${i}`, email: `u${i}@cc.example`, login: `u${i}@cc.example` } } })),
    );
    expect(users.every((u) => u.status === 200)).toBe(true);
    const adds = await Promise.all(users.map((u) => call(okta, 'PUT', `/t/${t}/api/v1/groups/${group.json.id}/users/${u.json.id}`, { headers: h })));
    expect(adds.every((a) => a.status === 204)).toBe(true);
    const members = await call(okta, 'GET', `/t/${t}/api/v1/groups/${group.json.id}/users?limit=200`, { headers: h });
    expect(members.json).toHaveLength(N);
    // POST /api/v1/users/{id} is a partial update: each client sets a different attribute, none is lost.
    const target = users[0].json.id;
    const attrs = ['title', 'department', 'city', 'state', 'zipCode', 'countryCode', 'organization', 'division', 'costCenter', 'manager'];
    await Promise.all(attrs.map((a) => call(okta, 'POST', `/t/${t}/api/v1/users/${target}`, { headers: h, body: { profile: { [a]: `${a}-value` } } })));
    const after = await call(okta, 'GET', `/t/${t}/api/v1/users/${target}`, { headers: h });
    for (const a of attrs) expect(after.json.profile[a], a).toBe(`${a}-value`);
  });

  it('Sheets: 40 appends to one sheet at once land on 40 distinct rows', async () => {
    const google = await twinOf('google');
    const t = freshTenant('cc');
    const h = authHeaders('google', await credentialsOf(google, t));
    const sheet = await call(google, 'POST', `/t/${t}/v4/spreadsheets`, { headers: h, body: { properties: { title: 'contended' } } });
    const id = sheet.json.spreadsheetId;
    const res = await Promise.all(
      Array.from({ length: N }, (_, i) => call(google, 'POST', `/t/${t}/v4/spreadsheets/${id}/values/Sheet1!A1:append?valueInputOption=RAW`, { headers: h, body: { values: [[`row ${i}`, i]] } })),
    );
    expect(res.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(new Set(res.map((r) => r.json.updates.updatedRange)).size).toBe(N);
    const values = await call(google, 'GET', `/t/${t}/v4/spreadsheets/${id}/values/Sheet1!A1:B100`, { headers: h });
    expect(values.json.values.map((r: string[]) => r[0]).sort()).toEqual(Array.from({ length: N }, (_, i) => `row ${i}`).sort());
  });
});

describe("each vendor's conflict rule", () => {
  it('Okta: concurrent full replacements (PUT) leave exactly one writer’s profile, never a mix (last writer wins)', async () => {
    const okta = await twinOf('okta');
    const t = freshTenant('cc');
    const h = authHeaders('okta', await credentialsOf(okta, t));
    const u = await call(okta, 'POST', `/t/${t}/api/v1/users?activate=false`, { headers: h, body: { profile: { firstName: 'A', lastName: 'B', email: 'lww@cc.example', login: 'lww@cc.example' } } });
    const writes = Array.from({ length: 20 }, (_, i) => ({ firstName: `F${i}`, lastName: `L${i}`, email: 'lww@cc.example', login: 'lww@cc.example', title: `T${i}` }));
    const res = await Promise.all(writes.map((profile) => call(okta, 'PUT', `/t/${t}/api/v1/users/${u.json.id}`, { headers: h, body: { profile } })));
    expect(res.every((r) => r.status === 200)).toBe(true);
    const final = (await call(okta, 'GET', `/t/${t}/api/v1/users/${u.json.id}`, { headers: h })).json.profile;
    const winner = writes.find((w) => w.firstName === final.firstName)!;
    expect({ lastName: final.lastName, title: final.title }).toEqual({ lastName: winner.lastName, title: winner.title });
  });

  it('Jira: concurrent summary edits — last writer wins, every edit in the changelog', async () => {
    const jira = await twinOf('jira');
    const t = freshTenant('cc');
    const h = { ...authHeaders('jira', await credentialsOf(jira, t)), 'x-atlassian-token': 'no-check' };
    const key = (await call(jira, 'POST', `/t/${t}/rest/api/3/issue`, { headers: h, body: { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'v0' } } })).json.key;
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => call(jira, 'PUT', `/t/${t}/rest/api/3/issue/${key}`, { headers: h, body: { fields: { summary: `v${i + 1}` } } })));
    expect(res.every((r) => r.status === 204)).toBe(true);
    const issue = (await call(jira, 'GET', `/t/${t}/rest/api/3/issue/${key}?expand=changelog`, { headers: h })).json;
    const summaries = issue.changelog.histories.flatMap((hh: any) => hh.items.filter((i: any) => i.field === 'summary').map((i: any) => i.toString));
    expect([...summaries].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `v${i + 1}`).sort());
    expect(summaries).toContain(issue.fields.summary);
  });

  it('Docs: two batchUpdates racing on one requiredRevisionId — one applies, the other is refused', async () => {
    const google = await twinOf('google');
    const t = freshTenant('cc');
    const h = authHeaders('google', await credentialsOf(google, t));
    const doc = (await call(google, 'POST', `/t/${t}/v1/documents`, { headers: h, body: { title: 'raced' } })).json;
    const rev = doc.revisionId;
    const edit = (text: string) =>
      call(google, 'POST', `/t/${t}/v1/documents/${doc.documentId}:batchUpdate`, { headers: h, body: { requests: [{ insertText: { location: { index: 1 }, text } }], writeControl: { requiredRevisionId: rev } } });
    const [a, b] = await Promise.all([edit('first '), edit('second ')]);
    expect([a.status, b.status].sort()).toEqual([200, 400]);
    const refused = a.status === 400 ? a : b;
    expect(refused.json.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect(refused.json.error.message).toMatch(/required revision/);
  });
});
