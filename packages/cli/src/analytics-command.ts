/**
 * `zhongcao analytics rebuild [--from YYYY-MM-DD] [--data DIR]`: recomputes the 罗盘 rollups from
 * the raw rows (from that Shanghai day on, or everything), with progress; the consumer then
 * carries on from where the rebuild stopped.
 */
import { openCore, parseShanghaiDate, rebuildRollups } from '@zhongcao/core';
import type { CommonConfig } from './config.js';
import { progressPrinter } from './progress.js';

export async function runAnalyticsCommand(
  positionals: string[],
  config: CommonConfig,
  from: string | undefined,
): Promise<number> {
  if (positionals[0] !== 'rebuild') {
    console.error(
      `unknown analytics command: ${positionals[0] ?? '(none)'}; try: zhongcao analytics rebuild [--from YYYY-MM-DD]`,
    );
    return 2;
  }
  const start = from === undefined ? null : parseShanghaiDate(from);
  if (from !== undefined && start === null) {
    console.error('--from takes a date: YYYY-MM-DD (Asia/Shanghai)');
    return 2;
  }
  const core = await openCore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const began = performance.now();
    const progress = progressPrinter('analytics rebuild');
    const r = await rebuildRollups(core.ctx, start, (done, total) => progress('steps', done, total));
    console.log(
      `analytics rebuild: ${r.facts} facts${from ? ` from ${from}` : ''} in ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );
    return 0;
  } finally {
    await core.close();
  }
}
