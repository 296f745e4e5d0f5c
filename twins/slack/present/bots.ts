/** The bot_profile and bots.info shapes of an app's bot, and the lookup from a bot id to its app. */
import type { Tenant } from '../../../src/core/tenant.js';
import { apps, team } from '../store.js';
import type { AppDoc } from '../types.js';

/** Slack's default bot icons, for an app that set none. */
const DEFAULT_ICONS = Object.freeze({ image_36: 'https://a.slack-edge.com/80588/img/plugins/app/bot_36.png', image_48: 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png', image_72: 'https://a.slack-edge.com/80588/img/plugins/app/service_72.png' });

/**
 * The bot_profile Slack attaches to bot messages. One frozen profile per app while what it shows is unchanged,
 * shared by every message the bot posts (and every event that carries one): each post made its own profile and
 * icons, kept by the message and by each event waiting for an app's retries.
 */
export function botProfile(tenant: Tenant, app: AppDoc): Record<string, unknown> {
  const deleted = !!app.deleted;
  const icons = app.icons ?? DEFAULT_ICONS;
  const teamId = team(tenant).id;
  const kept = profiles.get(app);
  if (kept && kept.id === app.bot_id && kept.deleted === deleted && kept.name === app.name && kept.app_id === app.id && kept.icons === icons && kept.team_id === teamId) return kept;
  const profile = Object.freeze({ id: app.bot_id, deleted, name: app.name, updated: 1700000000, app_id: app.id, icons, team_id: teamId });
  profiles.set(app, profile);
  return profile;
}
const profiles = new WeakMap<AppDoc, Readonly<Record<string, unknown>>>();

/** The app that owns a bot id. */
export function appByBotId(tenant: Tenant, botId: string): AppDoc | undefined {
  return apps(tenant).find((a) => a.bot_id === botId);
}
