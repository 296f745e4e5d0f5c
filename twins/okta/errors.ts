// Okta's error catalog (codes, statuses, summary templates) and the renderer for engine-detected failures.
import { createHash } from 'node:crypto';
import { VendorError, type EngineFailure, type ValidationIssue } from '../../src/core/errors.js';
import type { OperationDigest } from '../../src/core/digest.js';
import type { Tenant } from '../../src/core/tenant.js';

/**
 * Status and summary template per code, worded exactly as Okta's published
 * catalog (okta-developer-docs `data/error-codes.json`, release 2023.02.1) and
 * the recorded exchanges in okta-sdk-python's cassettes. `{0}` takes the first argument.
 */
export const CATALOG: Record<string, { status: number; summary: string }> = {
  E0000001: { status: 400, summary: 'Api validation failed: {0}' },
  E0000002: { status: 400, summary: 'The request was not valid: {0}' },
  E0000003: { status: 400, summary: 'The request body was not well-formed.' },
  E0000004: { status: 401, summary: 'Authentication failed' },
  E0000005: { status: 403, summary: 'Invalid session' },
  E0000006: { status: 403, summary: 'You do not have permission to perform the requested action' },
  E0000007: { status: 404, summary: 'Not found: {0}' },
  E0000008: { status: 404, summary: 'The requested path was not found' },
  E0000009: { status: 500, summary: 'Internal Server Error' },
  E0000010: { status: 503, summary: 'Service is in read only mode' },
  E0000011: { status: 401, summary: 'Invalid token provided' },
  E0000014: { status: 403, summary: 'Update of credentials failed' },
  E0000015: { status: 401, summary: 'You do not have permission to access the feature you are requesting' },
  E0000016: { status: 403, summary: 'Activation failed because the user is already active' },
  E0000017: { status: 403, summary: 'Password reset failed' },
  E0000019: { status: 400, summary: 'Bad request. Accept and/or Content-Type headers likely do not match supported values.' },
  E0000021: { status: 400, summary: 'Bad request.  Accept and/or Content-Type headers likely do not match supported values.' },
  E0000022: { status: 405, summary: 'The endpoint does not support the provided HTTP method' },
  E0000028: { status: 400, summary: 'The request is missing a required parameter.' },
  E0000029: { status: 400, summary: 'Invalid paging request.' },
  E0000030: { status: 400, summary: "Bad request. Invalid date. Dates must be of the form yyyy-MM-dd'T'HH:mm:ss.SSSZZ, e.g. 2013-01-01T12:00:00.000-07:00." },
  E0000031: { status: 400, summary: 'Invalid search criteria.' },
  E0000032: { status: 403, summary: 'Unlock is not allowed for this user.' },
  E0000033: { status: 400, summary: "Bad request. Can't specify a search query and filter in the same request." },
  E0000034: { status: 403, summary: 'Forgot password not allowed on specified user.' },
  E0000035: { status: 403, summary: 'Change password not allowed on specified user.' },
  E0000036: { status: 403, summary: 'Change recovery question not allowed on specified user.' },
  E0000037: { status: 400, summary: 'Type mismatch exception.  {0}' },
  E0000038: { status: 403, summary: "This operation is not allowed in the user's current status." },
  E0000040: { status: 400, summary: 'Application label must not be the same as an existing application label.' },
  E0000046: { status: 403, summary: 'Deactivate application for user forbidden.' },
  E0000047: { status: 429, summary: 'API call exceeded rate limit due to too many requests.' },
  E0000056: { status: 403, summary: 'Delete application forbidden.' },
  E0000060: { status: 501, summary: 'Unsupported operation.' },
  E0000062: { status: 409, summary: 'The specified user is already assigned to the application.' },
  E0000068: { status: 403, summary: 'Invalid Passcode/Answer' },
  E0000080: { status: 403, summary: 'The password does not meet the complexity requirements of the current password policy.' },
  E0000087: { status: 403, summary: 'The recovery question answer did not match our records.' },
  E0000090: { status: 409, summary: 'The role specified is already assigned to the user.' },
  // Email customizations (Customizations API; 409 per the Terraform provider's okta_email_customization caveats).
  E0000182: { status: 409, summary: 'A customization for the specified language already exists.' },
  E0000184: { status: 409, summary: 'A default customization already exists for this template.' },
  E0000185: { status: 409, summary: 'The default customization cannot be deleted while other customizations exist.' },
  E0000091: { status: 400, summary: 'The provided role type was not the same as required role type.' },
  E0000094: { status: 400, summary: 'The provided filter is unsupported.' },
  E0000105: { status: 403, summary: 'You have accessed an account recovery link that has expired or been previously used.' },
  E0000111: { status: 403, summary: 'Cannot modify the {0} object because it is read-only.' },
  E0000117: { status: 403, summary: 'Cannot assign apps or update app profiles for an inactive user.' },
  // Create with `nextLogin=changePassword` (Okta error codes reference: expire on create requires a password, and activation).
  E0000124: { status: 400, summary: 'To create a user and expire password immediately, a password must be specified' },
  E0000125: { status: 400, summary: 'To create a user and expire password immediately, activate must be true' },
  E0000142: { status: 403, summary: 'This User Type cannot be deleted.' },
  // CAPTCHA instances (okta-sdk-python cassette test_captcha_it: a second instance is refused).
  E0000166: { status: 403, summary: 'CAPTCHA count limit reached. At most one CAPTCHA instance is allowed per Org. Please remove existing CAPTCHA to create a new one.' },
};

/** One entry of `errorCauses`. */
export type Cause = string | { errorSummary: string; [k: string]: unknown };

export interface OktaErrorOptions {
  causes?: Cause[];
  headers?: Record<string, string>;
}

/**
 * Okta's errorId is unique per request in production; the twin derives it from
 * the error's content so replays stay byte-identical without a random source.
 */
function errorId(code: string, summary: string, causes: unknown[]): string {
  const h = createHash('sha256').update(`${code}|${summary}|${JSON.stringify(causes)}`).digest('base64url');
  return `oae${h.slice(0, 22)}`;
}

/** A catalog error, thrown by handlers: `throw oktaError('E0000007', 'Resource not found: 00u1 (User)')`. */
export function oktaError(code: string, ...args: string[]): VendorError {
  return oktaErrorWith(code, args, {});
}

/** A catalog error with errorCauses and/or response headers. */
export function oktaErrorWith(code: string, args: string[], opts: OktaErrorOptions): VendorError {
  const entry = CATALOG[code];
  if (!entry) throw new Error(`okta: unknown error code ${code}`);
  const summary = entry.summary.replace(/\{(\d+)\}/g, (_m, i: string) => args[Number(i)] ?? '');
  const causes = (opts.causes ?? []).map((c) => (typeof c === 'string' ? { errorSummary: c } : c));
  return new VendorError(
    entry.status,
    { errorCode: code, errorSummary: summary, errorLink: code, errorId: errorId(code, summary, causes), errorCauses: causes },
    opts.headers ?? {},
  );
}

/** 404 E0000007 worded as Okta words it: `Not found: Resource not found: <id> (<Type>)`. */
export function notFound(id: string, type: string): VendorError {
  return oktaError('E0000007', `Resource not found: ${id} (${type})`);
}

/** 400 E0000001 naming the field, with `<field>: <message>` causes (Okta's validation shape). */
export function validationError(field: string, ...messages: string[]): VendorError {
  return oktaErrorWith('E0000001', [field], { causes: messages.map((m) => `${field}: ${m}`) });
}

/** The JSON-pointer-ish path of a validation issue as Okta names fields (`profile.login` → `login`). */
function fieldName(issue: ValidationIssue): string {
  const parts = issue.path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? issue.path ?? 'request';
}

export function renderFailure(f: EngineFailure, _ctx: { req: Request; op?: OperationDigest; tenant?: Tenant }): VendorError {
  switch (f.kind) {
    case 'route_not_found':
      return oktaError('E0000008');
    case 'method_not_allowed':
      // Okta's 405 carries no Allow header (cassette: test_realms_it update_realm_basic).
      return oktaError('E0000022');
    case 'malformed_body':
    case 'invalid_encoding':
      return oktaError('E0000003');
    case 'unsupported_media_type':
      return oktaError('E0000021');
    case 'body_too_large':
      return oktaError('E0000003');
    case 'validation': {
      const body = f.issues.filter((i) => i.location === 'body');
      // A JSON value of the wrong type cannot be bound by Okta's reader at all, and neither can no body where one is
      // required (okta-sdk-python and terraform cassettes: an empty POST /api/v1/sessions, /api/v1/realms answers E0000003).
      if (body.some((i) => (i.keyword === 'type' || i.keyword === 'required') && (i.path === '' || i.path === '/'))) return oktaError('E0000003');
      const first = f.issues[0];
      const field = first ? fieldName(first) : 'request';
      const causes = f.issues.map((i) => `${fieldName(i)}: ${i.keyword === 'required' ? 'The field cannot be left blank' : describe(i)}`);
      return oktaErrorWith('E0000001', [field], { causes });
    }
    case 'unauthenticated':
      // No credential at all falls through to Okta's session check; a bad SSWS token is E0000011.
      return f.reason === 'missing' ? oktaError('E0000005') : oktaError('E0000011');
    case 'forbidden':
      return oktaError('E0000006');
    case 'not_implemented':
      return new VendorError(501, errorBody('E0000060', 'Unsupported operation.'));
    case 'not_found':
      return notFound(f.id, typeName(f.resource));
    case 'rate_limited':
      return oktaErrorWith('E0000047', [], { headers: { 'x-rate-limit-limit': String(f.limit), 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(f.resetAt) } });
    case 'fault':
      return f.code && CATALOG[f.code]
        ? new VendorError(f.status, errorBody(f.code, f.message ?? CATALOG[f.code].summary.replace(/\{\d+\}/g, '')))
        : new VendorError(f.status, errorBody(f.code ?? 'E0000009', f.message ?? 'Internal Server Error'));
    case 'outage':
      return new VendorError(503, errorBody('E0000010', 'Service is in read only mode'));
  }
}

function errorBody(code: string, summary: string) {
  return { errorCode: code, errorSummary: summary, errorLink: code, errorId: errorId(code, summary, []), errorCauses: [] };
}

function describe(i: ValidationIssue): string {
  if (i.keyword === 'enum') return 'Does not match required pattern';
  if (i.keyword === 'type') return 'The field has an invalid value';
  return i.message;
}

/** Okta's internal type names in E0000007 summaries, by collection (as seen in the cassettes). */
const TYPE_NAMES: Array<[RegExp, string]> = [
  [/\/users\/[^/]+\/factors$/, 'UserFactor'],
  [/\/groups\/rules$/, 'GroupRule'],
  [/\/policies\/[^/]+\/rules$/, 'PolicyRule'],
  [/\/users$/, 'User'],
  [/\/groups$/, 'UserGroup'],
  [/\/apps$/, 'AppInstance'],
  [/\/policies$/, 'Policy'],
  [/\/idps$/, 'IdpTrust'],
  [/\/eventHooks$/, 'Webhook'],
  [/\/inlineHooks$/, 'InlineHook'],
  [/\/trustedOrigins$/, 'TrustedOrigin'],
  [/\/meta\/types\/user$/, 'CVDType'],
  [/\/zones$/, 'Zone'],
  [/\/templates\/sms$/, 'AppInstance'],
  [/\/authenticators$/, 'Authenticator'],
  [/\/api-tokens$/, 'Token'],
  [/\/sessions$/, 'AppSession'],
  [/\/grants$/, 'OAuth2ScopeConsentGrant'],
  [/\/tokens$/, 'OAuth2RefreshTokenTx'],
];

export function typeName(collection: string): string {
  for (const [re, name] of TYPE_NAMES) if (re.test(collection)) return name;
  const last = collection.split('/').filter((s) => s && !s.startsWith('{')).pop() ?? 'Resource';
  return last.charAt(0).toUpperCase() + last.slice(1).replace(/s$/, '');
}
