/** Spawns the servers under test, each pinned to a core, and waits until they answer. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cpuMicros } from './proc.js';

export interface Server {
  child: ChildProcess;
  pid: number;
  urls: Record<string, string>;
  /** Spawn → first line of URLs → every URL healthy, ms. */
  readyMs: number;
  /** CPU the process spent getting there, ms (steadier than wall time on a busy machine). */
  readyCpuMs: number;
  /** Everything the server printed on stdout so far (`--trace-gc` lines, for the soak). */
  output(): string;
  stop(): Promise<void>;
}

// DTU_BENCH_BIN measures another checkout's CLI (an earlier commit, for before/after figures).
const bin = process.env.DTU_BENCH_BIN ?? fileURLToPath(new URL('../../bin/dtu.js', import.meta.url));

/** Spawns a command pinned to `core` that prints one JSON line of URLs when listening. */
export async function spawnPinned(
  core: string,
  argv: string[],
  health?: (url: string) => string,
  env: NodeJS.ProcessEnv = process.env,
  /** For servers that print no JSON line: their URLs, known in advance. */
  known?: Record<string, string>,
): Promise<Server> {
  const t0 = performance.now();
  const child = spawn('taskset', ['-c', core, ...argv], { stdio: ['ignore', known ? 'ignore' : 'pipe', known ? 'ignore' : 'inherit'], env });
  let out = '';
  const urls = known ?? await new Promise<Record<string, string>>((resolve, reject) => {
    let found = false;
    child.stdout!.on('data', (d) => {
      out += d;
      if (found) return;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        found = true;
        resolve(JSON.parse(line) as Record<string, string>);
      }
    });
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited with ${code}`)));
  });
  if (health) {
    await Promise.all(
      Object.values(urls).map(async (u) => {
        const r = await fetch(health(u));
        if (!r.ok) throw new Error(`${u} unhealthy`);
      }),
    );
  }
  const readyMs = performance.now() - t0;
  return {
    readyCpuMs: known ? NaN : cpuMicros(child.pid!) / 1000,
    child,
    pid: child.pid!, // taskset execs the command, so the pid is the server's own
    urls,
    readyMs,
    output: () => out,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function startTwinsPinned(core: string, twins: string[], extra: string[] = [], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  return spawnPinned(core, [process.execPath, ...nodeArgs, bin, 'start', ...twins, '--port-base', '0', '--json', ...extra], (u) => `${u}/_dtu/health`, env);
}

/** With node arguments or an environment (the soak's), the ceiling also answers `/_dtu/memory` as a twin does. */
export function startCeiling(core: string, replyFile: string, nodeArgs?: string[], env: NodeJS.ProcessEnv = process.env): Promise<Server> {
  return spawnPinned(core, [process.execPath, ...(nodeArgs ?? []), fileURLToPath(new URL('./ceiling.mjs', import.meta.url)), replyFile, ...(nodeArgs ? ['--memory'] : [])], undefined, env);
}
