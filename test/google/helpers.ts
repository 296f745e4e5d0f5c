/** Starts the Google twin on an ephemeral port and hands each test a fresh tenant with googleapis clients pointed at it. */
import { afterAll, beforeAll } from 'vitest';
import { google, type docs_v1 } from 'googleapis';
import { createVendorTwin } from '../../src/vendors.js';
import { listen, type Listening } from '../../src/server/node.js';

export interface GoogleCreds {
  rootUrl: string;
  tokenUrl: string;
  accessToken: string;
  refreshToken: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  customerId: string;
  domain: string;
  adminEmail: string;
  userTokens: Record<string, string>;
  tokens: Record<string, string>;
  serviceAccount: { client_email: string; private_key: string; private_key_id: string; token_uri: string; client_id: string };
}

export async function startTwin(): Promise<Listening> {
  return listen(await createVendorTwin('google'), { port: 0 });
}

let counter = 0;

/** A tenant no other test uses; its tokens route requests to it even without a path prefix. */
export async function freshTenant(l: Pick<Listening, 'url'>): Promise<{ name: string; creds: GoogleCreds; base: string }> {
  const name = `g${process.pid}-${++counter}`;
  const res = await fetch(`${l.url}/t/${name}/_dtu/credentials`);
  return { name, creds: (await res.json()) as GoogleCreds, base: `${l.url}/t/${name}` };
}

export function oauth(token: string) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  return auth;
}

/** Clients for one token. `rootUrl` is per API (origin only); retries are off so error tests see one exchange. */
export function clients(l: Pick<Listening, 'url'>, token: string) {
  const auth = oauth(token);
  const rootUrl = `${l.url}/`;
  return {
    auth,
    rootUrl,
    drive: google.drive({ version: 'v3', auth, rootUrl, retry: false }),
    sheets: google.sheets({ version: 'v4', auth, rootUrl, retry: false }),
    docs: google.docs({ version: 'v1', auth, rootUrl, retry: false }),
    admin: google.admin({ version: 'directory_v1', auth, rootUrl, retry: false }),
  };
}

/** A fresh tenant's clients as its admin, with `email('alice')` naming a user of its domain. */
export async function directoryTenant(l: Pick<Listening, 'url'>) {
  const { creds, base } = await freshTenant(l);
  return { ...clients(l, creds.accessToken), creds, base, email: (who: string) => `${who}@${creds.domain}` };
}

/** A new Docs document in a fresh tenant, holding `text` (none when empty), with batchUpdate and get bound to it. */
export async function docsDocument(l: Pick<Listening, 'url'>, text: string) {
  const { creds } = await freshTenant(l);
  const c = clients(l, creds.accessToken);
  const id = (await c.docs.documents.create({ requestBody: { title: 'Doc' } })).data.documentId!;
  if (text) await c.docs.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text } }] } });
  const update = (requests: docs_v1.Schema$Request[]) => c.docs.documents.batchUpdate({ documentId: id, requestBody: { requests } });
  const get = async (suggestionsViewMode?: string) => (await c.docs.documents.get({ documentId: id, suggestionsViewMode })).data;
  return { ...c, id, update, get };
}

/** Starts a twin for the file's tests and returns the factory of new documents on it. */
export function useDocs() {
  let l: Listening;
  beforeAll(async () => {
    l = await startTwin();
  });
  afterAll(async () => {
    await l.close();
  });
  return (text: string) => docsDocument(l, text);
}

/** Runs a call that must fail and returns its status and raw error body. */
export async function failure(p: Promise<unknown>): Promise<{ status: number; body: any; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; response?: { status: number; data: unknown; headers: Headers | Record<string, string> } };
    const h = err.response?.headers;
    const headers: Record<string, string> = {};
    if (h && typeof (h as Headers).forEach === 'function') (h as Headers).forEach((v, k) => (headers[k] = v));
    else Object.assign(headers, h ?? {});
    return { status: err.response?.status ?? err.status ?? 0, body: err.response?.data, headers };
  }
  throw new Error('expected the call to fail');
}

export const SCOPES = {
  drive: 'https://www.googleapis.com/auth/drive',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  docs: 'https://www.googleapis.com/auth/documents',
  adminUser: 'https://www.googleapis.com/auth/admin.directory.user',
  adminUserReadonly: 'https://www.googleapis.com/auth/admin.directory.user.readonly',
};

/** One twin for a test file, started before its tests and closed after; Gmail and Calendar clients for a token on it. */
export function useTwin(): { readonly url: string; gmail(token: string): ReturnType<typeof google.gmail>; calendar(token: string): ReturnType<typeof google.calendar> } {
  let l: Listening | undefined;
  beforeAll(async () => {
    l = await startTwin();
  });
  afterAll(async () => {
    await l?.close();
  });
  return {
    get url() {
      return l!.url;
    },
    gmail: (token) => google.gmail({ version: 'v1', auth: oauth(token), rootUrl: `${l!.url}/`, retry: false }),
    calendar: (token) => google.calendar({ version: 'v3', auth: oauth(token), rootUrl: `${l!.url}/`, retry: false }),
  };
}
