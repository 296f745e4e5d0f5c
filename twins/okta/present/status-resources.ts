// Status resources (zones, trusted origins, inline hooks, authenticators, behaviors, inferred ones such as CAPTCHAs): a copy with Okta's `_links`.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';

type Hinted = { href: string; hints: { allow: string[] } };
const hinted = (href: string, ...allow: string[]): Hinted => ({ href, hints: { allow } });

/** Lifecycle links by status: an ACTIVE resource offers `deactivate`, an INACTIVE one `activate`. */
function lifecycle(self: string, status: unknown): Record<string, Hinted> {
  if (status === 'ACTIVE') return { deactivate: hinted(`${self}/lifecycle/deactivate`, 'POST') };
  if (status === 'INACTIVE') return { activate: hinted(`${self}/lifecycle/activate`, 'POST') };
  return {};
}

/** `_links` Okta attaches to status resources (as in recorded Okta responses), by collection; undefined = self only. */
function collectionLinks(base: string, collection: string, doc: Doc): Record<string, unknown> | undefined {
  const self = `${base}${collection}/${doc.id}`;
  switch (collection) {
    case '/api/v1/zones':
    case '/api/v1/trustedOrigins': {
      // Key order follows Okta: an ACTIVE resource lists self first, an INACTIVE one activate first.
      const life = lifecycle(self, doc.status);
      return doc.status === 'INACTIVE' ? { ...life, self: hinted(self, 'GET', 'PUT', 'DELETE') } : { self: hinted(self, 'GET', 'PUT', 'DELETE'), ...life };
    }
    case '/api/v1/inlineHooks':
      return doc.status === 'INACTIVE'
        ? { ...lifecycle(self, doc.status), self: { href: self }, delete: hinted(self, 'DELETE') }
        : { self: { href: self }, execute: hinted(`${self}/execute`, 'POST'), ...lifecycle(self, doc.status) };
    case '/api/v1/authenticators':
      return {
        self: hinted(self, 'GET', 'PUT'),
        // The password authenticator cannot be switched off.
        ...(doc.key === 'okta_password' ? {} : lifecycle(self, doc.status)),
        methods: hinted(`${self}/methods`, 'GET'),
        // Push authenticators (Okta Verify, custom apps) are enrolled through the Identity Engine (recorded Okta links).
        ...(doc.key === 'okta_verify' || doc.key === 'custom_app' ? { enroll: hinted(`${base}/idp/authenticators`, 'POST') } : {}),
      };
    case '/api/v1/logStreams': {
      // Log streams name each link's method instead of hints; an INACTIVE one lists activate first
      // (okta-sdk-python cassettes test_log_stream_it: createLogStream, getLogStream).
      const self_ = { href: self, method: 'GET' };
      if (doc.status === 'INACTIVE') return { activate: { href: `${self}/lifecycle/activate`, method: 'POST' }, self: self_ };
      return { self: self_, deactivate: { href: `${self}/lifecycle/deactivate`, method: 'POST' } };
    }
    case '/api/v1/realms':
      // Realms name the link's relation and method (okta-sdk-python and terraform cassettes: createRealm, getRealm, listRealms).
      return { self: { rel: 'self', href: self, method: 'GET' } };
    // A CAPTCHA instance hints every method on its self link (okta-sdk-python cassettes test_captcha_it).
    case '/api/v1/captchas':
      return { self: hinted(self, 'GET', 'POST', 'PUT', 'DELETE') };
    // Behavior detection rules hint their self link (okta-sdk-python cassette test_behavior_rules_lifecycle).
    case '/api/v1/behaviors':
      return { self: hinted(self, 'GET', 'PUT', 'DELETE'), ...lifecycle(self, doc.status) };
    case '/api/v1/security-events-providers':
      return { self: { href: self }, ...lifecycle(self, doc.status) };
  }
  return undefined;
}

/**
 * Fields a resource takes but never answers: a CAPTCHA instance's provider secret is kept for validation and
 * left out of every create, read, list and replace (terraform cassettes TestAccResourceOktaCaptcha_crud: the
 * body sent carries `secretKey`, every answer only `siteKey`).
 */
const WRITE_ONLY: Record<string, readonly string[]> = { '/api/v1/captchas': ['secretKey'] };

/** A generic resource with `_links.self` at its collection path (used for inferred operations). */
export function presentGeneric(ctx: Pick<OpContext, 'baseUrl'>, doc: Doc, collection: string): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(doc);
  for (const f of WRITE_ONLY[collection] ?? []) delete out[f];
  if (!collection.startsWith('/api/')) return out;
  const known = collectionLinks(ctx.baseUrl, collection, doc);
  if (known) {
    out._links = known;
    return out;
  }
  const links = (out._links && typeof out._links === 'object' ? out._links : {}) as Record<string, unknown>;
  out._links = { ...links, self: { href: `${ctx.baseUrl}${collection}/${doc.id}` } };
  return out;
}
