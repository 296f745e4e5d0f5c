// Each SDK's surface, walked from the installed package, agrees with an independent count over the package's source (the SDK-NOTES counting commands).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GOOGLE_APIS, packageVersion, sdkSurface, sdkSurfaces, type FunctionIndex } from '../../sdk-compat/surface.js';
import { SurfaceMatcher } from '../../sdk-compat/surface-match.js';

const require = createRequire(import.meta.url);
const pkgDir = (pkg: string, marker: string) => {
  let d = dirname(require.resolve(pkg));
  while (!readdirSync(d).includes(marker)) d = dirname(d);
  return d;
};

describe('SDK surfaces', () => {
  it('okta: one method per makeRequestContext( line in the generated apis (815 in 8.1.0)', async () => {
    const dir = join(pkgDir('@okta/okta-sdk-nodejs', 'package.json'), 'src/generated/apis');
    const lines = readdirSync(dir)
      .filter((f) => f.endsWith('Api.js'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((l) => l.includes('makeRequestContext(')).length;
    const s = await sdkSurface('okta');
    expect(s.methods.length).toBe(lines);
    expect(s.methods.length).toBeGreaterThanOrEqual(800);
    expect(s.version).toBe(packageVersion('@okta/okta-sdk-nodejs'));
    expect(s.methods.map((m) => m.name)).toContain('userApi.createUser');
    expect(new Set(s.methods.map((m) => m.name)).size).toBe(s.methods.length);
  });

  it('slack: the bindApiCall names in methods.js plus files.uploadV2 (281 in 8.2.0), name for name', async () => {
    const src = readFileSync(join(pkgDir('@slack/web-api', 'package.json'), 'dist/methods.js'), 'utf8');
    const bound = new Set([...src.matchAll(/bindApiCall(?:WithOptionalArgument)?\(this, '([^']+)'/g)].map((m) => m[1]));
    const uploads = (src.match(/bindFilesUploadV2\(this\)/g) ?? []).length;
    const s = await sdkSurface('slack');
    expect(s.methods.length).toBe(bound.size + uploads);
    expect(s.methods.length).toBeGreaterThanOrEqual(270);
    expect(new Set(s.methods.map((m) => m.name).filter((n) => n !== 'files.uploadV2'))).toEqual(bound);
  });

  it('jira.js: Version3Client groups and their prototype methods (616 in 5.4.0), as the SDK-NOTES command counts them', async () => {
    const { Version3Client } = require('jira.js') as typeof import('jira.js');
    const c = new Version3Client({ host: 'http://127.0.0.1:9' });
    let m = 0;
    for (const v of Object.values(c)) {
      if (!v || typeof v !== 'object' || v.constructor === Object) continue;
      m += Object.getOwnPropertyNames(Object.getPrototypeOf(v)).filter((x) => x !== 'constructor').length;
    }
    const s = await sdkSurface('jira');
    expect(s.methods.length).toBe(m);
    expect(s.methods.length).toBeGreaterThanOrEqual(600);
    expect(s.methods.map((x) => x.name)).toContain('issues.createIssue');
  });

  it('googleapis: drive v3 + sheets v4 + docs v1 + admin directory_v1 (64+17+3+128), per API as grep counts createAPIRequest', async () => {
    const apis = join(pkgDir('googleapis', 'package.json'), 'build/src/apis');
    const s = await sdkSurface('google');
    for (const [api, version] of GOOGLE_APIS) {
      const grep = (readFileSync(join(apis, api, `${version}.js`), 'utf8').match(/createAPIRequest\)\(parameters\);/g) ?? []).length;
      expect(s.methods.filter((m) => m.group === api).length, `${api} ${version}`).toBe(grep);
    }
    expect(s.methods.length).toBeGreaterThanOrEqual(200);
    expect(s.methods.map((m) => m.name)).toEqual(expect.arrayContaining(['drive.files.list', 'sheets.spreadsheets.values.get', 'admin.users.insert', 'docs.documents.batchUpdate']));
  });

  it('matches tracked calls by function identity, then by name with or without a leading prefix', async () => {
    const index: FunctionIndex = new Map();
    const m = new SurfaceMatcher(await sdkSurfaces('google', index), index);
    const { google } = require('googleapis') as typeof import('googleapis');
    const drive = google.drive({ version: 'v3', auth: 'k' });
    const hit = (name: string) => ({ surface: 'googleapis', name });
    expect(m.match('whatever.we.called.it', Object.getPrototypeOf(drive.files).list)).toEqual(hit('drive.files.list'));
    expect(m.match('gdrive.drive.files.get')).toEqual(hit('drive.files.get'));
    expect(m.match('files.list')).toEqual(hit('drive.files.list')); // unique suffix
    expect(m.match('users.list')).toEqual(hit('admin.users.list'));
    expect(m.match('helpers.makeClient')).toBeUndefined();
  });

  it('jira.js ships three surfaces (Version3, Version2, Agile); identity tells a v2 call from the v3 method of the same name', async () => {
    const index: FunctionIndex = new Map();
    const surfaces = await sdkSurfaces('jira', index);
    expect(surfaces.map((s) => s.client)).toEqual(['Version3Client', 'Version2Client', 'AgileClient']);
    // The ESM build, as scenarios import it (the CommonJS build has functions of its own).
    const { Version2Client, AgileClient } = await import('jira.js');
    for (const [Client, surface] of [[Version2Client, surfaces[1]], [AgileClient, surfaces[2]]] as const) {
      let n = 0;
      for (const v of Object.values(new Client({ host: 'http://127.0.0.1:9' }))) {
        if (v && typeof v === 'object' && v.constructor !== Object) n += Object.getOwnPropertyNames(Object.getPrototypeOf(v)).filter((x) => x !== 'constructor').length;
      }
      expect(surface.methods.length, surface.client).toBe(n);
    }
    const m = new SurfaceMatcher(surfaces, index);
    const v2 = new Version2Client({ host: 'http://127.0.0.1:9' });
    expect(m.match('issues.createIssue', Object.getPrototypeOf(v2.issues).createIssue)).toEqual({ surface: 'jira.js Version2Client', name: 'issues.createIssue' });
    expect(m.match('issues.createIssue')).toEqual({ surface: 'jira.js Version3Client', name: 'issues.createIssue' });
  });

  it('slack: Web API, Bolt App and SocketModeClient are separate surfaces; methods the declarations mark private are left out', async () => {
    const surfaces = await sdkSurfaces('slack');
    expect(surfaces.map((s) => s.sdk)).toEqual(['@slack/web-api', '@slack/bolt', '@slack/socket-mode']);
    const bolt = surfaces[1].methods.map((x) => x.name);
    expect(bolt).toEqual(expect.arrayContaining(['app.message', 'app.event', 'app.command', 'app.start', 'app.stop']));
    expect(bolt).not.toContain('app.handleError');
    expect(surfaces[2].methods.map((x) => x.name)).toEqual(['socket.disconnect', 'socket.start']);
  });
});
