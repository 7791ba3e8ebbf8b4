/** Platform admin · Recommendation models: the interest engine's model versions, offline figures and retraining. */
const strings = {
  models: {
    nav: 'Recommendation models',
    title: 'Recommendation models',
    intro: 'The interest engine retrains in the background on a schedule from recent engagements and purchases; the feed keeps serving while it trains. A new model is hot-swapped in only when its HR@10 on each person\'s latest engagement (held out) is not below the model serving; otherwise the serving model stays and the reason is recorded.',
    retrainNow: 'Retrain now',
    requested: 'Retraining requested: {{id}}',
    schedule: 'Retrained automatically every {{hours}} hours',
    onDemand: 'Retrained on demand only',
    notRunning: 'This process does not run the interest engine; the process that does will take the request',
    cols: { version: 'Version', status: 'Status', trigger: 'Trigger', requestedAt: 'Requested', finishedAt: 'Finished', data: 'Training data', figures: 'Held-out HR@10 / NDCG@10', baseline: 'Compared with', reason: 'Why', swap: 'Swap' },
    data: '{{people}} people · {{events}} engagements · {{videos}} videos',
    progress: 'epoch {{done}} / {{total}}',
    baselineServing: 'serving {{id}}: {{hr}} / {{ndcg}}',
    baselineOnline: 'online learning only: {{hr}} / {{ndcg}}',
    swapMs: '{{ms}} ms',
    status: { requested: 'Queued', training: 'Training', serving: 'Serving', retired: 'Retired', rejected: 'Not swapped in', failed: 'Failed' } as Record<string, string>,
    trigger: { schedule: 'Schedule', manual: 'Manual' } as Record<string, string>,
    reason: {
      better_than_serving: 'Better than the model serving',
      better_than_online: 'Better than online learning alone',
      worse_than_serving: 'Worse than the model serving',
      worse_than_online: 'Worse than online learning alone',
      not_enough_history: 'Not enough recent history to judge it',
      superseded: 'Replaced by a newer version',
      process_restarted: 'Lost when the server restarted',
      engine_unavailable: 'The engine was not ready; not swapped in',
      training_failed: 'Training failed',
    } as Record<string, string>,
  },
};
export default strings;
