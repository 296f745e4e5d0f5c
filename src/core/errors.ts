/**
 * Two kinds of failure. A VendorError is the vendor's own answer (status, body,
 * headers) built from that vendor's catalog; handlers throw it. An EngineFailure
 * is something the engine detected before or around a handler (unknown route,
 * bad body, failed validation, missing credentials); each twin renders it in
 * its vendor's format. Anything else thrown is a bug in the twin and is
 * reported as such — never disguised as a vendor error.
 */

export class VendorError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && body ? JSON.stringify(body).slice(0, 200) : String(body));
    this.name = 'VendorError';
  }
}

export interface ValidationIssue {
  location: 'path' | 'query' | 'header' | 'body';
  /** Parameter name, or JSON pointer-ish path into the body (`/profile/email`). */
  path: string;
  message: string;
  /** The ajv keyword that failed (`required`, `type`, `enum`, …). */
  keyword?: string;
  /** The keyword's details (`additionalProperty`, `allowedValues`, `type`, …). */
  params?: Record<string, unknown>;
}

export type EngineFailure =
  | { kind: 'route_not_found' }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'malformed_body'; detail: string }
  | { kind: 'unsupported_media_type'; contentType: string }
  | { kind: 'body_too_large'; limit: number }
  | { kind: 'invalid_encoding' }
  | { kind: 'validation'; issues: ValidationIssue[] }
  | { kind: 'unauthenticated'; reason: 'missing' | 'malformed' | 'invalid' | 'expired' | 'revoked' }
  | { kind: 'forbidden'; needed?: string[]; provided?: string[] }
  | { kind: 'not_implemented' }
  /** A resource the inferred layer could not find (hand-written handlers throw catalog errors instead). */
  | { kind: 'not_found'; resource: string; id: string }
  | { kind: 'rate_limited'; retryAfterSec: number; limit: number; resetAt: number }
  | { kind: 'fault'; status: number; code?: string; message?: string }
  | { kind: 'outage' };

/** Thrown by engine stages; the pipeline hands it to the twin's renderer. */
export class EngineError extends Error {
  constructor(readonly failure: EngineFailure) {
    super(failure.kind);
    this.name = 'EngineError';
  }
}

/** A defect in the twin itself. Rendered as a plain 500 that says so, with the stack in the journal. */
export class TwinBug extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TwinBug';
  }
}

export const fail = (failure: EngineFailure): never => {
  throw new EngineError(failure);
};
