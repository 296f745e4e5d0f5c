/**
 * Injected faults: latency, vendor-format error responses, outages and forced
 * rate limiting, per operation and tenant, firing with a probability and/or a
 * fixed number of times. Probabilities draw from the tenant's seeded random
 * source, so a faulty run replays identically.
 */
import type { Random } from './random.js';

export type FaultKind = 'latency' | 'error' | 'outage' | 'rate_limit';

export interface FaultRule {
  id: string;
  kind: FaultKind;
  /** Tenant name; absent means every tenant. */
  tenant?: string;
  /** operationId, or a glob with `*` (`chat.*`, `*User*`); absent means every operation. */
  operation?: string;
  /** 0..1, default 1. */
  probability?: number;
  /** Fires this many more times, then disappears; absent means unlimited. */
  count?: number;
  latencyMs?: number;
  /** For `error`: HTTP status and optional vendor error code/message. */
  status?: number;
  code?: string;
  message?: string;
  /** For `rate_limit`: seconds the client is told to wait. */
  retryAfterSec?: number;
}

export const globToRe = (g: string) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

const NONE: FaultRule[] = [];

export class Faults {
  private rules: FaultRule[] = [];
  /** Operation globs compiled once, when a rule is added, not on every call. */
  private matchers = new WeakMap<FaultRule, RegExp>();
  private nextId = 1;

  add(rule: Omit<FaultRule, 'id'> & { id?: string }): FaultRule {
    const full: FaultRule = { ...rule, id: rule.id ?? `fault-${this.nextId++}` };
    if (full.operation !== undefined) this.matchers.set(full, globToRe(full.operation));
    this.rules = this.rules.filter((r) => r.id !== full.id).concat(full);
    return full;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(tenant?: string): void {
    this.rules = tenant === undefined ? [] : this.rules.filter((r) => r.tenant !== tenant);
  }

  /** The rules that fire for this call (consuming their counts). */
  fire(tenant: string, operationId: string, random: Random): FaultRule[] {
    if (!this.rules.length) return NONE;
    const fired: FaultRule[] = [];
    let spent = false;
    for (const r of this.rules) {
      if (r.tenant !== undefined && r.tenant !== tenant) continue;
      if (r.operation !== undefined && !this.matchers.get(r)!.test(operationId)) continue;
      if (r.probability !== undefined && r.probability < 1 && random.next() >= r.probability) continue;
      fired.push(r);
      if (r.count !== undefined && --r.count <= 0) spent = true;
    }
    if (spent) this.rules = this.rules.filter((r) => r.count === undefined || r.count > 0);
    return fired;
  }
}
