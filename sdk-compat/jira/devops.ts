// jira.js compat: a Connect app (JWT signed with its shared secret, qsh per request) feeds Jira Software's DevOps APIs — builds, deployments, repositories, components, feature flags, incidents, remote links, vulnerabilities — and a user's API token is refused there.
import { AgileClient } from 'jira.js';
import type { Scenario } from '../types.js';

interface ConnectApp {
  key: string;
  sharedSecret: string;
}

const now = '2026-01-01T10:00:00.000Z';
const isGone = (e: { status?: number }) => e.status === 404;

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'DevOps data from a Connect app: builds, deployments, dev info, components, flags, operations, remote links, security',
  async run(ctx, t) {
    const app = ctx.credentials.connectApp as ConnectApp;
    const agile = t.track(new AgileClient({ host: ctx.baseUrl, authentication: { jwt: { issuer: app.key, secret: app.sharedSecret } } }), '');
    const asUser = t.track(new AgileClient({ host: ctx.baseUrl, authentication: { basic: { email: ctx.credentials.email as string, apiToken: ctx.credentials.apiToken as string } } }), '');
    const forged = t.track(new AgileClient({ host: ctx.baseUrl, authentication: { jwt: { issuer: app.key, secret: 'not-the-shared-secret' } } }), '');

    // App-only: a user's credential is refused with Jira's 403; a JWT signed with the wrong secret is unauthenticated.
    await t.expectError(() => asUser.builds.getBuildByKey({ pipelineId: 'p', buildNumber: 1 }), (e) => e.status === 403 && /Connect and Forge apps/.test(JSON.stringify(e.data ?? e.response?.data ?? e.message)), 'builds refuse a user API token');
    await t.expectError(() => forged.builds.getBuildByKey({ pipelineId: 'p', buildNumber: 1 }), (e) => e.status === 401, 'a JWT with the wrong signature is refused');

    // Builds — https://developer.atlassian.com/cloud/jira/software/rest/api-group-builds/
    const build = { schemaVersion: '1.0', pipelineId: 'ci-main', buildNumber: 42, updateSequenceNumber: 1, displayName: 'main #42', url: 'https://ci.example.com/42', state: 'successful', lastUpdated: now, issueKeys: ['ENG-1', 'NOPE-9'], testInfo: { totalNumber: 10, numberPassed: 10, numberFailed: 0, numberSkipped: 0 } };
    const builds = await agile.builds.submitBuilds({ properties: { repo: 'api' }, builds: [build] });
    t.check(builds.acceptedBuilds?.[0]?.buildNumber === 42 && builds.rejectedBuilds?.length === 0 && builds.unknownIssueKeys?.join() === 'NOPE-9', 'submitBuilds accepts the build and names the unknown issue key', builds);
    await t.expectError(() => agile.builds.submitBuilds({ builds: [{ pipelineId: 'ci-main' } as never] }), (e) => e.status === 400, 'an incomplete build is refused');
    const stale = await agile.builds.submitBuilds({ builds: [{ ...build, updateSequenceNumber: 0, state: 'failed' }] });
    t.check(stale.acceptedBuilds?.length === 1, 'an older update is accepted …', stale);
    const got = await agile.builds.getBuildByKey({ pipelineId: 'ci-main', buildNumber: 42 });
    t.check(got.state === 'successful' && got.displayName === 'main #42', '… but the newer build is kept', got);
    await agile.builds.deleteBuildByKey({ pipelineId: 'ci-main', buildNumber: 42 });
    await t.expectError(() => agile.builds.getBuildByKey({ pipelineId: 'ci-main', buildNumber: 42 }), isGone, 'deleteBuildByKey removes it', { effect: true });
    // jira.js sends only `_updateSequenceNumber` here, never a property, and Jira wants one to select by.
    await t.expectError(() => agile.builds.deleteBuildsByProperty({ updateSequenceNumber: 1 }), (e) => e.status === 400, 'a bulk delete needs a property');

    // Deployments — https://developer.atlassian.com/cloud/jira/software/rest/api-group-deployments/
    const deployment = {
      schemaVersion: '1.0', deploymentSequenceNumber: 7, updateSequenceNumber: 1, displayName: 'Deploy 7', url: 'https://cd.example.com/7', description: 'Release', lastUpdated: now, state: 'successful',
      associations: [{ associationType: 'issueKeys', values: ['ENG-2'] }], pipeline: { id: 'cd', displayName: 'CD', url: 'https://cd.example.com' }, environment: { id: 'prod', displayName: 'Production', type: 'production' },
    };
    const deployed = await agile.deployments.submitDeployments({ deployments: [deployment as never] });
    t.check(deployed.acceptedDeployments?.[0]?.environmentId === 'prod' && deployed.unknownIssueKeys?.length === 0, 'submitDeployments accepts the deployment', deployed);
    const dep = await agile.deployments.getDeploymentByKey({ pipelineId: 'cd', environmentId: 'prod', deploymentSequenceNumber: 7 });
    t.check(dep.environment?.type === 'production' && dep.state === 'successful', 'getDeploymentByKey reads it back', dep);
    await agile.deployments.deleteDeploymentByKey({ pipelineId: 'cd', environmentId: 'prod', deploymentSequenceNumber: 7 });
    await t.expectError(() => agile.deployments.getDeploymentByKey({ pipelineId: 'cd', environmentId: 'prod', deploymentSequenceNumber: 7 }), isGone, 'deleteDeploymentByKey removes it', { effect: true });

    // Development information — https://developer.atlassian.com/cloud/jira/software/rest/api-group-development-information/
    const repo = { id: 'repo-1', name: 'api', url: 'https://git.example.com/api', updateSequenceId: 1, commits: [{ id: 'c0ffee', issueKeys: ['ENG-1'], updateSequenceId: 1, hash: 'c0ffee', message: 'ENG-1 cursor', author: { name: 'Alex' }, fileCount: 1, url: 'https://git.example.com/api/c0ffee', displayId: 'c0ffee', authorTimestamp: now }], branches: [], pullRequests: [] };
    const stored = await agile.developmentInformation.storeDevelopmentInformation({ repositories: [repo as never], properties: { team: 'api' } });
    t.check(JSON.stringify(stored.acceptedDevinfoEntities) === JSON.stringify({ 'repo-1': { commits: ['c0ffee'], branches: [], pullRequests: [] } }), 'storeDevelopmentInformation accepts the repository and its commit', stored);
    await agile.developmentInformation.storeDevelopmentInformation({ repositories: [{ ...repo, commits: [{ ...repo.commits[0], id: 'beef', hash: 'beef' }] } as never] });
    const repository = await agile.developmentInformation.getRepository({ repositoryId: 'repo-1' });
    t.checkEffect(repository.commits?.map((c) => c.id).join() === 'c0ffee,beef', 'a second store adds commits to the repository', repository);
    await agile.developmentInformation.deleteEntity({ repositoryId: 'repo-1', entityType: 'commit', entityId: 'c0ffee' });
    const trimmed = await agile.developmentInformation.getRepository({ repositoryId: 'repo-1' });
    t.checkEffect(trimmed.commits?.map((c) => c.id).join() === 'beef', 'deleteEntity removes one commit', trimmed);
    await t.expectError(() => agile.developmentInformation.existsByProperties({}), (e) => e.status === 400, 'existsByProperties needs a property');
    await t.expectError(() => agile.developmentInformation.deleteByProperties({}), (e) => e.status === 400, 'deleteByProperties needs a property');
    await agile.developmentInformation.deleteRepository({ repositoryId: 'repo-1' });
    await t.expectError(() => agile.developmentInformation.getRepository({ repositoryId: 'repo-1' }), isGone, 'deleteRepository removes it', { effect: true });

    // DevOps components — https://developer.atlassian.com/cloud/jira/software/rest/api-group-devops-components/
    const component = { schemaVersion: '1.0', id: 'svc-api', updateSequenceNumber: 1, name: 'API service', description: 'The public API', url: 'https://svc.example.com/api', avatarUrl: 'https://svc.example.com/a.png', tier: 'Tier 1', componentType: 'service', lastUpdated: now };
    const comps = await agile.devopsComponents.submitComponents({ components: [component], properties: { owner: 'platform' } });
    t.check(comps.acceptedComponents?.join() === 'svc-api', 'submitComponents accepts the component', comps);
    const comp = await agile.devopsComponents.getComponentById({ componentId: 'svc-api' });
    t.check(comp.tier === 'Tier 1' && comp.name === 'API service', 'getComponentById reads it back', comp);
    await agile.devopsComponents.deleteComponentsByProperty({ owner: 'platform' } as never);
    await t.expectError(() => agile.devopsComponents.getComponentById({ componentId: 'svc-api' }), isGone, 'deleteComponentsByProperty removes the tagged component', { effect: true });
    await agile.devopsComponents.submitComponents({ components: [{ ...component, id: 'svc-web' }] });
    await agile.devopsComponents.deleteComponentById({ componentId: 'svc-web' });
    await t.expectError(() => agile.devopsComponents.getComponentById({ componentId: 'svc-web' }), isGone, 'deleteComponentById removes it', { effect: true });

    // Feature flags — https://developer.atlassian.com/cloud/jira/software/rest/api-group-feature-flags/
    const flag = { schemaVersion: '1.0', id: 'ff-1', key: 'cursor-pagination', updateSequenceId: 1, displayName: 'Cursor pagination', issueKeys: ['ENG-2'], summary: { status: { enabled: true }, lastUpdated: now }, details: [] };
    const flags = await agile.featureFlags.submitFeatureFlags({ flags: [flag as never] });
    t.check(flags.acceptedFeatureFlags?.join() === 'ff-1' && flags.unknownIssueKeys?.length === 0, 'submitFeatureFlags accepts the flag', flags);
    const gotFlag = await agile.featureFlags.getFeatureFlagById({ featureFlagId: 'ff-1' });
    t.check(gotFlag.key === 'cursor-pagination' && gotFlag.issueKeys?.join() === 'ENG-2', 'getFeatureFlagById reads it back', gotFlag);
    await agile.featureFlags.deleteFeatureFlagById({ featureFlagId: 'ff-1' });
    await t.expectError(() => agile.featureFlags.getFeatureFlagById({ featureFlagId: 'ff-1' }), isGone, 'deleteFeatureFlagById removes it', { effect: true });
    await t.expectError(() => agile.featureFlags.deleteFeatureFlagsByProperty({}), (e) => e.status === 400, 'deleteFeatureFlagsByProperty needs a property');

    // Operations — https://developer.atlassian.com/cloud/jira/software/rest/api-group-operations/
    const linked = await agile.operations.submitOperationsWorkspaces({ workspaceIds: ['ops-ws'] });
    t.check(linked.acceptedWorkspaceIds?.join() === 'ops-ws', 'submitOperationsWorkspaces links the workspace', linked);
    const wss = await agile.operations.getWorkspaces({ workspaceId: 'ops-ws' });
    t.check(wss.workspaceIds?.join() === 'ops-ws', 'getWorkspaces lists it', wss);
    const incident = { schemaVersion: '1.0', id: 'inc-1', updateSequenceNumber: 1, summary: 'API down', description: 'Outage', url: 'https://ops.example.com/inc-1', createdDate: now, lastUpdated: now, affectedComponents: ['svc-api'], severity: { level: 'P1' }, status: 'open' };
    const review = { schemaVersion: '1.0', id: 'pir-1', updateSequenceNumber: 1, reviews: ['inc-1'], summary: 'Outage review', description: 'What happened', url: 'https://ops.example.com/pir-1', createdDate: now, lastUpdated: now, status: 'in progress' };
    const ops = (await agile.operations.submitEntity({ incidents: [incident], reviews: [review], properties: { sev: 'P1' } } as never)) as { acceptedIncidents?: string[]; acceptedReviews?: string[] };
    t.check(ops.acceptedIncidents?.join() === 'inc-1' && ops.acceptedReviews?.join() === 'pir-1', 'submitEntity accepts the incident and its review', ops);
    const inc = await agile.operations.getIncidentById({ incidentId: 'inc-1' });
    t.check(inc.severity?.level === 'P1' && inc.status === 'open', 'getIncidentById reads the incident', inc);
    const pir = await agile.operations.getReviewById({ reviewId: 'pir-1' });
    t.check(pir.reviews?.join() === 'inc-1', 'getReviewById reads the review', pir);
    await agile.operations.deleteReviewById({ reviewId: 'pir-1' });
    await t.expectError(() => agile.operations.getReviewById({ reviewId: 'pir-1' }), isGone, 'deleteReviewById removes it', { effect: true });
    await agile.operations.deleteEntityByProperty({ sev: 'P1' } as never);
    await t.expectError(() => agile.operations.getIncidentById({ incidentId: 'inc-1' }), isGone, 'deleteEntityByProperty removes the tagged incident', { effect: true });
    await agile.operations.submitEntity({ incidents: [{ ...incident, id: 'inc-2' }] } as never);
    await agile.operations.deleteIncidentById({ incidentId: 'inc-2' });
    await t.expectError(() => agile.operations.getIncidentById({ incidentId: 'inc-2' }), isGone, 'deleteIncidentById removes it', { effect: true });
    await agile.operations.deleteWorkspaces({ workspaceIds: ['ops-ws'] });
    const noWs = await agile.operations.getWorkspaces({ workspaceId: 'ops-ws' });
    t.checkEffect(noWs.workspaceIds?.length === 0, 'deleteWorkspaces unlinks it', noWs);

    // Remote links — https://developer.atlassian.com/cloud/jira/software/rest/api-group-remote-links/
    const link = { schemaVersion: '1.0', id: 'rl-1', updateSequenceNumber: 1, displayName: 'Runbook', url: 'https://docs.example.com/runbook', type: 'document', lastUpdated: now, associations: [{ associationType: 'issueIdOrKeys', values: ['ENG-3'] }] };
    // jira.js sends `params` as one query parameter named `params`, which Jira reads as the property of that name; tag with it.
    const links = await agile.remoteLinks.submitRemoteLinks({ remoteLinks: [link as never], properties: { params: 'ops' } });
    t.check(links.acceptedRemoteLinks?.join() === 'rl-1', 'submitRemoteLinks accepts the link', links);
    const gotLink = await agile.remoteLinks.getRemoteLinkById({ remoteLinkId: 'rl-1' });
    t.check(gotLink.type === 'document' && gotLink.displayName === 'Runbook', 'getRemoteLinkById reads it back', gotLink);
    await agile.remoteLinks.deleteRemoteLinksByProperty({ params: 'ops' });
    await t.expectError(() => agile.remoteLinks.getRemoteLinkById({ remoteLinkId: 'rl-1' }), isGone, 'deleteRemoteLinksByProperty removes the tagged link', { effect: true });
    await agile.remoteLinks.submitRemoteLinks({ remoteLinks: [{ ...link, id: 'rl-2' } as never] });
    await agile.remoteLinks.deleteRemoteLinkById({ remoteLinkId: 'rl-2' });
    await t.expectError(() => agile.remoteLinks.getRemoteLinkById({ remoteLinkId: 'rl-2' }), isGone, 'deleteRemoteLinkById removes it', { effect: true });

    // Security information — https://developer.atlassian.com/cloud/jira/software/rest/api-group-security-information/
    await agile.securityInformation.submitWorkspaces({ workspaceIds: ['sec-ws'] });
    const secWs = await agile.securityInformation.getLinkedWorkspaces();
    t.checkEffect(secWs.workspaceIds?.join() === 'sec-ws', 'submitWorkspaces links the workspace', secWs);
    const oneWs = await agile.securityInformation.getLinkedWorkspaceById({ workspaceId: 'sec-ws' });
    t.check(oneWs.workspaceId === 'sec-ws' && typeof oneWs.updatedAt === 'string', 'getLinkedWorkspaceById reads it', oneWs);
    const vuln = { schemaVersion: '1.0', id: 'CVE-1', updateSequenceNumber: 1, containerId: 'sec-ws', displayName: 'Prototype pollution', description: 'In a dependency', url: 'https://sec.example.com/CVE-1', type: 'sca', introducedDate: now, lastUpdated: now, severity: { level: 'high' }, status: 'open' };
    const vulns = await agile.securityInformation.submitVulnerabilities({ vulnerabilities: [vuln as never], properties: { scanner: 'deps' } });
    t.check(vulns.acceptedVulnerabilities?.join() === 'CVE-1', 'submitVulnerabilities accepts it', vulns);
    const gotVuln = await agile.securityInformation.getVulnerabilityById({ vulnerabilityId: 'CVE-1' });
    t.check(gotVuln.severity?.level === 'high' && gotVuln.containerId === 'sec-ws', 'getVulnerabilityById reads it back', gotVuln);
    await agile.securityInformation.deleteVulnerabilitiesByProperty({ scanner: 'deps' } as never);
    await t.expectError(() => agile.securityInformation.getVulnerabilityById({ vulnerabilityId: 'CVE-1' }), isGone, 'deleteVulnerabilitiesByProperty removes it', { effect: true });
    await agile.securityInformation.submitVulnerabilities({ vulnerabilities: [{ ...vuln, id: 'CVE-2' } as never] });
    await agile.securityInformation.deleteVulnerabilityById({ vulnerabilityId: 'CVE-2' });
    await t.expectError(() => agile.securityInformation.getVulnerabilityById({ vulnerabilityId: 'CVE-2' }), isGone, 'deleteVulnerabilityById removes it', { effect: true });
    await agile.securityInformation.deleteLinkedWorkspaces({ workspaceIds: ['sec-ws'] });
    const noSec = await agile.securityInformation.getLinkedWorkspaces();
    t.checkEffect(noSec.workspaceIds?.length === 0, 'deleteLinkedWorkspaces unlinks it', noSec);
  },
};

export const scenarios: Scenario[] = [scenario];
