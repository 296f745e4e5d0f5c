// Smoke test: the official WebClient authenticates, posts and reads back through the twin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, channelId } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

describe('slack sdk smoke', () => {
  it('auth.test returns the bot identity Bolt needs (user_id, bot_id, team_id)', async () => {
    const ws = await workspace(server, 'smoke-auth');
    const res = await ws.bot.auth.test();
    expect(res.ok).toBe(true);
    expect(res.user_id).toBe(ws.creds.botUserId);
    expect(res.bot_id).toBe(ws.creds.botId);
    expect(res.team_id).toBe(ws.creds.teamId);
  });

  it('posts a message and reads it back via conversations.history', async () => {
    const ws = await workspace(server, 'smoke-post');
    const general = await channelId(ws.bot, 'general');
    const posted = await ws.bot.chat.postMessage({ channel: general, text: 'hello from the smoke test' });
    expect(posted.channel).toBe(general);
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(posted.message?.bot_id).toBe(ws.creds.botId);
    const history = await ws.bot.conversations.history({ channel: general, limit: 5 });
    expect(history.messages?.[0]?.ts).toBe(posted.ts);
    expect(history.messages?.[0]?.text).toBe('hello from the smoke test');
  });
});
