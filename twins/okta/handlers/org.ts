// Org settings: the org record, contacts, end-user footer preference, Okta communication opt-out, Okta Support access.
import type { OpContext } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { orgId, state, type OrgState } from '../model/org.js';
import { oktaId, users } from '../store.js';
import { bodyObject, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

const EDITABLE = ['companyName', 'website', 'phoneNumber', 'endUserSupportHelpURL', 'supportPhoneNumber', 'address1', 'address2', 'city', 'state', 'country', 'postalCode'];
/** Settings Okta keeps as "" when empty, where the address fields are null (okta-sdk-python cassettes test_org_it: GET/POST /api/v1/org). */
const EMPTY_AS_STRING = ['website', 'phoneNumber', 'endUserSupportHelpURL', 'supportPhoneNumber'];

const save = (ctx: OpContext, s: OrgState) => ctx.tenant.setMeta('okta:orgSettings', s);

function presentOrg(ctx: OpContext, s: OrgState) {
  const b = `${ctx.baseUrl}/api/v1/org`;
  return {
    ...structuredClone(s.settings),
    _links: {
      // The org's logo link is one object (Org API reference, "Get Org Settings" example; live GET /api/v1/org), unlike an app's array of sized logos.
      contacts: { href: `${b}/contacts` }, logo: { href: s.logoFileId ? `${ctx.baseUrl}/bc/image/fileStoreRecord?id=${s.logoFileId}` : `${ctx.baseUrl}/assets/img/logos/okta-logo.png` },
      oktaCommunication: { href: `${b}/privacy/oktaCommunication` }, oktaSupport: { href: `${b}/privacy/oktaSupport` },
      preferences: { href: `${b}/preferences` }, uploadLogo: { href: `${b}/logo`, hints: { allow: ['POST'] } },
    },
  };
}

function update(ctx: OpContext, replace: boolean) {
  const s = state(ctx.tenant);
  const body = bodyObject(ctx);
  if (replace && (typeof body.companyName !== 'string' || !body.companyName.trim())) throw validationError('companyName', 'The field cannot be left blank');
  for (const k of EDITABLE) {
    if (k in body) s.settings[k] = body[k];
    else if (replace && k !== 'companyName') s.settings[k] = EMPTY_AS_STRING.includes(k) ? '' : null;
  }
  s.settings.lastUpdated = nowIso(ctx);
  save(ctx, s);
  return { status: 200, body: presentOrg(ctx, s) };
}

const contactView = (ctx: OpContext, type: string, userId: string | null) => ({
  userId,
  _links: { user: { href: `${ctx.baseUrl}/api/v1/users/${userId}` } },
});

function requireContactType(ctx: OpContext<{ contactType: string }>): string {
  const t = ctx.params.contactType;
  if (!(t in state(ctx.tenant).contacts)) throw notFound(t, 'OrgContactType');
  return t;
}

const preferences = (ctx: OpContext, s: OrgState) => ({ showEndUserFooter: s.showEndUserFooter, _links: { [s.showEndUserFooter ? 'hideEndUserFooter' : 'showEndUserFooter']: { href: `${ctx.baseUrl}/api/v1/org/preferences/${s.showEndUserFooter ? 'hideEndUserFooter' : 'showEndUserFooter'}`, hints: { allow: ['POST'] } } } });
const communication = (ctx: OpContext, s: OrgState) => ({ optOutEmailUsers: s.optOutEmailUsers, _links: { [s.optOutEmailUsers ? 'optIn' : 'optOut']: { href: `${ctx.baseUrl}/api/v1/org/privacy/oktaCommunication/${s.optOutEmailUsers ? 'optIn' : 'optOut'}`, hints: { allow: ['POST'] } } } });
const support = (ctx: OpContext, s: OrgState) => ({ ...s.support, _links: s.support.support === 'ENABLED' ? { extend: { href: `${ctx.baseUrl}/api/v1/org/privacy/oktaSupport/extend`, hints: { allow: ['POST'] } }, revoke: { href: `${ctx.baseUrl}/api/v1/org/privacy/oktaSupport/revoke`, hints: { allow: ['POST'] } } } : { grant: { href: `${ctx.baseUrl}/api/v1/org/privacy/oktaSupport/grant`, hints: { allow: ['POST'] } } } });

function mutate<T>(fn: (ctx: OpContext, s: OrgState) => T) {
  return (ctx: OpContext) => {
    const s = state(ctx.tenant);
    const out = fn(ctx, s);
    save(ctx, s);
    return { status: 200, body: out };
  };
}

const HOUR = 3600_000;

/** ThreatInsight: off (`none`) by default; `audit` logs, `block` denies suspicious requests. */
function threatState(tenant: Tenant) {
  return tenant.meta('okta:threatInsight', () => ({ action: 'none', excludeZones: [] as string[], created: tenant.now().toISOString(), lastUpdated: tenant.now().toISOString() }));
}

const threatView = (ctx: OpContext) => ({ ...structuredClone(threatState(ctx.tenant)), _links: { self: { href: `${ctx.baseUrl}/api/v1/threats/configuration`, hints: { allow: ['GET', 'POST'] } } } });

export const orgHandlers = {
  // What Okta publishes about the org at /.well-known/okta-organization (terraform cassettes): `pipeline: idx` marks an Identity Engine org.
  getWellknownOrgMetadata: (ctx) => ({
    status: 200,
    body: {
      id: state(ctx.tenant).settings.id,
      // The cell is the Okta deployment cell serving the org; a twin org is one cell of its own.
      cell: 'op1',
      _links: { organization: { href: ctx.baseUrl } },
      pipeline: 'idx',
      settings: { analyticsCollectionEnabled: false, bugReportingEnabled: true, omEnabled: false, pssoEnabled: false, desktopMFAEnabled: false, itpEnabled: false },
    },
  }),
  getCurrentConfiguration: (ctx) => ({ status: 200, body: threatView(ctx) }),
  updateConfiguration: (ctx) => {
    const body = bodyObject(ctx);
    if (!['none', 'audit', 'block'].includes(body.action)) throw validationError('action', 'Does not match required pattern');
    const s = threatState(ctx.tenant);
    s.action = body.action;
    s.excludeZones = Array.isArray(body.excludeZones) ? body.excludeZones.map(String) : [];
    s.lastUpdated = nowIso(ctx);
    ctx.tenant.setMeta('okta:threatInsight', s);
    return { status: 200, body: threatView(ctx) };
  },
  getOrgSettings: (ctx) => ({ status: 200, body: presentOrg(ctx, state(ctx.tenant)) }),
  updateOrgSetting: (ctx) => update(ctx, true),
  partialUpdateOrgSetting: (ctx) => update(ctx, false),
  getOrgContactTypes: (ctx) => ({
    status: 200,
    body: Object.keys(state(ctx.tenant).contacts).map((contactType) => ({ contactType, _links: { [contactType.toLowerCase()]: { href: `${ctx.baseUrl}/api/v1/org/contacts/${contactType.toLowerCase()}` } } })),
  }),
  getOrgContactUser: (ctx) => {
    const t = requireContactType(ctx);
    return { status: 200, body: contactView(ctx, t, state(ctx.tenant).contacts[t]) };
  },
  updateOrgContactUser: (ctx) => {
    const t = requireContactType(ctx);
    const body = bodyObject(ctx);
    if (typeof body.userId !== 'string' || !users(ctx.tenant).has(body.userId)) throw notFound(String(body.userId), 'User');
    const s = state(ctx.tenant);
    s.contacts[t] = body.userId;
    save(ctx, s);
    return { status: 200, body: contactView(ctx, t, body.userId) };
  },
  getOrgPreferences: (ctx) => ({ status: 200, body: preferences(ctx, state(ctx.tenant)) }),
  hideOktaUIFooter: mutate((ctx, s) => ((s.showEndUserFooter = false), preferences(ctx, s))),
  showOktaUIFooter: mutate((ctx, s) => ((s.showEndUserFooter = true), preferences(ctx, s))),
  getOktaCommunicationSettings: (ctx) => ({ status: 200, body: communication(ctx, state(ctx.tenant)) }),
  optInUsersToOktaCommunicationEmails: mutate((ctx, s) => ((s.optOutEmailUsers = false), communication(ctx, s))),
  optOutUsersFromOktaCommunicationEmails: mutate((ctx, s) => ((s.optOutEmailUsers = true), communication(ctx, s))),
  getOrgOktaSupportSettings: (ctx) => ({ status: 200, body: support(ctx, state(ctx.tenant)) }),
  // Okta Support access lasts 8 hours from a grant; an extension adds 24 hours.
  grantOktaSupport: mutate((ctx, s) => ((s.support = { support: 'ENABLED', expiration: new Date(ctx.now().getTime() + 8 * HOUR).toISOString() }), support(ctx, s))),
  extendOktaSupport: mutate((ctx, s) => {
    if (s.support.support === 'ENABLED') s.support.expiration = new Date(Date.parse(s.support.expiration ?? ctx.now().toISOString()) + 24 * HOUR).toISOString();
    return support(ctx, s);
  }),
  // The uploaded logo replaces Okta's in the org's `logo` link (Org Settings API, "Upload the org logo": 201, no body).
  updateOrgLogo: (ctx) => {
    if (!ctx.rawBody.length || !/multipart\/form-data/i.test(ctx.headers.get('content-type') ?? '')) throw validationError('file', 'The field cannot be left blank');
    const s = state(ctx.tenant);
    s.logoFileId = `fs0${ctx.tenant.random.chars(17)}`;
    save(ctx, s);
    return { status: 201 };
  },
  revokeOktaSupport: mutate((ctx, s) => ((s.support = { support: 'DISABLED', expiration: null }), support(ctx, s))),
} satisfies Handlers;
