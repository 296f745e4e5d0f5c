/**
 * Presented replies kept until the tenant's next change: a GET that reads the same state with the same
 * arguments answers the text serialized last time instead of presenting and serializing it again.
 */
import { TwinBug } from './errors.js';
import type { Reply } from './handler.js';
import type { Tenant } from './tenant.js';

/**
 * With `DTU_CHECK_CACHES=1` (set for the test suite) every hit is presented afresh as well and must
 * serialize to the kept text, so a change that reached the state without being announced (and so
 * left the tenant's revision alone) fails loudly instead of answering stale bytes.
 */
const CHECK = process.env.DTU_CHECK_CACHES === '1';

interface Kept {
  revision: number;
  replies: Map<string, { body: unknown; text: string; headers?: Record<string, string> }>;
  /** Characters of kept text (the bodies beside them cost a few times as much). */
  chars: number;
}

export class ReplyCache {
  private readonly byTenant = new WeakMap<Tenant, Kept>();

  /**
   * At most `max` replies and `maxChars` characters of text are kept per tenant; past either the oldest go
   * first, and a reply larger than a quarter of `maxChars` is not kept at all (memory stays bounded under load).
   */
  constructor(
    private readonly name: string,
    private readonly max = 256,
    private readonly maxChars = 2 * 1024 * 1024,
  ) {}

  /**
   * The reply `present` gives for `key` at the tenant's current revision. `key` must name everything
   * besides the tenant's state that the presentation reads (the document, the caller, the base URL, the
   * arguments). A presentation that changes the state, or that calls `volatile` (it read something the
   * key cannot name, such as the clock), is answered but not kept.
   */
  reply(t: Tenant, key: string, present: (volatile: () => void) => unknown): Reply {
    return this.keep(t, key, (volatile) => ({ body: present(volatile) }));
  }

  /**
   * Like `reply`, for an answer whose headers belong to it as much as its body (a page's `Link`): `present`
   * gives both, and a hit answers the kept headers with the kept text. The status is always 200.
   */
  page(t: Tenant, key: string, present: (volatile: () => void) => { body?: unknown; headers?: Record<string, string> }): Reply {
    return this.keep(t, key, present);
  }

  private keep(t: Tenant, key: string, present: (volatile: () => void) => { body?: unknown; headers?: Record<string, string> }): Reply {
    let kept = this.byTenant.get(t);
    if (!kept || kept.revision !== t.revision) {
      kept = { revision: t.revision, replies: new Map(), chars: 0 };
      this.byTenant.set(t, kept);
    }
    const hit = kept.replies.get(key);
    if (hit) {
      if (CHECK) {
        const again = present(() => {});
        const fresh = JSON.stringify(again.body);
        if (fresh !== hit.text || JSON.stringify(again.headers) !== JSON.stringify(hit.headers)) {
          throw new TwinBug(`${this.name}: the kept reply for ${key} differs from a fresh one at revision ${kept.revision}; some change was not announced to the tenant`);
        }
      }
      // The engine copies headers into its own record; the kept one is never handed out to be changed.
      return hit.headers ? { body: hit.body, bodyText: hit.text, headers: hit.headers } : { body: hit.body, bodyText: hit.text };
    }
    const before = t.revision;
    let keep = true;
    const made = present(() => (keep = false));
    const text = JSON.stringify(made.body);
    if (keep && t.revision === before && text.length <= this.maxChars / 4) {
      while (kept.replies.size && (kept.replies.size >= this.max || kept.chars + text.length > this.maxChars)) {
        const [oldest, r] = kept.replies.entries().next().value!;
        kept.replies.delete(oldest);
        kept.chars -= r.text.length;
      }
      kept.replies.set(key, made.headers ? { body: made.body, text, headers: made.headers } : { body: made.body, text });
      kept.chars += text.length;
    }
    return made.headers ? { body: made.body, bodyText: text, headers: made.headers } : { body: made.body, bodyText: text };
  }
}
