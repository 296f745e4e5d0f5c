// Okta's per-endpoint rate-limit buckets and the headers every response carries.
import type { OperationDigest } from '../../../src/core/digest.js';
import type { BucketSpec, RateState } from '../../../src/core/ratelimit.js';

/**
 * Default management limits per minute (developer.okta.com "Rate limits",
 * management endpoints): the most specific matching prefix wins, everything
 * else under /api/v1 shares the org-wide bucket.
 */
const BUCKETS: Array<{ key: string; method?: string; match: RegExp; limit: number }> = [
  { key: 'GET /api/v1/users/{id}', method: 'get', match: /^\/api\/v1\/users\/\{[^}]+\}$/, limit: 2000 },
  { key: '/api/v1/users', match: /^\/api\/v1\/users(\/|$)/, limit: 600 },
  { key: 'GET /api/v1/groups/{id}', method: 'get', match: /^\/api\/v1\/groups\/\{[^}]+\}$/, limit: 1000 },
  { key: '/api/v1/groups', match: /^\/api\/v1\/groups(\/|$)/, limit: 500 },
  { key: 'GET /api/v1/apps/{id}', method: 'get', match: /^\/api\/v1\/apps\/\{[^}]+\}$/, limit: 500 },
  { key: '/api/v1/apps', match: /^\/api\/v1\/apps(\/|$)/, limit: 100 },
  { key: '/api/v1/logs', match: /^\/api\/v1\/logs$/, limit: 120 },
  { key: '/api/v1/sessions', match: /^\/api\/v1\/sessions(\/|$)/, limit: 750 },
  { key: '/api/v1/authorizationServers', match: /^\/api\/v1\/authorizationServers(\/|$)/, limit: 1200 },
  { key: '/api/v1', match: /^\/api\/v1\//, limit: 1200 },
];

/** An operation's bucket never changes: found once per operation, not per call. */
const bucketOf = new WeakMap<OperationDigest, BucketSpec | null>();

export function bucketFor(op: OperationDigest): BucketSpec | undefined {
  let spec = bucketOf.get(op);
  if (spec === undefined) {
    const b = BUCKETS.find((b) => (!b.method || b.method === op.method) && b.match.test(op.path));
    spec = b ? { key: b.key, limit: b.limit, windowSec: 60 } : null;
    bucketOf.set(op, spec);
  }
  return spec ?? undefined;
}

/** `x-rate-limit-*` as Okta sends them; `reset` is epoch seconds (the SDK sleeps until it, using `date`). */
export function rateHeaders(state: RateState): Record<string, string> {
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.resetAt),
  };
}
