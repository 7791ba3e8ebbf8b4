/** A one-line progress counter on stderr for long jobs (a plain line per stage when not a terminal). */
export function progressPrinter(label: string): (stage: string, done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastStage = '';
  let lastPct = -1;
  return (stage, done, total) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (tty) {
      process.stderr.write(`\r${label} ${stage}: ${done}/${total} (${pct}%)   `);
      if (done === total) process.stderr.write('\n');
      return;
    }
    if (stage !== lastStage || (pct >= lastPct + 25 && pct !== lastPct) || done === total) {
      if (stage !== lastStage) lastPct = -1;
      if (pct !== lastPct) process.stderr.write(`${label} ${stage}: ${done}/${total} (${pct}%)\n`);
      lastStage = stage;
      lastPct = pct;
    }
  };
}
