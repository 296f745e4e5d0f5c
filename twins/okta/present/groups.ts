// A group as Okta returns it: logo, users and apps links on the caller's origin.
// The copies are shallow: the engine serializes a reply before anything else can touch it.
import type { OpContext } from '../../../src/core/handler.js';
import type { GroupDoc } from '../store.js';

export function presentGroup(ctx: Pick<OpContext, 'baseUrl'>, g: GroupDoc): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/groups/${g.id}`;
  const out: Record<string, unknown> = { ...g };
  out._links = {
    logo: [
      { name: 'medium', href: `${ctx.baseUrl}/assets/img/logos/groups/okta-medium.png`, type: 'image/png' },
      { name: 'large', href: `${ctx.baseUrl}/assets/img/logos/groups/okta-large.png`, type: 'image/png' },
    ],
    owners: { href: `${self}/owners` },
    users: { href: `${self}/users` },
    apps: { href: `${self}/apps` },
  };
  return out;
}
