/** The bot_profile and bots.info shapes of an app's bot, and the lookup from a bot id to its app. */
import type { Tenant } from '../../../src/core/tenant.js';
import { apps, team } from '../store.js';
import type { AppDoc } from '../types.js';

/** The bot_profile Slack attaches to bot messages. */
export function botProfile(tenant: Tenant, app: AppDoc): Record<string, unknown> {
  return {
    id: app.bot_id,
    deleted: !!app.deleted,
    name: app.name,
    updated: 1700000000,
    app_id: app.id,
    icons: app.icons ?? { image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png', image_48: 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png', image_72: 'https://a.slack-edge.com/80588/img/plugins/app/service_72.png' },
    team_id: team(tenant).id,
  };
}

/** The app that owns a bot id. */
export function appByBotId(tenant: Tenant, botId: string): AppDoc | undefined {
  return apps(tenant).find((a) => a.bot_id === botId);
}
