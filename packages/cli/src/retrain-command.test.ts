import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStorage } from '@zhongcao/core';
import { runRecsysCommand, type CommandIo } from './recsys-command.js';

function capture(): { io: CommandIo; out: string[]; err: string[]; progress: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  return {
    io: {
      out: (t) => void out.push(t),
      err: (t) => void err.push(t),
      progress: (stage, done, total) => void progress.push(`${stage} ${done}/${total}`),
    },
    out,
    err,
    progress,
  };
}

test("recsys retrain: stores a request, follows the platform's progress and prints its decision", async () => {
  // The command and this stand-in for the platform share one store: the data folder's SQLite file
  // (with DATABASE_URL set the command would open that database instead, and never see the request).
  const databaseUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'zhongcao-retrain-'));
  const storage = openStorage({ dataDir });
  try {
    await migrateToLatest(storage.db);
    const c = capture();
    const running = runRecsysCommand(['retrain', '--data', dataDir, '--wait-s', '30'], c.io);
    // Standing in for the platform: claim the request, train two epochs, decide.
    let row;
    for (
      let tries = 0;
      !(row = await storage.db.selectFrom('model_versions').selectAll().executeTakeFirst());
      tries++
    ) {
      assert.ok(tries < 400, 'the command stored its request');
      await new Promise((r) => setTimeout(r, 50));
    }
    const db = storage.db;
    await db
      .updateTable('model_versions')
      .set({ status: 'training', started_at: 1, epochs: 2 })
      .where('id', '=', row.id)
      .execute();
    await new Promise((r) => setTimeout(r, 700));
    await db.updateTable('model_versions').set({ epochs_done: 1 }).where('id', '=', row.id).execute();
    await new Promise((r) => setTimeout(r, 700));
    const figures = {
      model: { hr10: 0.31, ndcg10: 0.2, people: 100 },
      baseline: { hr10: 0.25, ndcg10: 0.15, people: 100 },
      baselineVersion: null,
    };
    await db
      .updateTable('model_versions')
      .set({
        status: 'serving',
        reason: 'better_than_online',
        epochs_done: 2,
        people: 120,
        events: 900,
        videos: 80,
        figures: JSON.stringify(figures),
        swap_ms: 3,
        finished_at: 2,
      })
      .where('id', '=', row.id)
      .execute();
    assert.equal(await running, 0);
    assert.match(c.err.join(''), new RegExp(`retraining ${row.id} requested`));
    assert.ok(c.progress.includes('epochs 1/2'), c.progress.join(', '));
    assert.match(
      c.out.join(''),
      /serving \(better_than_online\); 120 people, 900 events, 80 videos; held-out HR@10 0\.3100 NDCG@10 0\.2000 against one online pass's 0\.2500 \/ 0\.1500 \(100 people\); swap 3 ms/,
    );

    // Nobody picks a second request up: it stays requested and the command says so.
    const d = capture();
    assert.equal(await runRecsysCommand(['retrain', '--data', dataDir, '--wait-s', '0'], d.io), 3);
    assert.match(d.err.join(''), /no running platform picked mdl_\S+ up within 0 s/);
    const e = capture();
    assert.equal(await runRecsysCommand(['retrain', '--data', dataDir, '--no-wait'], e.io), 0);
    assert.match(e.err.join(''), /already requested/);
  } finally {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl !== undefined) process.env.DATABASE_URL = databaseUrl;
  }
});
