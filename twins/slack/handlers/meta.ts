/** Workspace-level methods: api.test, auth.*, bots.info, team.*, emoji.list, apps.uninstall. */
import { SlackError } from '../errors.js';
import { str, bool } from './args.js';
import { apps, team, tokens, users, nowSec } from '../store.js';
import { botProfile } from '../present/bots.js';
import { emojiStore } from '../store.js';
import { method, pageNumbers } from './common.js';
import { editWindowMins } from '../model/messages.js';
import type { Handlers } from '../generated/operations.js';

const teamUrl = (domain: string) => `https://${domain}.slack.com/`;

export const metaHandlers = {
  // https://docs.slack.dev/reference/methods/api.test — echoes arguments; `error` makes it fail with that code.
  'api.test': method((_ctx, a) => {
    const args = Object.fromEntries(Object.entries(a).filter(([, v]) => typeof v === 'string'));
    const error = str(a, 'error');
    if (error) throw new SlackError(error, { args });
    return Object.keys(args).length ? { args } : {};
  }),

  // https://docs.slack.dev/reference/methods/auth.test
  'auth.test': method((ctx, _a, who) => {
    const t = team(ctx.tenant);
    const user = who.user_id ? users(ctx.tenant).get(who.user_id) : undefined;
    const out: Record<string, unknown> = { url: teamUrl(t.domain), team: t.name, user: user?.name, team_id: t.id, user_id: who.user_id };
    if (who.kind === 'bot') out.bot_id = who.bot_id;
    if (who.kind === 'app') out.app_id = who.app_id;
    if (t.enterprise_id) out.enterprise_id = t.enterprise_id;
    out.is_enterprise_install = false;
    return out;
  }),

  'auth.teams.list': method((ctx) => {
    const t = team(ctx.tenant);
    return { teams: [{ id: t.id, name: t.name, icon: t.icon }], response_metadata: { next_cursor: '' } };
  }),

  // https://docs.slack.dev/reference/methods/bots.info — without `bot`, the calling bot.
  'bots.info': method((ctx, a, who) => {
    const id = str(a, 'bot') ?? (who.kind === 'bot' ? who.bot_id : undefined);
    const app = id ? apps(ctx.tenant).find((x) => x.bot_id === id) : undefined;
    if (!app) throw new SlackError('bot_not_found');
    const p = botProfile(ctx.tenant, app);
    return { bot: { id: p.id, deleted: p.deleted, name: p.name, updated: p.updated, app_id: p.app_id, user_id: app.bot_user_id, icons: p.icons } };
  }),

  // https://docs.slack.dev/reference/methods/team.info
  'team.info': method((ctx, a) => {
    const t = team(ctx.tenant);
    const asked = str(a, 'team');
    if (asked && asked !== t.id) throw new SlackError('team_not_found');
    const out: Record<string, unknown> = {
      id: t.id, name: t.name, url: teamUrl(t.domain), domain: t.domain, email_domain: t.email_domain, icon: t.icon,
      avatar_base_url: 'https://ca.slack-edge.com/', is_verified: false, lob_sales_home_enabled: false,
    };
    if (t.enterprise_id) Object.assign(out, { enterprise_id: t.enterprise_id, enterprise_name: t.enterprise_name, enterprise_domain: `${t.domain}-enterprise` });
    if (t.description !== undefined) out.description = t.description;
    if (t.discoverability !== undefined) out.discoverability = t.discoverability;
    return { team: out };
  }),

  'team.profile.get': method((ctx) => ({ profile: { fields: ctx.tenant.meta('profileFields', () => [] as unknown[]), sections: [] } })),

  'team.preferences.list': method((ctx) => ({ display_real_names: false, allow_message_deletion: true, disable_file_uploads: 'allow_all', msg_edit_window_mins: editWindowMins(ctx.tenant), who_can_post_general: 'ra' })),

  // Sign-in records derived from the roster: one login per active person.
  'team.accessLogs': method((ctx, a) => {
    const people = users(ctx.tenant).filter((u) => !u.is_bot && !u.deleted);
    const logins = people.map((u, i) => ({
      user_id: u.id, username: u.name, date_first: u.updated - 86400 * (i + 1), date_last: u.updated, count: 1 + i,
      ip: `192.0.2.${10 + i}`, user_agent: 'Mozilla/5.0', isp: 'Example ISP', country: 'US', region: 'CA',
    }));
    const { page, paging } = pageNumbers(logins, a, 100);
    return { logins: page, paging };
  }),

  'team.billableInfo': method((ctx, a) => {
    const only = str(a, 'user');
    const out: Record<string, { billing_active: boolean }> = {};
    for (const u of users(ctx.tenant).values()) {
      if (u.is_bot || (only && u.id !== only)) continue;
      out[u.id] = { billing_active: !u.deleted };
    }
    if (only && !out[only]) throw new SlackError('user_not_found');
    return { billable_info: out };
  }),

  'team.integrationLogs': method((ctx, a) => {
    const logs = apps(ctx.tenant).values().map((app) => {
      const installer = users(ctx.tenant).get(app.installer_user_id ?? '');
      return { app_id: app.id, app_type: 'slack_app', user_id: installer?.id ?? '', user_name: installer?.name ?? '', date: String(nowSec(ctx.tenant)), change_type: 'added', scope: app.scopes.bot.join(',') };
    });
    const appId = str(a, 'app_id');
    const { page, paging } = pageNumbers(appId ? logs.filter((l) => l.app_id === appId) : logs, a, 100);
    return { logs: page, paging };
  }),

  'team.billing.info': method(() => ({ plan: 'enterprise' })),

  'team.externalTeams.list': method(() => ({ organizations: [], total_count: 0, response_metadata: { next_cursor: '' } })),

  // No Slack Connect partners exist in the twin, so any target is unknown.
  'team.externalTeams.disconnect': method((_ctx, a) => {
    str(a, 'target_team');
    throw new SlackError('team_not_found');
  }),

  // https://docs.slack.dev/reference/methods/emoji.list
  'emoji.list': method((ctx, a) => {
    const emoji = Object.fromEntries(emojiStore(ctx.tenant).values().map((e) => [e.name, e.url]));
    const out: Record<string, unknown> = { emoji, cache_ts: `${nowSec(ctx.tenant)}.000000` };
    if (bool(a, 'include_categories')) out.categories = [{ name: 'smileys_and_people', emoji_names: ['grinning', 'wave', 'tada'] }];
    out.categories_version = '5';
    return out;
  }),

  // https://docs.slack.dev/reference/methods/apps.uninstall — revokes every token the app holds in this workspace.
  'apps.uninstall': method((ctx, a, who) => {
    const app = apps(ctx.tenant).find((x) => x.client_id === str(a, 'client_id'));
    if (!app) throw new SlackError('invalid_client_id');
    if (app.client_secret !== str(a, 'client_secret')) throw new SlackError('bad_client_secret');
    if (who.app_id && who.app_id !== app.id) throw new SlackError('invalid_client_id');
    for (const t of tokens(ctx.tenant).filter((x) => x.app_id === app.id)) tokens(ctx.tenant).patch(t.id, { revoked: true });
    return {};
  }),
} satisfies Handlers;
