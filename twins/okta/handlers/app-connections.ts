// Per-app provisioning connections (Application Connections API) and federated claims (Application SSO Federated Claims API).
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { KEYS, oktaId, type AppDoc } from '../store.js';
import { bodyObject, noContent, nowIso, requireApp } from './common.js';
import type { Handlers } from '../generated/operations.js';

/**
 * Apps whose provisioning connection the API manages, and the schemes each takes ("Set up an app provisioning
 * connection", developer.okta.com guides/app-provisioning-connection): token for Org2Org and Zscaler, OAuth 2.0 for
 * Google Workspace, Microsoft Office 365, Org2Org, Slack and Zoom. The first scheme is the one a new app starts with.
 */
const SCHEMES: Record<string, Array<'TOKEN' | 'OAUTH2'>> = {
  okta_org2org: ['TOKEN', 'OAUTH2'],
  zscalerbyz: ['TOKEN'],
  google: ['OAUTH2'],
  office365: ['OAUTH2'],
  slack: ['OAUTH2'],
  zoomus: ['OAUTH2'],
};

interface ConnectionDoc extends Doc {
  authScheme: 'TOKEN' | 'OAUTH2';
  status: 'ENABLED' | 'DISABLED';
  /** A credential that passed verification: a token the target accepted, or an OAuth grant from the consent callback. */
  verified: boolean;
  clientId?: string;
  /** The OAuth consent the admin was sent to: the callback must carry this state. */
  state?: string;
}

const connections = (ctx: OpContext, app: AppDoc) => ctx.tenant.collection<ConnectionDoc>(`${KEYS.apps}/${app.id}/connections`);

function provisioningApp(ctx: OpContext, appId: string): AppDoc {
  const app = requireApp(ctx, appId);
  if (!SCHEMES[app.name]) throw notFound(app.id, 'ProvisioningConnection');
  return app;
}

/**
 * An app without API-managed provisioning still has a default connection, of unknown scheme and status: Okta answers
 * it on read, takes `{"profile": {"authScheme": "UNKNOWN"}}` as a no-op write, and answers its lifecycle with 204
 * (okta-sdk-python cassettes: test_application_connections_it, every test on a bookmark app).
 */
const UNKNOWN_CONNECTION = { status: 'UNKNOWN', profile: { authScheme: 'UNKNOWN' } };
const withoutProvisioning = (ctx: OpContext, appId: string): boolean => !SCHEMES[requireApp(ctx, appId).name];

function connection(ctx: OpContext, app: AppDoc): ConnectionDoc {
  return connections(ctx, app).get('default') ?? { id: 'default', authScheme: SCHEMES[app.name][0], status: 'DISABLED', verified: false };
}

const save = (ctx: OpContext, app: AppDoc, c: ConnectionDoc) => connections(ctx, app).put(c);

/** ProvisioningConnection with the lifecycle link its status allows (API reference, "Retrieve the default provisioning connection"). */
function present(ctx: OpContext, app: AppDoc, c: ConnectionDoc) {
  const self = `${ctx.baseUrl}/api/v1/apps/${app.id}/connections/default`;
  const next = c.status === 'ENABLED' ? 'deactivate' : 'activate';
  return {
    authScheme: c.authScheme,
    status: c.status,
    _links: { self: { href: self, hints: { allow: ['GET', 'POST'] } }, [next]: { href: `${self}/lifecycle/${next}`, hints: { allow: ['POST'] } } },
  };
}

/** Okta verifies a credential against the target before saving it; the one it cannot verify is refused with this cause. */
const credentialRefused = (reason: string) => oktaErrorWith('E0000001', ['credential'], { causes: [`Verification failed: ${reason}`] });

function setConnection(ctx: OpContext<{ appId: string }>) {
  const profile = bodyObject(ctx).profile;
  if (!profile || typeof profile !== 'object') throw validationError('profile', 'The field cannot be left blank');
  if (profile.authScheme === 'UNKNOWN' && withoutProvisioning(ctx, ctx.params.appId)) return { status: 200, body: UNKNOWN_CONNECTION };
  const app = provisioningApp(ctx, ctx.params.appId);
  const scheme = profile.authScheme;
  if (scheme !== 'TOKEN' && scheme !== 'OAUTH2') throw validationError('authScheme', 'Does not match required pattern');
  if (!SCHEMES[app.name].includes(scheme)) throw validationError('authScheme', `${scheme} is not supported for ${app.name}`);
  let next: ConnectionDoc;
  if (scheme === 'TOKEN') {
    if (typeof profile.token !== 'string' || !profile.token) throw validationError('token', 'The field cannot be left blank');
    // A token is checked by calling the app's provisioning endpoint with it; the twin reaches no outside host,
    // so the check fails the way it does on Okta for an address that does not answer.
    throw credentialRefused('Invalid URL. Not authorized.');
  } else {
    if (typeof profile.clientId !== 'string' || !profile.clientId) throw validationError('clientId', 'The field cannot be left blank');
    // An OAuth 2.0 connection waits for the admin's consent: verified only through the OAuth callback.
    next = { id: 'default', authScheme: 'OAUTH2', status: 'DISABLED', verified: false, clientId: profile.clientId, state: ctx.tenant.random.hex(16) };
  }
  save(ctx, app, next);
  return { status: 201, body: present(ctx, app, next) };
}

/** The OAuth consent callback: an authorization code for an app with a pending OAuth 2.0 connection verifies it. */
function verifyCallback(ctx: OpContext, appId: string, appName?: string) {
  const app = provisioningApp(ctx, appId);
  if (appName !== undefined && appName !== app.name) throw notFound(appId, 'AppInstance');
  const c = connection(ctx, app);
  if (c.authScheme !== 'OAUTH2' || !c.clientId) throw validationError('authScheme', 'The connection is not an OAuth 2.0 connection');
  const code = ctx.query.code;
  if (typeof code !== 'string' || !code) throw validationError('code', 'The field cannot be left blank');
  if (ctx.query.state !== undefined && ctx.query.state !== c.state) throw credentialRefused('The state does not match the consent request.');
  save(ctx, app, { ...c, verified: true });
  return noContent();
}

function lifecycle(status: ConnectionDoc['status']) {
  return (ctx: OpContext<{ appId: string }>) => {
    if (withoutProvisioning(ctx, ctx.params.appId)) return noContent();
    const app = provisioningApp(ctx, ctx.params.appId);
    const c = connection(ctx, app);
    // Enabling needs a verified credential (the SDK's own suite expects "Api validation failed: credential").
    if (status === 'ENABLED' && !c.verified) throw oktaErrorWith('E0000001', ['credential'], { causes: ['The provisioning connection has no verified credential.'] });
    save(ctx, app, { ...c, status });
    return noContent();
  };
}

interface ClaimDoc extends Doc { name: string; expression: string; created: string; lastUpdated: string }

const claims = (ctx: OpContext, app: AppDoc) => ctx.tenant.collection<ClaimDoc>(`${KEYS.apps}/${app.id}/federated-claims`);
const presentClaim = (c: ClaimDoc) => ({ id: c.id, name: c.name, expression: c.expression, created: c.created, lastUpdated: c.lastUpdated });

function claimFields(ctx: OpContext, app: AppDoc, self?: string) {
  const b = bodyObject(ctx);
  for (const f of ['name', 'expression']) if (typeof b[f] !== 'string' || !b[f].trim()) throw validationError(f, 'The field cannot be left blank');
  if (claims(ctx, app).find((c) => c.name === b.name && c.id !== self)) throw validationError('name', `A claim named ${b.name} already exists for this app`);
  return { name: String(b.name), expression: String(b.expression) };
}

function requireClaim(ctx: OpContext<{ appId: string; claimId: string }>) {
  const app = requireApp(ctx, ctx.params.appId);
  const c = claims(ctx, app).get(ctx.params.claimId);
  if (!c) throw notFound(ctx.params.claimId, 'FederatedClaim');
  return { app, c };
}

export const appConnectionHandlers = {
  getDefaultProvisioningConnectionForApplication: (ctx) => {
    if (withoutProvisioning(ctx, ctx.params.appId)) return { status: 200, body: UNKNOWN_CONNECTION };
    const app = provisioningApp(ctx, ctx.params.appId);
    return { status: 200, body: present(ctx, app, connection(ctx, app)) };
  },
  setDefaultProvisioningConnectionForApplication: setConnection,
  activateDefaultProvisioningConnectionForApplication: lifecycle('ENABLED'),
  deactivateDefaultProvisioningConnectionForApplication: lifecycle('DISABLED'),
  verifyProvisioningConnectionForApplication: (ctx) => verifyCallback(ctx, ctx.params.appId, ctx.params.appName),
  verifyProvisioningConnectionForGoogleApplication: (ctx) => verifyCallback(ctx, ctx.params.appId, 'google'),
  verifyProvisioningConnectionForOfficeApplication: (ctx) => verifyCallback(ctx, ctx.params.appId, 'office365'),

  listFederatedClaims: (ctx) => ({ status: 200, body: claims(ctx, requireApp(ctx, ctx.params.appId)).values().map(presentClaim) }),
  createFederatedClaim: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    const now = nowIso(ctx);
    const c = claims(ctx, app).put({ id: oktaId(ctx.tenant, 'ofc'), ...claimFields(ctx, app), created: now, lastUpdated: now });
    return { status: 201, body: presentClaim(c) };
  },
  getFederatedClaim: (ctx) => ({ status: 200, body: presentClaim(requireClaim(ctx).c) }),
  replaceFederatedClaim: (ctx) => {
    const { app, c } = requireClaim(ctx);
    const next = claims(ctx, app).put({ ...c, ...claimFields(ctx, app, c.id), lastUpdated: nowIso(ctx) });
    return { status: 201, body: presentClaim(next) };
  },
  deleteFederatedClaim: (ctx) => {
    const { app, c } = requireClaim(ctx);
    claims(ctx, app).delete(c.id);
    return noContent();
  },
} satisfies Handlers;
