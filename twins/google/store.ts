/** The Google customer's state: record shapes, collection keys, and the id formats Google uses. */
import { createHash, hash } from 'node:crypto';
import type { Collection, Doc, Tenant } from '../../src/core/tenant.js';
import { checkingIndexes, select, termIndex, type TermIndex } from '../../src/core/lookup.js';
import { TwinBug } from '../../src/core/errors.js';

/** Collection keys are the concrete API collection paths, shared with the engine's inferred handlers. */
export const K = {
  files: '/drive/v3/files',
  permissions: (fileId: string) => `/drive/v3/files/${fileId}/permissions`,
  revisions: (fileId: string) => `/drive/v3/files/${fileId}/revisions`,
  changes: '/drive/v3/changes',
  approvals: (fileId: string) => `/drive/v3/files/${fileId}/approvals`,
  accessProposals: (fileId: string) => `/drive/v3/files/${fileId}/accessproposals`,
  drives: '/drive/v3/drives',
  uploads: 'drive/uploadSessions',
  spreadsheets: '/v4/spreadsheets',
  documents: '/v1/documents',
  users: '/admin/directory/v1/users',
  deletedUsers: 'admin/deletedUsers',
  groups: '/admin/directory/v1/groups',
  members: (groupId: string) => `/admin/directory/v1/groups/${groupId}/members`,
  customers: '/admin/directory/v1/customers',
  orgUnits: 'admin/orgUnits',
  roles: 'admin/roles',
  roleAssignments: 'admin/roleAssignments',
  userSchemas: 'admin/schemas',
  domainInfo: 'admin/domains',
  domainAliases: 'admin/domainAliases',
  buildings: 'admin/buildings',
  calendarResources: 'admin/calendarResources',
  features: 'admin/features',
  mobileDevices: 'admin/mobileDevices',
  chromeDevices: 'admin/chromeDevices',
  deviceCommands: 'admin/chromeCommands',
  asps: 'admin/asps',
  verificationCodes: 'admin/verificationCodes',
  userPhotos: 'admin/photos',
  printers: 'admin/printers',
  tokens: 'oauth/accessTokens',
  refreshTokens: 'oauth/refreshTokens',
  clients: 'oauth/clients',
  serviceAccounts: 'oauth/serviceAccounts',
  apiKeys: 'oauth/apiKeys',
} as const;

export const FOLDER = 'application/vnd.google-apps.folder';
export const SPREADSHEET = 'application/vnd.google-apps.spreadsheet';
export const DOCUMENT = 'application/vnd.google-apps.document';
export const isGoogleApps = (mime: string) => mime.startsWith('application/vnd.google-apps.');

export type Role = 'owner' | 'organizer' | 'fileOrganizer' | 'writer' | 'commenter' | 'reader';
export const ROLE_RANK: Record<Role, number> = { reader: 1, commenter: 2, writer: 3, fileOrganizer: 4, organizer: 5, owner: 6 };

export interface DriveFile extends Doc {
  name: string;
  mimeType: string;
  parents: string[];
  /** Email of the owner (users and service accounts own files; there is exactly one). */
  owner: string;
  createdTime: string;
  modifiedTime: string;
  trashed: boolean;
  explicitlyTrashed: boolean;
  starred: boolean;
  description?: string;
  properties?: Record<string, string>;
  appProperties?: Record<string, string>;
  /** Base64 of the bytes, for blob files. */
  content?: string;
  size?: number;
  md5Checksum?: string;
  originalFilename?: string;
  version: number;
  headRevisionId?: string;
  lastModifyingUser: string;
  /** OAuth client that created the file: what the `drive.file` scope keys on. */
  createdByClient?: string;
  /** Marks a user's My Drive root folder. */
  isRoot?: boolean;
  writersCanShare: boolean;
  copyRequiresWriterPermission: boolean;
  viewersCanCopyContent: boolean;
  folderColorRgb?: string;
  /** The shared drive holding the file; such files have no owner permission, members reach them through the drive's root. */
  driveId?: string;
}

/** A review of a file: reviewers answer, the initiator may cancel or reassign (Drive approvals guide). */
export interface Approval extends Doc {
  targetFileId: string;
  initiator: string;
  createTime: string;
  modifyTime: string;
  completeTime?: string;
  dueTime?: string;
  status: 'IN_PROGRESS' | 'APPROVED' | 'DECLINED' | 'CANCELLED';
  fileContentChangeBehavior: 'RESET_APPROVAL' | 'NO_APPROVAL_ACTION';
  reviewers: Array<{ email: string; response: 'NO_RESPONSE' | 'APPROVED' | 'DECLINED' }>;
  /** The approval's activity: start, answers, comments, reassignments, each with its message. */
  activity: Array<{ by: string; action: string; message?: string; time: string }>;
}

/** Someone asking a file's owner or editors for access (AccessProposal). */
export interface AccessProposal extends Doc {
  fileId: string;
  requester: string;
  recipient: string;
  role: Role;
  view?: string;
  message?: string;
  createTime: string;
}

/** A shared drive. Its root folder is a DriveFile with the same id, whose permissions are the members. */
export interface SharedDrive extends Doc {
  name: string;
  createdTime: string;
  colorRgb: string;
  themeId?: string;
  /** Creation is idempotent per user and requestId (drives.create reference). */
  requestKey: string;
  /** Emails of members who hid the drive from their default view. */
  hiddenBy: string[];
  restrictions: { adminManagedRestrictions: boolean; copyRequiresWriterPermission: boolean; domainUsersOnly: boolean; driveMembersOnly: boolean; sharingFoldersRequiresOrganizerPermission: boolean };
}

export interface Permission extends Doc {
  type: 'user' | 'group' | 'domain' | 'anyone';
  role: Role;
  emailAddress?: string;
  domain?: string;
  allowFileDiscovery?: boolean;
  displayName?: string;
  expirationTime?: string;
}

export interface Revision extends Doc {
  mimeType: string;
  modifiedTime: string;
  keepForever: boolean;
  size?: number;
  md5Checksum?: string;
  originalFilename?: string;
  lastModifyingUser: string;
  content?: string;
  /** Docs Editors files: the document or spreadsheet as it stood, JSON (exported on demand, never downloaded). */
  snapshot?: string;
}

export interface Change extends Doc {
  fileId: string;
  time: string;
  removed: boolean;
}

export interface DirUser extends Doc {
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName?: string };
  passwordHash: string;
  isAdmin: boolean;
  isDelegatedAdmin: boolean;
  suspended: boolean;
  archived: boolean;
  changePasswordAtNextLogin: boolean;
  orgUnitPath: string;
  creationTime: string;
  lastLoginTime: string;
  aliases: string[];
  includeInGlobalAddressList: boolean;
  /** Drive's per-user permission id (a stable number, as Drive shows it). */
  permissionId: string;
  /** Id of the user's My Drive root folder. */
  rootFolderId: string;
  deletionTime?: string;
  /** Values of custom schemas, by schema then field (checked against the schema when written). */
  customSchemas?: Record<string, Record<string, unknown>>;
  /** Enrolled in 2-Step Verification (turned off by an admin with twoStepVerification.turnOff). */
  enrolledIn2Sv?: boolean;
  extra?: Record<string, unknown>;
}

export interface DirGroup extends Doc {
  email: string;
  name: string;
  description: string;
  adminCreated: boolean;
  aliases: string[];
}

export interface DirMember extends Doc {
  email: string;
  role: 'OWNER' | 'MANAGER' | 'MEMBER';
  type: 'USER' | 'GROUP' | 'CUSTOMER' | 'EXTERNAL';
  status: string;
  delivery_settings: string;
}

export interface Customer extends Doc {
  customerDomain: string;
  domains: string[];
  alternateEmail: string;
  language: string;
  customerCreationTime: string;
  organizationName: string;
  phoneNumber?: string;
  postalAddress?: Record<string, unknown>;
}

export interface AccessToken extends Doc {
  /** Who the token acts as (a user or service account email). */
  subject: string;
  scopes: string[];
  clientId: string;
  /** Epoch ms; absent for seeded tokens, which never expire (so a long-running twin keeps working). */
  expiresAt?: number;
  label?: string;
}

export interface RefreshToken extends Doc {
  subject: string;
  scopes: string[];
  clientId: string;
  revoked?: boolean;
}

export interface OAuthClient extends Doc {
  secret: string;
  name: string;
}

export interface ServiceAccount extends Doc {
  /** The service account's email is its id. */
  clientId: string;
  keyId: string;
  /** Private JWK (RSA). Key material is the one thing not derived from the tenant's seed; it lives in tenant state so snapshots keep it. */
  jwk: Record<string, string>;
  publicJwk: Record<string, string>;
  privateKeyPem: string;
  projectId: string;
  /** Scopes the admin granted this client for domain-wide delegation. */
  delegatedScopes: string[];
}

export const files = (t: Tenant) => t.collection<DriveFile>(K.files);
export const permissions = (t: Tenant, fileId: string) => t.collection<Permission>(K.permissions(fileId));
export const revisions = (t: Tenant, fileId: string) => t.collection<Revision>(K.revisions(fileId));
export const sharedDrives = (t: Tenant) => t.collection<SharedDrive>(K.drives);
export const approvals = (t: Tenant, fileId: string) => t.collection<Approval>(K.approvals(fileId));
export const accessProposals = (t: Tenant, fileId: string) => t.collection<AccessProposal>(K.accessProposals(fileId));
export const users = (t: Tenant) => t.collection<DirUser>(K.users);
export const groups = (t: Tenant) => t.collection<DirGroup>(K.groups);
export const members = (t: Tenant, groupId: string) => t.collection<DirMember>(K.members(groupId));
export const tokens = (t: Tenant) => t.collection<AccessToken>(K.tokens);
export const serviceAccounts = (t: Tenant) => t.collection<ServiceAccount>(K.serviceAccounts);

export function customer(t: Tenant): Customer | undefined {
  // Asked on every Drive request (the caller's domain): the first document, without copying the collection.
  for (const c of t.collection<Customer>(K.customers).iterate()) return c;
  return undefined;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ALNUM = ID_CHARS.slice(0, 62);

/** Ids in Google's shapes, all from the tenant's seeded random source. */
export const ids = {
  /** Drive file ids: 33 characters starting with 1. */
  file: (t: Tenant) => `1${t.random.chars(32, ID_CHARS)}`,
  /** Sheets and Docs ids are longer (44). */
  editorFile: (t: Tenant) => `1${t.random.chars(43, ID_CHARS)}`,
  rootFolder: (t: Tenant) => `0A${t.random.chars(10, ALNUM)}Uk9PVA`,
  /** Shared drive ids have the same shape as a My Drive root's. */
  approval: (t: Tenant) => t.random.chars(22, ALNUM),
  proposal: (t: Tenant) => t.random.chars(22, ALNUM),
  sharedDrive: (t: Tenant) => `0A${t.random.chars(13, ALNUM)}Uk9PVA`,
  revision: (t: Tenant) => `0B${t.random.chars(47, ALNUM)}`,
  user: (t: Tenant) => `1${t.random.digits(20)}`,
  permission: (t: Tenant) => t.random.digits(20),
  group: (t: Tenant) => `0${t.random.chars(14, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  customer: (t: Tenant) => `C0${t.random.chars(7, 'abcdefghijklmnopqrstuvwxyz0123456789')}`,
  accessToken: (t: Tenant) => `ya29.${t.random.chars(120, ID_CHARS)}`,
  refreshToken: (t: Tenant) => `1//0${t.random.chars(100, ID_CHARS)}`,
  clientId: (t: Tenant) => `${t.random.digits(12)}-${t.random.chars(32, 'abcdefghijklmnopqrstuvwxyz0123456789')}.apps.googleusercontent.com`,
  clientSecret: (t: Tenant) => `GOCSPX-${t.random.chars(28, ID_CHARS)}`,
  apiKey: (t: Tenant) => `AIza${t.random.chars(35, ID_CHARS)}`,
  uploadId: (t: Tenant) => `ADPycd${t.random.chars(60, ID_CHARS)}`,
};

/** A deterministic etag from a resource's content, in the Directory API's quoted form. */
export function etag(value: unknown): string {
  const h = createHash('sha1').update(JSON.stringify(value)).digest('base64url');
  return `"${h.slice(0, 27)}/${h.slice(0, 16)}"`;
}

/** MD5 of no bytes: every file created without content (most metadata-only creates) has it. */
const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

export function md5(bytes: Uint8Array): string {
  return bytes.byteLength ? hash('md5', bytes, 'hex') : EMPTY_MD5;
}

export function b64(bytes: Uint8Array): string {
  return bytes.byteLength ? Buffer.from(bytes).toString('base64') : '';
}

export function unb64(s: string | undefined): Uint8Array {
  return s ? new Uint8Array(Buffer.from(s, 'base64')) : new Uint8Array();
}

/** Case-insensitive email equality, as every Google service treats addresses. */
export const sameEmail = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Users by every address they answer to (primary and aliases, lower-cased): callers are looked up on every request. */
const usersByEmail = (col: Collection<DirUser>) => {
  let index = emailIndexes.get(col);
  if (!index) emailIndexes.set(col, (index = termIndex(col, 'email', (u) => [u.primaryEmail.toLowerCase(), ...u.aliases.map((a) => a.toLowerCase())])));
  return index;
};
/** The index per users collection, found without naming it: a Drive create looks up six or seven addresses. */
const emailIndexes = new WeakMap<Collection<DirUser>, TermIndex<DirUser>>();

export function findUserByEmail(t: Tenant, email: string): DirUser | undefined {
  const e = email.toLowerCase();
  const col = users(t);
  const index = usersByEmail(col);
  const found = index.ids(e);
  const named = (u: DirUser) => u.primaryEmail.toLowerCase() === e || u.aliases.some((a) => a.toLowerCase() === e);
  // An address names one user or none (Drive asks several times per request): no order to find among candidates.
  if (found.size <= 1 && !checkingIndexes) {
    for (const id of found) {
      const u = col.get(id);
      return u && named(u) ? u : undefined;
    }
    return undefined;
  }
  return select(col, index, found, named)[0];
}

export function findGroupByEmail(t: Tenant, email: string): DirGroup | undefined {
  const e = email.toLowerCase();
  return groups(t).find((g) => g.email.toLowerCase() === e || g.aliases.some((a) => a.toLowerCase() === e));
}

/**
 * Every group (by email) a principal belongs to, directly or through nested groups. Every Drive and Calendar
 * request asks this for its caller and the answer walks every group's members, so answers are kept while the
 * groups and their memberships stay as they are: the groups collection and each group's members collection
 * are watched (a scan reads every group's members, so each is watched before an answer depends on it), and
 * a new collection object (a load, a reset) or a change no collection can attribute (`markDirty`) starts over.
 * Writes to files and everything else leave the answers alone. The set is shared: callers only read it. With
 * `DTU_CHECK_CACHES=1` (on for the test suite) a kept answer is worked out again and must be the same.
 */
export function groupsOf(t: Tenant, email: string): ReadonlySet<string> {
  const e = email.toLowerCase();
  const m = membershipsOf(t);
  const col = groups(t);
  if (!m.watched.has(col)) {
    m.watched.add(col);
    col.watch(m.wrote);
    m.writes++;
  }
  if (m.groups !== col || m.epoch !== col.epoch || m.keptAt !== m.writes) {
    m.groups = col;
    m.epoch = col.epoch;
    m.keptAt = m.writes;
    m.byEmail.clear();
  }
  const kept = m.byEmail.get(e);
  if (kept && !CHECK_CACHES) return kept;
  const fresh = groupsScan(t, e, m);
  if (kept) {
    if (kept.size !== fresh.size || [...fresh].some((g) => !kept.has(g))) throw new TwinBug(`google groupsOf(${e}): the kept answer differs from a fresh one; some change to groups or members was not announced to the tenant`);
    return kept;
  }
  // Bounded: a tenant with many callers between writes starts over rather than growing.
  if (m.byEmail.size >= 1024) m.byEmail.clear();
  m.byEmail.set(e, fresh);
  return fresh;
}

const CHECK_CACHES = process.env.DTU_CHECK_CACHES === '1';

/** Per tenant: the collections watched for membership changes, a count of their writes, and the answers kept since the last. */
interface Memberships {
  watched: WeakSet<Collection<any>>;
  writes: number;
  wrote: () => void;
  groups: Collection<DirGroup> | undefined;
  epoch: number;
  keptAt: number;
  byEmail: Map<string, ReadonlySet<string>>;
}
const memberships = new WeakMap<Tenant, Memberships>();

function membershipsOf(t: Tenant): Memberships {
  let m = memberships.get(t);
  if (!m) {
    const made: Memberships = { watched: new WeakSet(), writes: 0, wrote: () => void made.writes++, groups: undefined, epoch: -1, keptAt: -1, byEmail: new Map() };
    memberships.set(t, (m = made));
  }
  return m;
}

function groupsScan(t: Tenant, email: string, m: Memberships): Set<string> {
  const out = new Set<string>();
  const frontier = [email];
  while (frontier.length) {
    const who = frontier.pop()!;
    for (const g of groups(t).values()) {
      const ge = g.email.toLowerCase();
      if (out.has(ge)) continue;
      const list = members(t, g.id);
      if (!m.watched.has(list)) {
        m.watched.add(list);
        list.watch(m.wrote);
      }
      if (list.find((x) => x.email.toLowerCase() === who)) {
        out.add(ge);
        frontier.push(ge);
      }
    }
  }
  return out;
}

export type { Collection };
