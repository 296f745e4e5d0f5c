/** Scheduled messages: chat.scheduleMessage, chat.scheduledMessages.list and chat.deleteScheduledMessage (the job that posts them is model/scheduler.ts). */
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { SlackError } from '../errors.js';
import { int, str } from './args.js';
import { conversations, newId, nowSec, team, cmpTs } from '../store.js';
import { postMessage, type NewMessage } from '../model/messages.js';
import { reminders, scheduled } from '../store.js';
import { type ScheduledDoc } from '../types.js';
import { runDueReminders } from '../model/reminders.js';
import { method, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';
import { authorFields, postTarget } from './chat.js';
import { readContent } from './content.js';
import { bool } from './args.js';

/** Slack schedules at most 120 days ahead (https://docs.slack.dev/reference/methods/chat.scheduleMessage). */
const MAX_AHEAD_SEC = 120 * 86400;

export const scheduleHandlers = {
  'chat.scheduleMessage': method((ctx, a, who) => {
    const c = postTarget(ctx, a, who);
    const raw = str(a, 'post_at');
    const postAt = raw === undefined ? NaN : Number(raw);
    if (!Number.isFinite(postAt) || !/^\d+(\.\d+)?$/.test(String(raw))) throw new SlackError('invalid_time');
    const now = nowSec(ctx.tenant);
    if (postAt <= now) throw new SlackError('time_in_past');
    if (postAt > now + MAX_AHEAD_SEC) throw new SlackError('time_too_far');
    const content = readContent(a, { truncate: true });
    const message: NewMessage = {
      ...authorFields(ctx, who), text: content.text ?? '', blocks: content.blocks, attachments: content.attachments, metadata: content.metadata,
      thread_ts: str(a, 'thread_ts') || undefined, reply_broadcast: bool(a, 'reply_broadcast'),
    };
    const doc = scheduled(ctx.tenant).put({
      id: newId(ctx.tenant, 'Q'), channel_id: c.id, post_at: Math.floor(postAt), date_created: now, text: message.text ?? '',
      message: JSON.parse(JSON.stringify(message)) as Record<string, unknown>, app_id: who.app_id,
    });
    const preview: Record<string, unknown> = { type: 'delayed_message', text: doc.text, user: message.user, team: team(ctx.tenant).id };
    if (message.bot_id) Object.assign(preview, { bot_id: message.bot_id, app_id: message.app_id, bot_profile: message.bot_profile });
    if (message.blocks) preview.blocks = message.blocks;
    if (message.attachments) preview.attachments = message.attachments;
    return { channel: c.id, scheduled_message_id: doc.id, post_at: doc.post_at, message: preview };
  }),

  'chat.deleteScheduledMessage': method((ctx, a, who) => {
    const id = str(a, 'scheduled_message_id');
    const doc = id ? scheduled(ctx.tenant).get(id) : undefined;
    const channel = str(a, 'channel');
    if (!channel || !conversations(ctx.tenant).get(channel)) throw new SlackError('channel_not_found');
    if (!doc || doc.channel_id !== channel || (who.app_id && doc.app_id && doc.app_id !== who.app_id)) throw new SlackError('invalid_scheduled_message_id');
    scheduled(ctx.tenant).delete(doc.id);
    return {};
  }),

  'chat.scheduledMessages.list': method((ctx, a, who) => {
    const channel = str(a, 'channel');
    if (channel && !conversations(ctx.tenant).get(channel)) throw new SlackError('invalid_channel');
    const latest = int(a, 'latest');
    const oldest = int(a, 'oldest');
    const items = scheduled(ctx.tenant)
      .filter((d) => (!channel || d.channel_id === channel) && (!who.app_id || !d.app_id || d.app_id === who.app_id))
      .filter((d) => (latest === undefined || d.post_at <= latest) && (oldest === undefined || d.post_at >= oldest))
      .filter((d) => { const c = conversations(ctx.tenant).get(d.channel_id); return !!c && canSee(c, who); })
      .sort((x, y) => x.post_at - y.post_at);
    const { page, next } = paginate(items, a, { kind: 'c2NoZWR1bGVk', defaultLimit: 100, maxLimit: 100 });
    return {
      scheduled_messages: page.map((d) => ({ id: d.id, channel_id: d.channel_id, post_at: d.post_at, date_created: d.date_created, text: d.text })),
      response_metadata: { next_cursor: next },
    };
  }),
} satisfies Handlers;

export type { ScheduledDoc };
