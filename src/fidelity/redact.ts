/** Removes secrets from recorded traffic: auth headers, cookies, signatures, and token fields in JSON, form and query data. */
import { mediaType } from './exchange.js';
import { isSecretKey } from '../core/redact.js';

export const REDACTED = 'REDACTED';
export const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-slack-signature', 'dpop'];
export const SECRET_FIELDS = ['token', 'access_token', 'refresh_token', 'client_secret', 'password', 'client_assertion'];

/** Fields that are secrets on the same footing, though not named in the list above: JWT-bearer grants, ID tokens, API keys. */
const ALSO_SECRET = ['assertion', 'id_token', 'api_key', 'apikey'];

/** Slack tokens have a recognizable shape wherever they appear (URLs, free text, unknown fields). */
const SLACK_TOKEN = /\bxox([abposre])-[A-Za-z0-9-]{6,}/g;
/** So do Google API keys (`?key=AIza…`, where `key` alone is too common a name to redact) and OAuth access tokens. */
const GOOGLE_SECRET = /\b(AIza[0-9A-Za-z_-]{30,}|ya29\.[0-9A-Za-z_.-]{20,})/g;

export class Redactor {
  private fields: Set<string>;
  /** Secret values seen so far: wherever they turn up later (an echo, a URL), they are removed too. */
  private secrets = new Set<string>();

  constructor(extraFields: string[] = []) {
    this.fields = new Set([...SECRET_FIELDS, ...ALSO_SECRET, ...extraFields].map((f) => f.trim().toLowerCase()).filter(Boolean));
  }

  private remember(value: string): void {
    if (value.length >= 6 && value !== REDACTED) this.secrets.add(value);
  }

  isSecretField(name: string): boolean {
    return this.fields.has(name.toLowerCase()) || isSecretKey(name);
  }

  /** Keeps an auth scheme (`SSWS`, `Bearer`, `Basic`) so a replay knows which credential to substitute. */
  header(name: string, value: string): string {
    const n = name.toLowerCase();
    if (n === 'authorization' || n === 'proxy-authorization') {
      const m = /^(\S+)\s+(\S.*)$/.exec(value);
      this.remember(m ? m[2] : value);
      return m ? `${m[1]} ${REDACTED}` : REDACTED;
    }
    if (n === 'set-cookie' || n === 'cookie') {
      for (const c of value.matchAll(n === 'cookie' ? /[^=;\s]+=([^;]*)/g : /^[^=;]+=([^;]*)/g)) this.remember(c[1]);
      return n === 'cookie' ? value.replace(/([^=;\s]+)=[^;]*/g, `$1=${REDACTED}`) : value.replace(/^([^=;]+)=[^;]*/, `$1=${REDACTED}`);
    }
    if (SECRET_HEADERS.includes(n)) {
      this.remember(value);
      return REDACTED;
    }
    return this.text(value);
  }

  headers(h: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, this.header(k, v)]));
  }

  /** Redacts `k=v` pairs whose key is secret, leaving every other byte of the string as it was. */
  pairs(s: string): string {
    return s
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        let key: string;
        try {
          key = decodeURIComponent(pair.slice(0, eq).replace(/\+/g, ' '));
        } catch {
          key = pair.slice(0, eq);
        }
        if (!this.isSecretField(key)) return pair;
        try {
          this.remember(decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' ')));
        } catch {
          this.remember(pair.slice(eq + 1));
        }
        return `${pair.slice(0, eq)}=${REDACTED}`;
      })
      .join('&');
  }

  url(url: string): string {
    const q = url.indexOf('?');
    if (q < 0) return this.text(url);
    const hash = url.indexOf('#', q);
    const query = hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
    return this.text(`${url.slice(0, q + 1)}${this.pairs(query)}${hash < 0 ? '' : url.slice(hash)}`);
  }

  /** JSON and form bodies field by field; any other text only for token shapes. */
  body(text: string, contentType?: string): string {
    const m = mediaType(contentType);
    if (m === 'application/x-www-form-urlencoded') return this.text(this.pairs(text));
    const trimmed = text.trim();
    if (m.includes('json') || ((!m || m === 'text/plain') && /^[[{]/.test(trimmed))) {
      try {
        return this.text(JSON.stringify(this.json(JSON.parse(text))));
      } catch {
        // not JSON after all
      }
    }
    return this.text(text);
  }

  /** A secret object (Okta's `password: {value}`) keeps its shape; only its leaves are replaced. */
  json(v: unknown, secret = false): unknown {
    if (Array.isArray(v)) return v.map((x) => this.json(x, secret));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.json(x, secret || this.isSecretField(k))]));
    }
    if (secret && (typeof v === 'string' || typeof v === 'number')) {
      this.remember(String(v));
      return REDACTED;
    }
    return typeof v === 'string' ? this.text(v) : v;
  }

  text(s: string): string {
    let out = s.replace(SLACK_TOKEN, (_m, kind: string) => `xox${kind}-${REDACTED}`).replace(GOOGLE_SECRET, REDACTED);
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
}
