/** Google Workspace twin (Drive v3, Sheets v4, Docs v1, Admin Directory v1, Gmail v1, Calendar v3) in the layout of docs/decisions/0006: per-API drive|sheets|docs|directory|gmail|calendar/{model,handlers,present}; realtime/ push delivery; auth, errors, oauth, request, fields, seed, store at the root. */
import type { AuthRequest, TwinDefinition } from '../../src/core/twin.js';
import type { Handler, HandlerMap } from '../../src/core/handler.js';
import type { OperationDigest } from '../../src/core/digest.js';
import type { Tenant } from '../../src/core/tenant.js';
import { loadDigest } from '../../src/core/digest.js';
import type { Handlers } from './generated/operations.js';
import { authenticate, credentialOf, credentialValues, type GooglePrincipal } from './auth.js';
import { E, apiOf, renderFailure } from './errors.js';
import { oauthRoutes } from './oauth.js';
import { populate } from './seed.js';
import { K, customer, findUserByEmail, ids, serviceAccounts, tokens, users, type OAuthClient, type RefreshToken } from './store.js';
import { driveFileHandlers } from './drive/handlers/files.js';
import { driveListHandlers } from './drive/handlers/list.js';
import { driveCommentHandlers } from './drive/handlers/comments.js';
import { drivePermissionHandlers } from './drive/handlers/permissions.js';
import { driveMiscHandlers } from './drive/handlers/misc.js';
import { driveWatchHandlers } from './drive/handlers/watch.js';
import { driveSharedDriveHandlers } from './drive/handlers/drives.js';
import { driveApprovalHandlers } from './drive/handlers/approvals.js';
import { driveLabelHandlers } from './drive/handlers/labels.js';
import { driveDownloadHandlers } from './drive/handlers/download.js';
import { driveAppHandlers } from './drive/handlers/apps.js';
import { cseIssuerRoutes, driveCseHandlers } from './drive/handlers/cse.js';
import { driveResumableHandlers, sessionPrincipal } from './drive/handlers/upload.js';
import { isUploadOp } from './drive/handlers/upload-parse.js';
import { normalizeRequest, pick } from './request.js';
import { sheetsHandlers } from './sheets/handlers/spreadsheets.js';
import { sheetsValueHandlers } from './sheets/handlers/values.js';
import { sheetsBatchHandlers } from './sheets/handlers/batch.js';
import { sheetsDataFilterHandlers } from './sheets/handlers/data-filter.js';
import { sheetsDeveloperMetadataHandlers } from './sheets/handlers/developer-metadata.js';
import { docsHandlers } from './docs/handlers/documents.js';
import { adminUserHandlers } from './directory/handlers/users.js';
import { adminGroupHandlers } from './directory/handlers/groups.js';
import { adminOrgUnitHandlers } from './directory/handlers/orgunits.js';
import { directoryRoutes } from './directory/handlers/routes.js';
import { adminRoleHandlers } from './directory/handlers/roles.js';
import { adminSchemaHandlers } from './directory/handlers/schemas.js';
import { adminDomainHandlers } from './directory/handlers/domains.js';
import { adminPhotoHandlers } from './directory/handlers/photos.js';
import { adminResourceHandlers } from './directory/handlers/resources.js';
import { adminDeviceHandlers } from './directory/handlers/devices.js';
import { adminSecurityHandlers } from './directory/handlers/security.js';
import { adminWatchHandlers } from './directory/handlers/watch.js';
import { adminPrinterHandlers } from './directory/handlers/printers.js';
import { rolesAllow } from './directory/model/roles.js';
import { gmailMessageHandlers } from './gmail/handlers/messages.js';
import { gmailThreadHandlers } from './gmail/handlers/threads.js';
import { gmailLabelHandlers } from './gmail/handlers/labels.js';
import { gmailDraftHandlers } from './gmail/handlers/drafts.js';
import { gmailUserHandlers } from './gmail/handlers/users.js';
import { gmailSettingHandlers } from './gmail/handlers/settings.js';
import { gmailEncryptionHandlers } from './gmail/handlers/encryption.js';
import { startMailRules } from './gmail/model/settings.js';
import { startPubsub } from './realtime/pubsub.js';
import { googleControl } from './control.js';
import { startChannels } from './realtime/channels.js';
import { calendarHandlers } from './calendar/handlers/calendars.js';
import { calendarEventHandlers } from './calendar/handlers/events.js';
import { calendarWatchHandlers } from './calendar/handlers/watch.js';

/** Google's front end refuses JSON bodies over 10 MiB; only media uploads may be bigger. */
const JSON_LIMIT = 10 * 1024 * 1024;

function withPayloadLimit(h: Handler): Handler {
  return (ctx) => {
    if (ctx.rawBody.byteLength > JSON_LIMIT && !isUploadOp(ctx.op.id)) throw E.payloadTooLarge(apiOf(ctx.op, ctx.req), JSON_LIMIT);
    return h(ctx);
  };
}

/** Directory and Docs handlers build whole resources; `fields` is applied here against the operation's response schema. */
function withFields(h: Handler): Handler {
  return async (ctx) => {
    const out = await h(ctx);
    if (out instanceof Response || typeof ctx.query.fields !== 'string' || !out.body || typeof out.body !== 'object') return out;
    const schema = ctx.op.responses['200']?.content?.['application/json']?.schema;
    const api = apiOf(ctx.op, ctx.req);
    return { ...out, body: pick(ctx, api, out.body, '*', String(schema?.$ref ?? '').replace('#/schemas/', '')) };
  };
}

/** Checked against the generated operation map, so a misspelt or vanished operationId fails to compile. */
const WRITTEN: Handlers = {
  ...driveFileHandlers,
  ...driveResumableHandlers,
  ...driveListHandlers,
  ...driveCommentHandlers,
  ...drivePermissionHandlers,
  ...driveMiscHandlers,
  ...driveWatchHandlers,
  ...driveSharedDriveHandlers,
  ...driveApprovalHandlers,
  ...driveLabelHandlers,
  ...driveDownloadHandlers,
  ...driveAppHandlers,
  ...driveCseHandlers,
  ...sheetsHandlers,
  ...sheetsValueHandlers,
  ...sheetsBatchHandlers,
  ...sheetsDataFilterHandlers,
  ...sheetsDeveloperMetadataHandlers,
  ...docsHandlers,
  ...adminUserHandlers,
  ...adminGroupHandlers,
  ...adminOrgUnitHandlers,
  ...adminRoleHandlers,
  ...adminSchemaHandlers,
  ...adminDomainHandlers,
  ...adminPhotoHandlers,
  ...adminResourceHandlers,
  ...adminDeviceHandlers,
  ...adminSecurityHandlers,
  ...adminWatchHandlers,
  ...adminPrinterHandlers,
  ...gmailMessageHandlers,
  ...gmailThreadHandlers,
  ...gmailLabelHandlers,
  ...gmailDraftHandlers,
  ...gmailUserHandlers,
  ...gmailSettingHandlers,
  ...gmailEncryptionHandlers,
  ...calendarHandlers,
  ...calendarEventHandlers,
  ...calendarWatchHandlers,
};

const HANDLERS: HandlerMap = Object.fromEntries(
  Object.entries(WRITTEN).map(([id, h]) => [id, withPayloadLimit(/^(directory|admin|docs|gmail|calendar)\./.test(id) ? withFields(h as Handler) : (h as Handler))]),
);


/** Directory reads any domain user may make: the public directory view. */
function publicDirectoryRead(op: OperationDigest, req: Request): boolean {
  return (op.id === 'directory.users.get' || op.id === 'directory.users.list') && new URL(req.url).searchParams.get('viewType') === 'domain_public';
}

function rateBucket(op: OperationDigest, principal: GooglePrincipal) {
  const who = principal.subject ?? principal.token ?? 'anonymous';
  const write = op.method !== 'get';
  // Per-user per-minute quotas as the APIs publish them (Sheets and Docs split reads from writes).
  switch (op.api) {
    case 'sheets': return { key: `sheets:${write ? 'write' : 'read'}:${who}`, limit: 60, windowSec: 60 };
    case 'docs': return { key: `docs:${write ? 'write' : 'read'}:${who}`, limit: write ? 60 : 300, windowSec: 60 };
    case 'admin': return { key: `admin:${who}`, limit: 2400, windowSec: 60 };
    // Gmail's per-user quota is 15,000 units a minute; an average method costs about 10.
    case 'gmail': return { key: `gmail:${who}`, limit: 1500, windowSec: 60 };
    case 'calendar': return { key: `calendar:${who}`, limit: 600, windowSec: 60 };
    default: return { key: `drive:${who}`, limit: 12000, windowSec: 60 };
  }
}

function credentials(t: Tenant, baseUrl: string): Record<string, unknown> {
  const c = customer(t);
  const admin = users(t).find((u) => u.isAdmin && !u.suspended);
  const client = t.collection<OAuthClient>(K.clients).values()[0];
  const seeded = tokens(t).filter((x) => x.expiresAt === undefined);
  const userTokens = Object.fromEntries(seeded.filter((x) => x.label?.startsWith('user:')).map((x) => [x.subject, x.id]));
  const named = Object.fromEntries(seeded.filter((x) => x.label && !x.label.startsWith('user:')).map((x) => [x.label, x.id]));
  const refresh = admin ? t.collection<RefreshToken>(K.refreshTokens).find((r) => r.subject === admin.primaryEmail) : undefined;
  const sa = serviceAccounts(t).values()[0];
  const tokenUrl = `${baseUrl}/token`;
  return {
    rootUrl: `${baseUrl}/`,
    tokenUrl,
    accessToken: admin ? userTokens[admin.primaryEmail] : undefined,
    refreshToken: refresh?.id,
    clientId: client?.id,
    clientSecret: client?.secret,
    apiKey: t.collection(K.apiKeys).values()[0]?.id,
    customerId: c?.id,
    domain: c?.customerDomain,
    adminEmail: admin?.primaryEmail,
    userTokens,
    tokens: named,
    serviceAccount: sa && {
      type: 'service_account',
      project_id: sa.projectId,
      private_key_id: sa.keyId,
      private_key: sa.privateKeyPem,
      client_email: sa.id,
      client_id: sa.clientId,
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUrl,
      delegated_scopes: sa.delegatedScopes,
    },
  };
}

/** The Admin SDK answers only administrators (or holders of a role that allows the call), except public reads. */
function directoryAdmin(a: AuthRequest, principal: GooglePrincipal): GooglePrincipal {
  if (a.op.api === 'admin' && !publicDirectoryRead(a.op, a.req)) {
    const user = principal.subject ? findUserByEmail(a.tenant, principal.subject) : undefined;
    if (!user || !(user.isAdmin || rolesAllow(a.tenant, user, a.op.id, a.op.method))) throw E.notAuthorized();
  }
  return principal;
}

export function definition(): TwinDefinition {
  return {
    name: 'google',
    title: 'Google Workspace (Drive v3, Sheets v4, Docs v1, Admin Directory v1, Gmail v1, Calendar v3)',
    digest: loadDigest('google'),
    handlers: HANDLERS,
    jsonContentType: 'application/json; charset=UTF-8',
    bodyLimit: 128 * 1024 * 1024,
    // Upload bodies are file bytes (or multipart/related around them): a .json file is not a JSON request.
    rawBody: (op) => op.path.startsWith('/upload/'),
    inference: {
      pagination: 'google-token',
      newId: (t) => ids.file(t),
      // Every operation is hand-written or answers 501; nothing is left to the generic layer.
      exclude: () => true,
    },
    renderFailure,
    normalize: normalizeRequest,
    authenticate(a) {
      // A resumable session's URI is its credential; an unknown session is the handler's 404.
      if (a.op.id.endsWith('.resumable')) return sessionPrincipal(a.tenant, a.req) ?? { kind: 'ApiKey', scopes: [], anonymous: true };
      // Tokens and keys are checked synchronously (the engine awaits only a promise); self-signed JWTs are not.
      const principal = authenticate(a);
      return principal instanceof Promise ? principal.then((p) => directoryAdmin(a, p)) : directoryAdmin(a, principal);
    },
    // A URL without a query string names no upload session.
    credentialOf: (req) => (req.url.includes('?') ? new URL(req.url).searchParams.get('upload_id') : null) ?? credentialOf(req),
    credentialValues,
    populate,
    credentials,
    rateLimit: {
      bucket: (op, principal) => rateBucket(op, principal as GooglePrincipal),
      // Google sends no rate-limit headers; clients learn of quotas only from a 429.
      headers: () => ({}),
    },
    commonHeaders: () => ({
      vary: 'Origin, X-Origin, Referer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'x-xss-protection': '0',
    }),
    start() {
      startMailRules();
      startPubsub();
      startChannels();
    },
    control: (app, twin) => googleControl(app, twin),
    routes(app, twin) {
      oauthRoutes(app, twin);
      directoryRoutes(app, twin);
      cseIssuerRoutes(app);
    },
  };
}
