// Kept conversations.info and conversations.list answers (handlers/kept.ts, src/core/reply-cache.ts): after any write through the Web API, the next read is what presenting afresh gives, for each caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Clock } from '../../src/core/clock.js';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { definition } from '../../twins/slack/index.js';
import { conversations, findToken } from '../../twins/slack/store.js';
import { conversationView } from '../../twins/slack/present/conversations.js';

const ORIGIN = 'http://slack.replies.test';
let twin: Twin;
const clock = new Clock();
let bot: string;
let user: string;
let userId: string;
let channel: string;
let made = 0;

const form = (args: Record<string, string>) => new URLSearchParams(args).toString();

async function call(token: string, name: string, args: Record<string, string>, how: 'get' | 'form' = 'form'): Promise<{ text: string; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  const req =
    how === 'get'
      ? new Request(`${ORIGIN}/api/${name}?${form(args)}`, { headers })
      : new Request(`${ORIGIN}/api/${name}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form(args) });
  const res = await twin.fetch(req);
  const text = await res.text();
  // A kept answer that differs from a fresh one is a TwinBug under DTU_CHECK_CACHES=1 (the suite's setting): a 500 here.
  expect(res.status, `${name}: ${text}`).toBe(200);
  return { text, body: JSON.parse(text) };
}

beforeAll(async () => {
  clock.freeze('2026-03-04T05:06:07.000Z');
  twin = createTwin(definition(), { seed: 'slack-kept-reads', clock });
  const creds = await (await twin.fetch(new Request(`${ORIGIN}/_dtu/credentials`))).json();
  bot = creds.botToken;
  user = creds.userToken;
  userId = creds.installerUserId;
  channel = (await call(bot, 'conversations.create', { name: 'kept-reads' })).body.channel.id;
});
afterAll(async () => {
  await twin.close();
});

// Writes that change what conversations.info and conversations.list show (name, topic, purpose, archive state, members, read state, updated).
const WRITES: Record<string, (n: number) => Promise<unknown>> = {
  post: (n) => call(bot, 'chat.postMessage', { channel, text: `message ${n}` }),
  topic: (n) => call(bot, 'conversations.setTopic', { channel, topic: `topic ${n}` }),
  purpose: (n) => call(bot, 'conversations.setPurpose', { channel, purpose: `purpose ${n}` }),
  rename: (n) => call(bot, 'conversations.rename', { channel, name: `kept-reads-${n}` }),
  join: () => twin.fetch(new Request(`${ORIGIN}/api/conversations.join`, { method: 'POST', headers: { authorization: `Bearer ${user}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ channel }) })),
  leave: () => twin.fetch(new Request(`${ORIGIN}/api/conversations.leave`, { method: 'POST', headers: { authorization: `Bearer ${user}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ channel }) })),
  mark: async () => {
    const ts = (await call(bot, 'chat.postMessage', { channel, text: 'to mark' })).body.ts as string;
    await twin.fetch(new Request(`${ORIGIN}/api/conversations.mark`, { method: 'POST', headers: { authorization: `Bearer ${user}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ channel, ts }) }));
  },
  archive: () => twin.fetch(new Request(`${ORIGIN}/api/conversations.archive`, { method: 'POST', headers: { authorization: `Bearer ${user}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ channel }) })),
  unarchive: () => twin.fetch(new Request(`${ORIGIN}/api/conversations.unarchive`, { method: 'POST', headers: { authorization: `Bearer ${user}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form({ channel }) })),
  create: () => call(bot, 'conversations.create', { name: `kept-more-${++made}` }),
};

const INFOS: Array<[string, Record<string, string>, 'get' | 'form']> = [
  ['bot', {}, 'get'],
  ['bot', { include_num_members: 'true' }, 'form'],
  ['user', { include_locale: '1' }, 'get'],
];
const LISTS: Array<Record<string, string>> = [
  { types: 'public_channel', exclude_archived: 'true', limit: '20' },
  { types: 'public_channel,private_channel', limit: '3' },
];

/** The channel as conversations.info presents it now to `viewer`, without any kept answer. */
function fresh(viewer: string, args: Record<string, string>): unknown {
  const t = twin.registry.get('default');
  const c = conversations(t).get(channel)!;
  return conversationView(t, c, { viewer, detail: true, numMembers: args.include_num_members === 'true', locale: args.include_locale === '1' });
}

describe('conversations.info and conversations.list after writes (answers are kept until the workspace changes)', () => {
  it('shows every write on the next read, to each caller, by GET and by form POST alike', async () => {
    const t = () => twin.registry.get('default');
    const viewer = (token: string) => findToken(t(), token)!.user_id;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...Object.keys(WRITES)), fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(...LISTS)), { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const [w, n, listArgs] of steps) {
          for (const [who, args, how] of INFOS) await call(who === 'bot' ? bot : user, 'conversations.info', { channel, ...args }, how); // read (and keep) before the write
          await call(bot, 'conversations.list', listArgs, 'get');
          await WRITES[w](n);
          for (const [who, args, how] of INFOS) {
            const token = who === 'bot' ? bot : user;
            const first = await call(token, 'conversations.info', { channel, ...args }, how);
            expect(first.body.ok, first.text).toBe(true);
            expect(first.body.channel).toEqual(JSON.parse(JSON.stringify(fresh(viewer(token), args))));
            // Read again: the same bytes (a kept answer, checked against a fresh one by DTU_CHECK_CACHES).
            expect((await call(token, 'conversations.info', { channel, ...args }, how)).text).toBe(first.text);
          }
          const page = await call(bot, 'conversations.list', listArgs, 'get');
          const now = conversations(t()).get(channel)!;
          const shown = (page.body.channels as Array<{ id: string }>).find((c) => c.id === channel);
          if (shown) expect(shown).toEqual(JSON.parse(JSON.stringify(conversationView(t(), now, { viewer: viewer(bot), numMembers: true }))));
          if (listArgs.exclude_archived === 'true' && now.is_archived) expect(shown).toBeUndefined();
          expect((await call(bot, 'conversations.list', listArgs, 'get')).text).toBe(page.text);
        }
      }),
      { numRuns: 15, seed: 13 },
    );
  });

  it('answers each caller for itself at one revision: is_member and last_read are the caller\'s', async () => {
    await call(bot, 'conversations.unarchive', { channel }).catch(() => undefined);
    const asBot = (await call(bot, 'conversations.info', { channel })).body.channel;
    const asUser = (await call(user, 'conversations.info', { channel })).body.channel;
    const members = conversations(twin.registry.get('default')).get(channel)!.members;
    expect(asBot.is_member).toBe(true);
    expect(asUser.is_member).toBe(members.includes(userId));
    // The bot's answer again, after the user's at the same revision: still the bot's.
    expect((await call(bot, 'conversations.info', { channel })).body.channel.is_member).toBe(true);
  });

  it('keeps warnings per request: a JSON body without charset warns, the same arguments by GET do not', async () => {
    const json = await twin.fetch(new Request(`${ORIGIN}/api/conversations.info`, { method: 'POST', headers: { authorization: `Bearer ${bot}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel }) }));
    const warned = (await json.json()) as { warning?: string; response_metadata?: { warnings?: string[] } };
    // https://medium.com/slack-developer-blog/well-wishes-and-warnings-in-the-web-api-489456837220: missing_charset for JSON without a charset.
    expect(warned.warning).toBe('missing_charset');
    expect(warned.response_metadata?.warnings).toEqual(['missing_charset']);
    const plain = (await call(bot, 'conversations.info', { channel }, 'get')).body;
    expect(plain.warning).toBeUndefined();
    expect(plain.response_metadata).toBeUndefined();
  });
});
