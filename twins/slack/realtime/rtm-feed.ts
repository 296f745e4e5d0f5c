// Fans workspace events out to RTM connections, each seeing only conversations its user belongs to.
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { getConversation } from '../store.js';
import { realtime } from './runtime.js';

/** RTM streams the bare event (no Events API envelope), as https://api.slack.com/rtm describes. Returns how many connections got it. */
export function feedRtm(twin: Twin, tenant: Tenant, event: Record<string, unknown>, channel: string | undefined): number {
  const rt = realtime(twin);
  let n = 0;
  const frame = JSON.stringify(event);
  for (const c of rt.rtm.values()) {
    if (c.tenant !== tenant.name || c.ws.readyState !== c.ws.OPEN) continue;
    if (channel) {
      const conv = getConversation(tenant, channel);
      // Public channel lifecycle events reach everyone; anything else needs membership.
      const teamWide = typeof event.type === 'string' && event.type.startsWith('channel_') && (!conv || !conv.is_private);
      if (!teamWide && !(conv?.members ?? []).includes(c.userId)) continue;
    }
    c.ws.send(frame);
    n++;
  }
  return n;
}

/** Sends a frame to every RTM connection of the tenant that can see the channel, except `skip`. */
export function broadcastRtm(twin: Twin, tenant: Tenant, frame: Record<string, unknown>, channel: string, skip?: string): void {
  const conv = getConversation(tenant, channel);
  for (const c of realtime(twin).rtm.values()) {
    if (c.tenant !== tenant.name || c.id === skip || c.ws.readyState !== c.ws.OPEN) continue;
    if (!(conv?.members ?? []).includes(c.userId)) continue;
    c.ws.send(JSON.stringify(frame));
  }
}
