/** Slack's error format (HTTP 200, `{ok:false, error}`), and the table of how engine-detected failures read in Slack's words. */
import { VendorError, type EngineFailure, type ValidationIssue } from '../../src/core/errors.js';
import type { OperationDigest } from '../../src/core/digest.js';

/**
 * A Slack Web API error. Slack answers errors with HTTP 200 and `ok:false`
 * (https://docs.slack.dev/apis/web-api#responses); only transport-level
 * problems (rate limits, unknown methods) use other statuses.
 */
export class SlackError extends VendorError {
  constructor(
    readonly code: string,
    extra: Record<string, unknown> = {},
    status = 200,
    headers: Record<string, string> = {},
  ) {
    super(status, { ok: false, error: code, ...extra }, headers);
  }
}

/** `invalid_arguments` with the `[ERROR] …` lines Slack puts in `response_metadata.messages`. */
export function invalidArguments(...messages: string[]): SlackError {
  return new SlackError('invalid_arguments', { response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) } });
}

/** `missing_scope` as Slack reports it: comma-separated `needed` and `provided`. */
export function missingScope(needed: string[], provided: string[]): SlackError {
  return new SlackError('missing_scope', { needed: needed.join(','), provided: provided.join(',') }, 200, {
    'x-oauth-scopes': provided.join(','),
    'x-accepted-oauth-scopes': needed.join(','),
  });
}

/** Thrown for methods the twin routes but has no behavior for: loud, and distinct from vendor errors. */
export const notImplemented = (method?: string) =>
  new SlackError('not_implemented_in_twin', { method, warning: 'this method has no behavior in the dtu Slack twin' }, 501);

/**
 * One argument problem as Slack words it: `missing required field: channel`
 * for an absent top-level argument (github.com/vluzrmos/laravel-slack-api#38),
 * the parent's pointer for a nested one (`missing required field: title
 * [json-pointer:/view]`, slackapi/java-slack-sdk#302), else the offending
 * argument's pointer (``invalid `trigger_id` [json-pointer:/trigger_id]``, slack-go/slack#805).
 */
export function argumentMessage(i: ValidationIssue): string {
  const pointer = i.path.startsWith('/') ? i.path : `/${i.path}`;
  const at = pointer.lastIndexOf('/');
  const name = pointer.slice(at + 1);
  if (i.keyword === 'required') return `missing required field: ${name}${at > 0 ? ` [json-pointer:${pointer.slice(0, at)}]` : ''}`;
  return `invalid \`${name}\` [json-pointer:${pointer}]`;
}

type FailureOf<K extends EngineFailure['kind']> = Extract<EngineFailure, { kind: K }>;
type Ctx = { req: Request; op?: OperationDigest; media: string };

/** Engine failure kind → the Slack error it reads as. Choices where Slack's behavior is not documented are noted inline. */
const FAILURES: { [K in EngineFailure['kind']]: (f: FailureOf<K>, ctx: Ctx) => SlackError } = {
  // Slack answers an unknown method with 404 and `unknown_method` (common error in the method reference).
  route_not_found: (_f, { req }) => new SlackError('unknown_method', { req_method: new URL(req.url).pathname.replace(/^.*\/api\//, '') }, 404),
  // Slack methods accept GET and POST; other verbs are refused at the edge.
  method_not_allowed: (f) => new SlackError('method_not_allowed', {}, 405, { allow: f.allowed.join(', ') }),
  malformed_body: (_f, { media }) => new SlackError(media === 'application/json' ? 'invalid_json' : 'invalid_form_data'),
  invalid_encoding: (_f, { media }) => new SlackError(media === 'application/json' ? 'invalid_json' : 'invalid_form_data'),
  unsupported_media_type: () => new SlackError('invalid_post_type'),
  // Slack's edge refuses oversized bodies with 413 before the API sees them; we keep the Slack shape.
  body_too_large: () => new SlackError('request_too_large', {}, 413),
  validation: (f) => invalidArguments(...f.issues.map(argumentMessage)),
  unauthenticated: (f) => new SlackError(f.reason === 'missing' ? 'not_authed' : f.reason === 'revoked' ? 'token_revoked' : f.reason === 'expired' ? 'token_expired' : 'invalid_auth'),
  forbidden: (f) => missingScope(f.needed ?? [], f.provided ?? []),
  not_implemented: (_f, { op }) => notImplemented(op?.id),
  not_found: (f) => new SlackError(`${f.resource}_not_found`),
  // https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429 with Retry-After in seconds.
  rate_limited: (f) => new SlackError('ratelimited', {}, 429, { 'retry-after': String(f.retryAfterSec) }),
  fault: (f) => new SlackError(f.code ?? (f.status >= 500 ? 'fatal_error' : 'request_failed'), f.message ? { detail: f.message } : {}, f.status),
  outage: () => new SlackError('service_unavailable', {}, 503),
};

/** Renders an engine-detected failure from the table above. */
export function renderSlackFailure(f: EngineFailure, ctx: { req: Request; op?: OperationDigest }): VendorError {
  const media = (ctx.req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return (FAILURES[f.kind] as (f: EngineFailure, ctx: Ctx) => SlackError)(f, { ...ctx, media });
}
