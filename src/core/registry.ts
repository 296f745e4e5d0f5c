/**
 * All tenants of one twin: created on first use, seeded from fixtures, optionally
 * persisted through lowdb (atomic file writes), and reset/snapshot/restore as one call.
 *
 * Crash safety: a write is acknowledged only after the file holding it was renamed
 * into place (lowdb's steno writes a temporary file first), so a kill at any moment
 * leaves either the old or the new whole file. A file that cannot be written (full
 * disk, read-only directory) fails the request with a PersistenceError and keeps
 * the tenant dirty, so the next flush tries again.
 */
import { mkdirSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextFile } from 'lowdb/node';
import { Tenant, type TenantData } from './tenant.js';
import type { Clock } from './clock.js';
import type { Retention } from './retention.js';

export interface RegistryOptions {
  twin: string;
  clock: Clock;
  /** Seed for every tenant's random source. */
  seed: string;
  /** Bounds on vendor logs and event deliveries every tenant keeps (defaults: RETENTION_DEFAULTS). */
  retention?: Retention;
  /** Persist tenants under `<dataDir>/<twin>/<tenant>.json`. */
  dataDir?: string;
  /** Fills a new (or reset) tenant with its fixture data. */
  populate: (tenant: Tenant) => void;
  /** Called after a tenant is created, loaded or reset: the twin indexes its credentials. */
  onReady?: (tenant: Tenant) => void;
}

const TENANT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** State could not be written to (or read from) the data dir; the message says which file and why. */
export class PersistenceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceError';
  }
}

/** Changes made outside a request (schedulers, hook deliveries) reach the disk this soon. */
const BACKGROUND_FLUSH_MS = 100;

export class TenantRegistry {
  private tenants = new Map<string, Tenant>();
  private files = new Map<string, TenantFile>();
  /** Credential value → tenant name, so a token alone can pick its tenant. */
  private credentials = new Map<string, string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: RegistryOptions) {}

  /**
   * Loads every tenant persisted under the data dir, so their credentials resolve
   * from the start. A directory that cannot be written, or a file that does not
   * parse, stops the twin with a message naming it, before anything is overwritten.
   */
  loadPersisted(): void {
    if (!this.opts.dataDir) return;
    const dir = this.dir();
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.dtu-write-check'), '');
      rmSync(join(dir, '.dtu-write-check'), { force: true });
    } catch (e) {
      throw new PersistenceError(`dtu: data dir ${dir} is not writable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
    }
    for (const f of readdirSync(dir)) if (f.endsWith('.json') && TenantRegistry.isValidName(f.slice(0, -5))) this.get(f.slice(0, -5));
  }

  static isValidName(name: string): boolean {
    return TENANT_NAME.test(name);
  }

  get(name: string): Tenant {
    let t = this.tenants.get(name);
    if (t) return t;
    if (!TenantRegistry.isValidName(name)) throw new Error(`invalid tenant name: ${name}`);
    t = new Tenant(this.opts.twin, name, this.opts.clock, this.opts.seed, this.opts.retention);
    this.tenants.set(name, t);
    const file = this.opts.dataDir ? join(this.dir(), `${name}.json`) : undefined;
    if (file && existsSync(file)) {
      // Freshly parsed, so the tenant may own it without a copy.
      t.load(readTenantFile(file), { owned: true });
      // What was just read is what the file holds: nothing to write back until something changes.
      t.takeDirty();
    } else {
      this.opts.populate(t);
    }
    if (file) t.onDirty(() => this.scheduleFlush());
    this.opts.onReady?.(t);
    return t;
  }

  has(name: string): boolean {
    return this.tenants.has(name);
  }

  names(): string[] {
    return [...this.tenants.keys()];
  }

  registerCredential(value: string, tenant: string): void {
    this.credentials.set(value, tenant);
  }

  tenantForCredential(value: string): string | undefined {
    return this.credentials.get(value);
  }

  /** Back to the fixture state: one tenant, or all of them. */
  reset(name?: string): void {
    for (const t of this.select(name)) {
      t.clear();
      this.opts.populate(t);
      this.opts.onReady?.(t);
    }
  }

  /** Drops a tenant entirely (its file too). */
  remove(name: string): boolean {
    const had = this.tenants.delete(name);
    this.files.delete(name);
    if (this.opts.dataDir) rmSync(join(this.dir(), `${name}.json`), { force: true });
    return had;
  }

  snapshot(name?: string): Record<string, TenantData> {
    const out: Record<string, TenantData> = {};
    for (const t of this.select(name)) out[t.name] = t.toJSON();
    return out;
  }

  /** The snapshot as JSON text, serialized straight from live state (no deep copy on the way). */
  snapshotText(name?: string): string {
    return `{${this.select(name).map((t) => `${JSON.stringify(t.name)}:${t.serialize()}`).join(',')}}`;
  }

  /** `owned`: the snapshot was parsed for this call alone, so tenants may adopt it without a copy. */
  restore(snapshot: Record<string, TenantData>, opts: { owned?: boolean } = {}): string[] {
    const restored: string[] = [];
    for (const [name, data] of Object.entries(snapshot)) {
      const t = this.get(name);
      t.load(data, opts);
      this.opts.onReady?.(t);
      restored.push(name);
    }
    return restored;
  }

  /**
   * Writes every dirty tenant to disk (atomically, through lowdb's steno writer).
   * Resolves once the state as of this call is on disk; concurrent callers share
   * writes, so a burst of changes costs one serialization per write, not per change.
   */
  async flush(): Promise<void> {
    if (!this.opts.dataDir) return;
    await Promise.all(
      [...this.tenants.values()].map((t) => {
        let file = this.files.get(t.name);
        if (!file) {
          file = new TenantFile(join(this.dir(), `${t.name}.json`), () => t.serialize());
          this.files.set(t.name, file);
        }
        // Not dirty now may still mean "changed, and a write already in flight covers it": wait for that.
        const path = join(this.dir(), `${t.name}.json`);
        return (t.takeDirty() ? file.write() : file.settled()).catch((e: NodeJS.ErrnoException) => {
          t.markDirty();
          throw new PersistenceError(`dtu: could not write ${path} (${e.code ?? e.message}); the change is kept in memory and retried`, { cause: e });
        });
      }),
    );
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      // A failure here is retried by the next flush; the request that needs the write reports it.
      this.flush().catch(() => undefined);
    }, BACKGROUND_FLUSH_MS);
    this.flushTimer.unref?.();
  }

  /** Stops the background flush timer (the owner flushes once more on close). */
  stop(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  get persistent(): boolean {
    return !!this.opts.dataDir;
  }

  private select(name?: string): Tenant[] {
    if (name === undefined) return [...this.tenants.values()];
    return [this.get(name)];
  }

  private dir(): string {
    return join(this.opts.dataDir!, this.opts.twin);
  }
}

/**
 * One tenant's file. At most one write runs at a time; changes made meanwhile are
 * written together by a single follow-up, serialized when it starts.
 */
class TenantFile {
  private readonly file: TextFile;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(
    path: string,
    private readonly serialize: () => string,
  ) {
    this.file = new TextFile(path);
  }

  write(): Promise<void> {
    if (!this.running) return this.start();
    return (this.queued ??= this.running.then(
      () => this.next(),
      () => this.next(),
    ));
  }

  /** Resolves when no write that has begun or is queued is still pending. */
  settled(): Promise<void> {
    return this.queued ?? this.running ?? Promise.resolve();
  }

  private next(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    const p: Promise<void> = this.file.write(this.serialize()).finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }
}

function readTenantFile(file: string): TenantData {
  let data: TenantData;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as TenantData;
  } catch (e) {
    throw new PersistenceError(`dtu: ${file} cannot be read as tenant state (${(e as Error).message}); move it aside or restore it from a snapshot`, { cause: e });
  }
  if (!data || typeof data !== 'object' || typeof data.collections !== 'object' || data.collections === null) {
    throw new PersistenceError(`dtu: ${file} is not tenant state (no collections); move it aside or restore it from a snapshot`);
  }
  return data;
}
