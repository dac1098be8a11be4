/**
 * SimulatedCrash stands for the Lambda process dying at an await point (out of memory, a
 * timeout kill, the host going away). Once an invocation has crashed, every later port call it
 * makes throws SimulatedCrash without reaching the real port, so nothing it would still do —
 * not even releasing its lease in a `catch` — has any effect: the world sees exactly what a
 * dead process leaves behind.
 */

/** SimulatedCrash is thrown by crashable ports at the chosen call and after it. */
export class SimulatedCrash extends Error {
  /** callIndex is the 1-based port call of the invocation at which it died. */
  readonly callIndex: number;
  constructor(callIndex: number, where: string) {
    super(`Simulated crash at port call ${callIndex} (${where}); the invocation is abandoned.`);
    this.name = 'SimulatedCrash';
    this.callIndex = callIndex;
  }
}

/** isSimulatedCrash tells whether an error (or its cause chain) is a simulated crash. */
export function isSimulatedCrash(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth += 1) {
    if (e.name === 'SimulatedCrash') return true;
  }
  return false;
}
