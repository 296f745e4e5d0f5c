/**
 * Request bodies a recorder dropped, rebuilt from the recorded answer. vcrpy's aiohttp stub keeps `data=` payloads
 * but not `json=` ones, so okta-sdk-python's 2020–2022 cassettes hold `body: null` on every write; replayed bare, a
 * create is refused and every later step fails with it. A created or replaced object, as the vendor answered it, is the
 * request's content plus what the server manages (ids, timestamps, links), so the answer minus those is the nearest
 * honest stand-in. Rebuilt exchanges are flagged and counted apart in the corpus report (docs/decisions/0011).
 */
import forge from 'node-forge';
import type { RecordedExchange } from './exchange.js';

const WRITE = /^(POST|PUT|PATCH)$/i;

/** Fields only the server writes: left out of a rebuilt request (HAL links and embeds at any depth). */
const SERVER_FIELDS = new Set(['created', 'lastUpdated', 'createdBy', 'lastUpdatedBy', 'activated', 'statusChanged', 'lastLogin', 'passwordChanged', 'transitioningToStatus', 'lastMembershipUpdated']);

const hasBody = (x: RecordedExchange) => !!(x.request.body || x.request.bodyBase64);

/** A recording whose writes all lack bodies while at least one was answered with an object: its recorder dropped them. */
export function recorderDroppedBodies(exchanges: RecordedExchange[]): boolean {
  const writes = exchanges.filter((x) => WRITE.test(x.request.method));
  return writes.length > 0 && !writes.some(hasBody);
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Without HAL links and embeds, and without references (`{"id": …}` alone) to what the replay never saw: the server's default stands in for those. */
function strip(v: unknown, known: (id: string) => boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => strip(x, known));
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === '_links' || k === '_embedded') continue;
    if (isObject(x) && Object.keys(x).length === 1 && typeof x.id === 'string' && !known(x.id)) continue;
    out[k] = strip(x, known);
  }
  return out;
}

/**
 * The request a write most likely sent, from its recorded 2xx object answer; undefined when there is nothing to rebuild
 * from. `known` tells the recorded ids the replay has carried: a top-level id it knows names the subject (an app
 * assignment's user), one it does not is the id the server gave the new object.
 */
export function rebuiltBody(x: RecordedExchange, recorded: unknown, known: (id: string) => boolean): Record<string, unknown> | undefined {
  if (!WRITE.test(x.request.method) || hasBody(x) || x.response.status >= 300 || !isObject(recorded)) return undefined;
  const out = strip(recorded, known) as Record<string, unknown>;
  for (const k of SERVER_FIELDS) delete out[k];
  if (typeof out.csr === 'string') {
    // The CSR itself is what the server made from the request.
    Object.assign(out, csrRequest(out.csr));
    delete out.csr;
  }
  if (typeof out.id !== 'string' || !known(out.id)) delete out.id;
  return Object.keys(out).length ? out : undefined;
}

/**
 * A CSR answer carries what its request asked for, encoded: the subject and the DNS names Okta wrote into the
 * request it generated. Decoded, they are the `subject` and `subjectAltNames` the request sent.
 */
function csrRequest(csr: string): Record<string, unknown> {
  try {
    const der = forge.util.decode64(csr);
    const req = forge.pki.certificationRequestFromAsn1(forge.asn1.fromDer(der));
    // Okta's CsrMetadata subject fields are the X.520 attribute names (countryName, commonName, …), as forge names them.
    const subject: Record<string, string> = {};
    for (const a of req.subject.attributes) if (a.name && typeof a.value === 'string') subject[a.name] = a.value;
    const ext = req.getAttribute({ name: 'extensionRequest' }) as { extensions?: { name: string; altNames?: { type: number; value: string }[] }[] } | null;
    const dnsNames = (ext?.extensions?.find((e) => e.name === 'subjectAltName')?.altNames ?? []).filter((n) => n.type === 2).map((n) => n.value);
    return { subject, ...(dnsNames.length ? { subjectAltNames: { dnsNames } } : {}) };
  } catch {
    return {};
  }
}
