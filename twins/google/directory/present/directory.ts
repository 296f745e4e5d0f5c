/** Directory's User, Group and Member resources as callers see them. */
import { type Tenant } from '../../../../src/core/tenant.js';
import { type DirGroup, type DirMember, type DirUser, customer, etag, members } from '../../store.js';
import { isDelegatedAdmin } from '../model/roles.js';
import { visibleCustomSchemas } from '../model/schemas.js';
import { photoOf } from '../model/photos.js';

/** `projection` (basic|custom|full) and `customFieldMask` choose which custom schema values a read carries. */
export interface UserView {
  projection?: string;
  customFieldMask?: string;
}

export function presentUser(t: Tenant, u: DirUser, view: 'admin_view' | 'domain_public' = 'admin_view', shape: UserView = {}): Record<string, unknown> {
  const customSchemas = visibleCustomSchemas(t, u, shape.projection ?? 'basic', shape.customFieldMask, view === 'admin_view');
  const photo = photoOf(t, u.id);
  const photoFields = photo ? { thumbnailPhotoUrl: photo.url, thumbnailPhotoEtag: photo.etag } : {};
  const c = customer(t)!;
  const fullName = `${u.name.givenName} ${u.name.familyName}`.trim();
  const emails = [{ address: u.primaryEmail, primary: true }, ...u.aliases.map((address) => ({ address }))];
  if (view === 'domain_public') {
    const pub = { kind: 'admin#directory#user', id: u.id, primaryEmail: u.primaryEmail, name: { ...u.name, fullName }, emails, ...photoFields, ...(customSchemas ? { customSchemas } : {}) };
    return { ...pub, etag: etag(pub) };
  }
  const out: Record<string, unknown> = {
    kind: 'admin#directory#user',
    id: u.id,
    primaryEmail: u.primaryEmail,
    name: { givenName: u.name.givenName, familyName: u.name.familyName, fullName },
    isAdmin: u.isAdmin,
    isDelegatedAdmin: isDelegatedAdmin(t, u),
    lastLoginTime: u.lastLoginTime,
    creationTime: u.creationTime,
    agreedToTerms: true,
    suspended: u.suspended,
    archived: u.archived,
    changePasswordAtNextLogin: u.changePasswordAtNextLogin,
    ipWhitelisted: false,
    emails,
    ...(u.aliases.length ? { aliases: u.aliases } : {}),
    nonEditableAliases: [`${u.primaryEmail.split('@')[0]}@${c.customerDomain.replace(/\.[^.]+$/, '')}.test-google-a.com`],
    customerId: c.id,
    orgUnitPath: u.orgUnitPath,
    isMailboxSetup: true,
    isEnrolledIn2Sv: !!u.enrolledIn2Sv,
    isEnforcedIn2Sv: false,
    ...photoFields,
    includeInGlobalAddressList: u.includeInGlobalAddressList,
    ...(u.deletionTime ? { deletionTime: u.deletionTime } : {}),
    ...(u.extra ?? {}),
    ...(customSchemas ? { customSchemas } : {}),
  };
  return { ...out, etag: etag(out) };
}

export function presentGroup(t: Tenant, g: DirGroup): Record<string, unknown> {
  const c = customer(t)!;
  const out: Record<string, unknown> = {
    kind: 'admin#directory#group',
    id: g.id,
    email: g.email,
    name: g.name,
    directMembersCount: String(members(t, g.id).size),
    description: g.description,
    adminCreated: g.adminCreated,
    ...(g.aliases.length ? { aliases: g.aliases } : {}),
    nonEditableAliases: [`${g.email.split('@')[0]}@${c.customerDomain.replace(/\.[^.]+$/, '')}.test-google-a.com`],
  };
  return { ...out, etag: etag(out) };
}

export function presentMember(m: DirMember): Record<string, unknown> {
  const out = { kind: 'admin#directory#member', id: m.id, email: m.email, role: m.role, type: m.type, status: m.status, delivery_settings: m.delivery_settings };
  return { ...out, etag: etag(out) };
}
