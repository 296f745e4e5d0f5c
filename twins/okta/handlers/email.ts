// Custom SMTP servers (passwords write-only), custom email domains with their DNS validation records, and the security notification emails users get.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent } from './common.js';
import type { Handlers } from '../generated/operations.js';

interface ServerDoc extends Doc { alias: string; host: string; port: number; username: string; enabled: boolean }
const servers = (ctx: OpContext) => ctx.tenant.collection<ServerDoc>('/api/v1/email-servers');
/** Passwords are kept apart from the server record, so no reply can carry one. */
const serverSecrets = (ctx: OpContext) => ctx.tenant.collection<Doc & { password: string }>('okta:emailServerSecrets');

/** Field order as Okta sends it (terraform cassette TestAccResourceOktaSMTPServer_crud). */
const presentServer = (s: ServerDoc) => ({ alias: s.alias, host: s.host, port: s.port, id: s.id, username: s.username, enabled: s.enabled });

function findServer(ctx: OpContext<{ emailServerId: string }>): ServerDoc {
  const s = servers(ctx).get(ctx.params.emailServerId);
  if (!s) throw notFound(ctx.params.emailServerId, 'EmailServer');
  return s;
}

/**
 * The security notification emails Okta sends end users (new device, factor enrolled or reset, password changed) and
 * whether they carry a "report suspicious activity" button; every one is on in a new org. A replace sets the flags it
 * is sent; the customized-email lists are answered empty (terraform cassettes TestAccResourceOktaSecurityNotificationEmails_crud).
 */
const NOTIFICATION_FLAGS = ['sendEmailForNewDeviceEnabled', 'sendEmailForFactorEnrollmentEnabled', 'sendEmailForFactorResetEnabled', 'sendEmailForPasswordChangedEnabled', 'reportSuspiciousActivityEnabled'] as const;
type NotificationSettings = Record<(typeof NOTIFICATION_FLAGS)[number], boolean>;
const notificationSettings = (ctx: OpContext) =>
  ctx.tenant.meta<NotificationSettings>('okta:securityNotificationSettings', () => Object.fromEntries(NOTIFICATION_FLAGS.map((f) => [f, true])) as NotificationSettings);
const presentNotificationSettings = (s: NotificationSettings) => ({ ...s, customizedEmailsList: [], customizedEmailsWithReportButtonList: [] });

function checkServer(b: Record<string, any>, partial: boolean): void {
  for (const f of ['alias', 'host', 'username', 'password']) {
    if (partial && b[f] === undefined) continue;
    if (typeof b[f] !== 'string' || !b[f].trim()) throw validationError(f, 'The field cannot be left blank');
  }
  if (!(partial && b.port === undefined) && !(Number.isInteger(b.port) && b.port > 0 && b.port < 65536)) throw validationError('port', 'Must be a valid port number');
}

interface DomainDoc extends Doc {
  brandId: string; domain: string; displayName: string; userName: string; validationSubdomain: string;
  validationStatus: 'NOT_STARTED' | 'POLLING' | 'VERIFIED' | 'ERROR' | 'DELETED';
  verification: string; dkim: string;
}
const domains = (ctx: OpContext) => ctx.tenant.collection<DomainDoc>('/api/v1/email-domains');

/**
 * The DNS records Okta asks for, as a live org answers them (terraform cassettes TestAccResourceOktaEmailDomain_crud):
 * an ownership TXT on the domain as it was sent, then lowercase CNAMEs for the validation subdomain and two DKIM keys.
 */
function presentDomain(ctx: OpContext, d: DomainDoc, expandBrands = false) {
  const lower = d.domain.toLowerCase();
  const host = `${d.dkim}.wl002.sendgrid.net`;
  return {
    id: d.id, validationStatus: d.validationStatus, displayName: d.displayName, userName: d.userName, domain: d.domain, validationSubdomain: d.validationSubdomain,
    dnsValidationRecords: [
      { recordType: 'TXT', fqdn: `_oktaverification.${d.domain}`, verificationValue: d.verification },
      { recordType: 'cname', fqdn: `${d.validationSubdomain}.${lower}`, verificationValue: host },
      { recordType: 'cname', fqdn: `p03._domainkey.${lower}`, verificationValue: `p03.domainkey.${host}` },
      { recordType: 'cname', fqdn: `p032._domainkey.${lower}`, verificationValue: `p032.domainkey.${host}` },
    ],
    ...(expandBrands ? { _embedded: { brands: [{ id: d.brandId, _links: { self: { href: `${ctx.baseUrl}/api/v1/brands/${d.brandId}` } } }] } } : {}),
  };
}

function findDomain(ctx: OpContext<{ emailDomainId: string }>): DomainDoc {
  const d = domains(ctx).get(ctx.params.emailDomainId);
  if (!d || d.validationStatus === 'DELETED') throw notFound(ctx.params.emailDomainId, 'EmailDomain');
  return d;
}

function text(b: Record<string, any>, f: string): string {
  if (typeof b[f] !== 'string' || !b[f].trim()) throw validationError(f, 'The field cannot be left blank');
  return b[f];
}

const expandsBrands = (ctx: OpContext) => String((ctx.query as Record<string, unknown>).expand ?? '').split(',').includes('brands');

export const emailHandlers = {
  listEmailServers: (ctx) => ({ status: 200, body: { 'email-servers': servers(ctx).values().map(presentServer) } }),
  createEmailServer: (ctx) => {
    const b = bodyObject(ctx);
    checkServer(b, false);
    const s = servers(ctx).put({ id: oktaId(ctx.tenant, 'ces'), alias: b.alias, host: b.host, port: b.port, username: b.username, enabled: b.enabled === true });
    serverSecrets(ctx).put({ id: s.id, password: b.password });
    return { status: 201, body: presentServer(s) };
  },
  getEmailServer: (ctx) => ({ status: 200, body: presentServer(findServer(ctx)) }),
  updateEmailServer: (ctx) => {
    const s = findServer(ctx);
    const b = bodyObject(ctx);
    checkServer(b, true);
    const fields = Object.fromEntries(['alias', 'host', 'port', 'username', 'enabled'].filter((f) => b[f] !== undefined).map((f) => [f, b[f]]));
    // Only one custom server sends at a time: enabling one disables the others.
    if (b.enabled === true) for (const o of servers(ctx).values()) if (o.id !== s.id && o.enabled) servers(ctx).patch(o.id, { enabled: false });
    if (typeof b.password === 'string') serverSecrets(ctx).put({ id: s.id, password: b.password });
    return { status: 200, body: presentServer(servers(ctx).patch(s.id, fields)!) };
  },
  deleteEmailServer: (ctx) => {
    const s = findServer(ctx);
    servers(ctx).delete(s.id);
    serverSecrets(ctx).delete(s.id);
    return noContent();
  },
  /** The twin sends no mail; it checks the request as Okta does and answers as a delivered test. */
  testEmailServer: (ctx) => {
    findServer(ctx);
    const b = bodyObject(ctx);
    for (const f of ['fromAddress', 'toAddress']) if (typeof b[f] !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b[f])) throw validationError(f, 'Must be a valid email address');
    return noContent();
  },

  // A deleted email domain stays listed with validationStatus DELETED (EmailDomainStatus has DELETED; okta-sdk-nodejs
  // test/it email-domains.ts leaves DELETED entries out of the list it reads after a delete).
  listEmailDomains: (ctx) => ({ status: 200, body: domains(ctx).values().map((d) => presentDomain(ctx, d, expandsBrands(ctx))) }),
  createEmailDomain: (ctx) => {
    const b = bodyObject(ctx);
    const brandId = text(b, 'brandId');
    // Okta keeps the domain as it was sent (its case too) and compares domains without case.
    const domain = text(b, 'domain');
    const displayName = text(b, 'displayName');
    const userName = text(b, 'userName');
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain)) throw validationError('domain', 'Invalid domain name');
    if (!/^[A-Za-z0-9._+-]+$/.test(userName)) throw validationError('userName', 'Invalid user name');
    if (!ctx.tenant.collection('/api/v1/brands').has(brandId)) throw notFound(brandId, 'Brand');
    if (domains(ctx).find((d) => d.domain.toLowerCase() === domain.toLowerCase() && d.validationStatus !== 'DELETED')) throw validationError('domain', 'An email domain with this domain already exists');
    const d = domains(ctx).put({
      id: oktaId(ctx.tenant, 'OeD'), brandId, domain, displayName, userName, validationSubdomain: typeof b.validationSubdomain === 'string' && b.validationSubdomain ? b.validationSubdomain : 'mail',
      validationStatus: 'NOT_STARTED', verification: ctx.tenant.random.hex(32), dkim: `u${ctx.tenant.random.digits(8)}`,
    });
    // A new email domain answers 201 (terraform cassettes: every recorded createEmailDomain).
    return { status: 201, body: presentDomain(ctx, d, expandsBrands(ctx)) };
  },
  getEmailDomain: (ctx) => ({ status: 200, body: presentDomain(ctx, findDomain(ctx), expandsBrands(ctx)) }),
  replaceEmailDomain: (ctx) => {
    const d = findDomain(ctx);
    const b = bodyObject(ctx);
    return { status: 200, body: presentDomain(ctx, domains(ctx).patch(d.id, { displayName: text(b, 'displayName'), userName: text(b, 'userName') })!) };
  },
  // Deleting marks the domain DELETED, and deleting it again answers 204 as well (okta-sdk-nodejs test/it
  // email-domains.ts deletes in a test and again in its clean-up).
  deleteEmailDomain: (ctx) => {
    const d = domains(ctx).get(ctx.params.emailDomainId);
    if (!d) throw notFound(ctx.params.emailDomainId, 'EmailDomain');
    domains(ctx).patch(d.id, { validationStatus: 'DELETED' });
    return noContent();
  },
  /** The twin has no DNS to look at: verification marks the records as found. */
  verifyEmailDomain: (ctx) => {
    const d = findDomain(ctx);
    return { status: 200, body: presentDomain(ctx, domains(ctx).patch(d.id, { validationStatus: 'VERIFIED' })!) };
  },
  getSecurityNotificationSettings: (ctx) => ({ status: 200, body: presentNotificationSettings(notificationSettings(ctx)) }),
  replaceSecurityNotificationSettings: (ctx) => {
    const b = bodyObject(ctx);
    const next = { ...notificationSettings(ctx) };
    for (const f of NOTIFICATION_FLAGS) if (typeof b[f] === 'boolean') next[f] = b[f];
    ctx.tenant.setMeta('okta:securityNotificationSettings', next);
    return { status: 200, body: presentNotificationSettings(next) };
  },
} satisfies Handlers;
