import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { DtuContainer, containerPort, CONTAINER_PORT_BASE } from '../../src/testcontainers.js';
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

  it('ships a Dockerfile whose entrypoint is the CLI and that exposes the four ports', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "bin\/dtu\.js"\]/);
    expect(dockerfile).toMatch(/EXPOSE 7010 7011 7012 7013/);
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
