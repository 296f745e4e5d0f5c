// Outbound HTTP to an app's request URLs, signed exactly as Slack signs its requests.
import { createHmac } from 'node:crypto';

/**
 * `X-Slack-Signature: v0=hex(HMAC-SHA256(signing_secret, "v0:" + timestamp + ":" + body))`
 * — the basestring from https://api.slack.com/authentication/verifying-requests-from-slack.
 */
export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface OutboundRequest {
  url: string;
  body: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  signingSecret: string;
  timestampSec: number;
  /** Retry headers (https://api.slack.com/apis/events-api#retries): set from the second attempt on. */
  retryNum?: number;
  retryReason?: string;
  signal?: AbortSignal;
}

export interface OutboundResult {
  /** `ok` = 2xx; otherwise the reason Slack would name in `X-Slack-Retry-Reason`. */
  outcome: 'ok' | 'http_error' | 'connection_failed' | 'aborted';
  status?: number;
  body?: string;
  contentType?: string;
  /** The app answered `X-Slack-No-Retry: 1` (Slack honors it on failures). */
  noRetry?: boolean;
  error?: string;
}

export async function sendSigned(r: OutboundRequest): Promise<OutboundResult> {
  const headers: Record<string, string> = {
    'content-type': r.contentType,
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    accept: '*/*',
    'x-slack-request-timestamp': String(r.timestampSec),
    'x-slack-signature': slackSignature(r.signingSecret, r.timestampSec, r.body),
  };
  if (r.retryNum) {
    headers['x-slack-retry-num'] = String(r.retryNum);
    headers['x-slack-retry-reason'] = r.retryReason ?? 'unknown_error';
  }
  let res: Response;
  try {
    res = await fetch(r.url, { method: 'POST', headers, body: r.body, signal: r.signal, redirect: 'follow' });
  } catch (e) {
    if (r.signal?.aborted) return { outcome: 'aborted' };
    return { outcome: 'connection_failed', error: (e as Error).message };
  }
  let body = '';
  try {
    body = await res.text();
  } catch (e) {
    if (r.signal?.aborted) return { outcome: 'aborted' };
    return { outcome: 'connection_failed', status: res.status, error: (e as Error).message };
  }
  const ok = res.status >= 200 && res.status < 300;
  return {
    outcome: ok ? 'ok' : 'http_error',
    status: res.status,
    body,
    contentType: res.headers.get('content-type') ?? undefined,
    noRetry: res.headers.get('x-slack-no-retry') === '1',
  };
}

/** An app's HTTP answer as an ack payload: JSON when it parses, else text becomes `{text}` (slash commands). */
export function ackFromBody(body: string | undefined, contentType: string | undefined): Record<string, unknown> | undefined {
  if (!body || !body.trim()) return undefined;
  if ((contentType ?? '').includes('json') || /^\s*[{[]/.test(body)) {
    try {
      const v = JSON.parse(body) as unknown;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    } catch {
      // fall through: Slack shows a non-JSON body as text
    }
  }
  return { text: body };
}
