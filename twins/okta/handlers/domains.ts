// Custom Domains API: an org's own sign-in domains, each tied to a brand, with the DNS records that prove ownership.
import { X509Certificate } from 'node:crypto';
import type { Doc } from '../../../src/core/tenant.js';
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaError, oktaErrorWith, validationError } from '../errors.js';
import { brands, createBrand, seedDefaultBrand } from '../model/brands.js';
import { lookup } from '../model/dns.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent } from './common.js';
import type { Handlers } from '../generated/operations.js';

export const DOMAINS = '/api/v1/domains';

export interface DomainDoc extends Doc {
  domain: string;
  certificateSourceType: 'MANUAL' | 'OKTA_MANAGED';
  brandId: string;
  validationStatus: 'NOT_STARTED' | 'IN_PROGRESS' | 'VERIFIED' | 'FAILED_TO_VERIFY' | 'COMPLETED';
  /** The TXT value that proves ownership and the CNAME target, fixed at creation. */
  txt: string;
  cname: string;
  certificate?: { subject: string; expiration: string; fingerprint: string };
}

export const domains = (ctx: OpContext) => ctx.tenant.collection<DomainDoc>(DOMAINS);

function requireDomain(ctx: OpContext): DomainDoc {
  const id = String(ctx.params.domainId);
  const d = domains(ctx).get(id);
  if (!d) throw notFound(id, 'Domain');
  return d;
}

/** Where a domain answer is shown: a single domain (create, read, replace), a list entry, or the answer to verify. */
type View = 'one' | 'list' | 'verify';

/**
 * DomainResponse: the TXT record at `_oktaverification.<domain>` and the CNAME to the org's Okta host (Custom Domains
 * API). Links as recorded Okta answers show them (okta-terraform-cassettes TestAccResourceOktaDomain_crud, 2025): a
 * single domain offers `verify`, a list entry (which also leaves out the DNS records) and the answer to verify do not;
 * `certificate` only once the domain is verified, when a MANUAL domain's certificate can be uploaded (PUT
 * /domains/{id}/certificate refuses it before).
 */
export const presentDomain = (ctx: OpContext, d: DomainDoc, view: View = 'one') => {
  const self = `${ctx.baseUrl}${DOMAINS}/${d.id}`;
  const verified = d.validationStatus === 'VERIFIED' || d.validationStatus === 'COMPLETED';
  return {
    id: d.id, domain: d.domain, certificateSourceType: d.certificateSourceType, validationStatus: d.validationStatus, brandId: d.brandId,
    // A list names each domain without its DNS records (recorded listDomains); a single domain carries them.
    ...(view === 'list' ? {} : { dnsRecords: [
      { recordType: 'TXT', fqdn: `_oktaverification.${d.domain}`, values: [d.txt] },
      { recordType: 'CNAME', fqdn: d.domain, values: [d.cname] },
    ] }),
    ...(d.certificate ? { publicCertificate: d.certificate } : {}),
    _links: {
      self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
      ...(view === 'one' ? { verify: { href: `${self}/verify`, hints: { allow: ['POST'] } } } : {}),
      ...(verified && d.certificateSourceType === 'MANUAL' ? { certificate: { href: `${self}/certificate`, hints: { allow: ['PUT'] } } } : {}),
      brand: { href: `${ctx.baseUrl}/api/v1/brands/${d.brandId}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
    },
  };
};

/**
 * The org's own Okta domain, listed first-class as `id: "default"` (OKTA_MANAGED, COMPLETED, the default brand), read
 * only: verify on it is refused (okta-sdk-python-cassettes test_custom_domain_lifecycle, 2026; the Terraform
 * recordings list it too).
 */
function presentDefaultDomain(ctx: OpContext) {
  const self = `${ctx.baseUrl}${DOMAINS}/default`;
  const brandId = seedDefaultBrand(ctx.tenant).id;
  return {
    id: 'default', domain: new URL(ctx.baseUrl).host, certificateSourceType: 'OKTA_MANAGED', validationStatus: 'COMPLETED', brandId,
    _links: { self: { href: self, hints: { allow: ['GET'] } }, brand: { href: `${ctx.baseUrl}/api/v1/brands/${brandId}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } },
  };
}

const isDefault = (ctx: OpContext) => String(ctx.params.domainId) === 'default';
const notForDefault = () => oktaErrorWith('E0000001', ['id'], { causes: ['This operation is not supported for this domain'] });

const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const domainHandlers = {
  listDomains: (ctx) => ({ status: 200, body: { domains: [...domains(ctx).values().map((d) => presentDomain(ctx, d, 'list')), presentDefaultDomain(ctx)] } }),
  /**
   * A domain created without a brandId gets a brand of its own, named after the domain: "whenever a custom
   * domain is created, a brand will be created along with that custom domain" (okta/terraform-provider-okta#1685).
   */
  createDomain: (ctx) => {
    const b = bodyObject(ctx);
    const domain = typeof b.domain === 'string' ? b.domain.trim().toLowerCase() : '';
    if (!domain) throw validationError('domain', 'The field cannot be left blank');
    if (!DOMAIN_NAME.test(domain)) throw validationError('domain', 'Invalid domain name');
    if (b.certificateSourceType !== 'MANUAL' && b.certificateSourceType !== 'OKTA_MANAGED') throw validationError('certificateSourceType', 'Must be one of MANUAL, OKTA_MANAGED');
    if (domains(ctx).find((d) => d.domain === domain)) throw oktaErrorWith('E0000001', ['domain'], { causes: [`domain: A domain with the name ${domain} already exists.`] });
    let brandId: string;
    if (b.brandId !== undefined && b.brandId !== null) {
      brandId = String(b.brandId);
      if (!brands(ctx.tenant).has(brandId)) throw notFound(brandId, 'Brand');
    } else {
      brandId = createBrand(ctx.tenant, domain, false).id;
    }
    const d = domains(ctx).put({
      id: oktaId(ctx.tenant, 'OcD'), domain, certificateSourceType: b.certificateSourceType, brandId, validationStatus: 'NOT_STARTED',
      txt: ctx.tenant.random.hex(40), cname: `${ctx.tenant.name}.customdomains.okta.com`,
    });
    // 201, as recorded in both corpora (2021 and 2025), though the API reference documents 200.
    return { status: 201, body: presentDomain(ctx, d) };
  },
  getDomain: (ctx) => ({ status: 200, body: isDefault(ctx) ? presentDefaultDomain(ctx) : presentDomain(ctx, requireDomain(ctx)) }),
  // Replace moves the domain to another brand; nothing else about it changes.
  replaceCustomDomain: (ctx) => {
    if (isDefault(ctx)) throw notForDefault();
    const d = requireDomain(ctx);
    const brandId = bodyObject(ctx).brandId;
    if (typeof brandId !== 'string' || !brandId) throw validationError('brandId', 'The field cannot be left blank');
    if (!brands(ctx.tenant).has(brandId)) throw notFound(brandId, 'Brand');
    return { status: 200, body: presentDomain(ctx, domains(ctx).put({ ...d, brandId })) };
  },
  /**
   * Verification looks up the domain's TXT and CNAME records. The twin resolves no public DNS: it reads the records
   * published through `PUT /_dtu/okta/dns`; a domain whose records are missing or wrong ends FAILED_TO_VERIFY, as an
   * unconfigured domain does on Okta (DomainValidationStatus).
   */
  verifyDomain: (ctx) => {
    if (isDefault(ctx)) throw notForDefault();
    const d = requireDomain(ctx);
    const found = lookup(ctx.tenant, 'TXT', `_oktaverification.${d.domain}`).includes(d.txt) && lookup(ctx.tenant, 'CNAME', d.domain).includes(d.cname);
    const next = d.validationStatus === 'VERIFIED' || d.validationStatus === 'COMPLETED' ? d : domains(ctx).put({ ...d, validationStatus: found ? 'VERIFIED' : 'FAILED_TO_VERIFY' });
    return { status: 200, body: presentDomain(ctx, next, 'verify') };
  },
  // A certificate is accepted only once the domain is verified; before that Okta answers 403.
  createCertificate: (ctx) => {
    const d = requireDomain(ctx);
    const b = bodyObject(ctx);
    for (const f of ['certificate', 'privateKey', 'type']) if (typeof b[f] !== 'string' || !b[f]) throw validationError(f, 'The field cannot be left blank');
    if (d.validationStatus !== 'VERIFIED' && d.validationStatus !== 'COMPLETED') throw oktaError('E0000006');
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(String(b.certificate));
    } catch {
      throw validationError('certificate', 'The certificate is not a valid PEM certificate');
    }
    domains(ctx).put({ ...d, validationStatus: 'COMPLETED', certificate: { subject: cert.subject.replace(/\n/g, ', '), expiration: new Date(cert.validTo).toISOString(), fingerprint: cert.fingerprint256 } });
    return noContent();
  },
  deleteDomain: (ctx) => {
    if (isDefault(ctx)) throw notForDefault();
    domains(ctx).delete(requireDomain(ctx).id);
    return noContent();
  },
} satisfies Handlers;
