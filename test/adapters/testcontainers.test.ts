import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { DtuContainer, StartedDtuContainer, containerPort, CONTAINER_PORT_BASE } from '../../src/testcontainers.js';
import { DEFAULT_PORT_BASE } from '../../src/start.js';

/** A Docker engine answers on the socket (the docker CLI alone is not enough). */
function dockerEngine(): boolean {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    execFileSync('docker', ['info'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

describe('DtuContainer (configuration, no engine needed)', () => {
  it('maps each twin to the CLI default port inside the container', () => {
    expect(CONTAINER_PORT_BASE).toBe(DEFAULT_PORT_BASE);
    expect(['okta', 'slack', 'jira', 'google'].map((v) => containerPort(v as 'okta'))).toEqual([7010, 7011, 7012, 7013]);
  });

  it('builds the dtu start command line from its options', () => {
    const c = new DtuContainer().withTwins('slack', 'jira').withFixture('empty').withRandomSeed('ci-42');
    expect(c.commandLine()).toEqual(['start', 'slack', 'jira', '--host', '0.0.0.0', '--port-base', '7010', '--seed', 'empty', '--random-seed', 'ci-42']);
    expect(new DtuContainer().withTwins().commandLine().slice(1, 5)).toEqual(['okta', 'slack', 'jira', 'google']);
  });

  it('ships a multi-stage Dockerfile: packed package, production dependencies only, non-root, data volume, health of every started twin', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/npm pack/);
    expect(stages[1]).toMatch(/npm install --global --omit=dev[^\n]*dtu\.tgz/);
    expect(stages[1]).not.toMatch(/COPY (src|twins|sdk-compat) /);
    expect(stages[1]).toMatch(/^USER node$/m);
    expect(stages[1]).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(stages[1]).toMatch(/--data-dir", "\/data"/);
    expect(stages[1]).toMatch(/^HEALTHCHECK .*CMD \["dtu", "health"\]$/m);
    expect(stages[1]).toMatch(/^ENTRYPOINT \["dtu"\]$/m);
    expect(stages[1]).toMatch(/^EXPOSE 7010 7011 7012 7013$/m);
  });

  it('hands back per-twin URLs as DTU_<VENDOR>_URL, with the admin token', () => {
    const started = Object.create(StartedDtuContainer.prototype) as StartedDtuContainer;
    Object.assign(started, { twins: ['okta', 'google'], adminToken: 'tok', getHost: () => 'localhost', getMappedPort: (p: number) => p + 30000 });
    expect(started.getEnv()).toEqual({ DTU_OKTA_URL: 'http://localhost:37010', DTU_GOOGLE_URL: 'http://localhost:37013', DTU_ADMIN_TOKEN: 'tok' });
    expect(() => started.getBaseUrl('slack')).toThrow(/not started with the slack twin/);
  });
});

const engine = dockerEngine();
describe.skipIf(!engine)('DtuContainer against a Docker engine', () => {
  it('starts the image and serves credentials', async () => {
    execFileSync('docker', ['build', '-t', 'dtu:latest', '.'], { stdio: 'inherit', timeout: 600_000 });
    const dtu = await new DtuContainer().withTwins('okta').start();
    try {
      const creds = await dtu.getCredentials('okta');
      expect(creds.orgUrl).toBe(dtu.getBaseUrl('okta'));
    } finally {
      await dtu.stop();
    }
  }, 900_000);
});
if (!engine) console.log('[skip] DtuContainer against a Docker engine: no Docker engine on this machine (docker info fails)');
