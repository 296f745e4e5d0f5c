/**
 * The load generator: wrk (Debian `apt-get install wrk`) pinned to its own core,
 * driven by a small Lua script so POSTs can carry a fresh body per request.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMicros } from './proc.js';

export interface Shot {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  /** Request body; `{n}` is replaced by a per-request counter so creates stay unique. */
  body?: string;
  /** Append the first capture of this Lua pattern in each 2xx reply to `file`, one per line (ids of records created). */
  capture?: { pattern: string; file: string };
}

export interface LoadResult {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU per request, µs (user + system of the server process). */
  cpuUs: number;
}

export function haveWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    // wrk prints its version and exits 1.
    return (e as { status?: number }).status === 1;
  }
}

const lua = (s: Shot, run: string) => {
  const q = (v: string) => JSON.stringify(v); // a JSON string is a valid Lua string literal for this content
  const headers = Object.entries(s.headers ?? {}).map(([k, v]) => `[${q(k)}]=${q(v)}`).join(',');
  return `local n = 0
local headers = {${headers}}
local body = ${s.body === undefined ? 'nil' : q(s.body)}
request = function()
  n = n + 1
  local b = body and string.gsub(body, "{n}", ${JSON.stringify(run)} .. tostring(n)) or nil
  return wrk.format(${q(s.method ?? 'GET')}, nil, headers, b)
end
${
  s.capture
    ? `local out = io.open(${q(s.capture.file)}, "a")
response = function(status, headers, body)
  if status < 300 then
    local id = string.match(body, ${q(s.capture.pattern)})
    if id then out:write(id, "\\n") out:flush() end
  end
end
`
    : ''
}`;
};

const ms = (v: string, unit: string) => Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1);

/** Runs wrk against a server (pid) for `seconds`, returning throughput, latency and server CPU per request. */
export async function hammer(pid: number, shot: Shot, o: { seconds: number; connections: number; core: string; threads?: number }): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'dtu-bench-'));
  const script = join(dir, 'shot.lua');
  // Every run numbers its creates afresh under its own prefix, so repeated runs never collide.
  writeFileSync(script, lua(shot, `r${randomBytes(4).toString('hex')}x`));
  const cpu0 = cpuMicros(pid);
  const out = await new Promise<string>((resolve, reject) =>
    execFile('taskset', ['-c', o.core, 'wrk', `-t${o.threads ?? 1}`, `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '30s', '--latency', '-s', script, shot.url], { maxBuffer: 1 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    ),
  );
  const cpu = cpuMicros(pid) - cpu0;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const lat = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? ms(m[1], m[2]) : NaN;
  };
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    requests,
    p50: lat('50'),
    p99: lat('99'),
    non2xx,
    errors: sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0,
    cpuUs: requests ? cpu / requests : NaN,
  };
}
