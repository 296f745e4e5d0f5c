/** Fills a tenant from the Google fixture: the customer, its people and groups, credentials, and a Drive with sheets and docs. */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { pooledRsaKey } from '../../src/core/keypool.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin } from '../../src/core/twin.js';
import {
  DOCUMENT, FOLDER, K, SPREADSHEET, findUserByEmail, groups, ids, members, permissions, serviceAccounts, tokens, users,
  type Customer, type DirGroup, type DirUser, type OAuthClient, type Permission, type RefreshToken, type ServiceAccount,
} from './store.js';
import { createFile, displayNameOf, permissionIdFor } from './drive/model/files.js';
import { newSpreadsheet, parseInput, spreadsheets } from './sheets/model/spreadsheets.js';
import { documents, newDocument } from './docs/model/documents.js';
import { hashPassword } from './directory/model/directory.js';
import { ensureOrgUnit } from './directory/model/orgunits.js';
import { seedDirectory, type DirectoryFixture } from './directory/model/seed.js';
import { seedSharedDrives, type SeedSharedDrive } from './drive/model/seed.js';
import { setLabelCatalog, type LabelDefinition } from './drive/model/labels.js';
import { setAppCatalog, type DriveApp } from './drive/model/apps.js';
import { seedMail, type SeedMail } from './gmail/model/seed.js';
import { seedMeetings, type SeedMeeting } from './calendar/model/seed.js';

interface Share {
  type: Permission['type'];
  role: Permission['role'];
  email?: string;
  domain?: string;
  discoverable?: boolean;
}

interface FileSpec {
  key?: string;
  owner: string;
  name: string;
  mimeType?: string;
  parent?: string;
  content?: string;
  description?: string;
  starred?: boolean;
  shares?: Share[];
}

export interface GoogleFixture {
  customer: { domain: string; organizationName: string; alternateEmail?: string; extraDomains?: string[] };
  users: Array<{ email: string; givenName: string; familyName: string; isAdmin?: boolean; suspended?: boolean; orgUnitPath?: string; password?: string }>;
  groups?: Array<{ email: string; name: string; description?: string; members?: Array<{ email: string; role?: 'OWNER' | 'MANAGER' | 'MEMBER' }> }>;
  files?: FileSpec[];
  spreadsheets?: Array<Omit<FileSpec, 'content' | 'mimeType'> & { sheets: Array<{ title: string; values: unknown[][] }> }>;
  documents?: Array<Omit<FileSpec, 'content' | 'mimeType'> & { text: string }>;
  userScopes: string[];
  adminScopes: string[];
  tokens?: Array<{ label: string; user: string; scopes: string[] }>;
  serviceAccount: { name: string; delegatedScopes: string[] };
  /** Conversations among the domain's users, delivered into their mailboxes. */
  mail?: SeedMail[];
  /** Directory objects beyond people and groups: roles, schemas, resources, devices, app passwords. */
  directory?: DirectoryFixture;
  /** Meetings organized by domain users, with colleagues (or groups) invited. */
  meetings?: SeedMeeting[];
  /** Shared drives: the organizer creates each, adds members, and puts files in it. */
  sharedDrives?: SeedSharedDrive[];
  /** The domain's Drive label catalog (what files.modifyLabels may apply). */
  driveLabels?: LabelDefinition[];
  /** Drive apps installed for the domain's users (apps.list). */
  driveApps?: DriveApp[];
}

/**
 * RSA keys cannot be drawn from the seeded random source, and generating one
 * takes most of a second on one core; the key comes from the engine's committed
 * pool instead, picked by seed and tenant, so a seed gives the same key in every
 * run (a reset keeps it, so credentials already handed out keep working) and it
 * is stored in tenant state, so snapshots and restarts keep it too.
 */
const keyCache = new Map<string, { jwk: Record<string, string>; publicJwk: Record<string, string>; pem: string }>();

function rsaKey(cacheKey: string) {
  let k = keyCache.get(cacheKey);
  if (!k) {
    const jwk = pooledRsaKey(`google:service-account:${cacheKey}`) as unknown as Record<string, string>;
    const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
    const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as Record<string, string>;
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    k = { jwk, publicJwk, pem };
    keyCache.set(cacheKey, k);
  }
  return k;
}

export function populate(t: Tenant, fixture: unknown, twin: Twin): void {
  const f = fixture as GoogleFixture | null;
  if (!f) return;
  const domain = f.customer.domain.toLowerCase();
  const addr = (e: string) => (e.includes('@') ? e : `${e}@${domain}`);
  const base = t.now().getTime();
  // Seeded items are spread over the past days, so "newest first" has a meaning.
  let step = 0;
  const stamp = () => new Date(base - (1000 - step++) * 3600_000).toISOString();

  const cust: Customer = {
    id: ids.customer(t),
    customerDomain: domain,
    domains: [domain, ...(f.customer.extraDomains ?? []).map((d) => d.toLowerCase())],
    alternateEmail: f.customer.alternateEmail ?? `it@${domain}`,
    language: 'en',
    customerCreationTime: stamp(),
    organizationName: f.customer.organizationName,
  };
  t.collection<Customer>(K.customers).put(cust);

  for (const u of f.users) {
    const user: DirUser = {
      id: ids.user(t),
      primaryEmail: addr(u.email),
      name: { givenName: u.givenName, familyName: u.familyName },
      passwordHash: hashPassword(u.password ?? 'correct horse battery staple'),
      isAdmin: !!u.isAdmin,
      isDelegatedAdmin: false,
      suspended: !!u.suspended,
      archived: false,
      changePasswordAtNextLogin: false,
      orgUnitPath: u.orgUnitPath ?? '/',
      creationTime: stamp(),
      lastLoginTime: stamp(),
      aliases: [],
      includeInGlobalAddressList: true,
      permissionId: ids.permission(t),
      rootFolderId: ids.rootFolder(t),
    };
    users(t).put(user);
  }

  ensureOrgUnit(t, '/');
  for (const u of users(t).values()) ensureOrgUnit(t, u.orgUnitPath);

  for (const g of f.groups ?? []) {
    const group: DirGroup = { id: ids.group(t), email: addr(g.email), name: g.name, description: g.description ?? '', adminCreated: true, aliases: [] };
    groups(t).put(group);
  }
  for (const g of f.groups ?? []) {
    const group = groups(t).find((x) => x.email === addr(g.email))!;
    for (const m of g.members ?? []) {
      const email = addr(m.email);
      const user = findUserByEmail(t, email);
      const sub = groups(t).find((x) => x.email === email);
      members(t, group.id).put({
        id: user?.id ?? sub?.id ?? ids.user(t),
        email,
        role: m.role ?? 'MEMBER',
        type: sub ? 'GROUP' : 'USER',
        status: user?.suspended ? 'SUSPENDED' : 'ACTIVE',
        delivery_settings: 'ALL_MAIL',
      });
    }
  }

  // Credentials: one OAuth client, a token and refresh token per active user, named extra tokens, an API key, a service account.
  const client: OAuthClient = { id: ids.clientId(t), secret: ids.clientSecret(t), name: 'DTU workspace client' };
  t.collection<OAuthClient>(K.clients).put(client);
  for (const u of users(t).values()) {
    if (u.suspended) continue;
    const scopes = u.isAdmin ? [...f.userScopes, ...f.adminScopes] : f.userScopes;
    tokens(t).put({ id: ids.accessToken(t), subject: u.primaryEmail, scopes, clientId: client.id, label: `user:${u.primaryEmail}` });
    t.collection<RefreshToken>(K.refreshTokens).put({ id: ids.refreshToken(t), subject: u.primaryEmail, scopes, clientId: client.id });
  }
  for (const x of f.tokens ?? []) tokens(t).put({ id: ids.accessToken(t), subject: addr(x.user), scopes: x.scopes, clientId: client.id, label: x.label });
  t.collection(K.apiKeys).put({ id: ids.apiKey(t) });

  const projectId = `dtu-${t.name.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 30).replace(/-+$/, '');
  const key = rsaKey(`${twin.options.seed ?? 'dtu'}:${t.name}`);
  const sa: ServiceAccount = {
    id: `${f.serviceAccount.name}@${projectId}.iam.gserviceaccount.com`,
    clientId: `1${t.random.digits(20)}`,
    keyId: t.random.hex(40),
    jwk: key.jwk,
    publicJwk: key.publicJwk,
    privateKeyPem: key.pem,
    projectId,
    delegatedScopes: f.serviceAccount.delegatedScopes,
  };
  serviceAccounts(t).put(sa);

  // Drive: files, then editor files, each shared as the fixture says.
  const byKey = new Map<string, string>();
  const place = (spec: Omit<FileSpec, 'content' | 'mimeType'>, mimeType: string, content?: string) => {
    const parent = spec.parent ? byKey.get(spec.parent) : undefined;
    const when = stamp();
    const file = createFile(t, {
      name: spec.name,
      mimeType,
      owner: addr(spec.owner),
      parents: parent ? [parent] : undefined,
      description: spec.description,
      starred: spec.starred,
      content: content === undefined ? undefined : new TextEncoder().encode(content),
      createdTime: when,
      modifiedTime: when,
    });
    if (spec.key) byKey.set(spec.key, file.id);
    for (const s of spec.shares ?? []) {
      const email = s.email ? addr(s.email) : undefined;
      const id = s.type === 'anyone' ? (s.discoverable ? 'anyone' : 'anyoneWithLink') : s.type === 'domain' ? `${permissionIdFor(t, `domain:${s.domain ?? domain}`)}k` : permissionIdFor(t, email!);
      const perm: Permission = { id, type: s.type, role: s.role };
      if (email) {
        perm.emailAddress = email;
        perm.displayName = s.type === 'group' ? (groups(t).find((g) => g.email === email)?.name ?? email) : displayNameOf(t, email);
      }
      if (s.type === 'domain') perm.domain = s.domain ?? domain;
      if (s.type === 'domain' || s.type === 'anyone') perm.allowFileDiscovery = !!s.discoverable;
      permissions(t, file.id).put(perm);
    }
    return file;
  };
  for (const spec of f.files ?? []) place(spec, spec.mimeType ?? (spec.content === undefined ? FOLDER : 'text/plain'), spec.content);
  for (const spec of f.spreadsheets ?? []) {
    const file = place(spec, SPREADSHEET);
    const ss = newSpreadsheet(file.id, spec.sheets.map((s, i) => ({ sheetId: i === 0 ? 0 : t.random.int(1, 2147483646), title: s.title, index: i, rowCount: 1000, columnCount: 26, cells: {} })));
    spec.sheets.forEach((s, i) =>
      s.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = parseInput(v, 'USER_ENTERED');
          if (cell) ss.sheets[i].cells[`${r}:${c}`] = cell;
        }),
      ),
    );
    spreadsheets(t).put(ss);
  }
  for (const spec of f.documents ?? []) {
    const file = place(spec, DOCUMENT);
    documents(t).put(newDocument(file.id, spec.text));
  }

  seedDirectory(t, f.directory ?? {}, addr, stamp);
  seedMail(t, f.mail ?? [], addr);
  seedMeetings(t, f.meetings ?? [], addr);
  setLabelCatalog(t, f.driveLabels ?? []);
  setAppCatalog(t, f.driveApps ?? []);
  seedSharedDrives(t, f.sharedDrives ?? [], addr);
}
