/**
 * `zhongcao recsys eval --dataset <path> [--json] [--seed N] [--users N] [--epochs N]
 * [--models a,b] [--validation-only]`: the
 * offline evaluation of the interest engine against most-popular and item-to-item
 * co-occurrence on a `user item` interactions file, under the published leave-one-out protocol.
 * `--models` keeps some rows (popular, cooccurrence, engine, online, retrained) and
 * `--validation-only` scores the validation item alone, builds nothing for test (for tuning).
 * Progress goes to stderr; stdout gets a table, or exactly one JSON line with --json.
 */
import { parseArgs } from 'node:util';
import {
  DatasetFormatError,
  DEFAULT_MAX_USERS,
  DEFAULT_SEED,
  EVAL_MODELS,
  type EvalModel,
  readInteractions,
  runEval,
  type EvalReport,
  type ModelReport,
} from '@zhongcao/recsys';
import { progressPrinter } from './progress.js';
import { runRetrainCommand } from './retrain-command.js';

const USAGE =
  'usage: zhongcao recsys eval --dataset <path> [--json] [--seed N] [--users N] [--epochs N] [--models a,b] [--validation-only]';

/** Published SASRec figures on the Amazon Games protocol (Kang & McAuley 2018, Table III). */
const SASREC = { hr: 0.741, ndcg: 0.536 };

/** Where the command writes: stdout for results, stderr for messages and progress. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  progress: (stage: string, done: number, total: number) => void;
}

const STD_IO: CommandIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  progress: progressPrinter('recsys eval'),
};

export async function runRecsysCommand(args: string[], io: CommandIo = STD_IO): Promise<number> {
  if (args[0] === 'retrain')
    return runRetrainCommand(
      args.slice(1),
      io === STD_IO ? { ...io, progress: progressPrinter('recsys retrain') } : io,
    );
  let values: {
    dataset?: string;
    json?: boolean;
    seed?: string;
    users?: string;
    epochs?: string;
    models?: string;
    'validation-only'?: boolean;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dataset: { type: 'string' },
        json: { type: 'boolean' },
        seed: { type: 'string' },
        users: { type: 'string' },
        epochs: { type: 'string' },
        models: { type: 'string' },
        'validation-only': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] !== 'eval' || positionals.length > 1) {
    io.err(`unknown recsys command: ${positionals.join(' ') || '(none)'}\n${USAGE}\n`);
    return 2;
  }
  if (!values.dataset) {
    io.err(`--dataset is required\n${USAGE}\n`);
    return 2;
  }
  const seed = wholeNumber(values.seed, '--seed', 0, 2 ** 32 - 1, io);
  const users = wholeNumber(values.users, '--users', 1, 10_000_000, io);
  const epochs = wholeNumber(values.epochs, '--epochs', 1, 1000, io);
  if (seed === null || users === null || epochs === null) return 2;
  const models = values.models === undefined ? undefined : modelList(values.models);
  if (models === null) {
    io.err(`--models takes a comma-separated list of ${EVAL_MODELS.join(', ')}, got ${values.models}\n`);
    return 2;
  }

  let data;
  try {
    data = await readInteractions(values.dataset);
  } catch (err) {
    const reason =
      err instanceof DatasetFormatError
        ? err.message
        : err instanceof Error && 'code' in err
          ? String(err.code)
          : String(err);
    io.err(`cannot read the dataset ${values.dataset}: ${reason}\n`);
    return 1;
  }
  if (data.items.length === 0) {
    io.err(`the dataset ${values.dataset} holds no interactions\n`);
    return 1;
  }
  const report = await runEval(data, {
    seed: seed ?? DEFAULT_SEED,
    maxUsers: users ?? DEFAULT_MAX_USERS,
    ...(epochs !== undefined ? { epochs } : {}),
    ...(models ? { models } : {}),
    validationOnly: values['validation-only'] ?? false,
    progress: io.progress,
  });
  io.out(values.json ? `${JSON.stringify(report)}\n` : formatReport(report, values.dataset));
  return 0;
}

/** The rows named in a comma-separated list (each once, in the table's order); null when a name is unknown or none is given. */
function modelList(raw: string): EvalModel[] | null {
  const names = raw.split(',').map((s) => s.trim());
  if (names.some((n) => !(EVAL_MODELS as readonly string[]).includes(n)) || names.every((n) => n === '')) return null;
  return EVAL_MODELS.filter((m) => names.includes(m));
}

/** undefined when absent, null (after printing why) when malformed. */
function wholeNumber(
  raw: string | undefined,
  flag: string,
  min: number,
  max: number,
  io: CommandIo,
): number | undefined | null {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    io.err(`${flag} takes a whole number from ${min} to ${max}, got ${raw}\n`);
    return null;
  }
  return n;
}

export function formatReport(r: EvalReport, dataset: string): string {
  const p = r.protocol;
  const num = (x: number | null): string => (x === null ? '     –' : x.toFixed(4));
  const rows: [string, ModelReport | undefined][] = [
    ['most popular', r.results.popular],
    ['item-to-item co-occurrence', r.results.cooccurrence],
    ['engine (candidates + ranker)', r.results.engine],
    ['live feed engine (replayed)', r.results.online],
    ['live (retrained)', r.results.retrained],
  ];
  const { engine, retrained } = r.results;
  const diff = (a: number | null | undefined, b: number | null | undefined): string =>
    a == null || b == null ? '–' : signed(a - b);
  const lines = [
    `Offline evaluation on ${dataset}`,
    `  ${p.interactions} interactions, ${p.users} users, ${p.items} items; leave-one-out (last = test, second-to-last = validation)`,
    `  ${p.users_evaluated} of ${p.evaluable_users} evaluable users${p.users_sampled ? ' (sampled)' : ''}, ${p.negatives} uniform negatives each, seed ${p.seed}; ties count against the model`,
    `  hyper-parameters and the engine's ranker were tuned on the validation item only; test input = train + validation item`,
    '',
    `  ${'model'.padEnd(30)} ${'HR@10'.padStart(7)} ${'NDCG@10'.padStart(8)} ${'full HR'.padStart(8)} ${'full NDCG'.padStart(9)} ${'valid HR'.padStart(9)} ${'valid NDCG'.padStart(10)} ${'train s'.padStart(8)} ${'RSS MB'.padStart(7)}`,
    ...rows
      .filter((row): row is [string, ModelReport] => row[1] !== undefined)
      .map(
        ([name, m]) =>
          `  ${name.padEnd(30)} ${num(m['hr@10']).padStart(7)} ${num(m['ndcg@10']).padStart(8)} ${num(m['full_hr@10']).padStart(8)} ${num(m['full_ndcg@10']).padStart(9)} ${num(m['valid_hr@10']).padStart(9)} ${num(m['valid_ndcg@10']).padStart(10)} ${m.train_s.toFixed(1).padStart(8)} ${String(m.rss_mb).padStart(7)}`,
      ),
    `  ${'SASRec (published, Games)'.padEnd(30)} ${num(SASREC.hr).padStart(7)} ${num(SASREC.ndcg).padStart(8)}`,
    '',
    `  engine: the batch-trained sequence model; live feed engine: the online engine the app's feed runs, fed the data as a stream;`,
    `  live (retrained): the same with the feed's retraining on the train sequences swapped in after the replay, then online learning on`,
    `  live (retrained) vs engine, full ranking: HR@10 ${diff(retrained?.['full_hr@10'], engine?.['full_hr@10'])}, NDCG@10 ${diff(retrained?.['full_ndcg@10'], engine?.['full_ndcg@10'])}`,
    `  engine vs SASRec: HR@10 ${diff(engine?.['hr@10'], SASREC.hr)}, NDCG@10 ${diff(engine?.['ndcg@10'], SASREC.ndcg)}; training ${r.train_s.toFixed(1)} s in all, evaluation ${r.eval_s.toFixed(1)} s, peak RSS ${r.rss_mb} MB`,
    '',
  ];
  return lines.join('\n');
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;
}
