/** The environment variables an SDK needs for one tenant of a twin, as `dtu env` prints them (without writing a key file). */
import type { VendorCredentials } from '../credentials.js';
import { sdkEnv } from '../sdk-env.js';
import type { Vendor } from '../vendors.js';

export function envVars(vendor: Vendor, c: Record<string, unknown>, baseUrl: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(sdkEnv(vendor, c as unknown as VendorCredentials[Vendor], baseUrl))) if (v !== undefined) out[k] = v;
  return out;
}
