/** Directory's Customer, Domains and DomainAlias resources as callers see them. */
import type { Tenant } from '../../../../src/core/tenant.js';
import { customer, type Customer } from '../../store.js';
import { domainAliases, domainInfo, type DomainAliasRec } from '../model/domains.js';
import { withEtag } from './common.js';

export function presentCustomer(c: Customer): Record<string, unknown> {
  return withEtag({
    kind: 'admin#directory#customer',
    id: c.id,
    customerDomain: c.customerDomain,
    alternateEmail: c.alternateEmail,
    customerCreationTime: c.customerCreationTime,
    language: c.language,
    ...(c.phoneNumber ? { phoneNumber: c.phoneNumber } : {}),
    postalAddress: c.postalAddress ?? { organizationName: c.organizationName, countryCode: 'US' },
  });
}

/** Google writes creation times of domains as epoch milliseconds in a string. */
const millis = (iso: string) => String(Date.parse(iso));

export function presentDomainAlias(a: DomainAliasRec): Record<string, unknown> {
  return withEtag({ kind: 'admin#directory#domainAlias', domainAliasName: a.id, parentDomainName: a.parentDomainName, verified: a.verified, creationTime: millis(a.creationTime) });
}

export function presentDomain(t: Tenant, name: string): Record<string, unknown> {
  const c = customer(t)!;
  const info = domainInfo(t).get(name);
  const aliases = domainAliases(t).filter((a) => a.parentDomainName === name);
  return withEtag({
    kind: 'admin#directory#domain',
    domainName: name,
    isPrimary: name === c.customerDomain,
    verified: info?.verified ?? true,
    creationTime: millis(info?.creationTime ?? c.customerCreationTime),
    ...(aliases.length ? { domainAliases: aliases.map(presentDomainAlias) } : {}),
  });
}
