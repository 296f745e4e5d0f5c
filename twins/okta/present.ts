// How stored documents appear on the wire: Okta's `_links` (built on the caller's origin) added to a copy.
// The copies are shallow: the engine serializes a reply before anything else can touch it.
import type { OpContext } from '../../src/core/handler.js';
import type { Doc } from '../../src/core/tenant.js';
import type { AppDoc, GroupDoc, UserDoc } from './store.js';

type Link = { href: string; method?: string };

const post = (href: string): Link => ({ href, method: 'POST' });

/** Lifecycle links a user offers in each status (as Okta returns them on GET /users/{id}). */
function userActionLinks(base: string, u: UserDoc): Record<string, Link> {
  const l = `${base}/lifecycle`;
  const c = `${base}/credentials`;
  const pw = {
    resetPassword: post(`${l}/reset_password`),
    forgotPassword: post(`${c}/forgot_password`),
    expirePassword: post(`${l}/expire_password`),
    changeRecoveryQuestion: post(`${c}/change_recovery_question`),
    changePassword: post(`${c}/change_password`),
  };
  switch (u.status) {
    case 'STAGED':
      return { activate: post(`${l}/activate`), resetFactors: post(`${l}/reset_factors`) };
    case 'PROVISIONED':
      return { reactivate: post(`${l}/reactivate`), resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'ACTIVE':
    case 'PASSWORD_EXPIRED':
    case 'RECOVERY':
      return { suspend: post(`${l}/suspend`), ...pw, resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'LOCKED_OUT':
      return { unlock: post(`${l}/unlock`), ...pw, resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'SUSPENDED':
      return { unsuspend: post(`${l}/unsuspend`), resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'DEPROVISIONED':
      return { activate: post(`${l}/activate`) };
  }
}

/** A user as Okta returns it. Lists carry only `self`; single reads carry the lifecycle links too. */
export function presentUser(ctx: Pick<OpContext, 'baseUrl'>, u: UserDoc, full = true): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/users/${u.id}`;
  const out: Record<string, unknown> = { ...u };
  const schemaId = `osc${u.type.id.slice(3)}`;
  out._links = full
    ? {
        schema: { href: `${ctx.baseUrl}/api/v1/meta/schemas/user/${schemaId}` },
        ...userActionLinks(self, u),
        self: { href: self },
        type: { href: `${ctx.baseUrl}/api/v1/meta/types/user/${u.type.id}` },
      }
    : { self: { href: self } };
  return out;
}

export function presentGroup(ctx: Pick<OpContext, 'baseUrl'>, g: GroupDoc): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/groups/${g.id}`;
  const out: Record<string, unknown> = { ...g };
  out._links = {
    logo: [
      { name: 'medium', href: `${ctx.baseUrl}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' },
      { name: 'large', href: `${ctx.baseUrl}/assets/img/logos/groups/okta-large.png`, type: 'image/png' },
    ],
    users: { href: `${self}/users` },
    apps: { href: `${self}/apps` },
  };
  return out;
}

export function presentApp(ctx: Pick<OpContext, 'baseUrl'>, a: AppDoc): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/apps/${a.id}`;
  const out: Record<string, unknown> = { ...a };
  out._links = {
    uploadLogo: { href: `${self}/logo`, hints: { allow: ['POST'] } },
    appLinks: [{ name: 'login', href: `${ctx.baseUrl}/home/${a.name}/${a.id}/login`, type: 'text/html' }],
    groups: { href: `${self}/groups` },
    logo: [{ name: 'medium', href: `${ctx.baseUrl}/assets/img/logos/default.png`, type: 'image/png' }],
    users: { href: `${self}/users` },
    deactivate: { href: `${self}/lifecycle/deactivate` },
    ...(a.status === 'INACTIVE' ? { activate: { href: `${self}/lifecycle/activate` } } : {}),
  };
  return out;
}

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
        ...(doc.key === 'okta_verify' ? { enroll: hinted(`${base}/idp/authenticators`, 'POST') } : {}),
      };
  }
  return undefined;
}

/** A generic resource with `_links.self` at its collection path (used for inferred operations). */
export function presentGeneric(ctx: Pick<OpContext, 'baseUrl'>, doc: Doc, collection: string): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(doc);
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
