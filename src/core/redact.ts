/**
 * Secret redaction for everything the twins write down about traffic (journal,
 * logs, recordings): passwords, tokens, client secrets, private keys, cookies,
 * signatures. Fields are recognized by name, wherever they sit in a JSON
 * document, form body or query string; token-shaped values (Slack `xox…`, JWTs,
 * PEM keys, Google keys) are recognized by shape, wherever they appear.
 */

export const REDACTED = '[redacted]';

/** Header names whose whole value is a secret (an auth scheme is kept so a reader knows which credential was used). */
export const SECRET_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-slack-signature', 'dpop', 'x-api-key', 'x-goog-api-key', 'x-dtu-admin-token', 'x-hub-signature', 'x-hub-signature-256', 'x-okta-verification-challenge',
]);

/**
 * Field names (lower case, without `_` and `-`) that hold a secret beyond the suffix rules. `key` and `code` are
 * left out on purpose: Jira project keys and vendor error codes are what a reader of a journal looks for.
 * `pkcs12` carries a private key (Gmail S/MIME uploads), `kaclsData` a wrapped one (Gmail client-side encryption).
 */
const SECRET_NAMES = new Set(['password', 'passwd', 'passcode', 'secret', 'secretkey', 'answer', 'assertion', 'clientassertion', 'otp', 'cookie', 'pem', 'codeverifier', 'idtokenhint', 'pkcs12', 'kaclsdata']);
/**
 * OAuth protocol parameters that are credentials where OAuth sends them — form bodies, query strings and
 * redirect URLs — though their names are too common to redact in a JSON document (a Slack or Google error
 * `code`): the authorization code (RFC 6749 §4.1.2), device and user codes (RFC 8628 §3.2), Okta's
 * interaction code, and the subject/actor tokens of a token exchange (RFC 8693 §2.1, caught by the suffix rule).
 */
const OAUTH_PARAMS = new Set(['code', 'devicecode', 'usercode', 'interactioncode', 'activationcode', 'recoverycode']);
/** Pagination and protocol tokens that are not credentials. */
const NOT_SECRET = new Set(['pagetoken', 'nextpagetoken', 'startpagetoken', 'newstartpagetoken', 'synctoken', 'nextsynctoken', 'tokentype', 'tokenwindow', 'tokenendpointauthmethod', 'tokenauthmethod', 'resumetoken', 'nextcursor', 'continuationtoken']);

const normalize = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

/** Whether a field of this name holds a secret (pagination tokens do not). */
export function isSecretKey(name: string): boolean {
  const n = normalize(name);
  if (NOT_SECRET.has(n)) return false;
  if (SECRET_NAMES.has(n)) return true;
  return n.endsWith('token') || n.endsWith('secret') || n.endsWith('password') || n.includes('privatekey') || n.endsWith('signature') || n.endsWith('apikey');
}

/** Whether a form field or query parameter of this name holds a secret: every secret field, plus the OAuth codes. */
export function isSecretParam(name: string): boolean {
  return isSecretKey(name) || OAUTH_PARAMS.has(normalize(name));
}

/** Secrets recognizable by shape alone. */
const SHAPES: RegExp[] = [
  /\bxox[abposre]-[A-Za-z0-9-]{6,}/g, // Slack tokens
  /\bxapp-[A-Za-z0-9-]{6,}/g, // Slack app-level tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, // JWTs (id tokens, access tokens, assertions)
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(AIza[0-9A-Za-z_-]{30,}|ya29\.[0-9A-Za-z_.-]{20,})/g, // Google API keys and OAuth access tokens
];

/** Replaces token-shaped substrings of free text. */
export function redactText(s: string): string {
  let out = s;
  for (const re of SHAPES) out = out.replace(re, REDACTED);
  return out;
}

/** `k=v&…` with secret keys' values replaced; every other byte kept. */
export function redactPairs(s: string): string {
  return s
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      // A malformed key is judged as it came.
      return isSecretParam(safeDecode(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A query string (`?a=b`) or form body. */
export function redactQuery(search: string): string {
  if (!search) return search;
  const lead = search.startsWith('?') ? '?' : '';
  return redactText(lead + redactPairs(search.slice(lead.length)));
}

/** A URL with the secrets of its query and fragment replaced (implicit and form_post-less redirects carry tokens in the fragment). */
export function redactUrl(url: string): string {
  const cut = url.search(/[?#]/);
  if (cut < 0) return redactText(url);
  return redactText(url.slice(0, cut) + url.slice(cut).replace(/([?#&])([^=&#]+)=([^&#]*)/g, (m, lead: string, k: string) => (isSecretParam(safeDecode(k)) ? `${lead}${k}=${REDACTED}` : m)));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** A form body read into fields: each field is a parameter, so the OAuth codes count as secrets too. */
export function redactForm(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = isSecretParam(k) ? redactJson(v, true) : redactJson(v);
  return out;
}

/** A JSON value: a secret field keeps its shape (Okta's `password: {value}`), only its leaves are replaced. */
export function redactJson(v: unknown, secret = false, depth = 0): unknown {
  if (depth > 64) return REDACTED;
  if (Array.isArray(v)) return v.map((x) => redactJson(x, secret, depth + 1));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    // Okta's `_links` name actions (`resetPassword`, `changePassword`), not secrets: only token shapes are looked for there.
    for (const [k, x] of Object.entries(v)) out[k] = k === '_links' && !secret ? redactLinks(x) : redactJson(x, secret || isSecretKey(k), depth + 1);
    return out;
  }
  if (secret && (typeof v === 'string' || typeof v === 'number') && v !== '') return REDACTED;
  return typeof v === 'string' ? redactText(v) : v;
}

function redactLinks(v: unknown): unknown {
  try {
    return JSON.parse(redactText(JSON.stringify(v)));
  } catch {
    return REDACTED;
  }
}

/** A body as journals keep it: parsed JSON, or text that may be JSON, a form, or anything else. */
export function redactBody(body: unknown): unknown {
  if (typeof body !== 'string') return redactJson(body);
  const t = body.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(body)));
    } catch {
      // truncated or not JSON: fall through to shape-based redaction
    }
  }
  if (/^[^\s=&]+=[^\s]*(&[^\s=&]+=[^\s]*)*$/.test(body)) return redactText(redactPairs(body));
  return redactText(body);
}

/** Headers as a plain object, secrets replaced (keeping the auth scheme: `Bearer [redacted]`). */
export function redactHeaders(h: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (v: string, k: string) => {
    const name = k.toLowerCase();
    // A redirect carries the authorization code or, for the implicit flow, tokens in its query or fragment.
    if (name === 'location' || name === 'content-location') out[k] = redactUrl(v);
    else if (!SECRET_HEADERS.has(name)) out[k] = redactText(v);
    else if (name === 'authorization' || name === 'proxy-authorization') out[k] = /^\S+\s+\S/.test(v) ? `${v.split(/\s+/)[0]} ${REDACTED}` : REDACTED;
    else if (name === 'cookie') out[k] = v.replace(/([^=;\s]+)=[^;]*/g, `$1=${REDACTED}`);
    else if (name === 'set-cookie') out[k] = v.replace(/^([^=;]+)=[^;]*/, `$1=${REDACTED}`).replace(/(,\s*[^=;,\s]+)=[^;]*/g, `$1=${REDACTED}`);
    else out[k] = REDACTED;
  };
  if (h instanceof Headers) h.forEach(put);
  else for (const [k, v] of Object.entries(h)) put(v, k);
  return out;
}
