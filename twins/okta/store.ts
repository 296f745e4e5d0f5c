// The Okta org's state model: typed collections, Okta-shaped ids, passwords, memberships and the System Log.
import { hash, timingSafeEqual } from 'node:crypto';
import type { Collection, Doc, Tenant } from '../../src/core/tenant.js';
import { TwinBug } from '../../src/core/errors.js';
import { appendOrders, type AppendOrder } from '../../src/core/append-order.js';
import { checkingIndexes, select, termIndex } from '../../src/core/lookup.js';

/** Collection keys. Resources live under their API path so inferred sub-resources stay consistent. */
export const KEYS = {
  users: '/api/v1/users',
  groups: '/api/v1/groups',
  groupRules: '/api/v1/groups/rules',
  apps: '/api/v1/apps',
  logs: '/api/v1/logs',
  eventHooks: '/api/v1/eventHooks',
  policies: '/api/v1/policies',
  idps: '/api/v1/idps',
  userTypes: '/api/v1/meta/types/user',
  passwords: 'okta:passwords',
  memberships: 'okta:memberships',
  apiTokens: 'okta:apiTokens',
  userTokens: 'okta:userTokens',
  deliveries: 'okta:hookDeliveries',
  hookState: 'okta:hookState',
} as const;

export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'PASSWORD_EXPIRED' | 'LOCKED_OUT' | 'SUSPENDED' | 'DEPROVISIONED';

export interface UserDoc extends Doc {
  status: UserStatus;
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
  type: { id: string };
  profile: Record<string, unknown> & { login: string };
  credentials: {
    password?: Record<string, never>;
    recovery_question?: { question: string };
    provider: { type: string; name: string };
  };
  transitioningToStatus?: string;
}

export interface GroupDoc extends Doc {
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: 'OKTA_GROUP' | 'APP_GROUP' | 'BUILT_IN';
  profile: Record<string, unknown> & { name: string; description?: string | null };
}

export interface AppDoc extends Doc {
  name: string;
  label: string;
  status: 'ACTIVE' | 'INACTIVE';
  signOnMode: string;
  created: string;
  lastUpdated: string;
  credentials?: Record<string, any>;
  settings?: Record<string, any>;
  [key: string]: unknown;
}

export interface LogEvent extends Doc {
  uuid: string;
  published: string;
  eventType: string;
  version: string;
  severity: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  legacyEventType: string | null;
  displayMessage: string;
  actor: LogActor;
  client: Record<string, unknown>;
  outcome: { result: string; reason: string | null };
  target: LogActor[];
  transaction: { type: string; id: string; detail: Record<string, unknown> };
  debugContext: { debugData: Record<string, unknown> };
  authenticationContext: Record<string, unknown>;
  securityContext: Record<string, unknown>;
  request: { ipChain: unknown[] };
}

export interface LogActor {
  id: string;
  type: string;
  alternateId: string | null;
  displayName: string | null;
  detailEntry?: Record<string, unknown> | null;
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The org's three-character id suffix (real Okta ids end in a per-cell marker such as `5d7`). */
function orgSuffix(tenant: Tenant): string {
  return tenant.meta('okta:idSuffix', () => `${tenant.random.int(1, 9)}${tenant.random.chars(1, 'abcdefghijklmnopqrstuvwxyz')}${tenant.random.int(1, 9)}`);
}

const SORTED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++, n = Math.floor(n / 62)) s = SORTED[n % 62] + s;
  return s;
}

/**
 * A 20-character Okta id: type prefix (`00u`, `00g`, `0oa`, …), then a per-org
 * sequence (so ids sort in creation order, as Okta's do, which keeps list cursors
 * stable), random characters, and the org suffix.
 */
export function oktaId(tenant: Tenant, prefix: string): string {
  const suffix = orgSuffix(tenant);
  const seq = tenant.meta('okta:idSeq', () => ({ n: tenant.random.int(62 ** 5, 62 ** 5 * 20) }));
  seq.n += 1;
  tenant.metaChanged();
  const body = base62(seq.n, 6);
  return prefix + body + tenant.random.chars(20 - prefix.length - body.length - suffix.length, ID_ALPHABET) + suffix;
}

/** A URL-safe opaque token (activation, recovery, API tokens). */
export function opaqueToken(tenant: Tenant, n = 20): string {
  return tenant.random.chars(n, `${ID_ALPHABET}-_`);
}

export const users = (t: Tenant): Collection<UserDoc> => t.collection<UserDoc>(KEYS.users);
export const groups = (t: Tenant): Collection<GroupDoc> => t.collection<GroupDoc>(KEYS.groups);
export const apps = (t: Tenant): Collection<AppDoc> => t.collection<AppDoc>(KEYS.apps);
export const logs = (t: Tenant): Collection<LogEvent> => t.collection<LogEvent>(KEYS.logs);

/** The login shortname: the part before `@`, which Okta also accepts wherever a user id is expected. */
export const shortname = (login: string): string => login.split('@')[0];

/**
 * Users filed by the attributes lookups and filters ask for most, lower-cased as Okta compares them
 * (keys are the filter attribute names `model/query.ts` reads); `shortname` serves id-or-login paths.
 */
export function userIndexes(tenant: Tenant) {
  const u = users(tenant);
  return {
    'profile.login': loginIndex(tenant),
    'profile.email': termIndex(u, 'email', (d) => (typeof d.profile.email === 'string' ? [d.profile.email.toLowerCase()] : [])),
    status: termIndex(u, 'status', (d) => [d.status.toLowerCase()]),
    shortname: termIndex(u, 'shortname', (d) => [shortname(d.profile.login).toLowerCase()]),
  };
}

/** Users by lower-cased login: every create and login change asks whether a login is taken. */
const loginIndex = (tenant: Tenant) => termIndex(users(tenant), 'login', (d) => [d.profile.login.toLowerCase()]);

/** The user whose login is `login` (any case), in creation order, from the login index. */
export function userWithLogin(tenant: Tenant, login: string, except?: string): UserDoc | undefined {
  const l = login.toLowerCase();
  const index = loginIndex(tenant);
  const ids = index.ids(l);
  // A login nobody has (every create asks) needs no ordering of candidates; the cross-check still compares with a scan.
  if (!ids.size && !checkingIndexes) return undefined;
  return select(users(tenant), index, ids, (u) => u.id !== except && u.profile.login.toLowerCase() === l)[0];
}

export function findUserByLogin(tenant: Tenant, login: string): UserDoc | undefined {
  const exact = userWithLogin(tenant, login);
  if (exact) return exact;
  const l = login.toLowerCase();
  const index = userIndexes(tenant).shortname;
  const short = select(users(tenant), index, index.ids(l), (u) => shortname(u.profile.login).toLowerCase() === l);
  return short.length === 1 ? short[0] : undefined;
}

/** By id, login or (unambiguous) login shortname, as every `/users/{userId}` path accepts. */
export function resolveUser(tenant: Tenant, idOrLogin: string): UserDoc | undefined {
  return users(tenant).get(idOrLogin) ?? findUserByLogin(tenant, idOrLogin);
}

// Passwords live apart from the user document, salted and hashed, so no API reply can carry them.
interface PasswordDoc extends Doc {
  salt: string;
  hash: string;
  /** Earlier `salt:hash` pairs, newest first, for Okta's password-history rule. */
  history: string[];
  recoveryAnswer?: string;
}

// One-shot `hash` (the same sha256 hex as createHash().update().digest()) costs a third of building a Hash object.
const hashOf = (salt: string, secret: string) => hash('sha256', `${salt}:${secret}`, 'hex');

export function setPassword(tenant: Tenant, userId: string, password: string): void {
  const coll = tenant.collection<PasswordDoc>(KEYS.passwords);
  const prev = coll.get(userId);
  const salt = tenant.random.hex(16);
  const history = prev?.hash ? [`${prev.salt}:${prev.hash}`, ...prev.history].slice(0, 4) : (prev?.history ?? []);
  coll.put({ id: userId, salt, hash: hashOf(salt, password), history, recoveryAnswer: prev?.recoveryAnswer });
}

/** True when the password is the current one or one of the last four (Okta's default history rule). */
export function inPasswordHistory(tenant: Tenant, userId: string, password: string): boolean {
  const doc = tenant.collection<PasswordDoc>(KEYS.passwords).get(userId);
  if (!doc) return false;
  const pairs = [...(doc.hash ? [`${doc.salt}:${doc.hash}`] : []), ...doc.history];
  return pairs.some((p) => {
    const [salt, hash] = p.split(':');
    return hashOf(salt, password) === hash;
  });
}

export function hasPassword(tenant: Tenant, userId: string): boolean {
  return !!tenant.collection<PasswordDoc>(KEYS.passwords).get(userId)?.hash;
}

export function clearPassword(tenant: Tenant, userId: string): void {
  const coll = tenant.collection<PasswordDoc>(KEYS.passwords);
  const prev = coll.get(userId);
  if (prev) coll.put({ ...prev, hash: '', salt: '' });
}

export function verifyPassword(tenant: Tenant, userId: string, password: string): boolean {
  const doc = tenant.collection<PasswordDoc>(KEYS.passwords).get(userId);
  if (!doc?.hash) return false;
  const a = Buffer.from(hashOf(doc.salt, password), 'hex');
  const b = Buffer.from(doc.hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function setRecoveryAnswer(tenant: Tenant, userId: string, answer: string): void {
  const coll = tenant.collection<PasswordDoc>(KEYS.passwords);
  const prev = coll.get(userId) ?? { id: userId, salt: '', hash: '', history: [] };
  coll.put({ ...prev, recoveryAnswer: hashOf(userId, answer.trim().toLowerCase()) });
}

export function verifyRecoveryAnswer(tenant: Tenant, userId: string, answer: string): boolean {
  const doc = tenant.collection<PasswordDoc>(KEYS.passwords).get(userId);
  return !!doc?.recoveryAnswer && doc.recoveryAnswer === hashOf(userId, answer.trim().toLowerCase());
}

/** OIDC apps by client id: `credentials.oauthClient.client_id`, Okta's real shape. */
export function findOAuthClient(tenant: Tenant, clientId: string): AppDoc | undefined {
  return apps(tenant).find((a) => a.signOnMode === 'OPENID_CONNECT' && a.credentials?.oauthClient?.client_id === clientId);
}

// Group membership is a relation, kept as `<groupId>:<userId>` documents in insertion order.
interface MembershipDoc extends Doc {
  groupId: string;
  userId: string;
  /** Set when a group rule (not an admin) made the assignment. */
  ruleId?: string;
}

const memberships = (t: Tenant) => t.collection<MembershipDoc>(KEYS.memberships);

export function isMember(tenant: Tenant, groupId: string, userId: string): boolean {
  return memberships(tenant).has(`${groupId}:${userId}`);
}

/** Adds a membership; false when it already existed. */
export function addMember(tenant: Tenant, groupId: string, userId: string, ruleId?: string): boolean {
  const id = `${groupId}:${userId}`;
  const col = memberships(tenant);
  if (col.has(id)) return false;
  const m: MembershipDoc = { id, groupId, userId };
  if (ruleId) m.ruleId = ruleId;
  col.put(m);
  groups(tenant).patch(groupId, { lastMembershipUpdated: tenant.clock.iso() });
  return true;
}

export function removeMember(tenant: Tenant, groupId: string, userId: string): boolean {
  const had = memberships(tenant).delete(`${groupId}:${userId}`);
  if (had) groups(tenant).patch(groupId, { lastMembershipUpdated: tenant.clock.iso() });
  return had;
}

/** Memberships with `field` equal to `value`, in the order they were made, from an index on that field. */
function membershipsWith(tenant: Tenant, field: 'groupId' | 'userId' | 'ruleId', value: string): MembershipDoc[] {
  const index = termIndex(memberships(tenant), field, (m) => (m[field] ? [m[field]!] : []));
  return select(memberships(tenant), index, index.ids(value), (m) => m[field] === value);
}

export function groupMemberIds(tenant: Tenant, groupId: string): string[] {
  return membershipsWith(tenant, 'groupId', groupId).map((m) => m.userId);
}

export function userGroupIds(tenant: Tenant, userId: string): string[] {
  return userMemberships(tenant, userId).map((m) => m.groupId);
}

/** A user's memberships, in the order they were made. */
export function userMemberships(tenant: Tenant, userId: string): MembershipDoc[] {
  return membershipsWith(tenant, 'userId', userId);
}

export function membershipsByRule(tenant: Tenant, ruleId: string): MembershipDoc[] {
  return membershipsWith(tenant, 'ruleId', ruleId);
}

/** Drops every membership of a user or group (on delete). */
export function dropMemberships(tenant: Tenant, pred: { userId?: string; groupId?: string }): void {
  for (const m of memberships(tenant).values()) {
    if ((pred.userId && m.userId === pred.userId) || (pred.groupId && m.groupId === pred.groupId)) memberships(tenant).delete(m.id);
  }
}

/** The org's `Everyone` group, which every user belongs to. */
export function everyoneGroup(tenant: Tenant): GroupDoc | undefined {
  return groups(tenant).find((g) => g.type === 'BUILT_IN' && g.profile.name === 'Everyone');
}

export interface LogInput {
  eventType: string;
  displayMessage: string;
  actor?: LogActor;
  target?: LogActor[];
  outcome?: { result: string; reason?: string | null };
  severity?: LogEvent['severity'];
  debugData?: Record<string, unknown>;
  legacyEventType?: string | null;
}

/** The actor recorded when an event has no caller (seeding, background work). */
export const SYSTEM_ACTOR: LogActor = { id: 'system', type: 'SystemPrincipal', alternateId: 'system@okta.com', displayName: 'Okta System', detailEntry: null };

/** Appends a System Log event (Okta's LogEvent shape) stamped with the twin clock. */
/**
 * The parts of an event the twin always answers the same way (a loopback caller, no network context), one
 * frozen copy shared by every event: each create writes several events, and the log keeps 90 days of them.
 */
const deepFreeze = <T extends object>(o: T): T => {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
};
const LOG_CLIENT = deepFreeze({ userAgent: { rawUserAgent: 'UNKNOWN', os: 'Unknown', browser: 'UNKNOWN' }, zone: 'null', device: 'Unknown', id: null, ipAddress: '127.0.0.1', geographicalContext: null });
const LOG_AUTHENTICATION_CONTEXT = deepFreeze({ authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: 'unknown' });
const LOG_SECURITY_CONTEXT = deepFreeze({ asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null });
const LOG_REQUEST = deepFreeze({ ipChain: [{ ip: '127.0.0.1', geographicalContext: null, version: 'V4', source: null }] });
/** The parts most events answer alike, shared the same way: a success without a reason, no debug data, no transaction detail. */
const LOG_SUCCESS = deepFreeze({ result: 'SUCCESS', reason: null });
const LOG_NO_DEBUG = deepFreeze({ debugData: {} });
const LOG_NO_DETAIL = deepFreeze({});
const LOG_NO_TARGET = Object.freeze([]) as unknown as LogActor[];

export function appendLog(tenant: Tenant, event: LogInput): LogEvent {
  const uuid = tenant.random.uuid();
  const now = tenant.clock.ms();
  const doc: LogEvent = {
    id: uuid,
    uuid,
    published: tenant.clock.iso(now),
    eventType: event.eventType,
    version: '0',
    severity: event.severity ?? 'INFO',
    legacyEventType: event.legacyEventType ?? null,
    displayMessage: event.displayMessage,
    actor: event.actor ?? SYSTEM_ACTOR,
    client: LOG_CLIENT,
    outcome: (event.outcome?.result ?? 'SUCCESS') === 'SUCCESS' && event.outcome?.reason == null ? LOG_SUCCESS : { result: event.outcome?.result ?? 'SUCCESS', reason: event.outcome?.reason ?? null },
    target: event.target ?? LOG_NO_TARGET,
    transaction: { type: 'WEB', id: tenant.random.chars(27, ID_ALPHABET), detail: LOG_NO_DETAIL },
    debugContext: event.debugData == null ? LOG_NO_DEBUG : { debugData: event.debugData },
    authenticationContext: LOG_AUTHENTICATION_CONTEXT,
    securityContext: LOG_SECURITY_CONTEXT,
    request: LOG_REQUEST,
    [PUBLISHED_MS]: now,
  } as Timed;
  const log = logs(tenant);
  const order = logOrder(log);
  order.append(doc);
  forgetExpiredLogs(tenant, log, order, now);
  return doc;
}

/** The System Log's ids in append order (src/core/append-order.ts); Okta's log has no holes: only age and the bound remove events. */
const logOrder = appendOrders<LogEvent, undefined>({ what: 'System Log order', holes: false, extra: () => undefined });

/**
 * Each event's `published` time as a number, kept from when it was appended: every append looks at the
 * oldest event kept, and parsing its text each time cost more than the rest of the check. Events read
 * from disk or a fixture are parsed when first looked at. The number rides on the event under a symbol,
 * which no serialization writes (JSON, the journal, persistence): a WeakMap beside the log cost an
 * ephemeron entry per event, slower to set than the rest of the append and walked by every major GC.
 */
const PUBLISHED_MS = Symbol('publishedMs');
type Timed = LogEvent & { [PUBLISHED_MS]?: number };
function publishedMs(e: Timed): number {
  let ms = e[PUBLISHED_MS];
  if (ms === undefined) e[PUBLISHED_MS] = ms = Date.parse(e.published);
  return ms;
}

/**
 * Okta keeps System Log events for 90 days (help.okta.com, "System Log": "data is retained for 90 days"), so
 * events older than that on the twin clock leave the log as new ones arrive, oldest first: the log is
 * written in time order, so the expired ones are at its head. Within those 90 days the twin keeps at most
 * `--log-entries` events per org (a load that never moves the clock would otherwise keep every event it
 * caused); a poll whose `after` cursor left that way is answered as Okta answers an unknown cursor (E0000029).
 */
export const LOG_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
function forgetExpiredLogs(tenant: Tenant, log: Collection<LogEvent>, order: AppendOrder<LogEvent, undefined>, now: number): void {
  const cutoff = now - LOG_RETENTION_MS;
  let over = log.size - tenant.retention.logEntries;
  for (let e = order.oldest(); e; e = order.oldest()) {
    if (over <= 0 && publishedMs(e) >= cutoff) break;
    order.dropOldest();
    over--;
  }
  order.compact();
}

/** How a user appears as a System Log actor or target. */
export function userActor(u: UserDoc): LogActor {
  const p = u.profile as Record<string, unknown>;
  // The set names joined by a space (as `[first, last].filter(Boolean).join(' ')`, without its two arrays), else the login.
  const first = p.firstName;
  const last = p.lastName;
  const name = (first ? (last ? `${first} ${last}` : `${first}`) : last ? `${last}` : '') || u.profile.login;
  return { id: u.id, type: 'User', alternateId: u.profile.login, displayName: name, detailEntry: null };
}

/**
 * How a user appears in the System Log events it causes or undergoes, one frozen actor per user kept while its
 * login and names stay what they were: an org's events mostly name the same few callers, and the log keeps
 * thousands of events, each of which held its own copy of the caller's actor (about 100 bytes with its name).
 */
interface KeptActor {
  login: unknown;
  first: unknown;
  last: unknown;
  actor: LogActor;
}
const keptActors = new WeakMap<UserDoc, KeptActor>();
const plain = (v: unknown) => v === null || typeof v !== 'object';
export function sharedUserActor(u: UserDoc): LogActor {
  const p = u.profile as Record<string, unknown>;
  const kept = keptActors.get(u);
  if (kept && kept.login === p.login && kept.first === p.firstName && kept.last === p.lastName && kept.actor.id === u.id) return kept.actor;
  const actor = Object.freeze(userActor(u));
  // Only names compared by value are kept: an object could change within the same reference.
  if (plain(p.login) && plain(p.firstName) && plain(p.lastName)) keptActors.set(u, { login: p.login, first: p.firstName, last: p.lastName, actor });
  return actor;
}

export function groupTarget(g: GroupDoc): LogActor {
  return { id: g.id, type: 'UserGroup', alternateId: 'unknown', displayName: g.profile.name, detailEntry: null };
}

export function appTarget(a: AppDoc): LogActor {
  return { id: a.id, type: 'AppInstance', alternateId: a.label, displayName: a.label, detailEntry: { signOnModeType: a.signOnMode } };
}

/** Event hooks (their API shape), what the org keeps about each outside it, and the deliveries made. */
export interface EventHookDoc extends Doc {
  /** The admin who created it (Okta answers the creating user's id). */
  createdBy?: string;
  status: 'ACTIVE' | 'INACTIVE';
  verificationStatus: 'UNVERIFIED' | 'VERIFIED';
  name: string;
  description: string | null;
  created: string;
  lastUpdated: string;
  events: { type: 'EVENT_TYPE'; items: string[]; filter: { type: string; eventFilterMap: Array<{ event: string; condition: { expression: string; version: string | null } }> } | null };
  channel: {
    type: 'HTTP';
    version: string;
    config: { uri: string; headers: Array<{ key: string; value: string }>; authScheme: { type: 'HEADER'; key: string; value?: string } | null; method?: string };
  };
}

/** What the org keeps about a hook outside its API shape: the auth secret, the origin, and the delivery cursor. */
export interface HookStateDoc extends Doc {
  authValue: string | null;
  /** The org URL the hook was registered through (the payload's `source`). */
  baseUrl: string;
  /** The last System Log event considered for delivery. */
  cursor: string | null;
}

export interface DeliveryDoc extends Doc {
  hookId: string;
  eventIds: string[];
  attempts: number;
  status: number | null;
  outcome: 'SUCCESS' | 'FAILURE';
  error: string | null;
  time: string;
}

export const hooks = (t: Tenant) => t.collection<EventHookDoc>(KEYS.eventHooks);
export const hookState = (t: Tenant) => t.collection<HookStateDoc>(KEYS.hookState);
export const deliveries = (t: Tenant) => t.collection<DeliveryDoc>(KEYS.deliveries);
