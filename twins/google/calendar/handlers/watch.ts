/** Calendar push: events/acl/calendarList/settings `watch` open a channel; `channels.stop` closes it. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { closeChannel, openChannel } from '../../realtime/channels.js';
import { loadCalendar, me } from './common.js';

function watch(ctx: OpContext, key: string, uri: string): Reply {
  const body = jsonObject(ctx, 'calendar');
  if (typeof body.id !== 'string' || !body.id) throw googleError('calendar', { code: 400, message: 'Missing channel id.', reason: 'required' });
  if (body.type !== 'web_hook' && body.type !== 'webhook') throw googleError('calendar', { code: 400, message: `Invalid channel type: ${String(body.type)}`, reason: 'invalid' });
  if (typeof body.address !== 'string' || !/^https?:\/\//.test(body.address)) throw googleError('calendar', { code: 400, message: 'Invalid webhook address.', reason: 'invalid' });
  const c = openChannel(ctx.tenant, key, uri, body);
  return { body: { kind: 'api#channel', id: c.id, resourceId: c.resourceId, resourceUri: c.resourceUri, ...(c.token ? { token: c.token } : {}), expiration: String(c.expiration) } };
}

const base = 'https://www.googleapis.com/calendar/v3';

export const calendarWatchHandlers = {
  'calendar.events.watch': (ctx) => {
    const { cal } = loadCalendar(ctx, 'reader');
    return watch(ctx, `events:${cal.id}`, `${base}/calendars/${encodeURIComponent(cal.id)}/events?alt=json`);
  },
  'calendar.acl.watch': (ctx) => {
    const { cal } = loadCalendar(ctx, 'owner');
    return watch(ctx, `acl:${cal.id}`, `${base}/calendars/${encodeURIComponent(cal.id)}/acl?alt=json`);
  },
  'calendar.calendarList.watch': (ctx) => watch(ctx, `calendarList:${me(ctx)}`, `${base}/users/me/calendarList?alt=json`),
  'calendar.settings.watch': (ctx) => watch(ctx, `settings:${me(ctx)}`, `${base}/users/me/settings?alt=json`),
  'calendar.channels.stop': (ctx) => {
    const body = jsonObject(ctx, 'calendar');
    if (!closeChannel(ctx.tenant, String(body.id ?? ''), String(body.resourceId ?? ''))) throw E.calendarNotFound();
    return { status: 204 };
  },
} satisfies Handlers;
