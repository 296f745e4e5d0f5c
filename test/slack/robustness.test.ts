// Every Web API method, fed junk arguments through every token type, answers in Slack's format and never with a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { slackHandlers as methods } from '../../twins/slack/index.js';
import { startSlack, workspace } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

/** Argument names used across methods, each given a value of the wrong shape. */
const JUNK: Record<string, unknown> = {
  channel: { id: 'C1' }, channel_id: ['C1', 'C2'], ts: { $gt: 0 }, thread_ts: 12, timestamp: [], name: 42, text: { nested: true }, blocks: 'not json',
  attachments: '{"a":1}', users: 7, user: ['U1'], user_id: null, user_ids: '{not json', channel_ids: 3, team_id: { t: 1 }, limit: 'lots', cursor: '%%%',
  view: '[]', trigger_id: 5, files: '{"id":1}', file: ['F1'], query: { q: 1 }, email: 9, post_at: 'tomorrow', time: [], reminder: {}, usergroup: [],
  canvas_id: 1, changes: '{}', criteria: '[', manifest: '{', app_id: [], prefs: 'x', unfurls: '[1]', profile: '[]', presence: 1, num_minutes: 'x',
  id: {}, external_id: [], title: [], list_id: {}, invite_id: 1, scheduled_message_id: [], bookmark_id: {}, session_id: [], role_id: 2,
};

const statuses = new Set([200, 404, 413, 429, 501]);

describe('robustness across the whole method table', () => {
  it('answers every method with Slack-shaped JSON for empty and junk arguments, whatever the token', async () => {
    const ws = await workspace(server, 'robust');
    const tokens = [ws.creds.botToken, ws.creds.userToken, ws.creds.adminToken, ws.creds.appToken, 'xoxb-not-a-token'];
    const failures: string[] = [];
    for (const method of Object.keys(methods).sort()) {
      for (const token of tokens) {
        for (const init of [
          { headers: { authorization: `Bearer ${token}` } },
          { headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(JUNK) },
          { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, channel: 'C%00', ts: 'NaN', limit: '-1', cursor: 'Zm9vOmJhcg==', view: '{', blocks: '[{}]' }).toString() },
        ] as RequestInit[]) {
          const res = await ws.raw(`/api/${method}`, { method: 'POST', ...init });
          const text = await res.text();
          let body: { ok?: boolean; error?: string } | undefined;
          try { body = JSON.parse(text); } catch { /* reported below */ }
          const gzip = res.headers.get('content-type') === 'application/gzip';
          if (!statuses.has(res.status) || (!gzip && (typeof body?.ok !== 'boolean' || (body.ok === false && typeof body.error !== 'string')))) {
            failures.push(`${method} [${token.slice(0, 5)}] ${res.status} ${text.slice(0, 160)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
