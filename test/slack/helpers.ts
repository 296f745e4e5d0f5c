/** Test harness for the Slack twin: one socket-served twin per file, a fresh workspace per test, SDK clients without retries. */
import { WebClient } from '@slack/web-api';
import { createVendorTwin } from '../../src/vendors.js';
import { listen, type Listening } from '../../src/server/node.js';

export interface SlackCreds {
  apiUrl: string;
  botToken: string;
  userToken: string;
  appToken: string;
  adminToken: string;
  signingSecret: string;
  clientId: string;
  clientSecret: string;
  teamId: string;
  enterpriseId: string;
  botUserId: string;
  botId: string;
  appId: string;
  installerUserId: string;
}

export interface Workspace {
  url: string;
  base: string;
  tenant: string;
  creds: SlackCreds;
  bot: WebClient;
  /** Client with the installing person's user token (xoxp). */
  userClient: WebClient;
  admin: WebClient;
  client(token: string): WebClient;
  /** Raw call for wire-level checks the SDK hides. */
  raw(path: string, init?: RequestInit): Promise<Response>;
  control(method: string, path: string, body?: unknown): Promise<any>;
}

let counter = 0;

export async function startSlack(): Promise<Listening> {
  return listen(await createVendorTwin('slack'), { port: 0 });
}

/** A fresh tenant named after the test, so tests never share state. */
export async function workspace(server: Listening, label = 'ws'): Promise<Workspace> {
  const tenant = `${label.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 40)}-${process.pid}-${++counter}`;
  const base = `${server.url}/t/${tenant}`;
  const creds = (await (await fetch(`${base}/_dtu/credentials`)).json()) as SlackCreds;
  const client = (token: string) => new WebClient(token, { slackApiUrl: creds.apiUrl, retryConfig: { retries: 0 } });
  return {
    url: server.url,
    base,
    tenant,
    creds,
    bot: client(creds.botToken),
    userClient: client(creds.userToken),
    admin: client(creds.adminToken),
    client,
    raw: (path, init) => fetch(`${base}${path}`, init),
    control: async (method, path, body) => {
      const res = await fetch(`${base}/_dtu/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return res.json();
    },
  };
}

/** The Slack error code of a failed SDK call. */
export async function slackError(p: Promise<unknown>): Promise<{ error: string; data: any }> {
  try {
    await p;
  } catch (e: any) {
    if (e?.data?.error) return { error: e.data.error, data: e.data };
    throw e;
  }
  throw new Error('expected the call to fail');
}

/** Channel id by name, through the API (as an app would find it). */
export async function channelId(client: WebClient, name: string): Promise<string> {
  const res = await client.conversations.list({ types: 'public_channel,private_channel', limit: 1000 });
  const c = res.channels?.find((x) => x.name === name);
  if (!c?.id) throw new Error(`no channel ${name}`);
  return c.id;
}

/**
 * A user token for another person of the workspace (as if they installed the
 * app too), for tests that need a non-admin or a second human caller.
 */
export async function personClient(server: Listening, ws: Workspace, name: string, scopes?: string[]): Promise<{ client: WebClient; userId: string; token: string }> {
  const { users, apps, tokens } = await import('../../twins/slack/store.js');
  const { issueToken } = await import('../../twins/slack/model/tokens.js');
  const t = server.twin.tenant(ws.tenant);
  const u = users(t).find((x) => x.name === name);
  const app = apps(t).get(ws.creds.appId);
  if (!u || !app) throw new Error(`no person ${name}`);
  const installer = tokens(t).find((x) => x.type === 'user' && x.app_id === app.id);
  const doc = issueToken(t, 'user', app, u.id, scopes ?? installer?.scopes ?? [], ws.creds.teamId);
  return { client: ws.client(doc.token), userId: u.id, token: doc.token };
}
