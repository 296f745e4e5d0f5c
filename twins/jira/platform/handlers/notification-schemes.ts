// Notification schemes: create, list, read (events only when expanded), rename, add and remove notifications, delete, project mappings and a project's scheme.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { nextId } from '../../store.js';
import {
  DEFAULT_NOTIFICATION_SCHEME, ISSUE_EVENTS, NOTIFICATION_TYPES, notificationSchemeOfProject, notificationSchemeOr404, notificationSchemes, projectsUsingNotificationScheme,
  type NotificationDoc, type NotificationSchemeDoc,
} from '../model/notification-schemes.js';
import { intParam, listParam, objectBody, pageBean, projectOr404, requireSiteAdmin, type Ctx, uniqueName } from './common.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-notification-schemes/
const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'Only Jira administrators can manage notification schemes.');
const page = <T>(ctx: Ctx, rows: T[]) => pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 50));
const EXPANDS = 'notificationSchemeEvents,user,group,projectRole,field,all';
/** Types that name someone (a user, group, role, address or field) in `parameter`. */
const NEEDS_PARAMETER = new Set(['User', 'Group', 'ProjectRole', 'EmailAddress', 'UserCustomField', 'GroupCustomField']);

const notificationJson = (n: NotificationDoc) => ({
  id: Number(n.id),
  notificationType: n.notificationType,
  ...(n.parameter !== undefined ? { parameter: n.parameter, recipient: n.parameter } : {}),
  expand: 'user,group,projectRole,field',
});

/** `notificationSchemeEvents` only with `expand=all` or `expand=notificationSchemeEvents`, as Jira answers. */
function schemeJson(ctx: Ctx, s: NotificationSchemeDoc, withProjects: boolean) {
  const expand = listParam(ctx.query.expand);
  const events = expand.includes('all') || expand.includes('notificationSchemeEvents');
  return {
    expand: EXPANDS,
    id: Number(s.id),
    self: `${ctx.baseUrl}/rest/api/3/notificationscheme/${s.id}`,
    name: s.name,
    description: s.description,
    ...(events
      ? { notificationSchemeEvents: ISSUE_EVENTS.filter((e) => s.events[e.id]?.length).map((e) => ({ event: { id: Number(e.id), name: e.name, description: e.description }, notifications: s.events[e.id].map(notificationJson) })) }
      : {}),
    ...(withProjects ? { projects: projectsUsingNotificationScheme(ctx.tenant, s.id).map((p) => Number(p.id)) } : {}),
  };
}

const nameOf = (ctx: Ctx, raw: unknown, except?: string) => uniqueName(raw, 'notification scheme', notificationSchemes(ctx.tenant).values(), except);

/** Adds `[{event:{id}, notifications:[{notificationType, parameter}]}]` to `events`; an existing notification is refused. */
function addEvents(ctx: Ctx, events: NotificationSchemeDoc['events'], raw: unknown): NotificationSchemeDoc['events'] {
  if (!Array.isArray(raw)) throw fieldErrors({ notificationSchemeEvents: 'The notification scheme events must be a list.' });
  const out = structuredClone(events);
  for (const e of raw) {
    const x = (e ?? {}) as { event?: { id?: unknown }; notifications?: unknown };
    const id = String(x.event?.id ?? '');
    if (!ISSUE_EVENTS.some((ev) => ev.id === id)) throw jiraError(400, [`The event with id ${id} does not exist.`]);
    for (const n of Array.isArray(x.notifications) ? x.notifications : []) {
      const y = (n ?? {}) as { notificationType?: unknown; parameter?: unknown };
      const type = String(y.notificationType ?? '');
      if (!NOTIFICATION_TYPES.has(type)) throw jiraError(400, [`The notification type ${type} is not valid.`]);
      const parameter = y.parameter === undefined || y.parameter === null ? undefined : String(y.parameter);
      if (NEEDS_PARAMETER.has(type) && !parameter) throw jiraError(400, [`The notification type ${type} needs a parameter.`]);
      const list = (out[id] ??= []);
      if (list.some((m) => m.notificationType === type && m.parameter === (NEEDS_PARAMETER.has(type) ? parameter : undefined))) throw jiraError(400, [`The notification ${type} already exists for the event ${id}.`]);
      list.push({ id: nextId(ctx.tenant, 'notification'), notificationType: type, ...(NEEDS_PARAMETER.has(type) ? { parameter } : {}) });
    }
  }
  return out;
}

export const notificationSchemeHandlers = {
  getNotificationSchemes: (ctx) => {
    const ids = listParam(ctx.query.id);
    const projectIds = listParam(ctx.query.projectId);
    const onlyDefault = String(ctx.query.onlyDefault) === 'true';
    const rows = notificationSchemes(ctx.tenant).values().filter((s) =>
      (!ids.length || ids.includes(s.id)) && (!onlyDefault || s.id === DEFAULT_NOTIFICATION_SCHEME) &&
      (!projectIds.length || projectsUsingNotificationScheme(ctx.tenant, s.id).some((p) => projectIds.includes(p.id))));
    return { body: page(ctx, rows.map((s) => schemeJson(ctx, s, true))) };
  },
  getNotificationScheme: (ctx) => ({ body: schemeJson(ctx, notificationSchemeOr404(ctx.tenant, ctx.params.id), false) }),
  createNotificationScheme: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const name = nameOf(ctx, b.name);
    const events = b.notificationSchemeEvents === undefined ? {} : addEvents(ctx, {}, b.notificationSchemeEvents);
    const s = notificationSchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'notificationscheme', 10001), name, description: typeof b.description === 'string' ? b.description : '', events });
    return { status: 201, body: { id: s.id } };
  },
  updateNotificationScheme: (ctx) => {
    requireAdmin(ctx);
    const s = notificationSchemeOr404(ctx.tenant, ctx.params.id);
    const b = objectBody(ctx);
    notificationSchemes(ctx.tenant).patch(s.id, { ...(b.name !== undefined ? { name: nameOf(ctx, b.name, s.id) } : {}), ...(typeof b.description === 'string' ? { description: b.description } : {}) });
    return { status: 204 };
  },
  addNotifications: (ctx) => {
    requireAdmin(ctx);
    const s = notificationSchemeOr404(ctx.tenant, ctx.params.id);
    notificationSchemes(ctx.tenant).patch(s.id, { events: addEvents(ctx, s.events, objectBody(ctx).notificationSchemeEvents) });
    return { status: 204 };
  },
  removeNotificationFromNotificationScheme: (ctx) => {
    requireAdmin(ctx);
    const s = notificationSchemeOr404(ctx.tenant, ctx.params.notificationSchemeId);
    const id = String(ctx.params.notificationId);
    if (!Object.values(s.events).some((list) => list.some((n) => n.id === id))) throw jiraError(404, [`The notification with id ${id} does not exist in the notification scheme.`]);
    notificationSchemes(ctx.tenant).patch(s.id, { events: Object.fromEntries(Object.entries(s.events).map(([e, list]) => [e, list.filter((n) => n.id !== id)])) });
    return { status: 204 };
  },
  /** The default scheme stays, and so does one a project uses. */
  deleteNotificationScheme: (ctx) => {
    requireAdmin(ctx);
    const s = notificationSchemeOr404(ctx.tenant, ctx.params.notificationSchemeId);
    if (s.id === DEFAULT_NOTIFICATION_SCHEME) throw jiraError(400, ['The default notification scheme cannot be deleted.']);
    if (projectsUsingNotificationScheme(ctx.tenant, s.id).length) throw jiraError(400, ['The notification scheme is used by projects and cannot be deleted.']);
    notificationSchemes(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  getNotificationSchemeToProjectMappings: (ctx) => {
    const schemeIds = listParam(ctx.query.notificationSchemeId);
    const projectIds = listParam(ctx.query.projectId);
    const rows = notificationSchemes(ctx.tenant).values()
      .filter((s) => !schemeIds.length || schemeIds.includes(s.id))
      .flatMap((s) => projectsUsingNotificationScheme(ctx.tenant, s.id).filter((p) => !projectIds.length || projectIds.includes(p.id)).map((p) => ({ notificationSchemeId: s.id, projectId: p.id })));
    return { body: page(ctx, rows) };
  },
  getNotificationSchemeForProject: (ctx) => {
    const p = projectOr404(ctx, String(ctx.params.projectKeyOrId));
    return { body: schemeJson(ctx, notificationSchemeOr404(ctx.tenant, notificationSchemeOfProject(ctx.tenant, p.id)), false) };
  },
} satisfies Handlers;
