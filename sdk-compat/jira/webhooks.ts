// jira.js compat: an OAuth 2.0 app registers dynamic webhooks (per-webhook results), lists and refreshes them, sees a delivery its receiver refused among the failed webhooks, and deletes them.
import { Version2Client, Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'dynamic webhooks: register, list, refresh, failed deliveries, delete (OAuth 2.0 app)' },
  async (jira, ctx, t, api) => {
    // "Only Connect and OAuth 2.0 apps can use this operation." https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-webhooks/
    const config = { host: ctx.baseUrl, authentication: { oauth2: { accessToken: ctx.credentials.accessToken as string } } };
    const app = (api === 3 ? t.track(new Version3Client(config), '') : (t.track(new Version2Client(config), 'v2') as unknown as Version3Client)).webhooks;
    await t.expectError(() => jira.webhooks.getDynamicWebhooksForApp(), (e) => e.status === 403, 'user credentials cannot manage dynamic webhooks');

    const me = await jira.myself.getCurrentUser();
    await jira.projects.createProject({ key: 'HOOK', name: 'Hooked', projectTypeKey: 'software', leadAccountId: me.accountId! });
    // A receiver that refuses deliveries: a path the site itself answers 404 on (a 4xx other than 408/409/425/429 is not retried).
    const url = `${ctx.baseUrl}/hooks/refusing-receiver`;
    const reg = await app.registerDynamicWebhooks({
      url,
      webhooks: [
        { events: ['jira:issue_created'], jqlFilter: 'project = HOOK' },
        // Dynamic webhook JQL supports only a few fields and =, !=, IN, NOT IN. https://developer.atlassian.com/cloud/jira/platform/webhooks/#supported-jql-queries
        { events: ['jira:issue_updated'], jqlFilter: 'summary ~ "release"' },
      ],
    });
    const [ok, bad] = reg.webhookRegistrationResult ?? [];
    t.check(typeof ok?.createdWebhookId === 'number' && !ok.errors?.length && bad?.errors?.length === 1 && bad.createdWebhookId === undefined, 'registerDynamicWebhooks answers each webhook on its own', reg);
    const id = ok!.createdWebhookId!;

    const listed = await app.getDynamicWebhooksForApp();
    const hook = listed.values?.[0];
    t.check(listed.total === 1 && hook?.id === id && hook.jqlFilter === 'project = HOOK' && hook.events?.join() === 'jira:issue_created' && typeof hook.expirationDate === 'number', 'getDynamicWebhooksForApp lists the registered one', listed);
    const refreshed = await app.refreshWebhooks({ webhookIds: [id] });
    t.check(typeof refreshed.expirationDate === 'number' && refreshed.expirationDate >= Number(hook?.expirationDate), 'refreshWebhooks answers the new expiry, no earlier than before', refreshed);

    const issue = await jira.issues.createIssue({ fields: { project: { key: 'HOOK' }, summary: 'Tell the app', issuetype: { name: 'Task' } } });
    await ctx.control('POST', 'jira/webhooks/flush');
    const failed = await app.getFailedWebhooks();
    const body = JSON.parse(failed.values?.[0]?.body ?? '{}');
    t.check(failed.values?.length === 1 && failed.values[0].url === url && body.webhookEvent === 'jira:issue_created' && body.issue?.key === issue.key && body.matchedWebhookIds?.includes(id), 'getFailedWebhooks lists the refused delivery with its payload', failed);

    await app.deleteWebhookById({ webhookIds: [id] });
    const after = await app.getDynamicWebhooksForApp();
    t.checkEffect(after.total === 0 && after.values?.length === 0, 'deleteWebhookById removes it', after);
  },
);
