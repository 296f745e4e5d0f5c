/** Substitutes the twin's own credentials for whatever a recording authenticated with, keeping the recorded scheme. */
import type { Vendor } from '../vendors.js';

/** Every string in the credentials document, with its dotted path lower-cased. */
function strings(creds: unknown, prefix = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (creds && typeof creds === 'object' && !Array.isArray(creds)) {
    for (const [k, v] of Object.entries(creds)) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.push([p.toLowerCase(), v]);
      else if (prefix.split('.').length < 3) strings(v, p, out);
    }
  }
  return out;
}

function pick(creds: unknown, ...tests: Array<(path: string, value: string) => boolean>): string | undefined {
  const all = strings(creds);
  for (const test of tests) {
    const hit = all.find(([p, v]) => test(p, v));
    if (hit) return hit[1];
  }
  return undefined;
}

const leaf = (p: string) => p.split('.').pop()!;
const isUrl = (v: string) => /^https?:\/\//.test(v);

function slackToken(creds: unknown, recorded: string | undefined): string | undefined {
  const kind = /^xox([a-z])-/.exec(recorded ?? '')?.[1] ?? (recorded?.startsWith('xapp-') ? 'app' : 'b');
  const prefix = kind === 'app' ? 'xapp-' : `xox${kind}-`;
  const word = kind === 'p' ? 'user' : kind === 'app' ? 'app' : 'bot';
  return pick(
    creds,
    (_p, v) => v.startsWith(prefix),
    (p) => p.includes(word) && p.includes('token'),
    (_p, v) => /^xox[a-z]-/.test(v),
  );
}

/** A credential the twin never issued, in the recorded scheme: a recorded authentication failure must fail again. */
export function invalidAuth(recorded: string | undefined): string | undefined {
  if (!recorded) return undefined;
  const scheme = /^(\S+)\s+\S/.exec(recorded)?.[1];
  return `${scheme ?? 'Bearer'} not-a-credential-the-twin-issued`;
}

/** The Authorization header to send for a recorded one (or undefined to send none, as the recording did). */
export function authFor(vendor: Vendor, recorded: string | undefined, creds: unknown): string | undefined {
  if (!recorded) return undefined;
  // A redacted header without a scheme (vcrpy's `<ACCESS_TOKEN>`) stood for a bearer token.
  if (!/^\S+\s+\S/.test(recorded.trim())) return authFor(vendor, `Bearer ${recorded.trim()}`, creds);
  const scheme = /^(\S+)/.exec(recorded)?.[1] ?? '';
  const s = scheme.toLowerCase();
  const recordedToken = recorded.slice(scheme.length).trim();
  if (s === 'ssws') {
    const t = pick(creds, (p) => leaf(p) === 'token', (p) => /apitoken|ssws/.test(leaf(p)), (p, v) => p.includes('token') && !isUrl(v));
    return t ? `SSWS ${t}` : undefined;
  }
  if (s === 'basic') {
    const email = pick(creds, (p) => /email|username|user$/.test(leaf(p)));
    const secret = pick(creds, (p) => /api_?token/.test(leaf(p)), (p) => /password|token/.test(leaf(p)));
    const ready = pick(creds, (p, v) => /basic/.test(p) && !isUrl(v));
    if (ready) return ready.startsWith('Basic ') ? ready : `Basic ${ready}`;
    return email && secret ? `Basic ${Buffer.from(`${email}:${secret}`).toString('base64')}` : undefined;
  }
  if (s === 'bearer' || s === 'dpop') {
    if (vendor === 'slack') {
      const t = slackToken(creds, recordedToken);
      return t ? `Bearer ${t}` : undefined;
    }
    const t = pick(creds, (p) => /access_?token/.test(leaf(p)), (p) => /bearer/.test(leaf(p)), (p, v) => leaf(p) === 'token' && !isUrl(v), (p, v) => /token/.test(leaf(p)) && !isUrl(v));
    if (!t) return undefined;
    // Okta's SSWS token is the only credential some twins hand out; an OAuth recording then replays as SSWS.
    return vendor === 'okta' && !pick(creds, (p) => /access_?token/.test(leaf(p))) ? `SSWS ${t}` : `Bearer ${t}`;
  }
  return undefined;
}

/** Slack lets a token ride in the body; a recorded one (redacted or real) is swapped for the twin's. */
export function slackBodyToken(vendor: Vendor, body: string, recordedAuth: string | undefined, creds: unknown, kind: 'form' | 'json'): string {
  if (vendor !== 'slack') return body;
  if (kind === 'form') {
    const params = new URLSearchParams(body);
    const recorded = params.get('token');
    if (recorded === null) return body;
    const t = slackToken(creds, recorded.startsWith('x') ? recorded : recordedAuth?.split(' ')[1]);
    if (!t) return body;
    params.set('token', t);
    return params.toString();
  }
  try {
    const o = JSON.parse(body) as Record<string, unknown>;
    if (!o || typeof o !== 'object' || typeof o.token !== 'string') return body;
    const t = slackToken(creds, o.token);
    return t ? JSON.stringify({ ...o, token: t }) : body;
  } catch {
    return body;
  }
}

/** Google API-key calls carry the key in the query (`?key=…`); the twin's own key replaces the recorded (or redacted) one. */
export function apiKeyQuery(vendor: Vendor, pathAndQuery: string, creds: unknown): string {
  if (vendor !== 'google' || !/[?&]key=/.test(pathAndQuery)) return pathAndQuery;
  const key = pick(creds, (p) => /api_?key/.test(leaf(p)));
  return key ? pathAndQuery.replace(/([?&]key=)[^&]*/, `$1${encodeURIComponent(key)}`) : pathAndQuery;
}
