/**
 * How many runs execute at once. Runs of one workflow are spread over `DEFAULT_RUN_LANES` bus keys
 * (messages.ts, `runKeyOf`), so one busy workflow runs that many at once; the executor takes
 * `DEFAULT_RUN_CONCURRENCY` runs at once across workflows. Lanes are half the slots: a workflow
 * that receives a burst cannot hold up the others (docs/decisions.md, "Run lanes").
 */
export const DEFAULT_RUN_LANES = 16;
export const DEFAULT_RUN_CONCURRENCY = 32;
