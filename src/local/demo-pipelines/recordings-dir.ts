/**
 * RECORDINGS_DIR is the one folder of recorded Step Functions executions (a–e): the demo plays
 * them at run time, and the tests of the stub, the adapter and the core read the same files.
 * It ends with a slash, so a file name can be appended.
 */
import { fileURLToPath } from 'node:url';

export const RECORDINGS_DIR = fileURLToPath(new URL('./recordings/', import.meta.url));
