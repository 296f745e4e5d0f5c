/** The soak's webhook receiver: one loopback HTTP server taking Slack Events API, Okta event hook and Google push requests, counting what each delivered. */
import { createServer, type IncomingMessage } from 'node:http';

export interface Received {
  /** Slack messages by text (`event_callback` deliveries), and event_ids seen more than once. */
  slack: Map<string, number>;
  slackRepeats: number;
  /** Okta `user.lifecycle.create` events by target user id, and event uuids seen more than once. */
  okta: Map<string, number>;
  oktaRepeats: number;
  /** Google notifications per channel by X-Goog-Message-Number. */
  google: Map<string, Map<number, number>>;
  /** Requests the receiver could not read as its vendor's format. */
  malformed: string[];
}

export interface Receiver {
  url: string;
  got: Received;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (s += d));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/** Starts the receiver on an ephemeral loopback port; `textPrefix` picks the Slack messages worth counting. */
export async function startReceiver(textPrefix: string): Promise<Receiver> {
  const got: Received = { slack: new Map(), slackRepeats: 0, okta: new Map(), oktaRepeats: 0, google: new Map(), malformed: [] };
  const slackIds = new Set<string>();
  const oktaIds = new Set<string>();
  const server = createServer(async (req, res) => {
    const body = await readBody(req).catch(() => '');
    const path = (req.url ?? '').split('?')[0];
    try {
      if (path === '/slack') {
        const b = JSON.parse(body);
        // Slack's request URL handshake (api.slack.com/events/url_verification).
        if (b.type === 'url_verification') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ challenge: b.challenge }));
        if (b.type !== 'event_callback' || typeof b.event_id !== 'string') throw new Error(`slack ${b.type}`);
        if (slackIds.has(b.event_id)) got.slackRepeats++;
        slackIds.add(b.event_id);
        const e = b.event;
        if (e?.type === 'message' && !e.subtype && typeof e.text === 'string' && e.text.startsWith(textPrefix)) bump(got.slack, e.text);
      } else if (path === '/okta') {
        // Okta's one-time verification echoes the challenge header (developer.okta.com "Event hooks", "One-time verification request").
        if (req.method === 'GET') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ verification: req.headers['x-okta-verification-challenge'] }));
        const b = JSON.parse(body);
        if (b.eventType !== 'com.okta.event_hook' || !Array.isArray(b.data?.events)) throw new Error(`okta ${b.eventType}`);
        for (const e of b.data.events) {
          if (oktaIds.has(e.uuid)) got.oktaRepeats++;
          oktaIds.add(e.uuid);
          if (e.eventType === 'user.lifecycle.create') bump(got.okta, e.target?.[0]?.id);
        }
      } else if (path === '/google') {
        const channel = String(req.headers['x-goog-channel-id'] ?? '');
        const n = Number(req.headers['x-goog-message-number']);
        if (!channel || !Number.isInteger(n)) throw new Error('google push without channel id or message number');
        let byNumber = got.google.get(channel);
        if (!byNumber) got.google.set(channel, (byNumber = new Map()));
        bump(byNumber, n);
      } else throw new Error(`unknown path ${path}`);
    } catch (e) {
      if (got.malformed.length < 20) got.malformed.push(`${path}: ${(e as Error).message}`);
    }
    res.writeHead(200).end();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    got,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Google message numbers a channel should have (1..max): how many are missing and how many arrived twice. */
export function pushGaps(byNumber: Map<number, number> | undefined): { max: number; missing: number; repeats: number } {
  if (!byNumber?.size) return { max: 0, missing: 0, repeats: 0 };
  const max = Math.max(...byNumber.keys());
  let missing = 0;
  for (let i = 1; i <= max; i++) if (!byNumber.has(i)) missing++;
  return { max, missing, repeats: [...byNumber.values()].filter((n) => n > 1).length };
}
