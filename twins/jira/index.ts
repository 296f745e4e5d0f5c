// The Jira Cloud twin (layout: docs/decisions/0006 — openapi/, generated/, store.ts, per-API platform/ and agile/ {model,handlers,present}, control, auth, errors, seed) assembled.
import { canonicalParam } from './platform/handlers/canonical-keys.js';
import { loadDigest, type OperationDigest } from '../../src/core/digest.js';
import type { HandlerMap } from '../../src/core/handler.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { BucketSpec } from '../../src/core/ratelimit.js';
import type { TwinDefinition } from '../../src/core/twin.js';
import { authenticate, credentialOf } from './auth.js';
import { mountControl } from './control.js';
import { isoMinute, renderFailure } from './errors.js';
import { attachmentHandlers } from './platform/handlers/attachments.js';
import { commentHandlers } from './platform/handlers/comments.js';
import { componentHandlers } from './platform/handlers/components.js';
import { fieldHandlers } from './platform/handlers/fields.js';
import { fieldContextHandlers } from './platform/handlers/field-contexts.js';
import { issueHandlers } from './platform/handlers/issues.js';
import { metaHandlers } from './platform/handlers/meta.js';
import { projectHandlers } from './platform/handlers/projects.js';
import { roleHandlers } from './platform/handlers/roles.js';
import { propertyHandlers } from './platform/handlers/properties.js';
import { boardHandlers } from './agile/handlers/boards.js';
import { filterHandlers } from './platform/handlers/filters.js';
import { jqlHandlers } from './platform/handlers/jql.js';
import { expressionHandlers } from './platform/handlers/expressions.js';
import { preferenceHandlers } from './platform/handlers/preferences.js';
import { remoteLinkHandlers } from './platform/handlers/remote-links.js';
import { permissionHandlers } from './platform/handlers/permissions.js';
import { webhookHandlers } from './platform/handlers/webhooks.js';
import { groupHandlers } from './platform/handlers/groups.js';
import { workflowHandlers } from './platform/handlers/workflows.js';
import { securityLevelHandlers } from './platform/handlers/security-levels.js';
import { workflowSchemeHandlers } from './platform/handlers/workflow-schemes.js';
import { workflowSchemeDraftHandlers } from './platform/handlers/workflow-scheme-drafts.js';
import { workflowEditorHandlers } from './platform/handlers/workflow-editor.js';
import { workflowTransitionRuleHandlers } from './platform/handlers/workflow-transition-rules.js';
import { taskHandlers } from './platform/handlers/tasks.js';
import { archivingHandlers } from './platform/handlers/archiving.js';
import { issuePanelHandlers } from './platform/handlers/issue-panels.js';
import { workflowSchemeUpdateHandlers } from './platform/handlers/workflow-scheme-updates.js';
import { workflowUsageHandlers } from './platform/handlers/workflow-usages.js';
import { workflowTransitionPropertyHandlers } from './platform/handlers/workflow-transition-properties.js';
import { adminWebhookHandlers } from './platform/handlers/admin-webhooks.js';
import { startWebhookDelivery } from './realtime/webhooks.js';
import { epicHandlers } from './agile/handlers/epics.js';
import { devopsHandlers } from './agile/handlers/devops.js';
import { appHandlers } from './platform/handlers/apps.js';
import { userSearchHandlers } from './platform/handlers/user-search.js';
import { bulkIssueHandlers } from './platform/handlers/bulk-issues.js';
import { pickerHandlers } from './platform/handlers/pickers.js';
import { projectTemplateHandlers } from './platform/handlers/project-templates.js';
import { mountServiceDeskApi } from './servicedesk.js';
import { sprintHandlers } from './agile/handlers/sprints.js';
import { mountSoftwareApi } from './agile/software-api.js';
import { searchHandlers } from './platform/handlers/search.js';
import { socialHandlers } from './platform/handlers/social.js';
import { transitionHandlers } from './platform/handlers/transitions.js';
import { userHandlers } from './platform/handlers/users.js';
import { versionHandlers } from './platform/handlers/versions.js';
import { worklogHandlers } from './platform/handlers/worklogs.js';
import { siteConfigHandlers } from './platform/handlers/site-config.js';
import { settingsHandlers } from './platform/handlers/settings.js';
import { avatarHandlers } from './platform/handlers/avatars.js';
import { dashboardHandlers } from './platform/handlers/dashboards.js';
import { projectSettingsHandlers } from './platform/handlers/project-settings.js';
import { screenHandlers } from './platform/handlers/screens.js';
import { issueTypeSchemeHandlers } from './platform/handlers/issue-type-schemes.js';
import { fieldConfigurationHandlers } from './platform/handlers/field-configurations.js';
import { issueTypeScreenSchemeHandlers } from './platform/handlers/issue-type-screen-schemes.js';
import { prioritySchemeHandlers } from './platform/handlers/priority-schemes.js';
import { notificationSchemeHandlers } from './platform/handlers/notification-schemes.js';
import { populate } from './seed.js';
import { normalizeQuery } from './request.js';
import { apps, credentials, isSiteAdmin, K, nextId, upgradeSite, users } from './store.js';
import { mountV2 } from './platform/v2.js';

/**
 * Collections whose documents the hand-written handlers own. Inference must
 * not write into them (a generic create would store shapes the handlers do
 * not expect), so operations on them are hand-written or answer 501.
 */
const MANAGED = new Set<string>([
  K.users, '/rest/api/3/users', K.projects, K.issueTypes, K.priorities, K.statuses, '/rest/api/3/statuses', K.resolutions,
  K.issues, K.issueLinks, K.issueLinkTypes, '/rest/api/3/issue/{issueIdOrKey}/comment', '/rest/api/3/issue/{issueIdOrKey}/worklog',
  K.components, K.versions, K.attachments, '/rest/api/3/attachment/content', '/rest/api/3/attachment/thumbnail', K.customFields, K.tasks,
  K.roles, K.groups, K.workflows, '/rest/api/3/workflowscheme', '/rest/api/3/workflow', '/rest/api/3/workflows', '/rest/api/3/issuesecurityschemes', '/rest/api/3/project/{projectIdOrKey}/role', K.filters, K.boards, K.sprints, '/rest/api/3/permissionscheme',
  '/rest/api/3/issue/{issueIdOrKey}/attachments', '/rest/api/3/field/{fieldId}/context', '/rest/api/3/field/{fieldId}/context/{contextId}/option',
  '/rest/api/3/dashboard', '/rest/api/3/projectCategory', '/rest/api/3/screens', '/rest/api/3/screenscheme', '/rest/api/3/issuetypescheme',
  '/rest/api/3/fieldconfiguration', '/rest/api/3/fieldconfigurationscheme', '/rest/api/3/issuetypescreenscheme', '/rest/api/3/priorityscheme', '/rest/api/3/notificationscheme',
]);

function inferredCollection(op: OperationDigest): string {
  const segs = op.path.split('/').filter(Boolean);
  return /^\{[^}]+\}$/.test(segs[segs.length - 1] ?? '') ? `/${segs.slice(0, -1).join('/')}` : op.path;
}

/**
 * A site's common headers: `nosniff` and the request ids. Request ids are derived from a per-tenant counter,
 * so they are unique without drawing on the seeded id stream (a GET must not change the ids later creates
 * get). They only have to look like Jira's (a UUID-shaped `X-AREQUESTID` and a 16-hex trace id) and differ
 * per request: six 32-bit words mixed from the tenant's name and the counter (murmur3's finalizer), not a
 * SHA-256 per request, written as hex digits' character codes and made into two strings, not twelve.
 */
function commonHeaders(t: Tenant): Record<string, string> {
  const counter = t.meta<{ n: number }>('jira:requests', () => ({ n: 0 }));
  counter.n += 1;
  const base = (nameSeed(t.name) ^ Math.imul(counter.n, 0x9e3779b1)) >>> 0;
  const w = (i: number) => mix32(base + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
  // aaaaaaaa-bbbb-bbbb-cccc-ccccdddddddd, then eeeeeeeeffffffff.
  const b = w(1), c = w(2);
  hex(idCodes, 0, w(0), 8);
  hex(idCodes, 9, b >>> 16, 4);
  hex(idCodes, 14, b & 0xffff, 4);
  hex(idCodes, 19, c >>> 16, 4);
  hex(idCodes, 24, c & 0xffff, 4);
  hex(idCodes, 28, w(3), 8);
  hex(traceCodes, 0, w(4), 8);
  hex(traceCodes, 8, w(5), 8);
  return { 'x-content-type-options': 'nosniff', 'x-arequestid': String.fromCharCode.apply(null, idCodes), 'atl-traceid': String.fromCharCode.apply(null, traceCodes) };
}

const HEX_CODES = [...'0123456789abcdef'].map((ch) => ch.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const idCodes: number[] = Array.from({ length: 36 }, (_, i) => ([8, 13, 18, 23].includes(i) ? DASH : 0));
const traceCodes: number[] = new Array<number>(16).fill(0);

/** Writes `x` as `digits` lower-case hex digits (leading zeros kept) at `at`. */
function hex(into: number[], at: number, x: number, digits: number): void {
  for (let k = digits - 1; k >= 0; k--) {
    into[at + k] = HEX_CODES[x & 15];
    x >>>= 4;
  }
}

/** An operation's bucket, made once per operation rather than per call. */
const buckets = new WeakMap<OperationDigest, BucketSpec>();
function bucketOf(op: OperationDigest): BucketSpec {
  let b = buckets.get(op);
  if (!b) buckets.set(op, (b = { key: `${op.method.toUpperCase()} ${op.path}`, limit: 100, windowSec: 1 }));
  return b;
}

function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const seeds = new Map<string, number>();
function nameSeed(name: string): number {
  let s = seeds.get(name);
  if (s === undefined) {
    s = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) s = Math.imul(s ^ name.charCodeAt(i), 0x01000193);
    seeds.set(name, (s = mix32(s)));
  }
  return s;
}

function siteCredentials(t: Tenant, baseUrl: string): Record<string, unknown> {
  const all = users(t).values().map((u) => {
    const creds = credentials(t).filter((c) => c.accountId === u.accountId);
    return {
      accountId: u.accountId,
      email: u.emailAddress,
      displayName: u.displayName,
      admin: isSiteAdmin(u),
      active: u.active,
      apiToken: creds.find((c) => c.kind === 'api_token')?.id,
      accessToken: creds.find((c) => c.kind === 'oauth_access_token')?.id,
      accessTokenScopes: creds.find((c) => c.kind === 'oauth_access_token')?.scopes ?? [],
    };
  });
  const admin = all.find((u) => u.admin && u.active) ?? all[0];
  // The installed apps' credentials: a Connect app signs each request with a JWT over its shared secret
  // (jira.js: `authentication: { jwt: { issuer: key, secret: sharedSecret } }`); a Forge app calls as itself with its bearer token.
  const connect = apps(t).values().find((a) => a.kind === 'connect');
  const forge = apps(t).values().find((a) => a.kind === 'forge');
  const appCredentials = {
    ...(connect ? { connectApp: { key: connect.key, clientKey: connect.clientKey, sharedSecret: connect.sharedSecret, accountId: connect.accountId } } : {}),
    ...(forge ? { forgeApp: { appId: forge.key, accountId: forge.accountId, accessToken: credentials(t).values().find((c) => c.kind === 'forge_app_token' && c.accountId === forge.accountId)?.id } } : {}),
  };
  // accessToken is an OAuth 2.0 (3LO) app grant for the admin, with the scopes apps ask for (manage:jira-webhook included),
  // since dynamic webhooks are served to apps only; API tokens (Basic) act as the user with no scope limits.
  return { host: baseUrl, email: admin?.email, apiToken: admin?.apiToken, accountId: admin?.accountId, accessToken: admin?.accessToken, accessTokenScopes: admin?.accessTokenScopes, users: all, ...appCredentials };
}

export function definition(): TwinDefinition {
  const digest = loadDigest('jira');
  const handlers: HandlerMap = {
    ...userHandlers,
    ...projectHandlers,
    ...archivingHandlers,
    ...roleHandlers,
    ...propertyHandlers,
    ...filterHandlers,
    ...jqlHandlers,
    ...expressionHandlers,
    ...preferenceHandlers,
    ...remoteLinkHandlers,
    ...permissionHandlers,
    ...webhookHandlers,
    ...groupHandlers,
    ...workflowHandlers,
    ...securityLevelHandlers,
    ...workflowSchemeHandlers,
    ...workflowSchemeDraftHandlers,
    ...workflowEditorHandlers,
    ...workflowTransitionRuleHandlers,
    ...taskHandlers,
    ...issuePanelHandlers,
    ...workflowSchemeUpdateHandlers,
    ...workflowUsageHandlers,
    ...workflowTransitionPropertyHandlers,
    ...adminWebhookHandlers,
    ...boardHandlers,
    ...sprintHandlers,
    ...epicHandlers,
    ...devopsHandlers,
    ...appHandlers,
    ...userSearchHandlers,
    ...bulkIssueHandlers,
    ...pickerHandlers,
    ...projectTemplateHandlers,
    ...metaHandlers,
    ...issueHandlers,
    ...transitionHandlers,
    ...commentHandlers,
    ...worklogHandlers,
    ...socialHandlers,
    ...searchHandlers,
    ...attachmentHandlers,
    ...componentHandlers,
    ...versionHandlers,
    ...fieldHandlers,
    ...fieldContextHandlers,
    ...siteConfigHandlers,
    ...settingsHandlers,
    ...avatarHandlers,
    ...dashboardHandlers,
    ...projectSettingsHandlers,
    ...screenHandlers,
    ...issueTypeSchemeHandlers,
    ...fieldConfigurationHandlers,
    ...issueTypeScreenSchemeHandlers,
    ...prioritySchemeHandlers,
    ...notificationSchemeHandlers,
  };
  return {
    name: 'jira',
    title: 'Jira Cloud platform REST API (v3, and v2 served from the same state)',
    digest,
    handlers,
    jsonContentType: 'application/json;charset=UTF-8',
    normalize: normalizeQuery,
    inference: {
      pagination: 'jira-offset',
      newId: (t, template) => nextId(t, template),
      exclude: (op) => MANAGED.has(inferredCollection(op)),
      canonicalParam,
    },
    renderFailure,
    authenticate,
    credentialOf,
    populate: (t, fixture) => populate(t, fixture),
    // Sites persisted before the changelog had its own collection still load (store.ts).
    upgrade: upgradeSite,
    credentials: (t, baseUrl) => siteCredentials(t, baseUrl),
    credentialValues: (t) => credentials(t).values().map((c) => c.id),
    rateLimit: {
      // Jira's burst limits apply per endpoint and HTTP method. https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
      bucket: bucketOf,
      headers: (s) => {
        const h: Record<string, string> = { 'x-ratelimit-limit': String(s.limit), 'x-ratelimit-remaining': String(s.remaining) };
        if (s.remaining < s.limit * 0.2) {
          h['x-ratelimit-nearlimit'] = 'true';
          h['x-ratelimit-reset'] = isoMinute(s.resetAt);
        }
        return h;
      },
    },
    control: mountControl,
    start: startWebhookDelivery,
    // v2 is served by re-dispatching to the v3 operations (platform/v2.ts), /rest/software/1.0 by the Agile ones;
    // /rest/servicedeskapi answers as a site without Service Management agent licences (servicedesk.ts).
    routes: (app, twin) => {
      mountV2(app, twin);
      mountSoftwareApi(app, twin);
      mountServiceDeskApi(app, twin);
    },
    commonHeaders: (_twin, tenant) => (tenant ? commonHeaders(tenant) : { 'x-content-type-options': 'nosniff' }),
  };
}
