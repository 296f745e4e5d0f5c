/** Loads a recording of any supported format and works out which vendor it talked to. */
import { readFileSync } from 'node:fs';
import { fromHar, isHar } from './har.js';
import { cassetteFrom, parseCassette, vcrFlavor } from './vcr.js';
import type { Recording } from './exchange.js';
import type { Vendor } from '../vendors.js';

export function parseRecording(text: string, source: string): Recording {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const doc = JSON.parse(text) as unknown;
    if (isHar(doc)) return fromHar(doc, source);
    if (vcrFlavor(doc)) return cassetteFrom(doc as Record<string, unknown>, source);
    throw new Error(`${source}: JSON but neither HAR (no log.entries) nor a VCR cassette (no interactions)`);
  }
  return parseCassette(text, source);
}

export function loadRecording(file: string): Recording {
  return parseRecording(readFileSync(file, 'utf8'), file);
}

const HOSTS: Array<[RegExp, Vendor]> = [
  // Okta's own test orgs live under hyphenated domains too (`oie-00.dne-okta.com`).
  [/(^|[.-])(okta|oktapreview|okta-emea|okta-gov|okta-mil)\.com$/, 'okta'],
  [/(^|\.)slack(-edge)?\.com$/, 'slack'],
  [/(^|\.)atlassian\.(net|com)$/, 'jira'],
  [/(^|\.)(googleapis|google)\.com$/, 'google'],
];

/** The vendor named by a host (`test.okta.com` → okta, `acme.atlassian.net` → jira). */
export function vendorOfHost(host: string): Vendor | undefined {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  return HOSTS.find(([re]) => re.test(h))?.[1];
}

/** The recorder's declaration first, else the hosts the recording talked to (most frequent wins). */
export function inferVendor(rec: Recording): Vendor | undefined {
  if (rec.vendor && ['okta', 'slack', 'jira', 'google'].includes(rec.vendor)) return rec.vendor as Vendor;
  const votes = new Map<Vendor, number>();
  for (const x of rec.exchanges) {
    let host: string;
    try {
      host = new URL(x.request.url).host;
    } catch {
      continue;
    }
    const v = vendorOfHost(host);
    if (v) votes.set(v, (votes.get(v) ?? 0) + 1);
  }
  return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
