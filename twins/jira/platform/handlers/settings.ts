// Site settings: the announcement banner, time tracking, the navigator's and users' columns, advanced application properties, the audit log, labels, licences and application roles.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { customFields, findUser, issues, users } from '../../store.js';
import { FIELD_BY_ID } from '../model/fields.js';
import { getProperty, setProperty, deleteProperty } from '../model/properties.js';
import { ADVANCED, audit, auditLog, changeSettings, DEFAULT_COLUMNS, propertyValue, siteSettings, TIME_PROVIDERS, type TimeTracking } from '../model/site-settings.js';
import { intParam, listParam, me, objectBody, pageBean, requireProjectAdmin, type Ctx } from './common.js';
import { createHash } from 'node:crypto';

/**
 * The columns a setter was given, each a system or live custom field id; Jira refuses a column it has no field for
 * (jira.js's live suite: issueNavigatorSettings "rejects a column that does not exist").
 */
function columnList(ctx: Ctx): string[] {
  const cols = listParam(Array.isArray(ctx.body) ? ctx.body : (ctx.body as { columns?: unknown } | undefined)?.columns);
  if (!cols.length) throw jiraError(400, ['At least one column must be given.']);
  const known = (c: string) => {
    const custom = customFields(ctx.tenant).get(c);
    return FIELD_BY_ID.has(c) || (!!custom && !custom.trashedAt);
  };
  const unknown = cols.filter((c) => !known(c));
  if (unknown.length) throw jiraError(400, [`Columns do not exist: ${unknown.join(', ')}.`]);
  return cols;
}

const columnsJson = (cols: string[]) => cols.map((value) => ({ label: value, value }));

/** Whose columns a call is about: `accountId` when given (admins only for others), else the caller. */
function columnOwner(ctx: Ctx): string {
  const id = typeof ctx.query.accountId === 'string' && ctx.query.accountId ? ctx.query.accountId : me(ctx).accountId;
  if (!findUser(ctx.tenant, id)) throw jiraError(404, [`The user with account ID '${id}' does not exist.`]);
  if (id !== me(ctx).accountId) requireProjectAdmin(ctx);
  return id;
}

const advancedJson = (ctx: Ctx, p: (typeof ADVANCED)[number]) => ({ id: p.id, key: p.id, value: propertyValue(ctx.tenant, p.id), name: p.name, desc: p.desc, type: p.type, defaultValue: p.defaultValue, allowedValues: [] as string[] });

const LICENSED = ['jira-software'];
const PRODUCTS = ['jira-core', 'jira-product-discovery', 'jira-software', 'jira-servicedesk'];

function applicationRole(ctx: Ctx) {
  const active = users(ctx.tenant).filter((u) => u.active && u.accountType === 'atlassian').length;
  return {
    key: 'jira-software', groups: ['jira-software-users', 'site-admins'], groupDetails: [], name: 'Jira Software', defaultGroups: ['jira-software-users'], defaultGroupsDetails: [],
    selectedByDefault: false, defined: true, numberOfSeats: 35000, remainingSeats: 35000 - active, userCount: active, userCountDescription: 'users', hasUnlimitedSeats: false, platform: false,
  };
}

export const settingsHandlers = {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-announcement-banner/
  getBanner: (ctx) => {
    const { hashId, isDismissible, isEnabled, message, visibility } = siteSettings(ctx.tenant).banner;
    // Written in lower case, read back in upper case (AnnouncementBannerConfiguration).
    return { body: { hashId, isDismissible, isEnabled, message, visibility: visibility.toUpperCase() } };
  },
  setBanner: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    if (b.visibility !== undefined && b.visibility !== 'public' && b.visibility !== 'private') throw fieldErrors({ visibility: "Visibility must be 'public' or 'private'." });
    if (b.message !== undefined && (typeof b.message !== 'string' || b.message.length > 4000)) throw fieldErrors({ message: 'The message must be text of at most 4000 characters.' });
    changeSettings(ctx.tenant, (s) => {
      const next = { ...s.banner, ...(typeof b.isDismissible === 'boolean' ? { isDismissible: b.isDismissible } : {}), ...(typeof b.isEnabled === 'boolean' ? { isEnabled: b.isEnabled } : {}), ...(typeof b.message === 'string' ? { message: b.message } : {}), ...(b.visibility ? { visibility: b.visibility as 'public' | 'private' } : {}) };
      // A new message gets a new hash, so users who dismissed the old banner see it again.
      next.hashId = next.message ? createHash('sha256').update(`${next.message}:${next.isDismissible}`).digest('hex').slice(0, 16) : '';
      s.banner = next;
    });
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-time-tracking/
  getSelectedTimeTrackingImplementation: (ctx) => ({ body: TIME_PROVIDERS.find((p) => p.key === siteSettings(ctx.tenant).time.provider) }),
  selectTimeTrackingImplementation: (ctx) => {
    requireProjectAdmin(ctx);
    const key = String(objectBody(ctx).key ?? '');
    if (!TIME_PROVIDERS.some((p) => p.key === key)) throw jiraError(400, [`Time tracking provider with key '${key}' is not available.`]);
    changeSettings(ctx.tenant, (s) => (s.time.provider = key));
    return { status: 204 };
  },
  getAvailableTimeTrackingImplementations: () => ({ body: TIME_PROVIDERS }),
  getSharedTimeTrackingConfiguration: (ctx) => {
    const { provider: _p, ...options } = siteSettings(ctx.tenant).time;
    return { body: options };
  },
  setSharedTimeTrackingConfiguration: (ctx) => {
    requireProjectAdmin(ctx);
    const b = objectBody(ctx);
    const errors: Record<string, string> = {};
    const hours = Number(b.workingHoursPerDay);
    const days = Number(b.workingDaysPerWeek);
    if (!(hours > 0 && hours <= 24)) errors.workingHoursPerDay = 'Working hours per day must be more than 0 and at most 24.';
    if (!(days > 0 && days <= 7)) errors.workingDaysPerWeek = 'Working days per week must be more than 0 and at most 7.';
    if (!['pretty', 'days', 'hours'].includes(String(b.timeFormat))) errors.timeFormat = 'The time format must be pretty, days or hours.';
    if (!['minute', 'hour', 'day', 'week'].includes(String(b.defaultUnit))) errors.defaultUnit = 'The default unit must be minute, hour, day or week.';
    if (Object.keys(errors).length) throw fieldErrors(errors);
    const s = changeSettings(ctx.tenant, (x) => {
      x.time = { ...x.time, workingHoursPerDay: hours, workingDaysPerWeek: days, timeFormat: b.timeFormat as TimeTracking['timeFormat'], defaultUnit: b.defaultUnit as TimeTracking['defaultUnit'] };
    });
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'Time tracking settings changed', category: 'system', objectItem: { id: 'timetracking', name: 'Time tracking', typeName: 'SETTINGS' }, changedValues: [{ fieldName: 'workingHoursPerDay', changedTo: String(hours) }] });
    const { provider: _p, ...options } = s.time;
    return { body: options };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-navigator-settings/
  getIssueNavigatorDefaultColumns: (ctx) => ({ body: columnsJson(siteSettings(ctx.tenant).columns) }),
  setIssueNavigatorDefaultColumns: (ctx) => {
    requireProjectAdmin(ctx);
    const cols = columnList(ctx);
    changeSettings(ctx.tenant, (s) => (s.columns = cols));
    return { status: 200 };
  },
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-columns-get
  getUserDefaultColumns: (ctx) => {
    const own = getProperty(ctx.tenant, 'usercolumns', columnOwner(ctx), 'columns')?.value as string[] | undefined;
    return { body: columnsJson(own ?? siteSettings(ctx.tenant).columns) };
  },
  setUserColumns: (ctx) => {
    const id = columnOwner(ctx);
    const cols = columnList(ctx);
    setProperty(ctx.tenant, 'usercolumns', id, 'columns', cols);
    return { status: 200 };
  },
  resetUserColumns: (ctx) => {
    deleteProperty(ctx.tenant, 'usercolumns', columnOwner(ctx), 'columns');
    return { status: 204 };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-settings/
  getAdvancedSettings: (ctx) => {
    requireProjectAdmin(ctx);
    return { body: ADVANCED.map((p) => advancedJson(ctx, p)) };
  },
  getApplicationProperty: (ctx) => {
    const key = typeof ctx.query.key === 'string' ? ctx.query.key : undefined;
    const filter = typeof ctx.query.keyFilter === 'string' ? new RegExp(`^(?:${ctx.query.keyFilter.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')})$`) : undefined;
    if (key !== undefined) {
      const p = ADVANCED.find((x) => x.id === key);
      if (!p) throw jiraError(404, [`The application property with key '${key}' does not exist.`]);
      // One property asked for by key is answered as the object itself (the jira.js live suite pins this), a filter as a list.
      return { body: advancedJson(ctx, p) };
    }
    return { body: ADVANCED.filter((p) => !filter || filter.test(p.id)).map((p) => advancedJson(ctx, p)) };
  },
  setApplicationProperty: (ctx) => {
    requireProjectAdmin(ctx);
    const id = String(ctx.params.id);
    const p = ADVANCED.find((x) => x.id === id);
    if (!p) throw jiraError(404, [`The application property with key '${id}' does not exist.`]);
    const b = objectBody(ctx);
    const value = b.value === undefined || b.value === null ? '' : String(b.value);
    if (p.type === 'number' && !/^\d+$/.test(value)) throw jiraError(400, [`The value '${value}' is not a number.`]);
    const before = propertyValue(ctx.tenant, id);
    changeSettings(ctx.tenant, (s) => (s.properties[id] = value));
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'Advanced setting changed', category: 'system', objectItem: { id, name: p.name, typeName: 'APPLICATION_PROPERTY' }, changedValues: [{ fieldName: id, changedFrom: before, changedTo: value }] });
    return { body: advancedJson(ctx, p) };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-audit-records/
  getAuditRecords: (ctx) => {
    requireProjectAdmin(ctx);
    const offset = intParam(ctx.query.offset, 0, 0, 1e9);
    const limit = intParam(ctx.query.limit, 1000, 1, 1000);
    const text = typeof ctx.query.filter === 'string' ? ctx.query.filter.toLowerCase() : '';
    const from = typeof ctx.query.from === 'string' ? Date.parse(ctx.query.from) : NaN;
    const to = typeof ctx.query.to === 'string' ? Date.parse(ctx.query.to) : NaN;
    const inWindow = auditLog(ctx.tenant).filter((r) => (Number.isNaN(from) || Date.parse(r.created) >= from) && (Number.isNaN(to) || Date.parse(r.created) <= to));
    const list = inWindow.filter((r) => !text || [r.summary, r.category, r.objectItem.name, r.authorAccountId].some((s) => s.toLowerCase().includes(text))).slice().reverse();
    // AuditRecordBean names the author by authorKey (the account id on Cloud).
    const records = list.slice(offset, offset + limit).map(({ authorAccountId, ...r }) => ({ ...r, authorKey: authorAccountId, remoteAddress: '127.0.0.1', eventSource: '', description: '', associatedItems: [] }));
    // `total` counts the records before the text filter: Cloud answers a filter that matches nothing with an empty
    // page whose total is the unfiltered one (jira.js live suite, auditRecords: "answers a filter that matches nothing").
    return { body: { offset, limit, total: inWindow.length, records } };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-labels/
  getAllLabels: (ctx) => {
    const all = [...new Set(issues(ctx.tenant).values().flatMap((i) => i.labels))].sort();
    return { body: pageBean(ctx, all, intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 1000, 1, 1000)) };
  },

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-license-metrics/
  getLicense: () => ({ body: { applications: LICENSED.map((id) => ({ id, plan: 'PAID' })) } }),
  getApproximateLicenseCount: (ctx) => ({ body: { key: 'jira', value: String(users(ctx.tenant).filter((u) => u.active && u.accountType === 'atlassian').length) } }),
  getApproximateApplicationLicenseCount: (ctx) => {
    const key = String(ctx.params.applicationKey);
    if (!PRODUCTS.includes(key)) throw jiraError(404, [`The application with key '${key}' does not exist.`]);
    const count = LICENSED.includes(key) ? users(ctx.tenant).filter((u) => u.active && u.accountType === 'atlassian').length : 0;
    return { body: { key, value: String(count) } };
  },
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-application-roles/
  getAllApplicationRoles: (ctx) => {
    requireProjectAdmin(ctx);
    return { body: [applicationRole(ctx)] };
  },
  getApplicationRole: (ctx) => {
    requireProjectAdmin(ctx);
    if (String(ctx.params.key) !== 'jira-software') throw jiraError(404, [`The application role with key '${String(ctx.params.key)}' does not exist.`]);
    return { body: applicationRole(ctx) };
  },
} satisfies Handlers;
