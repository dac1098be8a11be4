/**
 * Preloaded (`node --import`) into the serverless offline child: when the stack that spawned
 * it dies without stopping it (SIGKILL, crash), the IPC channel closes, and this ends the
 * child's whole process group so no server keeps a port. Node runs it without a build step
 * (type stripping), so it imports nothing but Node's own modules.
 */
import { isMainThread } from 'node:worker_threads';

/** GROUP_KILL_AFTER_MS gives serverless offline time to halt on SIGTERM before the group is killed. */
const GROUP_KILL_AFTER_MS = 5_000;

if (isMainThread && typeof process.send === 'function') {
  process.channel?.unref();
  process.once('disconnect', () => {
    setTimeout(() => process.kill(-process.pid, 'SIGKILL'), GROUP_KILL_AFTER_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  });
}
