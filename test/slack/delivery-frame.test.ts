// A delivery keeps its payload as JSON text; what apps receive and what the control plane shows must be what the object form gave.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { socketFrame } from '../../twins/slack/realtime/delivery.js';
import { deliveryView, type Delivery, type DeliveryKind } from '../../twins/slack/realtime/runtime.js';

const kinds: DeliveryKind[] = ['events_api', 'slash_commands', 'interactive'];

describe('a delivery kept as text', () => {
  it('frames a Socket Mode envelope byte for byte as JSON.stringify frames the object', () => {
    fc.assert(
      fc.property(fc.object(), fc.constantFrom(...kinds), fc.boolean(), fc.nat(3), fc.option(fc.string(), { nil: undefined }), fc.uuid(), (payload, kind, accepts, attempt, reason, envId) => {
        const clean = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
        const d = { kind, payloadText: JSON.stringify(clean), acceptsResponsePayload: accepts, retryReason: reason } as Delivery;
        // The object form the envelope was written from before (Slack's Socket Mode envelope fields).
        const frame: Record<string, unknown> = { envelope_id: envId, payload: clean, type: kind, accepts_response_payload: accepts };
        if (kind === 'events_api') {
          frame.retry_attempt = attempt;
          frame.retry_reason = attempt ? (reason ?? 'timeout') : '';
        }
        expect(socketFrame(d, envId, attempt)).toBe(JSON.stringify(frame));
      }),
    );
  });

  it('shows its payload in the control plane where the field stood, as the value enqueued', () => {
    const payload = { token: 't', event: { type: 'message', text: 'hi', blocks: [{ type: 'rich_text', elements: [] }] }, event_time: 1 };
    const d: Delivery = { id: 'a', tenant: 'default', appId: 'A1', kind: 'events_api', payloadText: JSON.stringify(payload), acceptsResponsePayload: false, retryable: true, state: 'pending', attempts: [], dueAt: 0, createdAt: 0, envelopeIds: [], waiters: [] };
    const view = deliveryView(d);
    expect(Object.keys(view)).toEqual(['id', 'tenant', 'appId', 'kind', 'payload', 'acceptsResponsePayload', 'retryable', 'state', 'attempts', 'dueAt', 'createdAt', 'envelopeIds', 'deadline']);
    expect(view.payload).toEqual(payload);
    expect(JSON.stringify(view)).toBe(`{"id":"a","tenant":"default","appId":"A1","kind":"events_api","payload":${JSON.stringify(payload)},"acceptsResponsePayload":false,"retryable":true,"state":"pending","attempts":[],"dueAt":"1970-01-01T00:00:00.000Z","createdAt":"1970-01-01T00:00:00.000Z","envelopeIds":[]}`);
  });
});
