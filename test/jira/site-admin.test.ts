// Site administration through jira.js: priorities and resolutions (order, default, delete with replacement), dashboards seen only by those they are shared with, the audit log, screens in use.
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, useSite, type Site } from './helpers.js';

const env = useSite();
let site: Site;
beforeEach(() => {
  site = env.site;
});

describe('site administration', () => {
  it('priorities: move after another, one default, and a deleted priority hands its issues to the default', async () => {
    const p = site.client.issuePriorities;
    const urgent = await p.createPriority({ name: 'Urgent', statusColor: '#ff0000' });
    const all = await p.getPriorities();
    const high = all.find((x) => x.name === 'High')!;
    await p.movePriorities({ ids: [urgent.id!], after: high.id! });
    expect((await p.getPriorities()).map((x) => x.name)).toEqual(['Highest', 'High', 'Urgent', 'Medium', 'Low', 'Lowest']);
    expect((await failure(p.movePriorities({ ids: [urgent.id!] }))).status).toBe(400);
    const issue = await site.client.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Urgent work', priority: { id: urgent.id! } } });
    await p.deletePriority({ id: urgent.id! });
    const after = await site.client.issues.getIssue({ issueIdOrKey: issue.key!, fields: ['priority'] });
    expect(after.fields.priority?.name).toBe('Medium');
  });

  it('resolutions: the default moves, and a resolution cannot replace itself when deleted', async () => {
    const r = site.client.issueResolutions;
    const wontDo = await r.createResolution({ name: 'Obsolete', description: 'No longer needed' });
    const done = (await r.getResolutions()).find((x) => x.name === 'Done')!;
    expect((await failure(r.deleteResolution({ id: wontDo.id!, replaceWith: wontDo.id! }))).status).toBe(400);
    await r.setDefaultResolution({ id: wontDo.id! });
    expect((await r.searchResolutions({ onlyDefault: true })).values?.map((x) => x.name)).toEqual(['Obsolete']);
    await r.deleteResolution({ id: wontDo.id!, replaceWith: done.id! });
    expect((await failure(r.getResolution({ id: wontDo.id! }))).status).toBe(404);
  });

  it('dashboards: a private dashboard does not exist for others; a group share makes it visible, not editable', async () => {
    const mine = await site.client.dashboards.createDashboard({ name: 'Private board', sharePermissions: [], editPermissions: [] });
    const priya = site.as('Priya Shah');
    expect((await failure(priya.dashboards.getDashboard({ id: mine.id! }))).status).toBe(404);
    await site.client.dashboards.updateDashboard({ id: mine.id!, name: 'Team board', sharePermissions: [{ type: 'group', group: { name: 'engineering' } }], editPermissions: [] });
    const seen = await priya.dashboards.getDashboard({ id: mine.id! });
    expect(seen.isWritable).toBe(false);
    expect((await failure(priya.dashboards.updateDashboard({ id: mine.id!, name: 'Mine now', sharePermissions: [], editPermissions: [] }))).status).toBe(403);
    const sam = site.as('Sam Rivera');
    expect((await failure(sam.dashboards.getDashboard({ id: mine.id! }))).status).toBe(404);
  });

  it('the audit log records admin changes, newest first, and only admins read it', async () => {
    await site.client.issueTypes.createIssueType({ name: 'Incident', hierarchyLevel: 0 });
    await site.client.jiraSettings.setApplicationProperty({ id: 'jira.title', body: { id: 'jira.title', value: 'Acme Jira' } } as never);
    const log = await site.client.auditRecords.getAuditRecords({});
    // Newest first, after the site's history (the seeded projects' creation).
    expect(log.records?.map((r) => r.summary)).toEqual(['Advanced setting changed', 'Issue type created', 'Project created', 'Project created', 'Project created']);
    expect((await failure(site.as('Priya Shah').auditRecords.getAuditRecords({}))).status).toBe(403);
  });

  it('screens: a new screen has one tab, which cannot be deleted; unknown fields cannot be placed', async () => {
    const s = await site.client.screens.createScreen({ name: 'Minimal' });
    const [tab] = await site.client.screenTabs.getAllScreenTabs({ screenId: s.id! });
    expect((await failure(site.client.screenTabs.deleteScreenTab({ screenId: s.id!, tabId: tab.id! }))).status).toBe(400);
    expect((await failure(site.client.screenTabFields.addScreenTabField({ screenId: s.id!, tabId: tab.id!, fieldId: 'customfield_99999' }))).status).toBe(400);
  });
});
