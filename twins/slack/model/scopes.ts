/**
 * Which token types may call each method, and with which scopes; plus each
 * method's rate-limit tier. Taken from the "Scopes" and "Rate Limits" facts of
 * each method page at https://docs.slack.dev/reference/methods/<method>.
 */
import type { TokenType } from '../store.js';

/** Any one of the scopes grants the method; `[]` means the token type needs no scope. */
export interface MethodScopes {
  bot?: string[];
  user?: string[];
  app?: string[];
}

/** Methods that answer without any token (api.test, OAuth exchanges, OpenID token). */
export const NO_AUTH = new Set(['api.test', 'oauth.access', 'oauth.v2.access', 'oauth.v2.exchange', 'oauth.token', 'openid.connect.token', 'tooling.tokens.rotate']);

const both = (...s: string[]): MethodScopes => ({ bot: s, user: s });
const userOnly = (...s: string[]): MethodScopes => ({ user: s });
const botOnly = (...s: string[]): MethodScopes => ({ bot: s });

const READ = ['channels:read', 'groups:read', 'im:read', 'mpim:read'];
const HISTORY = ['channels:history', 'groups:history', 'im:history', 'mpim:history'];
/** Bots manage channels with channels:manage; user tokens with channels:write. */
const MANAGE: MethodScopes = { bot: ['channels:manage', 'groups:write', 'im:write', 'mpim:write'], user: ['channels:write', 'groups:write', 'im:write', 'mpim:write'] };
const MANAGE_CHANNELS: MethodScopes = { bot: ['channels:manage', 'groups:write'], user: ['channels:write', 'groups:write'] };

const table: Record<string, MethodScopes> = {
  'auth.test': { bot: [], user: [], app: [] },
  'auth.teams.list': both(),
  'auth.revoke': both(),
  'bots.info': both('users:read'),
  'apps.uninstall': both(),
  'apps.connections.open': { app: ['connections:write'] },
  'apps.event.authorizations.list': { app: ['authorizations:read'] },
  'rtm.connect': both(),
  'team.info': both('team:read'),
  'team.profile.get': both('users.profile:read'),
  'team.preferences.list': both('team.preferences:read'),
  'team.accessLogs': userOnly('admin'),
  'team.billableInfo': userOnly('admin'),
  'team.integrationLogs': userOnly('admin'),
  'team.billing.info': userOnly('team.billing:read'),
  'team.externalTeams.list': both('conversations.connect:manage'),
  'team.externalTeams.disconnect': both('conversations.connect:manage'),

  'conversations.archive': MANAGE,
  'conversations.close': MANAGE,
  'conversations.create': MANAGE_CHANNELS,
  'conversations.history': both(...HISTORY),
  'conversations.info': both(...READ),
  'conversations.invite': MANAGE,
  'conversations.join': { bot: ['channels:join'], user: ['channels:write'] },
  'conversations.kick': MANAGE_CHANNELS,
  'conversations.leave': MANAGE,
  'conversations.list': both(...READ),
  'conversations.mark': MANAGE,
  'conversations.members': both(...READ),
  'conversations.open': MANAGE,
  'conversations.rename': MANAGE,
  'conversations.replies': both(...HISTORY),
  'conversations.setPurpose': MANAGE,
  'conversations.setTopic': MANAGE,
  'conversations.unarchive': MANAGE_CHANNELS,
  'conversations.canvases.create': both('canvases:write'),
  'conversations.inviteShared': both('conversations.connect:write'),
  'conversations.acceptSharedInvite': both('conversations.connect:write'),
  'conversations.approveSharedInvite': both('conversations.connect:manage'),
  'conversations.declineSharedInvite': both('conversations.connect:manage'),
  'conversations.listConnectInvites': both('conversations.connect:manage'),
  'conversations.externalInvitePermissions.set': both('conversations.connect:manage'),
  'conversations.requestSharedInvite.approve': both('conversations.connect:manage'),
  'conversations.requestSharedInvite.deny': both('conversations.connect:manage'),
  'conversations.requestSharedInvite.list': both('conversations.connect:manage'),

  'chat.delete': both('chat:write'),
  'chat.deleteScheduledMessage': both('chat:write'),
  'chat.getPermalink': both(),
  'chat.meMessage': both('chat:write'),
  'chat.postEphemeral': both('chat:write'),
  'chat.postMessage': both('chat:write'),
  'chat.scheduleMessage': both('chat:write'),
  'chat.scheduledMessages.list': both(),
  'chat.unfurl': both('links:write'),
  'chat.update': both('chat:write'),
  'chat.startStream': both('chat:write'),
  'chat.appendStream': both('chat:write'),
  'chat.stopStream': both('chat:write'),

  'reactions.add': both('reactions:write'),
  'reactions.remove': both('reactions:write'),
  'reactions.get': both('reactions:read'),
  'reactions.list': both('reactions:read'),
  'pins.add': both('pins:write'),
  'pins.remove': both('pins:write'),
  'pins.list': both('pins:read'),
  'bookmarks.add': both('bookmarks:write'),
  'bookmarks.edit': both('bookmarks:write'),
  'bookmarks.remove': both('bookmarks:write'),
  'bookmarks.list': both('bookmarks:read'),
  'stars.add': userOnly('stars:write'),
  'stars.remove': userOnly('stars:write'),
  'stars.list': userOnly('stars:read'),

  'users.conversations': both(...READ),
  'users.deletePhoto': userOnly('users.profile:write'),
  'users.setPhoto': userOnly('users.profile:write'),
  'users.getPresence': both('users:read'),
  'users.setPresence': both('users:write'),
  'users.identity': userOnly('identity.basic'),
  'users.info': both('users:read'),
  'users.list': both('users:read'),
  'users.lookupByEmail': both('users:read.email'),
  'users.profile.get': both('users.profile:read'),
  'users.profile.set': userOnly('users.profile:write'),
  'users.discoverableContacts.lookup': both('users:read.email'),

  'usergroups.create': both('usergroups:write'),
  'usergroups.disable': both('usergroups:write'),
  'usergroups.enable': both('usergroups:write'),
  'usergroups.update': both('usergroups:write'),
  'usergroups.list': both('usergroups:read'),
  'usergroups.users.list': both('usergroups:read'),
  'usergroups.users.update': both('usergroups:write'),

  'files.getUploadURLExternal': both('files:write'),
  'files.completeUploadExternal': both('files:write'),
  'files.upload': both('files:write'),
  'files.delete': both('files:write'),
  'files.info': both('files:read'),
  'files.list': both('files:read'),
  'files.sharedPublicURL': userOnly('files:write'),
  'files.revokePublicURL': userOnly('files:write'),
  'files.comments.delete': both('files:write'),
  'files.remote.add': both('remote_files:write'),
  'files.remote.update': both('remote_files:write'),
  'files.remote.remove': both('remote_files:write'),
  'files.remote.info': both('remote_files:read'),
  'files.remote.list': both('remote_files:read'),
  'files.remote.share': both('remote_files:share'),

  'views.open': both(),
  'views.push': both(),
  'views.update': both(),
  'views.publish': both(),
  'dialog.open': botOnly(),

  'search.messages': userOnly('search:read'),
  'search.files': userOnly('search:read'),
  'search.all': userOnly('search:read'),

  'reminders.add': userOnly('reminders:write'),
  'reminders.complete': userOnly('reminders:write'),
  'reminders.delete': userOnly('reminders:write'),
  'reminders.info': userOnly('reminders:read'),
  'reminders.list': userOnly('reminders:read'),

  'dnd.endDnd': userOnly('dnd:write'),
  'dnd.endSnooze': userOnly('dnd:write'),
  'dnd.setSnooze': userOnly('dnd:write'),
  'dnd.info': both('dnd:read'),
  'dnd.teamInfo': both('dnd:read'),
  'emoji.list': both('emoji:read'),

  'calls.add': both('calls:write'),
  'calls.end': both('calls:write'),
  'calls.update': both('calls:write'),
  'calls.info': both('calls:read'),
  'calls.participants.add': both('calls:write'),
  'calls.participants.remove': both('calls:write'),

  'canvases.create': both('canvases:write'),
  'canvases.edit': both('canvases:write'),
  'canvases.delete': both('canvases:write'),
  'canvases.access.set': both('canvases:write'),
  'canvases.access.delete': both('canvases:write'),
  'canvases.sections.lookup': both('canvases:read'),

  // Slack Code (https://docs.slack.dev/ai/slack-code/): "Must be a granular bot token" bearing code_channels:manage; sessions need chat:write.
  ...Object.fromEntries(['archive', 'create', 'getCanvas', 'listViews', 'removeView', 'setCanvasContent', 'setCommands', 'setProperties', 'setView'].map((m) => [`agents.conversations.${m}`, botOnly('code_channels:manage')])),
  'agents.sessions.setStatus': botOnly('chat:write'),
  'agents.sessions.rename': botOnly('chat:write'),

  'assistant.threads.setStatus': botOnly('assistant:write', 'chat:write'),
  'assistant.threads.setSuggestedPrompts': botOnly('assistant:write'),
  'assistant.threads.setTitle': botOnly('assistant:write'),
  'openid.connect.userInfo': userOnly('openid'),
};

/** admin.* methods: org-admin user tokens with the family's admin scope (read or write). */
const ADMIN_FAMILIES: Array<[RegExp, string]> = [
  [/^admin\.users\./, 'admin.users'],
  [/^admin\.conversations\./, 'admin.conversations'],
  [/^admin\.emoji\./, 'admin.teams'],
  [/^admin\.teams\./, 'admin.teams'],
  [/^admin\.usergroups\./, 'admin.usergroups'],
  [/^admin\.inviteRequests\./, 'admin.invites'],
  [/^admin\.roles\./, 'admin.roles'],
  [/^admin\.barriers\./, 'admin.barriers'],
  [/^admin\.apps\./, 'admin.apps'],
  [/^admin\.functions\./, 'admin.workflows'],
  [/^admin\.workflows\./, 'admin.workflows'],
  [/^admin\.auth\./, 'admin.users'],
  [/^admin\.analytics\./, 'admin.analytics'],
];

const READ_VERBS = /\.(list|info|lookup|search|get\w*|listGroups|listChannels|listAssignments|getEntities|getTeams|getConversationPrefs|getCustomRetention|getFile|getSettings|getExpiration|ekm\.\w+)$/;

export function scopesFor(method: string): MethodScopes | undefined {
  const hit = table[method];
  if (hit) return hit;
  for (const [re, family] of ADMIN_FAMILIES) {
    if (re.test(method)) return userOnly(READ_VERBS.test(method) ? `${family}:read` : `${family}:write`);
  }
  return undefined;
}

/** The scopes a token type would need for a method, or undefined when the type may not call it. */
export function acceptedScopes(method: string, type: TokenType): string[] | undefined {
  const s = scopesFor(method);
  if (!s) return type === 'app' ? undefined : [];
  return s[type];
}

/** Picks the per-conversation-type scope Slack names in `needed` (channels:history vs groups:history …). */
export function scopeForConversation(kind: 'read' | 'history' | 'write', conv: { is_im: boolean; is_mpim: boolean; is_private: boolean }, type: TokenType): string {
  const family = conv.is_im ? 'im' : conv.is_mpim ? 'mpim' : conv.is_private ? 'groups' : 'channels';
  if (kind === 'write' && family === 'channels') return type === 'bot' ? 'channels:manage' : 'channels:write';
  return `${family}:${kind}`;
}

/** Rate-limit tiers (https://docs.slack.dev/apis/web-api/rate-limits): calls per minute. */
export const TIER_LIMITS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;

const TIERS: Record<1 | 2 | 4, string[]> = {
  1: ['team.billableInfo', 'admin.analytics.getFile', 'admin.users.session.resetBulk', 'admin.conversations.bulkArchive', 'admin.conversations.bulkDelete', 'admin.conversations.bulkMove'],
  2: [
    'conversations.list', 'users.list', 'conversations.create', 'conversations.archive', 'conversations.unarchive', 'conversations.rename',
    'conversations.setTopic', 'conversations.setPurpose', 'conversations.close', 'pins.add', 'pins.remove', 'pins.list', 'reactions.list',
    'reactions.remove', 'bookmarks.add', 'bookmarks.edit', 'bookmarks.remove', 'bookmarks.list', 'usergroups.create', 'usergroups.disable',
    'usergroups.enable', 'usergroups.update', 'usergroups.list', 'usergroups.users.list', 'usergroups.users.update', 'reminders.add',
    'reminders.complete', 'reminders.delete', 'reminders.info', 'reminders.list', 'dnd.teamInfo', 'dnd.setSnooze', 'dnd.endDnd', 'dnd.endSnooze',
    'search.messages', 'search.files', 'search.all', 'users.setPresence', 'emoji.list', 'team.accessLogs', 'team.integrationLogs', 'files.remote.list',
  ],
  4: [
    'auth.test', 'users.info', 'users.profile.get', 'conversations.members', 'chat.postEphemeral', 'chat.getPermalink', 'files.getUploadURLExternal',
    'files.completeUploadExternal', 'files.info', 'views.open', 'views.push', 'views.update', 'views.publish', 'users.conversations',
  ],
};

const tierOf = new Map<string, 1 | 2 | 3 | 4>();
for (const [tier, methods] of Object.entries(TIERS)) for (const m of methods) tierOf.set(m, Number(tier) as 1 | 2 | 4);

export function tierFor(method: string): 1 | 2 | 3 | 4 {
  return tierOf.get(method) ?? (method.startsWith('admin.') ? 2 : 3);
}
