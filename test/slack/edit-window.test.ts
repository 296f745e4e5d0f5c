// The workspace's message edit window: chat.update by a member past it answers edit_window_closed (docs.slack.dev/reference/methods/chat.update,
// "Errors"); Slack's default is "any time" (slack.com/help/articles/115004868646); the window is set by fixture or control plane and runs on the twin clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { loadFixture } from '../../src/core/fixtures.js';
import { channelId, slackError, startSlack, workspace, type Workspace } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startSlack();
});
afterAll(async () => {
  await server.close();
});

async function advance(ws: Workspace, ms: number) {
  await ws.control('POST', 'clock', { advanceMs: ms });
}

describe('message edit window', () => {
  it('defaults to any time: team.preferences.list says -1 and a day-old message can still be edited', async () => {
    const ws = await workspace(server, 'edit-default');
    expect((await ws.userClient.team.preferences.list()).msg_edit_window_mins).toBe(-1);
    const channel = await channelId(ws.userClient, 'general');
    const m = await ws.userClient.chat.postMessage({ channel, text: 'old news' });
    await advance(ws, 86_400_000);
    try {
      const edited = await ws.userClient.chat.update({ channel, ts: m.ts!, text: 'still editable' });
      expect(edited.text).toBe('still editable');
    } finally {
      await advance(ws, -86_400_000);
    }
  });

  it('closes after the configured minutes for user tokens, stays open for bots, and never allows edits at 0', async () => {
    const ws = await workspace(server, 'edit-window');
    const set = await ws.control('PUT', 'slack/team/preferences', { msg_edit_window_mins: 5 });
    expect(set).toEqual({ msg_edit_window_mins: 5 });
    expect((await ws.userClient.team.preferences.list()).msg_edit_window_mins).toBe(5);
    const channel = await channelId(ws.userClient, 'general');
    const mine = await ws.userClient.chat.postMessage({ channel, text: 'typo' });
    const bots = await ws.bot.chat.postMessage({ channel, text: 'bot says' });
    await advance(ws, 4 * 60_000);
    try {
      expect((await ws.userClient.chat.update({ channel, ts: mine.ts!, text: 'fixed within 5 min' })).ok).toBe(true);
      await advance(ws, 2 * 60_000);
      expect((await slackError(ws.userClient.chat.update({ channel, ts: mine.ts!, text: 'too late' }))).error).toBe('edit_window_closed');
      const history = await ws.userClient.conversations.history({ channel, latest: mine.ts!, inclusive: true, limit: 1 });
      expect(history.messages?.[0]?.text).toBe('fixed within 5 min');
      expect((await ws.bot.chat.update({ channel, ts: bots.ts!, text: 'bot edits later' })).ok).toBe(true);
      // Deleting is a separate permission with no time limit (same help article, "Choose who can delete messages").
      expect((await ws.userClient.chat.delete({ channel, ts: mine.ts! })).ok).toBe(true);

      await ws.control('PUT', 'slack/team/preferences', { msg_edit_window_mins: 0 });
      const fresh = await ws.userClient.chat.postMessage({ channel, text: 'cannot touch this' });
      expect((await slackError(ws.userClient.chat.update({ channel, ts: fresh.ts!, text: 'x' }))).error).toBe('edit_window_closed');
    } finally {
      await advance(ws, -6 * 60_000);
    }
  });

  it('refuses malformed settings and takes the window from a fixture', async () => {
    const ws = await workspace(server, 'edit-fixture');
    for (const bad of [{ msg_edit_window_mins: -2 }, { msg_edit_window_mins: 1.5 }, { msg_edit_window_mins: '5' }, { msg_edit_mins: 5 }]) {
      expect((await ws.control('PUT', 'slack/team/preferences', bad)).error.status).toBe(400);
    }
    expect(await ws.control('GET', 'slack/team/preferences')).toEqual({ msg_edit_window_mins: -1 });
    const fixture = structuredClone(loadFixture('slack', 'default')) as { team: Record<string, unknown> };
    fixture.team.msg_edit_window_mins = 1;
    const seeded = await fetch(`${ws.base}/_dtu/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fixture }) });
    expect(seeded.status).toBeLessThan(300);
    const creds = await (await fetch(`${ws.base}/_dtu/credentials`)).json();
    const user = ws.client(creds.userToken);
    expect((await user.team.preferences.list()).msg_edit_window_mins).toBe(1);
    const channel = await channelId(user, 'general');
    const m = await user.chat.postMessage({ channel, text: 'quick' });
    await advance(ws, 61_000);
    try {
      expect((await slackError(user.chat.update({ channel, ts: m.ts!, text: 'slow' }))).error).toBe('edit_window_closed');
    } finally {
      await advance(ws, -61_000);
    }
  });
});
