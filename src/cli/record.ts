/** `dtu record`: a recording proxy in front of one upstream, writing redacted HAR until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { isVendor, VENDORS } from '../vendors.js';
import { startRecorder } from '../fidelity/recorder.js';
import { vendorOfHost } from '../fidelity/recording.js';

const usage = (message: string) => Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_DTU' });

export async function record(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      vendor: { type: 'string' },
      upstream: { type: 'string' },
      out: { type: 'string' },
      port: { type: 'string', default: '0' },
      redact: { type: 'string', default: '' },
    },
  });
  if (!values.upstream) throw usage('--upstream URL is required');
  if (!values.out) throw usage('--out FILE is required');
  let upstream: URL;
  try {
    upstream = new URL(values.upstream);
  } catch {
    throw usage(`--upstream is not a URL: ${values.upstream}`);
  }
  const vendor = values.vendor ?? vendorOfHost(upstream.host);
  if (vendor !== undefined && !isVendor(vendor)) throw usage(`unknown vendor: ${vendor} (known: ${VENDORS.join(', ')})`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage('--port must be a port number (0: any free port)');

  const out = resolve(values.out);
  const rec = await startRecorder({
    upstream: upstream.toString(),
    out,
    vendor,
    port,
    redact: values.redact!.split(',').map((s) => s.trim()).filter(Boolean),
    onError: (m) => process.stderr.write(`${m}\n`),
  });
  process.stdout.write(`${rec.url}\n`);
  process.stderr.write(`dtu record: ${vendor ?? 'unknown vendor'} — proxying ${rec.url} → ${upstream.toString()}, writing ${out} (Ctrl-C to stop)\n`);

  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    await rec.close();
    process.stderr.write(`dtu record: ${signal}: ${rec.count} exchange${rec.count === 1 ? '' : 's'} written to ${out}\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
