// The caller's preferences and locale, project types, key and name suggestions, the user-and-group picker, and the site's global settings.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { groups, projects, users } from '../../store.js';
import { deleteProperty, getProperty, setProperty } from '../model/properties.js';
import { userDetails, viewOf } from '../present/site.js';
import { intParam, jsonString, me, objectBody, type Ctx } from './common.js';
import { projectKeyError } from './projects.js';
import { siteSettings } from '../model/site-settings.js';

const PREFS = 'usernav';
const TYPES = [
  { key: 'software', formattedKey: 'Software', descriptionI18nKey: 'jira.project.type.software.description', icon: '', color: '#2684FF' },
  { key: 'business', formattedKey: 'Business', descriptionI18nKey: 'jira.project.type.business.description', icon: '', color: '#FF8B00' },
  { key: 'service_desk', formattedKey: 'Service management', descriptionI18nKey: 'jira.project.type.servicedesk.description', icon: '', color: '#00B8D9' },
  { key: 'product_discovery', formattedKey: 'Product discovery', descriptionI18nKey: 'jira.project.type.productdiscovery.description', icon: '', color: '#6554C0' },
];

function typeOr404(ctx: Ctx) {
  const t = TYPES.find((x) => x.key === String(ctx.params.projectTypeKey));
  if (!t) throw jiraError(404, [`Project type with key '${String(ctx.params.projectTypeKey)}' does not exist.`]);
  return t;
}

/** The first key free of the given stem: the stem itself, else the stem with a counter (Jira's own suggestion). */
function freeKey(ctx: Ctx, stem: string): string {
  const base = stem.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^[0-9]+/, '').slice(0, 8) || 'PROJ';
  if (!projectKeyError(ctx, base)) return base;
  for (let n = 1; ; n++) if (!projectKeyError(ctx, `${base.slice(0, 9 - String(n).length)}${n}`)) return `${base.slice(0, 9 - String(n).length)}${n}`;
}

export const preferenceHandlers = {
  getPreference: (ctx) => {
    const key = String(ctx.query.key ?? '');
    const p = getProperty(ctx.tenant, PREFS, me(ctx).accountId, key);
    if (!p) throw jiraError(404, [`The preference with key '${key}' does not exist.`]);
    return typeof p.value === 'string' ? jsonString(p.value) : { body: p.value as never };
  },
  setPreference: (ctx) => {
    const key = String(ctx.query.key ?? '');
    if (!key) throw jiraError(400, ['A preference key is required.']);
    // Jira takes the value "by sending a plain text string" (text/plain, kept as sent); a JSON string works too.
    const b: unknown = ctx.body;
    const value = b instanceof Uint8Array ? Buffer.from(b).toString('utf8') : typeof b === 'string' ? b : JSON.stringify(b ?? '');
    setProperty(ctx.tenant, PREFS, me(ctx).accountId, key, value);
    return { status: 204 };
  },
  removePreference: (ctx) => {
    const key = String(ctx.query.key ?? '');
    if (!deleteProperty(ctx.tenant, PREFS, me(ctx).accountId, key)) throw jiraError(404, [`The preference with key '${key}' does not exist.`]);
    return { status: 204 };
  },
  getLocale: (ctx) => ({ body: { locale: me(ctx).locale } }),
  setLocale: (ctx) => {
    const locale = String(objectBody(ctx).locale ?? '');
    if (!/^[a-z]{2}_[A-Z]{2}$/.test(locale)) throw jiraError(400, [`The locale '${locale}' is not supported.`]);
    users(ctx.tenant).patch(me(ctx).accountId, { locale });
    return { status: 204 };
  },

  getAllProjectTypes: () => ({ body: TYPES }),
  getAllAccessibleProjectTypes: () => ({ body: TYPES.slice(0, 2) }),
  getProjectTypeByKey: (ctx) => ({ body: typeOr404(ctx) }),
  getAccessibleProjectTypeByKey: (ctx) => {
    const t = typeOr404(ctx);
    if (!TYPES.slice(0, 2).includes(t)) throw jiraError(404, [`Project type with key '${t.key}' is not accessible.`]);
    return { body: t };
  },
  getValidProjectKey: (ctx) => jsonString(freeKey(ctx, String(ctx.query.key ?? ''))),
  getValidProjectName: (ctx) => {
    const name = String(ctx.query.name ?? '').trim();
    if (!name) throw jiraError(400, ['A project name is required.']);
    const taken = (n: string) => projects(ctx.tenant).values().some((p) => !p.trashedAt && p.name.toLowerCase() === n.toLowerCase());
    let candidate = name;
    for (let n = 1; taken(candidate); n++) candidate = `${name} ${n}`;
    return jsonString(candidate);
  },
  findUsersAndGroups: (ctx) => {
    const q = String(ctx.query.query ?? '').toLowerCase();
    const max = intParam(ctx.query.maxResults, 50, 1, 1000);
    const v = viewOf(ctx);
    const us = users(ctx.tenant).filter((u) => u.active && (u.displayName.toLowerCase().includes(q) || u.emailAddress.toLowerCase().startsWith(q)));
    const gs = groups(ctx.tenant).filter((g) => g.name.toLowerCase().includes(q));
    return {
      body: {
        // UserPickerUser carries no accountType (the platform spec's schema).
        users: { users: us.slice(0, max).map((u) => ({ accountId: u.accountId, displayName: u.displayName, html: u.displayName, avatarUrl: userDetails(v, u).avatarUrls['48x48'] })), total: us.length, header: `Showing ${Math.min(max, us.length)} of ${us.length} matching users` },
        groups: { groups: gs.slice(0, max).map((g) => ({ name: g.name, html: g.name, groupId: g.id, labels: [] })), total: gs.length, header: `Showing ${Math.min(max, gs.length)} of ${gs.length} matching groups` },
      },
    };
  },
  getConfiguration: (ctx) => ({
    body: {
      votingEnabled: true,
      watchingEnabled: true,
      unassignedIssuesAllowed: true,
      subTasksEnabled: true,
      issueLinkingEnabled: true,
      timeTrackingEnabled: true,
      attachmentsEnabled: true,
      timeTrackingConfiguration: (({ provider: _p, ...options }) => options)(siteSettings(ctx.tenant).time),
    },
  }),
} satisfies Handlers;
