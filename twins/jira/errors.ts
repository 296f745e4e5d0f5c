// Jira's error catalog (ErrorCollection bodies, statuses, wording) and the renderer for engine-detected failures.
import { VendorError, type EngineFailure } from '../../src/core/errors.js';
import type { OperationDigest } from '../../src/core/digest.js';

/** Jira's ErrorCollection: request-level messages plus per-field messages. */
export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}, headers: Record<string, string> = {}): VendorError {
  return new VendorError(status, { errorMessages, errors } satisfies ErrorCollection, headers);
}

/** Field-level failure (400) — how Jira reports invalid create/edit input. */
export const fieldErrors = (errors: Record<string, string>, status = 400) => jiraError(status, [], errors);

/** The sentences Jira Cloud answers with, in one place so handlers and tests agree on them. */
export const MSG = {
  // Operation permissions on an issue the caller can see (403); one they cannot see is a 404 instead.
  noCreatePermission: 'You do not have permission to create issues in this project.',
  noEditPermission: 'You do not have permission to edit issues in this project.',
  noDeletePermission: 'You do not have permission to delete issues in this project.',
  noAssignPermission: 'You do not have permission to assign issues in this project.',
  noCommentPermission: 'You do not have the permission to comment on this issue.',
  noWorklogPermission: 'You do not have the permission to log work on this issue.',
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get (404)
  issueNotFound: 'Issue does not exist or you do not have permission to see it.',
  projectNotFoundKey: (k: string) => `No project could be found with key '${k}'.`,
  projectNotFoundId: (id: string) => `No project could be found with id '${id}'.`,
  userNotFound: 'Specified user does not exist or you do not have required permissions',
  userNotFoundByAccountId: (id: string) => `User with accountId '${id}' does not exist`,
  notAdminProjects: 'You must have global administrator rights in order to modify projects.',
  transitionInvalid: (id: string) => `Transition id '${id}' is not valid for this issue.`,
  subtasksBlockDelete: (key: string) => `The issue '${key}' has subtasks.  You must specify the 'deleteSubtasks' parameter to delete this issue and all its subtasks.`,
  commentNotFound: (id: string) => `Can not find a comment for the id: ${id}.`,
  worklogNotFound: (id: string) => `Cannot find worklog with id: ${id}.`,
  adfRequired: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
  unknownField: (f: string) => `Field '${f}' cannot be set. It is not on the appropriate screen, or unknown.`,
  summaryRequired: 'You must specify a summary of the issue.',
  summaryTooLong: 'Summary must be less than 255 characters.',
  projectRequired: 'Specify a valid project ID or key',
  issueTypeRequired: 'Specify an issue type',
  issueTypeInvalid: 'Specify a valid issue type',
  // https://support.atlassian.com/atlassian-cloud/kb/xsrf-check-failed-when-calling-cloud-apis (403, plain text)
  xsrf: 'XSRF check failed',
  // Measured on Cloud sites: 401 with this sentence as a text/html body.
  unauthenticated: 'Client must be authenticated to access this resource.',
} as const;

export const notFoundIssue = () => jiraError(404, [MSG.issueNotFound]);

/** Jira Cloud's 401: a bare sentence, not an ErrorCollection, with an OAuth challenge. */
export function unauthorized(realm: string, failedLogin: boolean): VendorError {
  const headers: Record<string, string> = {
    'content-type': 'text/html;charset=UTF-8',
    'www-authenticate': `OAuth realm="${encodeURIComponent(realm)}"`,
  };
  if (failedLogin) headers['x-seraph-loginreason'] = 'AUTHENTICATED_FAILED';
  return new VendorError(401, MSG.unauthenticated, headers);
}

/**
 * The OAuth 2.0 gateway (api.atlassian.com) answers a token without the
 * operation's scope with this body.
 * https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/
 */
export const scopeMismatch = () => new VendorError(401, { code: 401, message: 'Unauthorized; scope does not match' });

/** Engine failures in Jira's words. `op` is known for everything after routing. */
export function renderFailure(f: EngineFailure, ctx: { req: Request; op?: OperationDigest }): VendorError {
  switch (f.kind) {
    case 'route_not_found':
      // Jira's REST layer answers unknown resources with 404 and an ErrorCollection-shaped body.
      return jiraError(404, [`null for uri: ${ctx.req.url}`]);
    case 'method_not_allowed':
      return jiraError(405, [`Method ${ctx.req.method} is not supported by this resource.`], {}, { allow: f.allowed.join(',') });
    case 'malformed_body':
      return jiraError(400, [jacksonMessage(f.detail)]);
    case 'invalid_encoding':
      return jiraError(400, ['Invalid UTF-8 start byte in request body.']);
    case 'unsupported_media_type':
      return jiraError(415, [`Unsupported Media Type: this resource does not consume ${f.contentType || 'a body without a content type'}.`]);
    case 'body_too_large':
      return jiraError(413, [`The request entity is too large. The maximum allowed size is ${f.limit} bytes.`]);
    case 'validation':
      return renderValidation(f.issues, ctx.op);
    case 'unauthenticated':
      return unauthorized(new URL(ctx.req.url).origin, f.reason !== 'missing');
    case 'forbidden':
      return f.needed?.length ? scopeMismatch() : jiraError(403, ['You do not have permission to perform this operation.']);
    case 'not_implemented':
      return jiraError(501, [`The twin does not implement ${ctx.op ? `${ctx.op.method.toUpperCase()} ${ctx.op.path} (${ctx.op.id})` : 'this operation'} yet.`]);
    case 'not_found':
      return jiraError(404, [`The requested resource (${f.id}) does not exist or you do not have permission to see it.`]);
    case 'rate_limited':
      return jiraError(429, ['Rate limit exceeded.'], {}, {
        'retry-after': String(f.retryAfterSec),
        'x-ratelimit-limit': String(f.limit),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': isoMinute(f.resetAt),
        'x-ratelimit-nearlimit': 'true',
        'ratelimit-reason': 'jira-burst-based',
      });
    case 'fault':
      return jiraError(f.status, [f.message ?? (f.status >= 500 ? 'Internal server error' : 'Request failed')], f.code ? { code: f.code } : {});
    case 'outage':
      return jiraError(503, ['Service Unavailable'], {}, { 'retry-after': '30' });
  }
}

/**
 * X-RateLimit-Reset is an ISO 8601 minute (`yyyy-MM-ddTHH:mmZ`).
 * https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 */
export function isoMinute(epochSec: number): string {
  // Asked on every request near a rate limit, for the same few seconds over and over.
  if (epochSec !== lastMinute.sec) lastMinute = { sec: epochSec, text: new Date(epochSec * 1000).toISOString().slice(0, 16) + 'Z' };
  return lastMinute.text;
}
let lastMinute = { sec: NaN, text: '' };

/** Jira parses bodies with Jackson; its messages name the offending character and position. */
function jacksonMessage(detail: string): string {
  // V8 names the position, or quotes the start of the text around the offending token.
  const tok = /Unexpected token '?(.)'?/.exec(detail)?.[1] ?? /token (.)/.exec(detail)?.[1];
  const pos = /position (\d+)/.exec(detail);
  const snippet = /"(.*)" is not valid JSON/s.exec(detail)?.[1];
  const col = pos ? Number(pos[1]) + 1 : snippet && tok && !snippet.startsWith('...') ? snippet.indexOf(tok) + 1 || 1 : 1;
  if (/end of JSON input/i.test(detail)) return `Unexpected end-of-input: expected close marker for Object\n at [Source: REDACTED; line: 1, column: ${col}]`;
  const ch = tok ?? '?';
  return `Unexpected character ('${ch}' (code ${ch.charCodeAt(0)})): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED; line: 1, column: ${col}]`;
}

/** Request-body fields whose Jira names differ from the bean property (project create/update). */
const FIELD_NAMES: Record<string, Record<string, string>> = {
  createProject: { key: 'projectKey', name: 'projectName', leadAccountId: 'projectLead', projectTypeKey: 'projectTypeKey' },
  updateProject: { key: 'projectKey', name: 'projectName', leadAccountId: 'projectLead' },
};

const REQUIRED_MSG: Record<string, string> = {
  projectKey: 'You must specify a valid project key.',
  projectName: 'You must specify a valid project name.',
};

/**
 * Validation failures become Jira's ErrorCollection: body problems by field in
 * `errors`, parameter problems as request-level messages. Unknown properties in
 * strict beans fail the way Jackson does (an unrecognized-field message).
 */
function renderValidation(issues: Array<{ location: string; path: string; message: string; keyword?: string }>, op?: OperationDigest): VendorError {
  const errors: Record<string, string> = Object.create(null);
  const messages: string[] = [];
  const names = (op && Object.hasOwn(FIELD_NAMES, op.id) && FIELD_NAMES[op.id]) || {};
  for (const i of issues) {
    if (i.location !== 'body') {
      messages.push(`The value of the '${i.path}' ${i.location === 'path' ? 'path' : 'query'} parameter is invalid: it ${i.message}.`);
      continue;
    }
    const top = i.path.split('/').filter(Boolean)[0];
    if (i.keyword === 'additionalProperties') {
      // The engine's issue does not carry the property's name, which Jackson would quote.
      messages.push(`Unrecognized field${top ? ` in "${top}"` : ''}, not marked as ignorable`);
      continue;
    }
    if (!top) {
      messages.push(i.keyword === 'required' ? 'A request body is required.' : `Can not deserialize the request body: it ${i.message}.`);
      continue;
    }
    const field = (Object.hasOwn(names, top) && names[top]) || top;
    errors[field] ??= i.keyword === 'required' ? ((Object.hasOwn(REQUIRED_MSG, field) && REQUIRED_MSG[field]) || `${field} is required.`) : `The value of '${field}' is invalid: it ${i.message}.`;
  }
  return jiraError(400, [...new Set(messages)], errors);
}

/**
 * Jira Software's DevOps APIs (builds, deployments, devinfo, …) answer errors as `{errorMessages: [{message}]}`,
 * their ErrorMessages schema, not the platform's ErrorCollection. https://developer.atlassian.com/cloud/jira/software/rest/api-group-builds/
 */
export const devopsError = (status: number, message: string) => new VendorError(status, { errorMessages: [{ message }] });
