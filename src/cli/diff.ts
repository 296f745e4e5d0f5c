/** `dtu diff RECORDING`: replays a HAR or VCR cassette against a twin and prints the per-exchange diff and fidelity score. */
import { parseArgs } from 'node:util';
import { isVendor, VENDORS } from '../vendors.js';
import { loadRecording } from '../fidelity/recording.js';
import { loadDeviations } from '../fidelity/deviations.js';
import { replay } from '../fidelity/replay.js';
import { renderDiffText } from '../fidelity/diff-text.js';

const usage = (message: string) => Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_DTU' });

export async function diff(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      vendor: { type: 'string' },
      json: { type: 'boolean', default: false },
      deviations: { type: 'string' },
      fixture: { type: 'string' },
      'no-values': { type: 'boolean', default: false },
      'min-score': { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw usage('dtu diff takes exactly one recording (a .har or a VCR .yaml cassette)');
  if (values.vendor !== undefined && !isVendor(values.vendor)) throw usage(`unknown vendor: ${values.vendor} (known: ${VENDORS.join(', ')})`);
  const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score']);
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw usage('--min-score must be between 0 and 1');

  const recording = loadRecording(positionals[0]);
  const report = await replay(recording, {
    vendor: values.vendor as never,
    deviations: values.deviations ? loadDeviations(values.deviations) : [],
    fixture: values.fixture,
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderDiffText(report, { values: !values['no-values'] }));
  if (minScore !== undefined && report.score < minScore) process.exitCode = 1;
}
