/**
 * `zhongcao recsys retrain [--data DIR] [--no-wait] [--wait-s N]`: asks the running platform to
 * retrain the interest engine's model now. The request is stored (one already requested or
 * running is followed instead); the process that runs the engine picks it up within seconds,
 * trains on a thread of its own and swaps the model in unless it scores worse than the one
 * serving. The command follows its progress (epochs, on stderr) and prints the decision.
 * Exit: 0 decided (serving or rejected), 1 failed, 2 usage, 3 still not done after the wait.
 */
import { parseArgs } from 'node:util';
import {
  migrateToLatest,
  modelVersion,
  openStorage,
  requestRetrain,
  RETRAIN_SCHEDULE_DEFAULTS,
  type ModelVersion,
} from '@zhongcao/core';
import { commonConfig } from './config.js';
import type { CommandIo } from './recsys-command.js';

const USAGE = 'usage: zhongcao recsys retrain [--data DIR] [--no-wait] [--wait-s N]';
const POLL_MS = 500;

const f4 = (x: number): string => x.toFixed(4);

/** One line for a decided version. */
export function describeVersion(v: ModelVersion): string {
  const head = `model ${v.id}: ${v.status}${v.reason ? ` (${v.reason})` : ''}`;
  if (v.status === 'failed') return `${head}${v.error ? `: ${v.error.split('\n')[0]}` : ''}`;
  const f = v.figures;
  if (!f) return head;
  const bar = f.baselineVersion ? `serving ${f.baselineVersion}` : 'one online pass';
  return `${head}; ${v.people} people, ${v.events} events, ${v.videos} videos; held-out HR@10 ${f4(f.model.hr10)} NDCG@10 ${f4(f.model.ndcg10)} against ${bar}'s ${f4(f.baseline.hr10)} / ${f4(f.baseline.ndcg10)} (${f.model.people} people)${v.swapMs !== null ? `; swap ${v.swapMs} ms` : ''}`;
}

export async function runRetrainCommand(args: string[], io: CommandIo): Promise<number> {
  let values: { data?: string; 'no-wait'?: boolean; 'wait-s'?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { data: { type: 'string' }, 'no-wait': { type: 'boolean' }, 'wait-s': { type: 'string' } },
    }));
  } catch (err) {
    io.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  const waitS = values['wait-s'] === undefined ? 3600 : Number(values['wait-s']);
  if (!Number.isFinite(waitS) || waitS < 0) {
    io.err(`--wait-s must be a number of seconds\n${USAGE}\n`);
    return 2;
  }
  const config = commonConfig(values);
  const storage = openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(storage.db, storage.schema);
    const now = Date.now();
    const asked = await requestRetrain(storage.db, 'manual', null, RETRAIN_SCHEDULE_DEFAULTS.epochs, now);
    io.err(
      `retraining ${asked.id} ${asked.requestedAt === now && asked.status === 'requested' ? 'requested' : `already ${asked.status}`}\n`,
    );
    if (values['no-wait']) {
      io.out(`${asked.id}\n`);
      return 0;
    }
    const deadline = Date.now() + waitS * 1000;
    let last: ModelVersion = asked;
    for (;;) {
      const v = await modelVersion(storage.db, asked.id);
      if (!v) throw new Error(`model version ${asked.id} disappeared`);
      if (v.status === 'training' && (last.status !== 'training' || v.epochsDone !== last.epochsDone))
        io.progress('epochs', v.epochsDone, v.epochs);
      last = v;
      if (v.status !== 'requested' && v.status !== 'training') {
        io.out(`${describeVersion(v)}\n`);
        return v.status === 'failed' ? 1 : 0;
      }
      if (Date.now() >= deadline) {
        io.err(
          v.status === 'requested'
            ? `no running platform picked ${v.id} up within ${waitS} s; it stays requested and the next one to start will train it\n`
            : `${v.id} is still training (${v.epochsDone}/${v.epochs} epochs)\n`,
        );
        return 3;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await storage.close();
  }
}
