/**
 * The four twins by name. Definitions load lazily so starting one twin does not
 * pay for the others' digests.
 */
import type { TwinDefinition, TwinOptions } from './core/twin.js';
import { Twin } from './core/twin.js';

export const VENDORS = ['okta', 'slack', 'jira', 'google'] as const;
export type Vendor = (typeof VENDORS)[number];

export function isVendor(v: string): v is Vendor {
  return (VENDORS as readonly string[]).includes(v);
}

export async function loadDefinition(vendor: Vendor): Promise<TwinDefinition> {
  // Static specifiers (not a template) so every bundler and test runner can follow them.
  switch (vendor) {
    case 'okta': return (await import('../twins/okta/index.js')).definition();
    case 'slack': return (await import('../twins/slack/index.js')).definition();
    case 'jira': return (await import('../twins/jira/index.js')).definition();
    case 'google': return (await import('../twins/google/index.js')).definition();
  }
}

export async function createVendorTwin(vendor: Vendor, options?: TwinOptions): Promise<Twin> {
  return new Twin(await loadDefinition(vendor), options);
}
