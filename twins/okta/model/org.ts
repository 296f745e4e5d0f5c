// The org record as a tenant holds it: settings, contacts, preferences and support access, created on first read.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { oktaId } from '../store.js';

/** What seeding records about the org: its name, the admin and the admin's API token. */
export interface OrgMeta {
  subdomain: string;
  companyName: string;
  adminUserId: string;
  adminLogin: string;
  adminPassword: string;
  apiToken: string;
  apiTokenId: string;
}

export const orgMeta = (tenant: Tenant): OrgMeta | undefined => tenant.meta<OrgMeta | undefined>('okta:org', () => undefined);

export interface OrgState {
  settings: Record<string, unknown>;
  contacts: Record<string, string | null>;
  showEndUserFooter: boolean;
  optOutEmailUsers: boolean;
  support: { support: 'ENABLED' | 'DISABLED'; expiration: string | null };
  /** The file id of an uploaded org logo, once one was uploaded. */
  logoFileId?: string;
}

export function state(tenant: Tenant): OrgState {
  return tenant.meta<OrgState>('okta:orgSettings', () => {
    const meta = orgMeta(tenant);
    const now = tenant.now().toISOString();
    return {
      settings: {
        id: oktaId(tenant, '00o'), subdomain: meta?.subdomain ?? tenant.name, companyName: meta?.companyName ?? 'Example Org', status: 'ACTIVE', expiresAt: null,
        created: now, lastUpdated: now, // Unset contact fields read as empty strings on a real org (cassette test_get_org_settings).
        website: '', phoneNumber: '', endUserSupportHelpURL: '', supportPhoneNumber: '',
        address1: null, address2: null, city: null, state: null, country: null, postalCode: null,
      },
      contacts: { BILLING: meta?.adminUserId ?? null, TECHNICAL: meta?.adminUserId ?? null },
      showEndUserFooter: true,
      optOutEmailUsers: false,
      support: { support: 'DISABLED', expiration: null },
    };
  });
}

/** The org's id (`00o…`), as the org record, well-known metadata and session `idp` name it. */
export const orgId = (tenant: Tenant): string => String(state(tenant).settings.id);

/** A realm document (Realms API): the org's Default Realm is made with the org. */
export interface RealmDoc extends Doc {
  created: string;
  lastUpdated: string;
  profile: { name: string; realmType?: string };
  isDefault: boolean;
}

export const REALMS = '/api/v1/realms';

/**
 * The id of the org's Default Realm, where every user lives unless assigned elsewhere (users carry it as
 * `realmId`, terraform cassettes 2026). Made on first use, with the realm document beside the others.
 */
export function defaultRealmId(tenant: Tenant): string {
  return tenant.meta<string>('okta:defaultRealm', () => {
    const realms = tenant.collection<RealmDoc>(REALMS);
    const existing = realms.find((r) => r.isDefault === true);
    if (existing) return existing.id;
    const now = tenant.now().toISOString();
    const doc: RealmDoc = { id: oktaId(tenant, 'guo'), created: now, lastUpdated: now, profile: { name: 'Default Realm' }, isDefault: true };
    realms.put(doc);
    return doc.id;
  });
}
