/**
 * Vendor-style rate limiting: fixed windows per (tenant, bucket), read from the
 * twin's clock. Every call is counted so the vendor's headers are always
 * truthful; rejection with 429 happens only when enforcement is on (off by
 * default: agents and CI want no limits unless they ask for them).
 */
import type { Clock } from './clock.js';

export interface BucketSpec {
  /** Bucket name; calls sharing it share a budget (`/api/v1/users`, `tier3:chat.postMessage`). */
  key: string;
  limit: number;
  windowSec: number;
}

export interface RateState {
  bucket: BucketSpec;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  resetAt: number;
  exceeded: boolean;
}

export interface RateLimitSettings {
  enforce: boolean;
  /** Multiplies every limit (0.01 makes limits bite fast in tests). */
  scale: number;
}

export class RateLimiter {
  /** Windows by tenant, then by bucket key: no key text is built per call. */
  private windows = new Map<string, Map<string, { start: number; count: number }>>();
  settings: RateLimitSettings = { enforce: false, scale: 1 };
  private tenantSettings = new Map<string, Partial<RateLimitSettings>>();

  constructor(private readonly clock: Clock) {}

  configure(s: Partial<RateLimitSettings>, tenant?: string): RateLimitSettings {
    if (tenant === undefined) this.settings = { ...this.settings, ...s };
    else this.tenantSettings.set(tenant, { ...this.tenantSettings.get(tenant), ...s });
    return this.effective(tenant);
  }

  effective(tenant?: string): RateLimitSettings {
    return { ...this.settings, ...(tenant === undefined ? {} : this.tenantSettings.get(tenant)) };
  }

  /** Counts one call and says where the bucket stands. */
  hit(tenant: string, bucket: BucketSpec): RateState {
    const s = this.tenantSettings.size ? this.effective(tenant) : this.settings;
    const limit = Math.max(1, Math.floor(bucket.limit * s.scale));
    const nowSec = this.clock.ms() / 1000;
    let byKey = this.windows.get(tenant);
    if (!byKey) this.windows.set(tenant, (byKey = new Map()));
    let w = byKey.get(bucket.key);
    if (!w || nowSec >= w.start + bucket.windowSec) {
      w = { start: Math.floor(nowSec / bucket.windowSec) * bucket.windowSec, count: 0 };
      byKey.set(bucket.key, w);
    }
    w.count += 1;
    const exceeded = s.enforce && w.count > limit;
    if (exceeded) w.count -= 1; // a rejected call does not consume budget
    return { bucket, limit, remaining: Math.max(0, limit - w.count), resetAt: Math.ceil(w.start + bucket.windowSec), exceeded };
  }

  reset(tenant?: string): void {
    if (tenant === undefined) this.windows.clear();
    else this.windows.delete(tenant);
  }
}
