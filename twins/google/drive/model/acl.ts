/** Who may see and change a Drive file: permissions, inheritance from folders, discoverability, and the drive.file scope. */
import type { Tenant } from '../../../../src/core/tenant.js';
import type { Caller } from '../../auth.js';
import { ROLE_RANK, customer, files, groupsOf, permissions, type DriveFile, type Permission, type Role } from '../../store.js';

/** The identity Drive checks permissions against. */
export interface Who {
  email?: string;
  domain?: string;
  /** Group emails, nested membership included. */
  groups: ReadonlySet<string>;
  anonymous: boolean;
  clientId?: string;
  /** Only `drive.file`-type access: files this OAuth client created. */
  appFilesOnly: boolean;
}

const FULL_DRIVE_SCOPES = [
  'https://www.googleapis.com/auth/drive',
  'https://www.googleapis.com/auth/drive.readonly',
  'https://www.googleapis.com/auth/drive.metadata',
  'https://www.googleapis.com/auth/drive.metadata.readonly',
];

/** Whether a token's scopes include a Sheets or Docs scope, worked out once per scope list (a token keeps its list). */
function editorScoped(scopes: string[]): boolean {
  let found = editorScopes.get(scopes);
  if (found === undefined) editorScopes.set(scopes, (found = scopes.some((s) => /\/auth\/(spreadsheets|documents)(\.readonly)?$/.test(s))));
  return found;
}
const editorScopes = new WeakMap<string[], boolean>();

export function whoOf(t: Tenant, caller: Caller): Who {
  const email = caller.email?.toLowerCase();
  const domain = email && caller.user ? email.split('@')[1] : undefined;
  // Sheets/Docs scopes reach every file of their kind, like the full Drive scopes do.
  const broad = FULL_DRIVE_SCOPES.some((s) => caller.fullScope(s)) || editorScoped(caller.scopes);
  return {
    email,
    domain: domain && customer(t)?.domains.includes(domain) ? domain : undefined,
    groups: email ? groupsOf(t, email) : new Set(),
    anonymous: caller.anonymous,
    clientId: caller.clientId,
    appFilesOnly: !caller.anonymous && !broad && caller.fullScope('https://www.googleapis.com/auth/drive.file'),
  };
}

/** Does this permission name the caller (ignoring discoverability)? */
export function matches(p: Permission, who: Who): boolean {
  if (p.type === 'anyone') return true;
  if (who.anonymous) return false;
  if (p.type === 'user') return !!who.email && p.emailAddress?.toLowerCase() === who.email;
  if (p.type === 'group') return !!p.emailAddress && who.groups.has(p.emailAddress.toLowerCase());
  if (p.type === 'domain') return !!who.domain && p.domain?.toLowerCase() === who.domain;
  return false;
}

export interface Access {
  role: Role;
  /** Can the file show up in this caller's searches (not just be opened by id)? */
  discoverable: boolean;
}

/**
 * The caller's effective access: direct permissions plus those inherited from parent folders. The best role and
 * discoverability are kept as they are found (every files.get and create-time check asks), and the set of files
 * already walked (a folder cycle, or one reached twice) is made when the walk first goes up to a parent.
 */
export function accessTo(t: Tenant, file: DriveFile, who: Who, seen?: Set<string>): Access | undefined {
  if (seen) {
    if (seen.has(file.id)) return undefined;
    seen.add(file.id);
  }
  let role: Role | undefined;
  let discoverable = false;
  for (const p of permissions(t, file.id).iterate()) {
    if (p.expirationTime && Date.parse(p.expirationTime) <= t.clock.ms()) continue;
    if (!matches(p, who)) continue;
    // The higher role wins; an equal rank is the same role.
    if (role === undefined || ROLE_RANK[p.role] > ROLE_RANK[role]) role = p.role;
    if (p.type === 'user' || p.type === 'group' || p.allowFileDiscovery === true) discoverable = true;
  }
  for (const parentId of file.parents) {
    const parent = files(t).get(parentId);
    if (!parent) continue;
    const inherited = accessTo(t, parent, who, (seen ??= new Set([file.id])));
    if (!inherited) continue;
    // Ownership is not inherited; the folder owner is an editor of what others put in it.
    const r = inherited.role === 'owner' ? 'writer' : inherited.role;
    if (role === undefined || ROLE_RANK[r] > ROLE_RANK[role]) role = r;
    if (inherited.discoverable) discoverable = true;
  }
  if (role === undefined) return undefined;
  if (who.appFilesOnly && !(who.clientId && file.createdByClient === who.clientId)) return undefined;
  return { role, discoverable };
}

export const atLeast = (a: Access | undefined, role: Role) => !!a && ROLE_RANK[a.role] >= ROLE_RANK[role];

/** Deleting needs the owner, or an organizer in a shared drive (files.delete reference). */
export const deleteRole = (f: DriveFile): Role => (f.driveId ? 'organizer' : 'owner');
/** Trashing needs the owner, or a content manager (fileOrganizer) in a shared drive (shared drive roles guide). */
export const trashRole = (f: DriveFile): Role => (f.driveId ? 'fileOrganizer' : 'owner');

/** Shorthand for the role a permission set gives a principal on one file, used by `in owners/writers/readers`. */
export function directRoles(t: Tenant, file: DriveFile): Array<{ email: string; role: Role }> {
  return permissions(t, file.id)
    .values()
    .filter((p) => (p.type === 'user' || p.type === 'group') && p.emailAddress)
    .map((p) => ({ email: p.emailAddress!.toLowerCase(), role: p.role }));
}

/** Link-sharing state as the `visibility` query term names it. */
export function visibilityOf(t: Tenant, file: DriveFile): string {
  const ps = permissions(t, file.id).values();
  if (ps.some((p) => p.type === 'anyone' && p.allowFileDiscovery)) return 'anyoneCanFind';
  if (ps.some((p) => p.type === 'anyone')) return 'anyoneWithLink';
  if (ps.some((p) => p.type === 'domain' && p.allowFileDiscovery)) return 'domainCanFind';
  if (ps.some((p) => p.type === 'domain')) return 'domainWithLink';
  return 'limited';
}
