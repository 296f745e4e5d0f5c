/** Google's error bodies, per API family, and the renderer for engine-detected failures. */
import { VendorError, type EngineFailure } from '../../src/core/errors.js';
import type { OperationDigest } from '../../src/core/digest.js';

export type Api = 'drive' | 'sheets' | 'docs' | 'admin' | 'gmail' | 'calendar';

/**
 * Two families answer differently. Drive v3 and Admin Directory are the older
 * "apiary" APIs: their own errors carry `errors[]` (domain/reason/location) and
 * no `status`. Sheets v4 and Docs v1 are One Platform APIs: `{code, message,
 * status}` without `errors[]` (observed in 2023 Sheets bodies, e.g.
 * https://github.com/AI-Prompt-Genius/AI-Prompt-Genius/issues/302).
 * Errors made by Google's front end (401, scope 403, quota 429) carry `status`
 * on every API, Drive included
 * (https://github.com/ivanvermeyen/laravel-google-drive-demo/issues/118,
 * https://github.com/enupal/backup/issues/44).
 */
export const ONE_PLATFORM: Record<Api, boolean> = { drive: false, admin: false, sheets: true, docs: true, gmail: false, calendar: false };

/** Gmail is apiary-shaped (`errors[]`) but also names the gRPC `status` on every error; Calendar never does. */
const ALWAYS_STATUS: Partial<Record<Api, boolean>> = { gmail: true };

export const SERVICE: Record<Api, string> = {
  drive: 'drive.googleapis.com',
  sheets: 'sheets.googleapis.com',
  docs: 'docs.googleapis.com',
  admin: 'admin.googleapis.com',
  gmail: 'gmail.googleapis.com',
  calendar: 'calendar-json.googleapis.com',
};

const GRPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

export interface GoogleErrorSpec {
  code: number;
  message: string;
  /** `errors[].reason` on classic APIs. */
  reason?: string;
  /** `errors[].message` when it differs from the top-level message ("Login Required."). */
  itemMessage?: string;
  location?: string;
  locationType?: 'parameter' | 'header' | 'other';
  /** Force `status` (front-end errors) or set a specific one (FAILED_PRECONDITION). */
  status?: string | true;
  details?: unknown[];
  headers?: Record<string, string>;
}

/** Builds the body for one API family. */
export function googleError(api: Api, spec: GoogleErrorSpec): VendorError {
  const status = typeof spec.status === 'string' ? spec.status : GRPC_STATUS[spec.code] ?? 'UNKNOWN';
  const error: Record<string, unknown> = { code: spec.code, message: spec.message };
  if (!ONE_PLATFORM[api]) {
    const item: Record<string, unknown> = { message: spec.itemMessage ?? spec.message, domain: 'global', reason: spec.reason ?? 'badRequest' };
    if (spec.location) item.location = spec.location;
    if (spec.locationType) item.locationType = spec.locationType;
    error.errors = [item];
    if (spec.status || ALWAYS_STATUS[api]) error.status = status;
  } else {
    error.status = status;
  }
  if (spec.details) error.details = spec.details;
  return new VendorError(spec.code, { error }, spec.headers ?? {});
}

const errorInfo = (api: Api, reason: string, extra: Record<string, string> = {}) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'googleapis.com',
  metadata: { service: SERVICE[api], ...extra },
});

const DEVCONSOLE = 'See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** The catalog: every error the twin answers with, by name. */
export const E = {
  loginRequired: (api: Api) =>
    googleError(api, {
      code: 401,
      message: `Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${DEVCONSOLE}`,
      itemMessage: 'Login Required.',
      reason: 'required',
      location: 'Authorization',
      locationType: 'header',
      status: true,
      details: [errorInfo(api, 'CREDENTIALS_MISSING')],
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' },
    }),
  invalidCredentials: (api: Api) =>
    googleError(api, {
      code: 401,
      message: `Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${DEVCONSOLE}`,
      itemMessage: 'Invalid Credentials',
      reason: 'authError',
      location: 'Authorization',
      locationType: 'header',
      status: true,
      details: [errorInfo(api, 'ACCESS_TOKEN_TYPE_UNSUPPORTED')],
      headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    }),
  /** Sheets accepts API keys, so its front end asks for one when nothing is sent. */
  missingApiKey: (api: Api) =>
    googleError(api, { code: 403, message: 'The request is missing a valid API key.', reason: 'forbidden', status: true }),
  apiKeyInvalid: (api: Api) =>
    googleError(api, {
      code: 400,
      message: 'API key not valid. Please pass a valid API key.',
      reason: 'badRequest',
      status: true,
      details: [errorInfo(api, 'API_KEY_INVALID')],
    }),
  insufficientScopes: (api: Api, scopes: string[]) =>
    googleError(api, {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      itemMessage: 'Insufficient Permission',
      reason: 'insufficientPermissions',
      status: true,
      details: [errorInfo(api, 'ACCESS_TOKEN_SCOPE_INSUFFICIENT')],
      headers: { 'www-authenticate': `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${scopes.join(' ')}"` },
    }),
  rateLimited: (api: Api, retryAfterSec: number, metric = 'Queries') =>
    googleError(api, {
      code: 429,
      message: `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service '${SERVICE[api]}'.`,
      reason: 'rateLimitExceeded',
      status: true,
      details: [errorInfo(api, 'RATE_LIMIT_EXCEEDED', { quota_metric: `${SERVICE[api]}/default`, quota_limit: 'defaultPerMinutePerUser' })],
      headers: { 'retry-after': String(retryAfterSec) },
    }),
  badRequest: (api: Api, message = 'Bad Request', location?: string) =>
    googleError(api, { code: 400, message, reason: 'badRequest', ...(location ? { location, locationType: 'parameter' as const } : {}) }),
  invalidValue: (api: Api, location: string, message = 'Invalid Value') =>
    googleError(api, { code: 400, message, reason: 'invalid', location, locationType: 'parameter' }),
  required: (api: Api, location: string, message = 'Required') =>
    googleError(api, { code: 400, message, reason: 'required', location, locationType: 'parameter' }),
  parseError: (api: Api, detail: string) =>
    ONE_PLATFORM[api]
      ? googleError(api, { code: 400, message: `Invalid JSON payload received. ${detail}` })
      : googleError(api, { code: 400, message: 'Parse Error', reason: 'parseError' }),
  payloadTooLarge: (api: Api, limit: number) =>
    googleError(api, { code: 400, message: `Request payload size exceeds the limit: ${limit} bytes.`, reason: 'badRequest', status: true }),
  notImplemented: (api: Api, what: string) =>
    googleError(api, {
      code: 501,
      message: `${what} is not implemented by this twin.`,
      reason: 'notImplemented',
      status: true,
    }),
  backendError: (api: Api, code: number, message = 'Internal Error') =>
    googleError(api, { code, message, reason: code === 503 ? 'backendError' : 'internalError', status: true }),

  // Drive
  fileNotFound: (id: string, location = 'fileId') =>
    googleError('drive', { code: 404, message: `File not found: ${id}.`, reason: 'notFound', location, locationType: 'parameter' }),
  permissionNotFound: (id: string) =>
    googleError('drive', { code: 404, message: `Permission not found: ${id}.`, reason: 'notFound', location: 'permissionId', locationType: 'parameter' }),
  revisionNotFound: (id: string) =>
    googleError('drive', { code: 404, message: `Revision not found: ${id}.`, reason: 'notFound', location: 'revisionId', locationType: 'parameter' }),
  insufficientFilePermissions: () =>
    googleError('drive', { code: 403, message: 'The user does not have sufficient permissions for this file.', reason: 'insufficientFilePermissions' }),
  fileNotDownloadable: () =>
    googleError('drive', {
      code: 403,
      message: 'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
      reason: 'fileNotDownloadable',
      location: 'alt',
      locationType: 'parameter',
    }),
  invalidFieldSelection: (api: Api, field: string) =>
    googleError(api, { code: 400, message: `Invalid field selection ${field}`, reason: 'invalidParameter', location: 'fields', locationType: 'parameter' }),

  // Sheets and Docs
  entityNotFound: (api: Api) => googleError(api, { code: 404, message: 'Requested entity was not found.', reason: 'notFound' }),
  callerNoPermission: (api: Api) => googleError(api, { code: 403, message: 'The caller does not have permission', reason: 'forbidden' }),
  invalidArgument: (api: Api, message: string) => googleError(api, { code: 400, message, reason: 'badRequest' }),

  // Gmail
  delegationDenied: (caller: string) => googleError('gmail', { code: 403, message: `Delegation denied for ${caller}`, reason: 'forbidden' }),
  mailServiceNotEnabled: () => googleError('gmail', { code: 400, message: 'Mail service not enabled', reason: 'failedPrecondition', status: 'FAILED_PRECONDITION' }),
  preconditionFailed: (api: Api) => googleError(api, { code: 400, message: 'Precondition check failed.', reason: 'failedPrecondition', status: 'FAILED_PRECONDITION' }),
  /** Gmail's refusal of an S/MIME upload: "400: Bad Request - invalidArgument" (GAM-team/GAM#631, #1162). */
  gmailInvalid: (message = 'Bad Request') => googleError('gmail', { code: 400, message, reason: 'invalidArgument' }),
  gmailPrecondition: (message: string) => googleError('gmail', { code: 400, message, reason: 'failedPrecondition', status: 'FAILED_PRECONDITION' }),
  gmailDuplicate: (message: string) => googleError('gmail', { code: 409, message, reason: 'duplicate', status: 'ALREADY_EXISTS' }),

  // Calendar
  calendarNotFound: () => googleError('calendar', { code: 404, message: 'Not Found', reason: 'notFound' }),
  calendarGone: () => googleError('calendar', { code: 410, message: 'Resource has been deleted', reason: 'deleted' }),
  needAccess: (level: string) => googleError('calendar', { code: 403, message: `You need to have ${level} access to this calendar.`, reason: 'requiredAccessLevel' }),
  fullSyncRequired: () => googleError('calendar', { code: 410, message: 'Sync token is no longer valid, a full sync is required.', reason: 'fullSyncRequired' }),

  // Admin Directory
  resourceNotFound: (param: string) => googleError('admin', { code: 404, message: `Resource Not Found: ${param}`, reason: 'notFound' }),
  invalidInput: (what: string) => googleError('admin', { code: 400, message: `Invalid Input: ${what}`, reason: 'invalid' }),
  entityExists: () => googleError('admin', { code: 409, message: 'Entity already exists.', reason: 'duplicate' }),
  memberExists: () => googleError('admin', { code: 409, message: 'Member already exists.', reason: 'duplicate' }),
  notAuthorized: () => googleError('admin', { code: 403, message: 'Not Authorized to access this resource/api', reason: 'forbidden' }),
  domainNotFound: () => googleError('admin', { code: 400, message: 'Domain not found.', reason: 'invalid' }),
};

/** Which API a path belongs to, for failures that happen before (or without) an operation. */
export function apiOfPath(path: string): Api {
  if (/^\/v4\//.test(path)) return 'sheets';
  if (/^\/v1\/documents/.test(path)) return 'docs';
  if (/^\/admin\//.test(path)) return 'admin';
  if (/^\/gmail\//.test(path)) return 'gmail';
  if (/^\/calendar\//.test(path)) return 'calendar';
  return 'drive';
}

export function apiOf(op: OperationDigest | undefined, req: Request): Api {
  const a = op?.api;
  if (a === 'drive' || a === 'sheets' || a === 'docs' || a === 'admin' || a === 'gmail' || a === 'calendar') return a;
  return apiOfPath(new URL(req.url).pathname);
}

/** Renders an engine-detected failure the way the API in question would. */
export function renderFailure(f: EngineFailure, ctx: { req: Request; op?: OperationDigest }): VendorError {
  const api = apiOf(ctx.op, ctx.req);
  switch (f.kind) {
    case 'route_not_found':
    case 'method_not_allowed':
      // Google routes by method and path together: a wrong method is just another unknown URL.
      return ONE_PLATFORM[api]
        ? googleError(api, { code: 404, message: 'Method not found.' })
        : googleError(api, { code: 404, message: 'Not Found', reason: 'notFound' });
    case 'malformed_body':
      return E.parseError(api, f.detail.replace(/^Unexpected token/, 'Unexpected token'));
    case 'invalid_encoding':
      return E.parseError(api, 'Invalid UTF-8 in request body.');
    case 'unsupported_media_type':
      return E.badRequest(api, `Media type '${f.contentType}' is not supported.`);
    case 'body_too_large':
      return E.payloadTooLarge(api, f.limit);
    case 'validation': {
      const i = f.issues[0];
      if (ONE_PLATFORM[api]) {
        const where = i.location === 'body' ? `'${i.path.replace(/^\//, '').replace(/\//g, '.') || 'body'}'` : `'${i.path}'`;
        return googleError(api, { code: 400, message: `Invalid value at ${where}: ${i.message}` });
      }
      if (i.location === 'body') return E.badRequest(api, `Invalid value for ${i.path.replace(/^\//, '') || 'request body'}: ${i.message}`);
      if (i.keyword === 'required') return E.required(api, i.path);
      return E.invalidValue(api, i.path, `Invalid value '${queryValue(ctx.req, i.path)}'. Values must match the following regular expression or type: ${i.message}`);
    }
    case 'unauthenticated':
      return f.reason === 'missing' ? E.loginRequired(api) : E.invalidCredentials(api);
    case 'forbidden':
      return E.insufficientScopes(api, f.needed ?? []);
    case 'not_implemented':
      return E.notImplemented(api, `Method ${ctx.op?.id ?? 'unknown'}`);
    case 'not_found':
      if (api === 'drive') return f.resource === '/drive/v3/files' ? E.fileNotFound(f.id) : googleError('drive', { code: 404, message: `Not found: ${f.id}.`, reason: 'notFound' });
      if (api === 'admin') return E.resourceNotFound(lastParam(ctx.op) ?? 'resource');
      return E.entityNotFound(api);
    case 'rate_limited':
      // Sheets and Docs count reads and writes against separate quotas, and name them so.
      return E.rateLimited(api, f.retryAfterSec, ONE_PLATFORM[api] ? (ctx.op?.method === 'get' ? 'Read requests' : 'Write requests') : 'Queries');
    case 'fault':
      return f.status === 429
        ? E.rateLimited(api, 1)
        : googleError(api, { code: f.status, message: f.message ?? (f.status >= 500 ? 'Internal Error' : 'Bad Request'), reason: f.code ?? (f.status >= 500 ? 'backendError' : 'badRequest'), status: f.status >= 500 || undefined });
    case 'outage':
      return E.backendError(api, 503, 'The service is currently unavailable.');
  }
}

function queryValue(req: Request, name: string): string {
  return new URL(req.url).searchParams.get(name) ?? '';
}

function lastParam(op: OperationDigest | undefined): string | undefined {
  const names = op?.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  return names?.[names.length - 1];
}
