/**
 * A testcontainers module: runs the dtu image with the chosen twins and hands
 * back each twin's base URL and SDK-ready credentials.
 *
 *   const dtu = await new DtuContainer().withTwins('okta', 'slack').start();
 *   const orgUrl = dtu.getBaseUrl('okta');
 */
import { randomBytes } from 'node:crypto';
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { VENDORS, type Vendor } from './vendors.js';

export const DTU_IMAGE = 'dtu:latest';
/** Ports inside the container: the CLI's default port base, in vendor order. */
export const CONTAINER_PORT_BASE = 7010;

export function containerPort(vendor: Vendor): number {
  return CONTAINER_PORT_BASE + VENDORS.indexOf(vendor);
}

export class DtuContainer extends GenericContainer {
  private twins: Vendor[] = [...VENDORS];
  private fixture = 'default';
  private seed = 'dtu';
  /** The container listens beyond loopback, so its control plane needs a token; one per container. */
  private adminToken = randomBytes(24).toString('base64url');

  constructor(image = DTU_IMAGE) {
    super(image);
  }

  withTwins(...twins: Vendor[]): this {
    this.twins = twins.length ? twins : [...VENDORS];
    return this;
  }

  withFixture(nameOrFileInContainer: string): this {
    this.fixture = nameOrFileInContainer;
    return this;
  }

  withRandomSeed(seed: string): this {
    this.seed = seed;
    return this;
  }

  withAdminToken(token: string): this {
    this.adminToken = token;
    return this;
  }

  /** The command line the container runs; exposed for inspection and tests. */
  commandLine(): string[] {
    return ['start', ...this.twins, '--host', '0.0.0.0', '--port-base', String(CONTAINER_PORT_BASE), '--seed', this.fixture, '--random-seed', this.seed];
  }

  override async start(): Promise<StartedDtuContainer> {
    // Through the environment rather than the command line, so it does not show in a process listing.
    this.withCommand(this.commandLine())
      .withEnvironment({ DTU_ADMIN_TOKEN: this.adminToken })
      .withExposedPorts(...this.twins.map(containerPort))
      .withWaitStrategy(Wait.forAll(this.twins.map((t) => Wait.forHttp('/_dtu/health', containerPort(t)).forStatusCode(200))));
    return new StartedDtuContainer(await super.start(), this.twins, this.adminToken);
  }
}

export class StartedDtuContainer extends AbstractStartedContainer {
  constructor(
    started: StartedTestContainer,
    readonly twins: Vendor[],
    /** Sent as `x-dtu-admin-token` on control-plane calls. */
    readonly adminToken: string,
  ) {
    super(started);
  }

  getBaseUrl(vendor: Vendor): string {
    if (!this.twins.includes(vendor)) throw new Error(`dtu container was not started with the ${vendor} twin`);
    return `http://${this.getHost()}:${this.getMappedPort(containerPort(vendor))}`;
  }

  async getCredentials(vendor: Vendor, tenant?: string): Promise<Record<string, unknown>> {
    const prefix = tenant ? `/t/${encodeURIComponent(tenant)}` : '';
    const res = await fetch(`${this.getBaseUrl(vendor)}${prefix}/_dtu/credentials`, { headers: { 'x-dtu-admin-token': this.adminToken } });
    if (!res.ok) throw new Error(`dtu credentials for ${vendor}: HTTP ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  }
}
