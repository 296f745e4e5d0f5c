// Test harness for the Jira twin: one server per file on an ephemeral port, a fresh site (tenant) per test, jira.js clients and raw fetch.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Version2Client, Version3Client } from 'jira.js';
import { createTwin, type Twin } from '../../src/core/twin.js';
import { listen, type Listening } from '../../src/server/node.js';
import { definition } from '../../twins/jira/index.js';

export interface SiteUser {
  accountId: string;
  email: string;
  displayName: string;
  admin: boolean;
  active: boolean;
  apiToken: string;
  accessToken: string;
}

export interface Site {
  host: string;
  creds: { host: string; email: string; apiToken: string; accountId: string; accessToken: string; accessTokenScopes: string[]; users: SiteUser[] };
  /** jira.js as the site admin. */
  client: Version3Client;
  /** jira.js as another seeded user (by display name). */
  as(displayName: string): Version3Client;
  /** jira.js REST API v2 client as the site admin. */
  v2: Version2Client;
  /** Plain HTTP against the site, authenticated as the admin unless `auth` says otherwise. */
  raw(method: string, path: string, init?: { body?: BodyInit; headers?: Record<string, string>; auth?: string | null }): Promise<Response>;
}

let counter = 0;

export async function startJira(opts: { fixture?: string; contractCheck?: boolean } = {}): Promise<{ server: Listening; twin: Twin; site(): Promise<Site> }> {
  const twin = createTwin(definition(), { seed: 'jira-tests', fixture: opts.fixture, contractCheck: opts.contractCheck ?? process.env.DTU_CONTRACT_CHECK === '1' });
  const server = await listen(twin, { port: 0 });
  if (twin.options.contractCheck) {
    // With DTU_CONTRACT_CHECK=1, list every response that strayed from the spec's schemas.
    const close = server.close.bind(server);
    server.close = async () => {
      const notes = twin.journal.query({ limit: 100000 }).flatMap((e) => (e.notes ?? []).filter((n) => n.startsWith('contract')));
      if (notes.length) console.log(`contract notes:\n${[...new Set(notes)].join('\n')}`);
      await close();
    };
  }
  return {
    server,
    twin,
    async site() {
      const name = `site-${process.pid}-${++counter}`;
      const creds = (await (await fetch(`${server.url}/t/${name}/_dtu/credentials`)).json()) as Site['creds'];
      const basic = (u: { email: string; apiToken: string }) => ({ host: creds.host, authentication: { basic: { email: u.email, apiToken: u.apiToken } } });
      const adminAuth = `Basic ${Buffer.from(`${creds.email}:${creds.apiToken}`).toString('base64')}`;
      return {
        host: creds.host,
        creds,
        client: new Version3Client(basic(creds)),
        v2: new Version2Client(basic(creds)),
        as(displayName) {
          const u = creds.users.find((x) => x.displayName === displayName);
          if (!u) throw new Error(`no seeded user ${displayName}`);
          return new Version3Client(basic(u));
        },
        raw(method, path, init = {}) {
          const headers: Record<string, string> = { ...(init.headers ?? {}) };
          const auth = init.auth === undefined ? adminAuth : init.auth;
          if (auth !== null) headers.authorization = auth;
          return fetch(`${creds.host}${path}`, { method, body: init.body, headers });
        },
      };
    },
  };
}

/** The HTTP status and body of a failed jira.js call (jira.js leaves Jira's ErrorCollection unparsed in `response.data`). */
export async function failure(p: Promise<unknown>): Promise<{ status: number; data: any }> {
  try {
    await p;
  } catch (e: any) {
    const status = e?.status ?? e?.response?.status ?? e?.cause?.response?.status;
    const data = e?.response?.data ?? e?.cause?.response?.data;
    if (typeof status !== 'number') throw e;
    return { status, data };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** A one-paragraph Atlassian document. */
export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

/**
 * The set-up every Jira test file shares: one twin server for the file, a fresh site per test.
 * `const env = useSite();` then `env.site` / `env.jira` inside tests.
 */
export function useSite(opts: { fixture?: string; contractCheck?: boolean } = {}): { readonly jira: Awaited<ReturnType<typeof startJira>>; readonly site: Site } {
  let jira: Awaited<ReturnType<typeof startJira>> | undefined;
  let site: Site | undefined;
  beforeAll(async () => {
    jira = await startJira(opts);
  });
  afterAll(async () => {
    await jira?.server.close();
  });
  beforeEach(async () => {
    site = await jira!.site();
  });
  return {
    get jira() {
      return jira!;
    },
    get site() {
      return site!;
    },
  };
}
