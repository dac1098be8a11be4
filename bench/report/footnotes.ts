/**
 * FOOTNOTES define every figure of the printed table, so a reader can check what was counted.
 */
export const FOOTNOTES: readonly string[] = [
  'N: history events of the scenario\'s executions. wall s: time of its deliveries; ev/s: N per second of wall.',
  '¹ oVirt writes (job add, step add, step end, job end) against the engine-semantics minimum, computed from',
  '  the pure core\'s desired state over the history each sync saw, without the planner or the tracking table:',
  '  every job and mirrored step created once, a step ended on its own only when the job-end cascade would give',
  '  it the wrong status, every ended job ended once. One final sync (whole history visible before the first',
  '  event): no step ends for a succeeded job. Syncs while running (live, burst): a step seen finished while its',
  '  job still runs is ended then (the monitor is live); steps finishing in the sync that ends the job finished',
  '  are left to the cascade. R: GET requests (lookups). SSO: token requests (one per function process).',
  '² GetExecutionHistory pages served; bound = Σ⌈N/1000⌉ + K, K = sync requests delivered (events, sweep visits).',
  '³ Event→oVirt, over the syncs that changed something: from handing the event (or sweep tick) to the function',
  '  to the engine\'s last_updated of the job right after, i.e. when that sync\'s last oVirt change landed',
  '  (bookkeeping after it not counted; invocation durations are in the JSON). Everything shares this',
  '  machine\'s cores; in Lambda each concurrent event gets its own container.',
  '⁴ Peak RSS of the function processes; each function runs in its own process, like a Lambda container.',
  '⁵ Largest tracking-table item by DynamoDB\'s size rules: a scan at the end, plus the meta row (checkpoint)',
  '  after every sync when the scenario has at most 5 executions.',
  '⁶ HTTP calls of the ovirt_job Ansible module\'s approach over the same executions, sync points and changes:',
  '  one module run per change; each run lists every job, and for a step every step of the job, and matches by',
  '  description before changing anything (2 calls per job change, 3 per step change), plus one ovirt_auth',
  '  login per execution. ours/base: our oVirt calls (writes, reads, logins) per baseline call.',
  '  *: worked out from that model, not driven (driving it would list thousands of jobs or steps per change;',
  '  every driven run checks that the model matches the calls made exactly).',
  '⁷ Median time to import the bundled handler (.mjs from the zip) in a fresh Node process with the function\'s',
  '  environment and NODE_OPTIONS, as Lambda\'s init phase does.',
];
