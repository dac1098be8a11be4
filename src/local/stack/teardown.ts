/**
 * Teardown stops what the stack started, last started first, exactly once, and keeps going
 * when one part fails to stop, so a failed start or a Ctrl-C never leaves a server behind.
 */

/** Teardown collects stop functions; run() calls them in reverse order. */
export class Teardown {
  private readonly steps: Array<{ name: string; stop: () => Promise<void> | void }> = [];
  private running: Promise<string[]> | undefined;

  /** add registers how to stop `name`. */
  add(name: string, stop: () => Promise<void> | void): void {
    this.steps.push({ name, stop });
  }

  /** run stops everything (once; later calls wait for the first) and resolves to the problems met. */
  run(): Promise<string[]> {
    this.running ??= this.stopAll();
    return this.running;
  }

  private async stopAll(): Promise<string[]> {
    const problems: string[] = [];
    for (const step of [...this.steps].reverse()) {
      try {
        await step.stop();
      } catch (error) {
        problems.push(`${step.name} did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return problems;
  }
}
