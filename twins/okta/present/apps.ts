// An app as Okta returns it: logo, appLinks, groups/users and lifecycle links on the caller's origin.
// The copies are shallow: the engine serializes a reply before anything else can touch it.
import type { OpContext } from '../../../src/core/handler.js';
import type { AppDoc } from '../store.js';

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
