/** Admin Directory v1 push: users.watch and users.aliases.watch open channels (per event or all), channels.stop closes them. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E, googleError } from '../../errors.js';
import { closeChannel, openChannel } from '../../realtime/channels.js';
import { checkCustomer, requireAdmin, userByKey } from '../model/directory.js';
import { aliasesKey, usersKey } from '../model/notify.js';
import { jsonObject, str } from '../../request.js';

const BASE = 'https://admin.googleapis.com/admin/directory/v1';
const USER_EVENTS = ['add', 'delete', 'makeAdmin', 'undelete', 'update'];

function open(ctx: OpContext, key: string, uri: string): Reply {
  const body = jsonObject(ctx, 'admin');
  if (typeof body.id !== 'string' || !body.id) throw E.required('admin', 'id', 'Required: channel id');
  if (body.type !== 'web_hook' && body.type !== 'webhook') throw E.invalidInput(`channel type ${String(body.type)}`);
  if (typeof body.address !== 'string' || !/^https?:\/\//.test(body.address)) throw E.invalidInput('address');
  const c = openChannel(ctx.tenant, key, uri, body, callerEmail(ctx));
  return { body: { kind: 'api#channel', id: c.id, resourceId: c.resourceId, resourceUri: c.resourceUri, ...(c.token ? { token: c.token } : {}), expiration: String(c.expiration) } };
}

const callerEmail = (ctx: OpContext) => requireAdmin(ctx).primaryEmail;

function event(ctx: OpContext, allowed: string[]): string | undefined {
  const e = str(ctx.query.event);
  if (e !== undefined && !allowed.includes(e)) throw E.invalidValue('admin', 'event');
  return e;
}

export const adminWatchHandlers = {
  'directory.users.watch': (ctx) => {
    requireAdmin(ctx);
    if (ctx.query.customer === undefined && ctx.query.domain === undefined) throw E.badRequest('admin');
    if (ctx.query.customer !== undefined) checkCustomer(ctx.tenant, ctx.query.customer);
    const e = event(ctx, USER_EVENTS);
    const q = new URLSearchParams({ alt: 'json', ...(str(ctx.query.customer) ? { customer: str(ctx.query.customer)! } : { domain: str(ctx.query.domain)! }), ...(e ? { event: e } : {}) });
    return open(ctx, usersKey(e), `${BASE}/users?${q}`);
  },
  'directory.users.aliases.watch': (ctx) => {
    requireAdmin(ctx);
    const u = userByKey(ctx.tenant, ctx.params.userKey);
    if (!u) throw E.resourceNotFound('userKey');
    const e = event(ctx, ['add', 'delete']);
    return open(ctx, aliasesKey(u.id, e), `${BASE}/users/${u.id}/aliases?alt=json${e ? `&event=${e}` : ''}`);
  },
  'admin.channels.stop': (ctx) => {
    requireAdmin(ctx);
    const body = jsonObject(ctx, 'admin');
    if (!closeChannel(ctx.tenant, String(body.id ?? ''), String(body.resourceId ?? ''))) throw googleError('admin', { code: 404, message: 'Channel not found.', reason: 'notFound' });
    return { status: 204 };
  },
} satisfies Handlers;
