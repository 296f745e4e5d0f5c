// The DNS records an operator published for the org's domains: what domain verification looks up, since the twin resolves no public DNS.
import type { Tenant } from '../../../src/core/tenant.js';

export type DnsRecordType = 'TXT' | 'CNAME';

/** Records by `TYPE fqdn` (lower-case name), each a list of values. */
const zone = (tenant: Tenant) => tenant.meta<Record<string, string[]>>('okta:dns', () => ({}));

export function publishRecord(tenant: Tenant, type: DnsRecordType, fqdn: string, values: string[]): void {
  const z = zone(tenant);
  const key = `${type} ${fqdn.toLowerCase().replace(/\.$/, '')}`;
  if (values.length) z[key] = [...values];
  else delete z[key];
  tenant.metaChanged();
}

export function lookup(tenant: Tenant, type: DnsRecordType, fqdn: string): string[] {
  return zone(tenant)[`${type} ${fqdn.toLowerCase().replace(/\.$/, '')}`] ?? [];
}
