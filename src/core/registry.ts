/**
 * All tenants of one twin: created on first use, seeded from fixtures, optionally
 * persisted through lowdb (atomic file writes), and reset/snapshot/restore as one call.
 *
 * A tenant is kept as a whole file (`<tenant>.json`, written atomically: lowdb's steno writes a temporary
 * file and renames it into place) and a log of the changes made since (`<tenant>.log`, one line per write,
 * appended and synced). A write appends the documents it changed, so its cost follows the change, not the
 * tenant; a change no collection can attribute, a reset or restore, or a log grown past the whole file's
 * size writes the whole file again under the next generation number, which retires every line of the
 * previous one. Reading a tenant replays the lines of its file's generation.
 *
 * Crash safety: a write is acknowledged only after its line was synced or its whole file renamed into
 * place, so a kill at any moment leaves the whole file and every acknowledged line; a line cut short by
 * the kill was not acknowledged and is ignored on reading. A file that cannot be written (full disk,
 * read-only directory) fails the request with a PersistenceError and makes the next write a whole one
 * (a line cut short by a full disk is never appended to), retried by the next flush.
 */
import { mkdirSync, readdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { TextFile } from 'lowdb/node';
import { Tenant, type Doc, type TenantData } from './tenant.js';
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
  /** Brings state in an older shape (read from disk or restored) to the current one, in place; true when it changed it. */
  upgrade?: (data: TenantData) => boolean;
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
    if (file) t.trackWrites();
    if (file && existsSync(file)) {
      const read = readTenantState(file, logPath(file));
      // An older shape is brought up to date in memory; the files keep it until the tenant next changes.
      const upgraded = this.opts.upgrade?.(read.data) ?? false;
      // Freshly parsed, so the tenant may own it without a copy.
      t.load(read.data, { owned: true });
      // What was just read is what the file holds: nothing to write back until something changes.
      t.takeDirty();
      // A log whose last line a kill cut short is not appended to, and documents written in the current shape
      // cannot be replayed over a file in an older one: either way the next write is a whole one.
      if (!read.torn && !upgraded) t.persisted();
      this.files.set(name, new TenantFile(file, t, read));
    } else {
      // A log without its whole file belongs to no generation this tenant will write.
      if (file) rmSync(logPath(file), { force: true });
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
    this.files.get(name)?.close();
    this.files.delete(name);
    if (this.opts.dataDir) {
      rmSync(join(this.dir(), `${name}.json`), { force: true });
      rmSync(logPath(join(this.dir(), `${name}.json`)), { force: true });
    }
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
    for (const [name, given] of Object.entries(snapshot)) {
      const t = this.get(name);
      // Upgraded on a copy unless the caller handed the snapshot over.
      const data = this.opts.upgrade && !opts.owned ? structuredClone(given) : given;
      this.opts.upgrade?.(data);
      t.load(data, { owned: opts.owned || !!this.opts.upgrade });
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
          file = new TenantFile(join(this.dir(), `${t.name}.json`), t, { generation: 0, baseBytes: 0, logBytes: 0 });
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

  /** Stops the timer, writes what changed, and lets go of the logs. */
  async close(): Promise<void> {
    this.stop();
    try {
      await this.flush();
    } finally {
      for (const f of this.files.values()) f.close();
    }
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

/** A log may grow to the whole file's size (at least this) before the whole file is written again. */
const LOG_BYTES_MIN = 1 << 20;

const logPath = (file: string) => file.replace(/\.json$/, '.log');

interface FileState {
  /** The whole file's generation: log lines of any other are not part of the tenant. */
  generation: number;
  baseBytes: number;
  logBytes: number;
}

/**
 * One tenant's files. At most one write runs at a time; changes made meanwhile are
 * written together by a single follow-up, serialized when it starts.
 */
class TenantFile {
  private readonly file: TextFile;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private log: Promise<FileHandle> | undefined;

  constructor(
    private readonly path: string,
    private readonly tenant: Tenant,
    private state: FileState,
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

  close(): void {
    const log = this.log;
    this.log = undefined;
    void log?.then((h) => h.close()).catch(() => undefined);
  }

  private next(): Promise<void> {
    this.queued = undefined;
    return this.start();
  }

  private start(): Promise<void> {
    // Serialized now, from live state: whatever changes after this goes out with the next write.
    const changes = this.tenant.takeWrites();
    const whole = changes === undefined || this.state.logBytes > Math.max(this.state.baseBytes, LOG_BYTES_MIN);
    const generation = whole ? this.state.generation + 1 : this.state.generation;
    const text = `{"generation":${generation},${(whole ? this.tenant.serialize() : changes!).slice(1)}`;
    const p: Promise<void> = (whole ? this.writeWhole(text, generation) : this.append(`${text}\n`)).finally(() => {
      if (this.running === p) this.running = undefined;
    });
    this.running = p;
    return p;
  }

  private async writeWhole(text: string, generation: number): Promise<void> {
    await this.file.write(text);
    this.state = { generation, baseBytes: text.length, logBytes: 0 };
    // The log's lines are of the previous generation now, which reading ignores.
    const log = this.log;
    this.log = undefined;
    await log?.then((h) => h.close()).catch(() => undefined);
    // Lines of the next generation must not follow a line a failed append cut short: if this fails, so does the write.
    await rm(logPath(this.path), { force: true });
  }

  private async append(line: string): Promise<void> {
    const log = (this.log ??= open(logPath(this.path), 'a'));
    try {
      const h = await log;
      await h.write(line);
      await h.datasync();
    } catch (e) {
      // The line may be cut short: the next write is a whole one (the caller marks the tenant), never another line after it.
      if (this.log === log) this.log = undefined;
      void log.then((h) => h.close()).catch(() => undefined);
      throw e;
    }
    this.state.logBytes += line.length;
  }
}

/** What a restart reads for a tenant from its files under a data dir (`<dir>/<twin>/<tenant>.json` and its log). */
export function readPersistedTenant(file: string): TenantData {
  return readTenantState(file, logPath(file)).data;
}

/** A tenant's whole file and the lines its log holds for that file's generation, as one state. */
function readTenantState(file: string, log: string): FileState & { data: TenantData; torn: boolean } {
  let data: TenantData & { generation?: number };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
    data = JSON.parse(text) as TenantData & { generation?: number };
  } catch (e) {
    throw new PersistenceError(`dtu: ${file} cannot be read as tenant state (${(e as Error).message}); move it aside or restore it from a snapshot`, { cause: e });
  }
  if (!data || typeof data !== 'object' || typeof data.collections !== 'object' || data.collections === null) {
    throw new PersistenceError(`dtu: ${file} is not tenant state (no collections); move it aside or restore it from a snapshot`);
  }
  const generation = typeof data.generation === 'number' ? data.generation : 0;
  delete data.generation;
  let logText = '';
  try {
    logText = readFileSync(log, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new PersistenceError(`dtu: ${log} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { cause: e });
  }
  const lines = logText.split('\n');
  const maps = new Map<string, Map<string, Doc>>();
  const collection = (key: string) => {
    let m = maps.get(key);
    if (!m) maps.set(key, (m = new Map((data.collections[key] ?? []).map((d) => [d.id, d]))));
    return m;
  };
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]) continue;
    let entry: { generation: number; docs: Array<[string, string, Doc | null]>; meta: Record<string, unknown>; random: TenantData['random'] };
    try {
      entry = JSON.parse(lines[i]);
    } catch (e) {
      // Only the last line can be cut short (by a kill mid-append, before it was acknowledged); anything else is damage.
      if (lines.slice(i + 1).every((l) => !l)) break;
      throw new PersistenceError(`dtu: ${log} line ${i + 1} cannot be read (${(e as Error).message}); move the log aside to start from ${file} alone`, { cause: e });
    }
    if (entry.generation !== generation) continue;
    for (const [key, id, doc] of entry.docs) {
      if (doc) collection(key).set(id, doc);
      else collection(key).delete(id);
    }
    data.meta = entry.meta;
    data.random = entry.random;
  }
  // As a tenant serializes itself: a collection left empty is not listed.
  for (const [key, m] of maps) {
    if (m.size) data.collections[key] = [...m.values()];
    else delete data.collections[key];
  }
  return { data, generation, baseBytes: text.length, logBytes: logText.length, torn: logText.length > 0 && !logText.endsWith('\n') };
}
