/** `dtu diff RECORDING` replays a HAR or VCR cassette against a twin and prints the per-exchange diff and score; `dtu diff --dir DIR…` replays whole corpora and prints one aggregate each. */
import { parseArgs } from 'node:util';
import { isVendor, VENDORS } from '../vendors.js';
import { loadRecording } from '../fidelity/recording.js';
import { loadDeviations } from '../fidelity/deviations.js';
import { replay } from '../fidelity/replay.js';
import { renderDiffText } from '../fidelity/diff-text.js';
import { replayCorpus } from '../fidelity/corpus.js';
import { renderCorpusText } from '../fidelity/aggregate.js';

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
      dir: { type: 'string', multiple: true },
      limit: { type: 'string' },
    },
  });
  if (values.dir?.length) {
    if (positionals.length) throw usage('dtu diff takes either one recording or --dir folders, not both');
    if (values.vendor !== undefined && !isVendor(values.vendor)) throw usage(`unknown vendor: ${values.vendor} (known: ${VENDORS.join(', ')})`);
    const limit = values.limit === undefined ? undefined : Number(values.limit);
    if (limit !== undefined && !(limit > 0)) throw usage('--limit must be a positive number of recordings');
    const corpora = [];
    for (const dir of values.dir) {
      const { corpus } = await replayCorpus(dir, {
        vendor: values.vendor as never,
        deviations: values.deviations ? loadDeviations(values.deviations) : [],
        fixture: values.fixture,
        limit,
        onRecording: (file, r, error) => process.stderr.write(`${file}: ${r ? `${r.matched}/${r.total}` : `unreadable (${error})`}\n`),
      });
      corpora.push(corpus);
      if (!values.json) process.stdout.write(renderCorpusText(corpus));
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ corpora }, null, 2)}\n`);
    return;
  }
  if (positionals.length !== 1) throw usage('dtu diff takes exactly one recording (a .har, or a VCR .yaml or .json cassette), or --dir folders');
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
