/** @slack/web-api scenarios for what reaches a person: Slackbot reminders on the twin clock, ephemeral messages on their RTM client, information barriers. */
import { WebClient } from '@slack/web-api';
import WebSocket from 'ws';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const SDK = '@slack/web-api';

const isSlackError = (code: string) => (e: any) => e?.data?.error === code;

const make = (ctx: CompatContext, t: Tracker, token: string) => t.track(new WebClient(token, { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } }), '');

async function remindersScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const user = make(ctx, t, ctx.credentials.userToken);
  const r = await user.reminders.add({ text: 'water the plants', time: 'in 1 minute' });
  await ctx.control('POST', 'clock', { advanceMs: 2 * 60_000 });
  const ims = await user.conversations.list({ types: 'im' });
  const dm = ims.channels?.find((c) => c.user === 'USLACKBOT');
  t.check(dm?.id, 'the person has a DM with Slackbot once a reminder went off', ims.channels);
  const history = dm?.id ? await user.conversations.history({ channel: dm.id }) : undefined;
  t.check(history?.messages?.[0]?.user === 'USLACKBOT' && history.messages[0].text === 'Reminder: water the plants.', 'Slackbot posted the reminder', history?.messages);
  const info = await user.reminders.info({ reminder: r.reminder!.id! });
  t.check(info.reminder?.complete_ts === 0, 'a reminder that went off stays incomplete until completed', info.reminder);
}

async function ephemeralScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const bot = make(ctx, t, ctx.credentials.botToken);
  const user = make(ctx, t, ctx.credentials.userToken);
  const lab = (await bot.conversations.list({ types: 'private_channel' })).channels?.find((c) => c.name === 'bot-lab')?.id;
  const rtm = await user.rtm.connect();
  const frames: any[] = [];
  const ws = new WebSocket(String(rtm.url));
  ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
  try {
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    for (let i = 0; i < 100 && !frames.length; i++) await new Promise((r) => setTimeout(r, 20));
    const { message_ts } = await bot.chat.postEphemeral({ channel: lab!, user: ctx.credentials.installerUserId, text: 'just for you' });
    let seen: any;
    for (let i = 0; i < 200 && !seen; i++) {
      seen = frames.find((f) => f.is_ephemeral);
      if (!seen) await new Promise((r) => setTimeout(r, 20));
    }
    t.check(seen?.ts === message_ts && seen.text === 'just for you' && seen.user === ctx.credentials.botUserId, 'the ephemeral message reaches the person’s RTM client', seen);
    const history = await bot.conversations.history({ channel: lab!, limit: 5 });
    t.check(!history.messages?.some((m) => m.ts === message_ts), 'and never the channel history', history.messages);
  } finally {
    ws.close();
  }
}

async function barrierScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const admin = make(ctx, t, ctx.credentials.adminToken);
  const user = make(ctx, t, ctx.credentials.userToken);
  const groups = (await user.usergroups.list({})).usergroups ?? [];
  const dan = (await user.users.list({})).members?.find((m) => m.name === 'dan')?.id;
  const b = await admin.admin.barriers.create({ primary_usergroup_id: groups.find((g) => g.handle === 'eng')!.id!, barriered_from_usergroup_ids: [groups.find((g) => g.handle === 'support')!.id!], restricted_subjects: ['im', 'mpim', 'call'] });
  await t.expectError(() => user.conversations.open({ users: dan! }), isSlackError('user_not_visible'), 'no new DM across the barrier');
  await t.expectError(() => user.chat.postMessage({ channel: dan!, text: 'hello?' }), isSlackError('restricted_action'), 'nor a message that would open one');
  await admin.admin.barriers.delete({ barrier_id: (b.barrier as { id: string }).id });
  const dm = await user.conversations.open({ users: dan! });
  t.check(dm.channel?.id, 'the DM opens once the barrier is gone', dm);
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'realtime: Slackbot posts due reminders on the twin clock', run: remindersScenario },
  { vendor: 'slack', sdk: SDK, name: 'realtime: ephemeral messages reach the recipient’s RTM client only', modes: ['socket'], modesReason: 'needs a real WebSocket (RTM), which in-process interception does not carry', run: ephemeralScenario },
  { vendor: 'slack', sdk: SDK, name: 'web admin: information barriers block DMs across groups', run: barrierScenario },
];
