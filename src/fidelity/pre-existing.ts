/**
 * Decides whether a mismatch comes from state the recorded org already had: a request that
 * names an id the recording never created (first seen in a read, or never seen at all) asks
 * about something no replay can have, which is not a twin defect.
 */
import { isIdKey, looksLikeId } from './ids.js';

export class RecordedCreations {
  private created = new Set<string>();

  constructor(private readonly vendor: string) {}

  /** Every id-like value in a response that created something (POST/PUT answered 2xx). */
  noteCreated(body: unknown, key?: string): void {
    if (typeof body === 'string' || typeof body === 'number') {
      if ((key !== undefined && isIdKey(key, this.vendor)) || (typeof body === 'string' && looksLikeId(body, this.vendor))) this.created.add(String(body));
      return;
    }
    if (Array.isArray(body)) for (const x of body) this.noteCreated(x, key);
    else if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) this.noteCreated(v, k);
  }

  /** The first id in a recorded body the recording never created (a list the recorded org had filled before). */
  uncreatedListed(body: unknown): string | undefined {
    const ids = new RecordedCreations(this.vendor);
    ids.noteCreated(body);
    return [...ids.created].find((id) => !this.created.has(id));
  }

  /** The first id-shaped path segment the recording never created, if any. */
  uncreatedIn(path: string): string | undefined {
    for (const seg of path.split('?')[0].split('/')) {
      let d = seg;
      try {
        d = decodeURIComponent(seg);
      } catch {
        // as sent
      }
      d = d.replace(/:[A-Za-z]+$/, ''); // Google's `{id}:batchUpdate`
      const idShaped = looksLikeId(d, this.vendor) || (/\d/.test(d) && /^[\w.@:-]{6,}$/.test(d) && !/^v\d+(\.\d+)?$/.test(d));
      if (idShaped && !this.created.has(d)) return d;
    }
    return undefined;
  }
}
