// Each vendor's conflict rule re-checked under load: forty racers per rule, all rules racing at once beside 200 unrelated writes.
import { describe, expect, it } from 'vitest';
import { call, credentialsOf, freshTenant, twinOf } from './helpers.js';
import { authHeaders } from './isolation-cases.js';

const RACERS = 40;

describe('conflict rules under load', () => {
  it('Docs requiredRevisionId, Okta activation, Jira transitions and the Slack edit window each admit exactly what the vendor admits', async () => {
    const [google, okta, jira, slack] = await Promise.all([twinOf('google'), twinOf('okta'), twinOf('jira'), twinOf('slack')]);
    const t = freshTenant('ccload');
    const gh = authHeaders('google', await credentialsOf(google, t));
    const oh = authHeaders('okta', await credentialsOf(okta, t));
    const jh = { ...authHeaders('jira', await credentialsOf(jira, t)), 'x-atlassian-token': 'no-check' };
    const sc = await credentialsOf(slack, t);
    const sh = authHeaders('slack', sc);

    // Set-up: one document, one staged user, one issue and its first transition, one message in a 1-minute edit window.
    const doc = (await call(google, 'POST', `/t/${t}/v1/documents`, { headers: gh, body: { title: 'raced' } })).json;
    const user = (await call(okta, 'POST', `/t/${t}/api/v1/users?activate=false`, { headers: oh, body: { profile: { firstName: 'R', lastName: 'Ace', email: 'race@cc.example', login: 'race@cc.example' } } })).json;
    const key = (await call(jira, 'POST', `/t/${t}/rest/api/3/issue`, { headers: jh, body: { fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'raced' } } })).json.key;
    const from = (await call(jira, 'GET', `/t/${t}/rest/api/3/issue/${key}?fields=status`, { headers: jh })).json.fields.status.name;
    const transitions = (await call(jira, 'GET', `/t/${t}/rest/api/3/issue/${key}/transitions`, { headers: jh })).json.transitions as Array<{ id: string; to: { name: string } }>;
    const move = transitions.find((tr) => tr.to.name !== from)!;
    expect((await call(slack, 'PUT', `/t/${t}/_dtu/slack/team/preferences`, { body: { msg_edit_window_mins: 1 } })).status).toBe(200);
    const msg = (await call(slack, 'POST', `/t/${t}/api/chat.postMessage`, { headers: sh, body: { channel: '#general', text: 'v0' } })).json;

    const race = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));
    const noise = race(200, (i) =>
      i % 4 === 0 ? call(okta, 'POST', `/t/${t}/api/v1/groups`, { headers: oh, body: { profile: { name: `noise ${i}` } } })
      : i % 4 === 1 ? call(jira, 'POST', `/t/${t}/rest/api/2/issue/${key}/comment`, { headers: jh, body: { body: `noise ${i}` } })
      : i % 4 === 2 ? call(google, 'POST', `/t/${t}/drive/v3/files`, { headers: gh, body: { name: `noise ${i}` } })
      : call(slack, 'POST', `/t/${t}/api/chat.postMessage`, { headers: sh, body: { channel: '#random', text: `noise ${i}` } }),
    );
    const [docs, activations, moves, edits, background] = await Promise.all([
      // Docs: a write with requiredRevisionId fails once the document moved past it (developers.google.com/docs/api/reference/rest/v1/documents/batchUpdate, WriteControl).
      race(RACERS, (i) => call(google, 'POST', `/t/${t}/v1/documents/${doc.documentId}:batchUpdate`, { headers: gh, body: { requests: [{ insertText: { location: { index: 1 }, text: `r${i} ` } }], writeControl: { requiredRevisionId: doc.revisionId } } })),
      // Okta: activating a user who is no longer STAGED is 403 E0000016 (developer.okta.com/docs/reference/error-codes).
      race(RACERS, () => call(okta, 'POST', `/t/${t}/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`, { headers: oh })),
      // Jira: a transition not available from the status now is 400 "Transition id '…' is not valid for this issue."
      race(RACERS, () => call(jira, 'POST', `/t/${t}/rest/api/3/issue/${key}/transitions`, { headers: jh, body: { transition: { id: move.id } } })),
      // Slack: inside the window every edit lands and the last one wins (docs.slack.dev/reference/methods/chat.update).
      race(RACERS, (i) => call(slack, 'POST', `/t/${t}/api/chat.update`, { headers: sh, body: { channel: msg.channel, ts: msg.ts, text: `v${i + 1}` } })),
      noise,
    ]);

    expect(background.every((r) => r.status < 300 && r.json?.ok !== false), 'unrelated writes').toBe(true);

    const applied = docs.filter((r) => r.status === 200);
    expect(applied).toHaveLength(1);
    expect(docs.filter((r) => r.status === 400 && r.json?.error?.status === 'INVALID_ARGUMENT' && /required revision/.test(r.json.error.message))).toHaveLength(RACERS - 1);
    const body = (await call(google, 'GET', `/t/${t}/v1/documents/${doc.documentId}`, { headers: gh })).json.body.content;
    expect(JSON.stringify(body).match(/r\d+ /g)).toHaveLength(1);

    expect(activations.filter((r) => r.status === 200)).toHaveLength(1);
    expect(activations.filter((r) => r.status === 403 && r.json?.errorCode === 'E0000016')).toHaveLength(RACERS - 1);
    // Without a password the one activation leaves the user PROVISIONED; activate is only for STAGED or DEPROVISIONED users (Users API, "Activate a user").
    expect((await call(okta, 'GET', `/t/${t}/api/v1/users/${user.id}`, { headers: oh })).json.status).toBe('PROVISIONED');

    const after = (await call(jira, 'GET', `/t/${t}/rest/api/3/issue/${key}?fields=status&expand=changelog`, { headers: jh })).json;
    const statusChanges = after.changelog.histories.flatMap((h: any) => h.items.filter((i: any) => i.field === 'status'));
    expect(after.fields.status.name).toBe(move.to.name);
    expect(moves.filter((r) => r.status === 204)).toHaveLength(1);
    expect(moves.filter((r) => r.status === 400 && r.json?.errorMessages?.[0] === `Transition id '${move.id}' is not valid for this issue.`)).toHaveLength(RACERS - 1);
    expect(statusChanges).toHaveLength(1);

    expect(edits.every((r) => r.json?.ok === true)).toBe(true);
    // The last writer is the edit with the latest `edited.ts`.
    const last = edits.map((r) => r.json.message).sort((x, y) => Number(x.edited.ts) - Number(y.edited.ts)).at(-1).text;
    const hist = (await call(slack, 'POST', `/t/${t}/api/conversations.history`, { headers: sh, body: { channel: msg.channel, latest: msg.ts, inclusive: true, limit: 1 } })).json;
    expect(hist.messages[0].text).toBe(last);

    // Past the window, forty racing edits all answer edit_window_closed and the text stays the last accepted one.
    await call(slack, 'POST', '/_dtu/clock', { body: { advanceMs: 61_000 } });
    try {
      const late = await race(RACERS, (i) => call(slack, 'POST', `/t/${t}/api/chat.update`, { headers: sh, body: { channel: msg.channel, ts: msg.ts, text: `late ${i}` } }));
      expect(late.every((r) => r.json?.ok === false && r.json.error === 'edit_window_closed')).toBe(true);
      const still = (await call(slack, 'POST', `/t/${t}/api/conversations.history`, { headers: sh, body: { channel: msg.channel, latest: msg.ts, inclusive: true, limit: 1 } })).json;
      expect(still.messages[0].text).toBe(last);
    } finally {
      await call(slack, 'POST', '/_dtu/clock', { body: { advanceMs: -61_000 } });
    }
  }, 120_000);
});
