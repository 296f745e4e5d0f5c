// An authenticator method as Okta returns it: type, status, settings, and self/lifecycle links on the caller's origin.
import type { OpContext } from '../../../src/core/handler.js';
import { offersDeactivate, type MethodDoc } from '../model/authenticators.js';

/** `key` is the authenticator's key, which decides whether an active method can be turned off on its own. */
export function presentMethod(ctx: Pick<OpContext, 'baseUrl'>, m: MethodDoc, key: string): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/authenticators/${m.authenticatorId}/methods/${m.type}`;
  const life = m.status === 'ACTIVE'
    ? (offersDeactivate(key, m.type) ? { deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } } } : {})
    : { activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } } };
  return { type: m.type, status: m.status, ...(m.settings ? { settings: structuredClone(m.settings) } : {}), _links: { self: { href: self, hints: { allow: ['GET', 'PUT'] } }, ...life } };
}
