// Fans workspace events out to RTM connections, each seeing only conversations its user belongs to; ephemeral messages go to their one recipient.
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { getConversation } from '../store.js';
import { realtime } from './runtime.js';

/** RTM streams the bare event (no Events API envelope), as https://api.slack.com/rtm describes. Returns how many connections got it. */
export function feedRtm(twin: Twin, tenant: Tenant, event: Record<string, unknown>, channel: string | undefined): number {
  const rt = realtime(twin);
  let n = 0;
  // Serialized once, for the first connection that gets it (most posts reach none).
  let frame: string | undefined;
  for (const c of rt.rtm.values()) {
    if (c.tenant !== tenant.name || c.ws.readyState !== c.ws.OPEN) continue;
    if (channel) {
      const conv = getConversation(tenant, channel);
      // Public channel lifecycle events reach everyone; anything else needs membership.
      const teamWide = typeof event.type === 'string' && event.type.startsWith('channel_') && (!conv || !conv.is_private);
      if (!teamWide && !(conv?.members ?? []).includes(c.userId)) continue;
    }
    c.ws.send((frame ??= JSON.stringify(event)));
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

/**
 * An ephemeral message reaches only the recipient's live clients: it is never
 * stored in history nor sent through the Events API, so neither HTTP nor
 * Socket Mode apps receive it, and a person with no client connected never
 * sees it ("ephemeral message delivery is not guaranteed",
 * https://docs.slack.dev/reference/methods/chat.postEphemeral). Returns how
 * many connections got it.
 */
export function deliverEphemeral(twin: Twin, tenant: Tenant, userId: string, message: Record<string, unknown>): number {
  const frame = JSON.stringify({ type: 'message', ...message, is_ephemeral: true });
  let n = 0;
  for (const c of realtime(twin).rtm.values()) {
    if (c.tenant !== tenant.name || c.userId !== userId || c.ws.readyState !== c.ws.OPEN) continue;
    c.ws.send(frame);
    n++;
  }
  return n;
}
