/**
 * COMMANDS lists the subcommands of `ovirt-pipeline-jobs`, in the order the help shows them:
 * the order an operator meets them (check the setup, look at one execution, repair).
 */
import type { CliCommand } from '../command.js';
import { backfillCommand } from './backfill.js';
import { doctorCommand } from './doctor.js';
import { replayDlqCommand } from './replay-dlq.js';
import { resyncCommand } from './resync.js';
import { statusCommand } from './status.js';

export const COMMANDS: readonly CliCommand[] = [doctorCommand, statusCommand, resyncCommand, backfillCommand, replayDlqCommand];
