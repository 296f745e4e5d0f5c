/**
 * A testcontainers module: runs the dtu image with the chosen twins and hands
 * back each twin's base URL and SDK-ready credentials.
 *
 *   const dtu = await new DtuContainer().withTwins('okta', 'slack').start();
 *   const orgUrl = dtu.getBaseUrl('okta');
 */
import { randomBytes } from 'node:crypto';
import type { StartedTestContainer } from 'testcontainers';
import { VENDORS, type Vendor } from './vendors.js';
import { fetchCredentials, type VendorCredentials } from './credentials.js';
import { importPeer } from './peer.js';

const { AbstractStartedContainer, GenericContainer, Wait } = await importPeer('testcontainers', 'digital-twin-universe/testcontainers', () => import('testcontainers'));

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

  /** SDK-ready credentials of the default tenant, or of a named one (created on first use). */
  getCredentials<V extends Vendor>(vendor: V, tenant?: string): Promise<VendorCredentials[V]> {
    return fetchCredentials((req: Request) => fetch(new Request(req, { headers: { 'x-dtu-admin-token': this.adminToken } })), vendor, this.getBaseUrl(vendor), tenant);
  }

  /** `DTU_<VENDOR>_URL` for each twin and the container's `DTU_ADMIN_TOKEN`, for `connectTwins()` or `digital-twin-universe/register`. */
  getEnv(): Record<string, string> {
    return { ...Object.fromEntries(this.twins.map((v) => [`DTU_${v.toUpperCase()}_URL`, this.getBaseUrl(v)])), DTU_ADMIN_TOKEN: this.adminToken };
  }
}
