// Which authorization server a `/oauth2/...` request addresses: the org server or a custom one, with its issuer and endpoints.
import type { Tenant } from '../../../../src/core/tenant.js';
import type { Twin } from '../../../../src/core/twin.js';
import { findServer, pathId, type ServerDoc } from './servers.js';
import { ORG } from './keys.js';

export interface AsContext {
  kind: 'org' | 'custom';
  /** Key set (and refresh-token namespace): `org`, or the custom server's real id. */
  id: string;
  server?: ServerDoc;
  tenant: Tenant;
  twin: Twin;
  /** `http://127.0.0.1:PORT/t/acme` — the org URL as the caller addressed it. */
  orgUrl: string;
  /** Org server: the org URL; custom server: `<orgUrl>/oauth2/<id|default>` (what jwt-verifier is given). */
  issuer: string;
  /** Access-token audience: the org URL for the org server, the server's audience(s) otherwise. */
  audience: string | string[];
  endpoint(name: string): string;
}

export function orgContext(twin: Twin, tenant: Tenant, orgUrl: string): AsContext {
  return {
    kind: 'org',
    id: ORG,
    tenant,
    twin,
    orgUrl,
    issuer: orgUrl,
    audience: orgUrl,
    endpoint: (name) => `${orgUrl}/oauth2/v1/${name}`,
  };
}

/** A custom server by id or `default`; undefined when it does not exist. */
export function customContext(twin: Twin, tenant: Tenant, orgUrl: string, idOrAlias: string): AsContext | undefined {
  const server = findServer(tenant, idOrAlias);
  if (!server) return undefined;
  const issuer = `${orgUrl}/oauth2/${pathId(server)}`;
  return {
    kind: 'custom',
    id: server.id,
    server,
    tenant,
    twin,
    orgUrl,
    issuer,
    audience: server.audiences.length === 1 ? server.audiences[0] : server.audiences,
    endpoint: (name) => `${issuer}/v1/${name}`,
  };
}

/** Every issuer string a token of this tenant's org server may carry (with and without the tenant prefix). */
export function orgIssuers(twin: Twin, tenant: Tenant, req: Request): string[] {
  const origin = twin.publicOrigin ?? new URL(req.url).origin;
  return [`${origin}/t/${tenant.name}`, origin];
}
