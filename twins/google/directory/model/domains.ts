/** The customer's domains and domain aliases: adding (unverified until DNS proves ownership), removing, and what still uses them. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { K, customer, groups, users, type Customer } from '../../store.js';

/** Per-domain facts beyond the name the customer lists; seeded domains have none and count as verified since the customer's creation. */
export interface DomainInfo extends Doc {
  creationTime: string;
  verified: boolean;
}

export interface DomainAliasRec extends Doc {
  parentDomainName: string;
  creationTime: string;
  verified: boolean;
}

export const domainInfo = (t: Tenant) => t.collection<DomainInfo>(K.domainInfo);
export const domainAliases = (t: Tenant) => t.collection<DomainAliasRec>(K.domainAliases);

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function checkNew(t: Tenant, name: unknown, what: string): string {
  if (typeof name !== 'string' || !DOMAIN.test(name.toLowerCase())) throw E.invalidInput(what);
  const d = name.toLowerCase();
  if (customer(t)!.domains.includes(d) || domainAliases(t).has(d)) throw E.entityExists();
  return d;
}

export function addDomain(t: Tenant, name: unknown, now: string): string {
  const d = checkNew(t, name, 'domainName');
  const c = customer(t)!;
  t.collection<Customer>(K.customers).put({ ...c, domains: [...c.domains, d] });
  domainInfo(t).put({ id: d, creationTime: now, verified: false });
  return d;
}

const inDomain = (email: string, d: string) => email.toLowerCase().endsWith(`@${d}`);

/** The primary domain cannot go, nor a domain that still has accounts, groups or aliases in it. */
export function removeDomain(t: Tenant, name: string): void {
  const c = customer(t)!;
  const d = name.toLowerCase();
  if (!c.domains.includes(d)) throw googleError('admin', { code: 404, message: 'Domain not found.', reason: 'notFound' });
  if (d === c.customerDomain) throw googleError('admin', { code: 400, message: 'Cannot delete primary domain', reason: 'invalid' });
  const used = users(t).find((u) => inDomain(u.primaryEmail, d) || u.aliases.some((a) => inDomain(a, d))) ?? groups(t).find((g) => inDomain(g.email, d) || g.aliases.some((a) => inDomain(a, d)));
  if (used) throw googleError('admin', { code: 400, message: 'Domain is in use.', reason: 'invalid' });
  t.collection<Customer>(K.customers).put({ ...c, domains: c.domains.filter((x) => x !== d) });
  domainInfo(t).delete(d);
  for (const a of domainAliases(t).filter((x) => x.parentDomainName === d)) domainAliases(t).delete(a.id);
}

export function addDomainAlias(t: Tenant, name: unknown, parent: unknown, now: string): DomainAliasRec {
  const d = checkNew(t, name, 'domainAliasName');
  const p = typeof parent === 'string' ? parent.toLowerCase() : customer(t)!.customerDomain;
  if (!customer(t)!.domains.includes(p)) throw E.invalidInput('parentDomainName');
  return domainAliases(t).put({ id: d, parentDomainName: p, creationTime: now, verified: false });
}

export function removeDomainAlias(t: Tenant, name: string): void {
  const d = name.toLowerCase();
  if (!domainAliases(t).has(d)) throw googleError('admin', { code: 404, message: 'Domain alias not found.', reason: 'notFound' });
  const used = users(t).find((u) => u.aliases.some((a) => inDomain(a, d))) ?? groups(t).find((g) => g.aliases.some((a) => inDomain(a, d)));
  if (used) throw googleError('admin', { code: 400, message: 'Domain alias is in use.', reason: 'invalid' });
  domainAliases(t).delete(d);
}

/** Customer fields an admin may change: alternateEmail, language, phoneNumber, postalAddress (the domain is fixed). */
export function changeCustomer(t: Tenant, body: Record<string, unknown>, replace: boolean): Customer {
  const c = { ...customer(t)! };
  if (body.customerDomain !== undefined && String(body.customerDomain).toLowerCase() !== c.customerDomain) throw E.invalidInput('customerDomain');
  if (body.alternateEmail !== undefined || replace) {
    if (typeof body.alternateEmail !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(body.alternateEmail)) throw E.invalidInput('alternateEmail');
    if (c.domains.some((d) => inDomain(body.alternateEmail as string, d))) throw E.invalidInput('alternateEmail must be outside the customer\'s domains');
    c.alternateEmail = body.alternateEmail;
  }
  if (typeof body.language === 'string') c.language = body.language;
  if (body.phoneNumber !== undefined || replace) c.phoneNumber = typeof body.phoneNumber === 'string' ? body.phoneNumber : undefined;
  if (body.postalAddress !== undefined || replace) {
    const pa = body.postalAddress && typeof body.postalAddress === 'object' ? { ...(body.postalAddress as Record<string, unknown>) } : undefined;
    c.postalAddress = pa;
    if (typeof pa?.organizationName === 'string') c.organizationName = pa.organizationName;
  }
  return t.collection<Customer>(K.customers).put(c);
}
