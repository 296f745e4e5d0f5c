/** Carries identity through a replay: ids and cursors the twin hands out replace the recorded ones in every later request. */
// Pairs are found at the same place in the same response (body, Link header,
// Location), because that is the only evidence that two ids name one thing.
import { embeddable, isCursorKey, isIdKey, looksLikeId, parseLink, replaceTokens } from './ids.js';

export type IdKind = 'id' | 'cursor';

export interface IdentityBases {
  /** Origins (plus recorded base path) the recording addressed: `https://acme.okta.com`. */
  recorded: string[];
  /** Origin plus tenant prefix the twin is replayed on: `http://okta.twin.test/t/replay-1`. */
  twin: string;
}

const isPrimitive = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

export class ReplayIdentity {
  /** Recorded value → twin value. */
  readonly forward = new Map<string, string>();
  /** Twin value → recorded value. */
  readonly reverse = new Map<string, string>();
  /** Values the twin returned unchanged (fixed ids both sides share). */
  readonly same = new Set<string>();
  readonly kinds = new Map<string, IdKind>();

  constructor(
    readonly vendor: string | undefined,
    readonly bases: IdentityBases,
  ) {}

  kindOf(recorded: string): IdKind | undefined {
    return this.kinds.get(recorded);
  }

  /** Recorded values that stand for one twin value, by the first of them (the recording reused what the twin did not, or the reverse). */
  private readonly aliases = new Map<string, string>();

  /** The recorded value a recorded value is normalized as: itself, or the first recorded value paired with the same twin value. */
  canonical(rec: string): string {
    return this.aliases.get(rec) ?? rec;
  }

  private add(rec: string, twin: string, kind: IdKind): void {
    if (rec === '' || twin === '') return;
    if (!this.kinds.has(rec)) this.kinds.set(rec, kind);
    if (rec === twin) {
      this.same.add(rec);
      return;
    }
    if (this.same.has(rec)) return;
    const paired = this.forward.get(rec);
    // A recorded value already paired keeps its pairing (a later mismatch is a difference to report), unless
    // the recording reused it for a newly created object: then the newest pairing carries later requests.
    if (paired !== undefined && paired !== twin && !this.creating) return;
    this.forward.set(rec, twin);
    // One twin value may stand for several recorded ones: they normalize alike.
    const earlier = this.reverse.get(twin);
    if (earlier === undefined) this.reverse.set(twin, rec);
    else if (earlier !== rec && !this.aliases.has(rec)) this.aliases.set(rec, this.canonical(earlier));
  }

  private creating = false;

  /** A response that created what it describes: recorded values it reuses name the new object from now on. */
  learnCreated(rec: unknown, twin: unknown): void {
    this.creating = true;
    try {
      this.learn(rec, twin);
    } finally {
      this.creating = false;
    }
  }

  /** Walks a recorded response body and the twin's side by side. */
  learn(rec: unknown, twin: unknown, key?: string): void {
    if (isPrimitive(rec) && isPrimitive(twin)) {
      const cursor = key !== undefined && isCursorKey(key);
      // A key id is opaque when compared, but later requests name it (`/credentials/keys/{kid}`, `?kid=`), so it is carried.
      if (cursor || key === 'kid' || (key !== undefined && isIdKey(key, this.vendor)) || (typeof rec === 'string' && looksLikeId(rec, this.vendor))) {
        this.add(String(rec), String(twin), cursor ? 'cursor' : 'id');
      } else if (typeof rec === 'string' && typeof twin === 'string' && /^https?:\/\//.test(rec) && /^https?:\/\//.test(twin)) {
        this.learnUrl(rec, twin);
      }
      return;
    }
    if (Array.isArray(rec) && Array.isArray(twin)) {
      for (let i = 0; i < Math.min(rec.length, twin.length); i++) this.learn(rec[i], twin[i], key);
      return;
    }
    if (rec && twin && typeof rec === 'object' && typeof twin === 'object' && !Array.isArray(rec) && !Array.isArray(twin)) {
      const t = twin as Record<string, unknown>;
      for (const [k, v] of Object.entries(rec as Record<string, unknown>)) if (k in t) this.learn(v, t[k], k);
    }
  }

  /** Paths of the same template differ only where the ids are; query values pair by name. */
  learnUrl(recUrl: string, twinUrl: string): void {
    const r = this.split(recUrl, 'recorded');
    const t = this.split(twinUrl, 'twin');
    if (!r || !t) return;
    if (r.segments.length === t.segments.length) {
      const differing = r.segments.map((s, i) => [s, t.segments[i]] as const).filter(([a, b]) => a !== b);
      // Ids carry digits (or the vendor's id shape); differing words mean different resources, not different ids.
      const idLike = (x: string) => /\d/.test(x) || looksLikeId(x, this.vendor);
      if (differing.every(([a, b]) => idLike(a) && idLike(b))) for (const [a, b] of differing) this.add(a, b, 'id');
    }
    for (const [k, v] of r.query) {
      const tv = t.query.get(k);
      if (tv !== undefined && (isCursorKey(k) || isIdKey(k, this.vendor) || looksLikeId(v, this.vendor))) this.add(v, tv, isCursorKey(k) ? 'cursor' : 'id');
    }
  }

  /** Link headers: the `next` cursor the twin issued stands for the recorded one. */
  learnLink(recLink: string | undefined, twinLink: string | undefined): void {
    const r = parseLink(recLink);
    const t = parseLink(twinLink);
    for (const rel of Object.keys(r)) if (t[rel]) this.learnUrl(r[rel], t[rel]);
  }

  private split(url: string, side: 'recorded' | 'twin'): { segments: string[]; query: Map<string, string> } | undefined {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    let path = u.pathname;
    const bases = side === 'twin' ? [this.bases.twin] : this.bases.recorded;
    for (const b of bases) {
      const bu = new URL(b);
      const prefix = bu.pathname.replace(/\/+$/, '');
      if (prefix && path.startsWith(`${prefix}/`)) {
        path = path.slice(prefix.length);
        break;
      }
    }
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    };
    return { segments: path.split('/').filter(Boolean).map(dec), query: new Map([...u.searchParams]) };
  }

  private swap(s: string): string {
    const exact = this.forward.get(s);
    if (exact !== undefined) return exact;
    return replaceTokens(s, this.forward, embeddable);
  }

  /** `/api/v1/users/<recorded>?after=<recorded>` → the twin's ids, leaving untouched bytes as they were. */
  rewritePath(pathAndQuery: string): string {
    const q = pathAndQuery.indexOf('?');
    const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
    const query = q < 0 ? '' : pathAndQuery.slice(q + 1);
    const seg = (s: string) => {
      let d: string;
      try {
        d = decodeURIComponent(s);
      } catch {
        return s;
      }
      const out = this.swap(d);
      return out === d ? s : encodeURIComponent(out).replace(/%3A/gi, ':');
    };
    const newPath = path.split('/').map(seg).join('/');
    if (!query) return newPath;
    // A query string is form-encoded pairs, rewritten the same way as form bodies.
    return `${newPath}?${this.rewriteForm(query)}`;
  }

  /** Request bodies: recorded ids become the twin's, and recorded origins the twin's base. */
  rewriteJson(v: unknown): unknown {
    if (typeof v === 'string') {
      let s = this.swap(v);
      for (const b of this.bases.recorded) if (s.startsWith(b)) s = `${this.bases.twin}${s.slice(b.length)}`;
      return s;
    }
    if (typeof v === 'number') {
      const t = this.forward.get(String(v));
      return t !== undefined && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : v;
    }
    if (Array.isArray(v)) return v.map((x) => this.rewriteJson(x));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [this.forward.get(k) ?? k, this.rewriteJson(x)]));
    }
    return v;
  }

  /** Form bodies and query strings (`channel=C1&ts=…`) pair by pair. */
  rewriteForm(text: string): string {
    return text
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        let v: string;
        try {
          v = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
        } catch {
          return pair;
        }
        const out = this.swap(v);
        return out === v ? pair : `${pair.slice(0, eq + 1)}${encodeURIComponent(out)}`;
      })
      .join('&');
  }
}
