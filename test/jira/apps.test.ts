// Apps on the site: Connect JWT checks (signature, expiry, qsh), app-only operations refusing user credentials, DevOps stores ordered by sequence number, and bulk issue tasks.
import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { AgileClient, Version3Client } from 'jira.js';
import { canonicalRequest, queryStringHash } from '../../twins/jira/connect-jwt.js';
import { failure, useSite } from './helpers.js';

const env = useSite();

interface ConnectCreds {
  key: string;
  sharedSecret: string;
}

const connectOf = () => env.site.creds as unknown as { connectApp: ConnectCreds; forgeApp: { accessToken: string } };

/** A Connect JWT for one request, signed the way Atlassian documents (qsh over the site-relative path). */
async function jwtFor(method: string, path: string, opts: { secret?: string; exp?: number; qshPath?: string } = {}) {
  const { key, sharedSecret } = connectOf().connectApp;
  const url = new URL(`http://site${opts.qshPath ?? path}`);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ qsh: queryStringHash(method, url.pathname, url.searchParams) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(key)
    .setIssuedAt(now)
    .setExpirationTime(opts.exp ?? now + 180)
    .sign(new TextEncoder().encode(opts.secret ?? sharedSecret));
}

describe('Connect JWT', () => {
  it('builds the canonical request Atlassian documents: sorted, encoded, jwt excluded, trailing slash dropped', () => {
    const q = new URLSearchParams('b=2&a=x y&a=1&jwt=abc');
    expect(canonicalRequest('get', '/rest/api/3/issue/', q)).toBe('GET&/rest/api/3/issue&a=1,x%20y&b=2');
  });

  it('accepts a signed request and refuses a bad signature, a stale token and a qsh for another path', async () => {
    const path = '/rest/atlassian-connect/1/app/module/dynamic';
    const ok = await env.site.raw('GET', path, { auth: `JWT ${await jwtFor('GET', path)}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ modules: [] });
    for (const auth of [
      await jwtFor('GET', path, { secret: 'wrong' }),
      await jwtFor('GET', path, { exp: Math.floor(Date.now() / 1000) - 3600 }),
      await jwtFor('GET', path, { qshPath: '/rest/api/3/myself' }),
    ]) {
      expect((await env.site.raw('GET', path, { auth: `JWT ${auth}` })).status).toBe(401);
    }
  });

  it('lets the app call as its own account, which holds no product access', async () => {
    const me = await env.site.raw('GET', '/rest/api/3/myself', { auth: `JWT ${await jwtFor('GET', '/rest/api/3/myself')}` });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { accountType: string; displayName: string };
    expect(body).toMatchObject({ accountType: 'app', displayName: 'DTU Connect App' });
  });
});

describe('app-only operations', () => {
  it('refuse user credentials with Jira 403 and take the app', async () => {
    const denied = await failure(env.site.client.appProperties.getAddonProperties({ addonKey: connectOf().connectApp.key }));
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.data)).toContain('Only Connect and Forge apps can use this operation.');
    const app = new Version3Client({ host: env.site.host, authentication: { jwt: { issuer: connectOf().connectApp.key, secret: connectOf().connectApp.sharedSecret } } });
    await app.appProperties.putAddonProperty({ addonKey: connectOf().connectApp.key, propertyKey: 'k', propertyValue: { n: 1 } });
    expect((await app.appProperties.getAddonProperty({ addonKey: connectOf().connectApp.key, propertyKey: 'k' })).value).toEqual({ n: 1 });
  });

  it('keep Forge properties from Connect apps and users alike', async () => {
    const forge = new Version3Client({ host: env.site.host, authentication: { oauth2: { accessToken: connectOf().forgeApp.accessToken } } });
    await forge.appProperties.putAppProperty({ propertyKey: 'flag', propertyValue: { on: true } as never });
    expect((await forge.appProperties.getForgeAppPropertyKeys()).keys?.map((k) => k.key)).toEqual(['flag']);
    expect((await failure(env.site.client.appProperties.getForgeAppPropertyKeys())).status).toBe(403);
  });

  it('refuse email lookups to users with 400 and answer apps', async () => {
    const mate = env.site.creds.users.find((u) => !u.admin && u.active)!;
    expect((await failure(env.site.client.users.getUserEmail({ accountId: mate.accountId }))).status).toBe(400);
    const app = new Version3Client({ host: env.site.host, authentication: { jwt: { issuer: connectOf().connectApp.key, secret: connectOf().connectApp.sharedSecret } } });
    expect(await app.users.getUserEmail({ accountId: mate.accountId })).toEqual({ accountId: mate.accountId, email: mate.email });
  });
});

describe('DevOps stores', () => {
  it('keep the highest update sequence number per build and belong to the app that sent them', async () => {
    const agile = new AgileClient({ host: env.site.host, authentication: { jwt: { issuer: connectOf().connectApp.key, secret: connectOf().connectApp.sharedSecret } } });
    const build = { schemaVersion: '1.0', pipelineId: 'p', buildNumber: 1, updateSequenceNumber: 5, displayName: 'b1', url: 'https://ci/1', state: 'successful', lastUpdated: '2026-01-01T00:00:00Z', issueKeys: ['ENG-1'] };
    await agile.builds.submitBuilds({ builds: [build] });
    const older = await agile.builds.submitBuilds({ builds: [{ ...build, updateSequenceNumber: 4, state: 'failed' }] });
    expect(older.acceptedBuilds).toEqual([{ pipelineId: 'p', buildNumber: 1 }]);
    expect((await agile.builds.getBuildByKey({ pipelineId: 'p', buildNumber: 1 })).state).toBe('successful');
    await agile.builds.submitBuilds({ builds: [{ ...build, updateSequenceNumber: 6, state: 'failed' }] });
    expect((await agile.builds.getBuildByKey({ pipelineId: 'p', buildNumber: 1 })).state).toBe('failed');
    const user = new AgileClient({ host: env.site.host, authentication: { basic: { email: env.site.creds.email, apiToken: env.site.creds.apiToken } } });
    expect((await failure(user.builds.getBuildByKey({ pipelineId: 'p', buildNumber: 1 }))).status).toBe(403);
  });
});

describe('bulk issue operations', () => {
  it('report failures per issue in Jira\'s words and leave those issues alone', async () => {
    const made = await env.site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Stay put' } });
    const task = await env.site.client.issueBulkOperations.submitBulkTransition({ bulkTransitionInputs: [{ selectedIssueIdsOrKeys: [made.key!, 'ENG-99999'], transitionId: '999' }] });
    const progress = await env.site.client.issueBulkOperations.getBulkOperationProgress({ taskId: task.taskId! });
    expect(progress).toMatchObject({ status: 'COMPLETE', totalIssueCount: 2, invalidOrInaccessibleIssueCount: 1, processedAccessibleIssues: [] });
    expect(progress.failedAccessibleIssues).toEqual({ [made.id!]: ["Transition id '999' is not valid for this issue."] });
    expect((await env.site.client.issues.getIssue({ issueIdOrKey: made.key!, fields: ['status'] })).fields.status?.name).toBe('To Do');
  });
});
