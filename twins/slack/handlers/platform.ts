/** Platform methods: Slack Connect invites, app manifests, featured workflows, functions, entity details, migration. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { json, list, need, str, type Args } from './args.js';
import { apps, conversations, getUser, newId, nowSec, team, triggers, type AppDoc } from '../store.js';
import { admin } from '../store.js';
import { conversationArg, method, paginate, type SlackMethod } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { checkBlocks } from './content.js';
import { readView } from './surfaces.js';

const invites = (ctx: OpContext) => admin(ctx.tenant, 'connect_invites');

function inviteArg(ctx: OpContext, a: Args, key = 'invite_id') {
  const inv = invites(ctx).get(need(a, key, 'invite_not_found'));
  if (!inv) throw new SlackError('invite_not_found');
  return inv;
}

/** A manifest must name the app and its bot consistently (https://docs.slack.dev/reference/app-manifest). */
function manifestArg(a: Args): Record<string, any> {
  const m = json<Record<string, any>>(a, 'manifest', 'invalid_manifest');
  if (!m || typeof m !== 'object') throw new SlackError('invalid_manifest');
  const errors: Array<{ message: string; pointer: string }> = [];
  if (typeof m.display_information?.name !== 'string' || !m.display_information.name) errors.push({ message: 'Field is required', pointer: '/display_information/name' });
  else if (m.display_information.name.length > 35) errors.push({ message: 'Must be 35 characters or fewer', pointer: '/display_information/name' });
  const scopes = m.oauth_config?.scopes?.bot;
  if (scopes !== undefined && !Array.isArray(scopes)) errors.push({ message: 'Must be an array', pointer: '/oauth_config/scopes/bot' });
  if (Array.isArray(scopes) && scopes.length && !m.features?.bot_user) errors.push({ message: 'Bot scopes require a bot user', pointer: '/features/bot_user' });
  if (errors.length) throw new SlackError('invalid_manifest', { errors });
  return m;
}

function manifestOf(app: AppDoc): Record<string, unknown> {
  return (app.manifest as Record<string, unknown> | undefined) ?? {
    display_information: { name: app.name },
    features: app.bot_user_id ? { bot_user: { display_name: app.name, always_online: true } } : {},
    oauth_config: { scopes: { bot: app.scopes.bot, user: app.scopes.user } },
    settings: { event_subscriptions: { bot_events: app.event_subscriptions.bot_events }, socket_mode_enabled: app.socket_mode, org_deploy_enabled: false, token_rotation_enabled: false },
  };
}

function ownedApp(ctx: OpContext, a: Args): AppDoc {
  const app = apps(ctx.tenant).get(need(a, 'app_id', 'invalid_app_id'));
  if (!app || app.deleted) throw new SlackError('app_not_found');
  return app;
}

const featured = (ctx: OpContext, channel: string) => ctx.tenant.collection<{ id: string; title: string; date_added: number }>(`featured:${channel}`);

/** `[ERROR] msg [json-pointer:/p]` lines as blocks.validate's structured errors. */
function structured(e: unknown, prefix: RegExp): never {
  const body = (e as SlackError).body as { errors?: string[]; response_metadata?: { messages?: string[] } };
  const lines = body.errors ?? (body.response_metadata?.messages ?? []).map((m) => m.replace(/^\[ERROR\] /, ''));
  throw new SlackError('invalid_blocks', {
    errors: lines.map((l) => {
      const m = /^(.*?) \[json-pointer:([^\]]*)\]$/.exec(l);
      return { code: 'failed_constraint', message: m ? m[1] : l, pointer: m ? m[2].replace(prefix, '') || '/' : '/' };
    }),
  });
}

export const platformHandlers = {
  // https://docs.slack.dev/reference/methods/blocks.validate — exactly one of blocks, view or message.
  'blocks.validate': method((_ctx, a) => {
    const given = ['blocks', 'view', 'message'].filter((k) => a[k] !== undefined && a[k] !== '');
    if (given.length !== 1) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['must provide exactly one of `blocks`, `view`, or `message`'] } });
    try {
      if (given[0] === 'view') readView(a);
      else {
        const src = given[0] === 'blocks' ? json<unknown>(a, 'blocks', 'invalid_blocks_format') : json<{ blocks?: unknown }>(a, 'message', 'invalid_arguments')?.blocks;
        checkBlocks(src ?? []);
      }
    } catch (e) {
      if (e instanceof SlackError && (e.code === 'invalid_blocks' || (e.code === 'invalid_arguments' && given[0] === 'view'))) structured(e, given[0] === 'blocks' ? /^\/blocks/ : /^$/);
      throw e;
    }
    return {};
  }),

  // Slack Connect: invitations to people outside the org, approved by admins and accepted by the recipient.
  'conversations.inviteShared': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { member: true, notArchived: true });
    if (c.is_im || c.is_mpim) throw new SlackError('invalid_channel_type');
    if (c.is_general) throw new SlackError('cannot_share_mandatory_channel');
    const emails = list(a, 'emails') ?? [];
    const userIds = list(a, 'user_ids') ?? [];
    if (!emails.length && !userIds.length) throw invalidArguments('one of emails or user_ids is required');
    for (const e of emails) if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e)) throw new SlackError('invalid_email');
    const inv = invites(ctx).put({ id: newId(ctx.tenant, 'I'), channel_id: c.id, channel_name: c.name, emails, user_ids: userIds, inviter: who.user_id, date_created: nowSec(ctx.tenant), status: 'pending_approval', is_external_limited: !!str(a, 'external_limited') });
    return { invite_id: inv.id, is_legacy_shared_channel: false, ...(emails.length ? { conf_code: ctx.tenant.random.digits(6), url: `https://join.slack.com/share/${inv.id}` } : {}) };
  }),
  'conversations.listConnectInvites': method((ctx, a) => {
    const { page, next } = paginate(invites(ctx).values(), a, { kind: 'aW52', defaultLimit: 100 });
    return {
      invites: page.map((i) => ({ id: i.id, date_created: i.date_created, date_invalid: 0, inviting_team: { id: team(ctx.tenant).id, name: team(ctx.tenant).name }, inviting_user: i.inviter, recipient_email: (i.emails as string[])[0], link: `https://join.slack.com/share/${i.id}`, direction: 'outgoing', status: i.status, channel: { id: i.channel_id, name: i.channel_name } })),
      response_metadata: { next_cursor: next },
    };
  }),
  'conversations.approveSharedInvite': method((ctx, a) => {
    const inv = inviteArg(ctx, a);
    if (inv.status === 'approved' || inv.status === 'accepted') throw new SlackError('already_approved');
    if (inv.status !== 'pending_approval') throw new SlackError('approval_inactive');
    invites(ctx).patch(inv.id, { status: 'approved' });
    return {};
  }),
  'conversations.declineSharedInvite': method((ctx, a) => {
    const inv = inviteArg(ctx, a);
    if (inv.status === 'declined' || inv.status === 'accepted') throw new SlackError('inactive_invite');
    invites(ctx).patch(inv.id, { status: 'declined' });
    return {};
  }),
  // Accepting an invite from another org would create a channel here; the twin has no other org, so no invite id resolves.
  'conversations.acceptSharedInvite': method((ctx, a) => {
    need(a, 'channel_name', 'invalid_name_required');
    const id = str(a, 'invite_id');
    if (!id && !str(a, 'channel_id')) throw invalidArguments('one of invite_id or channel_id is required');
    const inv = id ? invites(ctx).get(id) : undefined;
    if (!inv) throw new SlackError('invalid_link');
    throw new SlackError('invalid_host_team');
  }),
  'conversations.externalInvitePermissions.set': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const action = need(a, 'action', 'invalid_action');
    if (action !== 'upgrade' && action !== 'downgrade') throw new SlackError('invalid_action');
    need(a, 'target_team', 'invalid_target_team');
    void c;
    throw new SlackError('not_supported');
  }),
  'conversations.requestSharedInvite.list': method((ctx, a) => {
    const items = admin(ctx.tenant, 'connect_requests').values();
    const { page, next } = paginate(items, a, { kind: 'cmVx', defaultLimit: 100 });
    return { invite_requests: page, response_metadata: { next_cursor: next } };
  }),
  'conversations.requestSharedInvite.approve': method((ctx, a) => reviewRequest(ctx, a, 'approved')),
  'conversations.requestSharedInvite.deny': method((ctx, a) => reviewRequest(ctx, a, 'denied')),

  // App manifests (https://docs.slack.dev/reference/methods/apps.manifest.create): creates a real app with credentials.
  'apps.manifest.validate': method((_ctx, a) => { manifestArg(a); return {}; }),
  'apps.manifest.create': method((ctx, a) => {
    const m = manifestArg(a);
    const r = ctx.tenant.random;
    const app = apps(ctx.tenant).put({
      id: newId(ctx.tenant, 'A'), name: m.display_information.name, bot_id: '', bot_user_id: '', scopes: { bot: m.oauth_config?.scopes?.bot ?? [], user: m.oauth_config?.scopes?.user ?? [] },
      signing_secret: r.hex(32), client_id: `${r.digits(13)}.${r.digits(13)}`, client_secret: r.hex(32), verification_token: r.chars(24),
      event_subscriptions: { request_url: m.settings?.event_subscriptions?.request_url ?? null, bot_events: m.settings?.event_subscriptions?.bot_events ?? [] },
      socket_mode: !!m.settings?.socket_mode_enabled, manifest: m,
    } as AppDoc);
    return { app_id: app.id, credentials: { client_id: app.client_id, client_secret: app.client_secret, verification_token: app.verification_token, signing_secret: app.signing_secret }, oauth_authorize_url: `https://slack.com/oauth/v2/authorize?client_id=${app.client_id}&scope=${app.scopes.bot.join(',')}` };
  }),
  'apps.manifest.update': method((ctx, a) => {
    const app = ownedApp(ctx, a);
    const m = manifestArg(a);
    const scopesChanged = JSON.stringify(m.oauth_config?.scopes ?? {}) !== JSON.stringify(manifestOf(app).oauth_config ?? {});
    apps(ctx.tenant).patch(app.id, { manifest: m, name: m.display_information.name, scopes: { bot: m.oauth_config?.scopes?.bot ?? [], user: m.oauth_config?.scopes?.user ?? [] } });
    return { app_id: app.id, permissions_updated: scopesChanged };
  }),
  'apps.manifest.export': method((ctx, a) => ({ manifest: manifestOf(ownedApp(ctx, a)) })),
  'apps.manifest.delete': method((ctx, a) => {
    const app = ownedApp(ctx, a);
    apps(ctx.tenant).patch(app.id, { deleted: true });
    return {};
  }),
  'apps.user.connection.update': method((ctx, a) => {
    if (!getUser(ctx.tenant, need(a, 'user_id', 'user_not_found'))) throw new SlackError('user_not_found');
    const status = need(a, 'status');
    if (status !== 'connected' && status !== 'disconnected') throw invalidArguments('status must be connected or disconnected');
    admin(ctx.tenant, 'user_connections').put({ id: str(a, 'user_id')!, status });
    return {};
  }),

  // Featured workflows per channel (https://docs.slack.dev/reference/methods/workflows.featured.add).
  'workflows.featured.add': method((ctx, a, who) => { featureEdit(ctx, a, who, 'add'); return {}; }),
  'workflows.featured.remove': method((ctx, a, who) => { featureEdit(ctx, a, who, 'remove'); return {}; }),
  'workflows.featured.set': method((ctx, a, who) => { featureEdit(ctx, a, who, 'set'); return {}; }),
  'workflows.featured.list': method((ctx, a) => {
    const ids = list(a, 'channel_ids');
    if (!ids?.length) throw invalidArguments('missing required field: channel_ids');
    for (const id of ids) if (!conversations(ctx.tenant).get(id)) throw new SlackError('channel_not_found');
    return { featured_workflows: ids.map((id) => ({ channel_id: id, triggers: featured(ctx, id).values().map((t) => ({ id: t.id, title: t.title })) })) };
  }),

  // Function executions come from workflow runs, which the twin does not start; no execution id resolves.
  'functions.completeSuccess': method((_ctx, a) => { need(a, 'function_execution_id', 'function_execution_not_found'); if (json(a, 'outputs') === undefined) throw invalidArguments('missing required field: outputs'); throw new SlackError('function_execution_not_found'); }),
  'functions.completeError': method((_ctx, a) => { need(a, 'function_execution_id', 'function_execution_not_found'); need(a, 'error'); throw new SlackError('function_execution_not_found'); }),

  // Work Object flexpane details answer an entity_details_requested trigger.
  'entity.presentDetails': method((ctx, a) => {
    const id = need(a, 'trigger_id', 'invalid_trigger_id');
    const t = triggers(ctx.tenant).get(id);
    if (!t || t.expires < nowSec(ctx.tenant)) throw new SlackError('invalid_trigger_id');
    if (a.metadata !== undefined && (json(a, 'metadata', 'invalid_metadata') === null)) throw new SlackError('invalid_metadata');
    return {};
  }),

  // https://docs.slack.dev/reference/methods/migration.exchange — ids are already global in this org.
  'migration.exchange': method((ctx, a) => {
    const ids = list(a, 'users');
    if (!ids?.length) throw invalidArguments('missing required field: users');
    if (ids.length > 400) throw new SlackError('too_many_users');
    const t = team(ctx.tenant);
    if (!t.enterprise_id) throw new SlackError('not_enterprise_team');
    const known = ids.filter((id) => getUser(ctx.tenant, id));
    return { team_id: t.id, enterprise_id: t.enterprise_id, user_id_map: Object.fromEntries(known.map((id) => [id, id])), invalid_user_ids: ids.filter((id) => !known.includes(id)) };
  }),
} satisfies Handlers;

function reviewRequest(ctx: OpContext, a: Args, status: string) {
  const r = admin(ctx.tenant, 'connect_requests').get(need(a, 'invite_id', 'invite_not_found'));
  if (!r) throw new SlackError('invite_not_found');
  if (r.status === 'approved') throw new SlackError('invite_already_approved');
  if (r.status === 'denied') throw new SlackError('invite_already_denied');
  admin(ctx.tenant, 'connect_requests').patch(r.id, { status });
  return {};
}

function featureEdit(ctx: OpContext, a: Args, who: Parameters<SlackMethod>[2], op: 'add' | 'remove' | 'set') {
  const c = conversationArg(ctx, { channel: str(a, 'channel_id') }, who, {});
  const ids = list(a, 'trigger_ids');
  if (!ids?.length) throw invalidArguments('missing required field: trigger_ids');
  if (op === 'set') featured(ctx, c.id).clear();
  for (const id of ids) {
    if (op === 'remove') featured(ctx, c.id).delete(id);
    else featured(ctx, c.id).put({ id, title: id, date_added: nowSec(ctx.tenant) });
  }
}
