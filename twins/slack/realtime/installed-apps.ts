// The realtime side's view of installed apps: routing settings (Socket Mode, request URLs, subscriptions), their tokens, and who may see what.
import type { Tenant } from '../../../src/core/tenant.js';
import { apps, tokens, conversations, getConversation, getUser, team, type AppDoc, type TokenDoc, type SlackUser } from '../store.js';

/**
 * Settings the realtime side reads from an app document beyond the Web API's
 * fields. All optional: an app without them behaves as Slack does for an app
 * that never configured the feature.
 */
export interface AppRealtimeSettings {
  /** Slash commands the app registered, each optionally with its own request URL. */
  slash_commands?: Array<{ command: string; url?: string | null; description?: string }>;
  /** Global and message shortcuts (callback ids) the app registered. */
  shortcuts?: Array<{ callback_id: string; type: 'global' | 'message'; name?: string }>;
  /** OAuth redirect URLs configured for the app; when present, redirect_uri must match one. */
  redirect_urls?: string[];
  /** Token rotation: OAuth issues expiring `xoxe.` tokens with refresh tokens. */
  token_rotation_enabled?: boolean;
  /** Set when Socket Mode was turned off in the app's settings: connections are refused until it is back on. */
  socket_mode_disabled?: boolean;
  /** App Home tabs enabled (`home`, `messages`). */
  app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
}

export type RealtimeApp = AppDoc & AppRealtimeSettings;

export const getApp = (t: Tenant, id: string): RealtimeApp | undefined => {
  const a = apps(t).get(id) as RealtimeApp | undefined;
  return a && !a.deleted ? a : undefined;
};

export const allApps = (t: Tenant): RealtimeApp[] => (apps(t).values() as RealtimeApp[]).filter((a) => !a.deleted);

/** Scopes stored as arrays by the Web API; older fixtures may carry comma-separated strings. */
export function scopeList(s: unknown): string[] {
  if (Array.isArray(s)) return s.map(String).filter(Boolean);
  if (typeof s === 'string') return s.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** Whether a token is currently usable (not revoked, not expired by the twin clock). */
export function tokenLive(t: Tenant, doc: TokenDoc | undefined): doc is TokenDoc {
  if (!doc || doc.revoked) return false;
  return doc.expires_at === undefined || doc.expires_at > Math.floor(t.now().getTime() / 1000);
}

/** The app's live bot token in this workspace: what makes it "installed" for event delivery. */
export function botToken(t: Tenant, appId: string): TokenDoc | undefined {
  return tokens(t).find((k) => k.app_id === appId && k.type === 'bot' && tokenLive(t, k));
}

/** Live user tokens the app holds (user-event subscriptions are delivered on their behalf). */
export function userTokens(t: Tenant, appId: string): TokenDoc[] {
  return tokens(t).filter((k) => k.app_id === appId && k.type === 'user' && tokenLive(t, k));
}

export function isMember(t: Tenant, channelId: string, userId: string | undefined): boolean {
  if (!userId) return false;
  const c = getConversation(t, channelId);
  return !!c && (c.members ?? []).includes(userId);
}

/** The `user` object interactive payloads carry. */
export function payloadUser(t: Tenant, userId: string): Record<string, unknown> {
  const u = getUser(t, userId);
  return { id: userId, username: u?.name ?? userId, name: u?.name ?? userId, team_id: u?.team_id ?? team(t).id };
}

export function payloadTeam(t: Tenant): { id: string; domain: string } {
  const tm = team(t);
  return { id: tm.id, domain: tm.domain };
}

/** The Events API verification token (deprecated by Slack but still sent in every payload). */
export function verificationToken(t: Tenant, app: RealtimeApp): string {
  if (app.verification_token) return app.verification_token;
  const v = t.random.chars(24);
  apps(t).patch(app.id, { verification_token: v });
  return v;
}

export function channelName(t: Tenant, channelId: string): string {
  const c = getConversation(t, channelId);
  if (!c) return channelId;
  return c.is_im ? 'directmessage' : c.is_mpim ? c.name || 'mpdm' : c.name;
}

/** The IM between a person and an app's bot, if one exists. */
export function findIm(t: Tenant, userId: string, botUserId: string) {
  return conversations(t).find((c) => c.is_im && (c.members ?? []).includes(userId) && (c.members ?? []).includes(botUserId) && (userId !== botUserId || c.members.length === 1));
}

export type { AppDoc, TokenDoc, SlackUser };
