/** Slack's error format (HTTP 200, `{ok:false, error}`) and how engine failures read in Slack's words. */
import { VendorError, type EngineFailure } from '../../src/core/errors.js';
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
 * Engine-detected failures in Slack's words. Choices where Slack's behavior
 * is not documented are noted inline.
 */
export function renderSlackFailure(f: EngineFailure, ctx: { req: Request; op?: OperationDigest }): VendorError {
  const media = (ctx.req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  switch (f.kind) {
    case 'route_not_found': {
      // Slack answers an unknown method with 404 and `unknown_method` (common error in the method reference).
      const method = new URL(ctx.req.url).pathname.replace(/^.*\/api\//, '');
      return new SlackError('unknown_method', { req_method: method }, 404);
    }
    case 'method_not_allowed':
      // Slack methods accept GET and POST; other verbs are refused at the edge.
      return new SlackError('method_not_allowed', {}, 405, { allow: f.allowed.join(', ') });
    case 'malformed_body':
      return media === 'application/json' ? new SlackError('invalid_json') : new SlackError('invalid_form_data');
    case 'invalid_encoding':
      return new SlackError(media === 'application/json' ? 'invalid_json' : 'invalid_form_data');
    case 'unsupported_media_type':
      return new SlackError('invalid_post_type');
    case 'body_too_large':
      // Slack's edge refuses oversized bodies with 413 before the API sees them; we keep the Slack shape.
      return new SlackError('request_too_large', {}, 413);
    case 'validation':
      return invalidArguments(...f.issues.map((i) => `${i.message} [json-pointer:/${i.path.replace(/^\//, '')}]`));
    case 'unauthenticated':
      return new SlackError(f.reason === 'missing' ? 'not_authed' : f.reason === 'revoked' ? 'token_revoked' : f.reason === 'expired' ? 'token_expired' : 'invalid_auth');
    case 'forbidden':
      return missingScope(f.needed ?? [], f.provided ?? []);
    case 'not_implemented':
      return notImplemented(ctx.op?.id);
    case 'not_found':
      return new SlackError(`${f.resource}_not_found`);
    case 'rate_limited':
      // https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429 with Retry-After in seconds.
      return new SlackError('ratelimited', {}, 429, { 'retry-after': String(f.retryAfterSec) });
    case 'fault':
      return new SlackError(f.code ?? (f.status >= 500 ? 'fatal_error' : 'request_failed'), f.message ? { detail: f.message } : {}, f.status);
    case 'outage':
      return new SlackError('service_unavailable', {}, 503);
  }
}
