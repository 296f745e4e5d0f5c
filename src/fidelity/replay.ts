/** `dtu diff`: replays a recording against a fresh twin tenant in order, in-process, and scores status and body-shape fidelity. */
// The twin's own credentials stand in for the recorded ones, and carried identity
// lets later requests name what the twin created, so the replay follows the recording.
import { Twin, type TwinDefinition } from '../core/twin.js';
import { loadDefinition, type Vendor } from '../vendors.js';
import { bodyBytes, jsonBody, mediaType, type RecordedExchange, type Recording } from './exchange.js';
import { ReplayIdentity } from './identity.js';
import { Normalizer } from './normalize.js';
import { SHAPE_KINDS, compareHeaders, compareShapes, compareValues, shapeOf, type Diff, type Shape } from './compare.js';
import { findDeviation, type Deviation } from './deviations.js';
import { apiKeyQuery, authFor, invalidAuth, slackBodyToken } from './credentials.js';
import { compareErrors, isAuthFailure } from './error-identity.js';
import { unroutedName } from './operation-name.js';
import { RecordedCreations } from './pre-existing.js';
import { inferVendor } from './recording.js';
import { rebuiltBody, recorderDroppedBodies } from './dropped-bodies.js';
import type { FieldHistory } from './drift.js';

export interface ReplayOptions {
  vendor?: Vendor;
  deviations?: Deviation[];
  /** Twin fixture for the fresh tenant (default: the twin's default). */
  fixture?: string;
  seed?: string;
  /** A definition instead of `twins/<vendor>` (tests). */
  definition?: TwinDefinition;
  /** A running twin to replay on (a fresh `tenant` each time), kept open: many recordings share its compiled validators. */
  twin?: Twin;
  tenant?: string;
  /** Collects what recorded success bodies held, per operation and date (vendor drift, corpus-wide). */
  history?: FieldHistory;
}

export interface ExchangeResult {
  index: number;
  method: string;
  /** Recorded path and query (recorded base path stripped). */
  path: string;
  /** What the twin was sent, with identity carried. */
  replayedPath: string;
  operationId?: string;
  status: { recorded: number; twin: number };
  statusMatch: boolean;
  shapeMatch: boolean;
  match: boolean;
  /** Differences not excused by a known deviation (shape kinds count against the score). */
  diffs: Diff[];
  excused: Array<Diff & { reason: string }>;
  /** The twin's own contract findings for its response. */
  contract?: string[];
  /** Why an exchange could not be replayed faithfully. */
  notes?: string[];
  /** The recorded answer's `Date` header. */
  recordedAt?: string;
  /** The recorder dropped this request's body; the replay sent one rebuilt from the recorded answer (counted apart). */
  rebuiltBody?: boolean;
  /** The twin's body when its status class differs from the recording's (its error message, usually). */
  twinBody?: string;
  /** A mismatch about state the recorded org already had: the recorded id the request named, never created in the recording. */
  preExisting?: string;
}

export interface DiffReport {
  recording: string;
  format: Recording['format'];
  vendor: Vendor;
  tenant: string;
  total: number;
  matched: number;
  /** matched / total (1 for an empty recording). */
  score: number;
  /** Recorded ids and cursors that were swapped for the twin's. */
  idsCarried: number;
  exchanges: ExchangeResult[];
}

const DROP = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'accept-encoding', 'authorization', 'proxy-authorization', 'cookie', 'dpop', 'te', 'upgrade']);

function origins(rec: Recording): string[] {
  const set = new Set<string>();
  for (const x of rec.exchanges) {
    try {
      set.add(`${new URL(x.request.url).origin}${rec.basePath ?? ''}`);
    } catch {
      // relative or broken URL: nothing to strip
    }
  }
  return [...set];
}

function recordedPath(x: RecordedExchange, basePath: string | undefined): string {
  let u: URL;
  try {
    u = new URL(x.request.url);
  } catch {
    return x.request.url;
  }
  let p = u.pathname;
  if (basePath && (p === basePath || p.startsWith(`${basePath}/`))) p = p.slice(basePath.length) || '/';
  return `${p}${u.search}`;
}

function otherShape(text: string | undefined, base64: string | undefined): Shape {
  if (base64 !== undefined) return { t: 'binary' };
  return text === undefined || text === '' ? { t: 'empty' } : { t: 'text' };
}

export async function replay(recording: Recording, opts: ReplayOptions = {}): Promise<DiffReport> {
  const vendor = opts.vendor ?? inferVendor(recording);
  if (!vendor) throw new Error(`${recording.source}: cannot tell which vendor this recording talked to; pass --vendor`);
  const twin = opts.twin ?? new Twin(opts.definition ?? (await loadDefinition(vendor)), { contractCheck: true, fixture: opts.fixture, seed: opts.seed });
  const tenant = opts.tenant ?? 'replay-1';
  const base = `http://${vendor}.twin.test/t/${tenant}`;
  const credRes = await twin.fetch(new Request(`${base}/_dtu/credentials`));
  const creds = (await credRes.json()) as Record<string, unknown>;
  const identity = new ReplayIdentity(vendor, { recorded: origins(recording), twin: base });
  const norm = new Normalizer(identity);
  const deviations = opts.deviations ?? [];
  const results: ExchangeResult[] = [];
  const creations = new RecordedCreations(vendor);
  const droppedBodies = recorderDroppedBodies(recording.exchanges);

  try {
    for (const [index, x] of recording.exchanges.entries()) {
      const path = recordedPath(x, recording.basePath);
      const replayedPath = apiKeyQuery(vendor, identity.rewritePath(path), creds);
      const headers = new Headers();
      for (const [k, v] of Object.entries(x.request.headers)) if (!DROP.has(k)) headers.set(k, v);
      const recJson = jsonBody(x.response);
      // A recorded authentication failure replays with a credential the twin never issued, so its failure is what gets compared.
      const authFailure = isAuthFailure(vendor, x.response.status, recJson);
      const auth = authFailure ? invalidAuth(x.request.headers.authorization) : authFor(vendor, x.request.headers.authorization, creds);
      if (auth) headers.set('authorization', auth);
      const method = x.request.method.toUpperCase();
      let body = requestBody(x, identity, vendor, authFailure ? {} : creds);
      const rebuilt = droppedBodies && body === undefined && takesBody(twin, method, replayedPath) ? rebuiltBody(x, recJson, (id) => identity.forward.has(id)) : undefined;
      if (rebuilt) {
        body = JSON.stringify(identity.rewriteJson(rebuilt));
        headers.set('content-type', 'application/json');
      }
      const before = twin.journal.lastSeq;
      const res = await twin.fetch(new Request(`${base}${replayedPath}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body }));
      const twinText = Buffer.from(await res.arrayBuffer());
      const twinHeaders: Record<string, string> = {};
      res.headers.forEach((v, k) => (twinHeaders[k] = v));
      // Only this request's own journal entry: one the twin did not journal must not borrow the previous request's name.
      const entry = twin.journal.query({ tenant, sinceSeq: before, limit: 1 })[0];
      const twinMessage = { headers: twinHeaders, ...(twinText.byteLength ? { body: twinText.toString('utf8') } : {}) };

      const twinJson = mediaType(twinHeaders['content-type']).includes('json') || twinText[0] === 0x7b || twinText[0] === 0x5b ? jsonBody(twinMessage) : undefined;
      const created = /^(POST|PUT)$/.test(method) && x.response.status < 300;
      if (created) creations.noteCreated(recJson);
      if (created && res.status < 300) identity.learnCreated(recJson, twinJson);
      else identity.learn(recJson, twinJson);
      identity.learnLink(x.response.headers.link, twinHeaders.link);
      if (x.response.headers.location && twinHeaders.location) identity.learnUrl(x.response.headers.location, new URL(twinHeaders.location, base).toString());

      const diffs: Diff[] = [];
      if (x.response.status !== res.status) diffs.push({ kind: 'status', path: 'status', recorded: x.response.status, twin: res.status });
      // A success body set against an error body says nothing field by field; what the twin said does.
      const sameClass = Math.floor(x.response.status / 100) === Math.floor(res.status / 100);
      if (!sameClass) {
        // nothing more to compare
      } else if (recJson !== undefined && twinJson !== undefined) {
        const r = norm.body('recorded', recJson);
        const t = norm.body('twin', twinJson);
        compareShapes(shapeOf(recJson, (k) => norm.key('recorded', k)), shapeOf(twinJson, (k) => norm.key('twin', k)), '$', diffs);
        compareValues(r, t, '$', diffs);
        compareErrors(vendor, recJson, twinJson, diffs);
      } else {
        const rs = recJson !== undefined ? shapeOf(recJson) : otherShape(x.response.body, x.response.bodyBase64);
        const ts = twinJson !== undefined ? shapeOf(twinJson) : otherShape(twinMessage.body, undefined);
        if (rs.t !== ts.t) diffs.push({ kind: 'type', path: '$', recorded: rs.t, twin: ts.t });
      }
      const hasBody = !!(x.response.body || x.response.bodyBase64);
      diffs.push(...compareHeaders(x.response.headers, twinHeaders, hasBody, (side, v) => norm.url(side, v)));

      const operationId = entry?.operationId ?? unroutedName(method, path, vendor);
      const recordedAt = x.response.headers.date;
      if (opts.history && recJson !== undefined && x.response.status < 300) opts.history.note(operationId, recordedAt, shapeOf(recJson, (k) => norm.key('recorded', k)));
      const id = { operationId, method, path: path.split('?')[0] };
      const kept: Diff[] = [];
      const excused: ExchangeResult['excused'] = [];
      for (const d of diffs) {
        const dev = findDeviation(deviations, d.path, id);
        if (dev) excused.push({ ...d, reason: dev.reason });
        else kept.push(d);
      }
      const statusMatch = !kept.some((d) => d.kind === 'status');
      const shapeMatch = !kept.some((d) => SHAPE_KINDS.includes(d.kind) && d.kind !== 'status');
      const contract = entry?.notes?.filter((n) => n.startsWith('contract '));
      const uncreated = statusMatch && shapeMatch ? undefined : (creations.uncreatedIn(path) ?? (kept.some((d) => d.kind === 'empty') ? creations.uncreatedListed(recJson) : undefined));
      results.push({
        index: index + 1,
        method,
        path,
        replayedPath,
        operationId,
        status: { recorded: x.response.status, twin: res.status },
        ...(recordedAt ? { recordedAt } : {}),
        statusMatch,
        shapeMatch,
        match: statusMatch && shapeMatch,
        diffs: kept,
        excused,
        ...(contract?.length ? { contract } : {}),
        ...(uncreated ? { preExisting: uncreated } : {}),
        ...(rebuilt ? { rebuiltBody: true } : {}),
        ...(res.status === 400 && body === undefined && /^(POST|PUT|PATCH)$/.test(method) && x.response.status < 300
          ? { notes: ['the recorded request has no body, but the recorded response suggests it had one (some recorders drop request bodies)'] }
          : {}),
        ...(!sameClass && twinMessage.body ? { twinBody: twinMessage.body.length > 500 ? `${twinMessage.body.slice(0, 500)}…` : twinMessage.body } : {}),
      });
    }
  } finally {
    if (!opts.twin) await twin.close();
  }
  const matched = results.filter((r) => r.match).length;
  return {
    recording: recording.source,
    format: recording.format,
    vendor,
    tenant,
    total: results.length,
    matched,
    score: results.length ? Math.round((matched / results.length) * 1000) / 1000 : 1,
    idsCarried: identity.forward.size,
    exchanges: results,
  };
}

/** Whether the operation this request reaches declares a request body (a lifecycle POST takes none). */
function takesBody(twin: Twin, method: string, path: string): boolean {
  const m = twin.router.match(method, path.split('?')[0]);
  return m.kind === 'match' && !!m.op.requestBody;
}

/** The recorded body with ids carried over (and, for Slack, the twin's token where the recording put one in the body). */
function requestBody(x: RecordedExchange, identity: ReplayIdentity, vendor: Vendor, creds: Record<string, unknown>): BodyInit | undefined {
  if (x.request.bodyBase64 !== undefined) return bodyBytes(x.request) as Uint8Array<ArrayBuffer>;
  const text = x.request.body;
  if (text === undefined || text === '') return undefined;
  const m = mediaType(x.request.headers['content-type']);
  if (m === 'application/x-www-form-urlencoded') {
    return slackBodyToken(vendor, identity.rewriteForm(text), x.request.headers.authorization, creds, 'form');
  }
  try {
    const json = JSON.parse(text) as unknown;
    return slackBodyToken(vendor, JSON.stringify(identity.rewriteJson(json)), x.request.headers.authorization, creds, 'json');
  } catch {
    return text;
  }
}
