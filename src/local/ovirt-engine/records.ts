/**
 * Internal, mutable records of the simulated engine database (the `job` and `step` tables).
 * Only the store and the engine commands change them; everything else gets copies.
 */
import type { OvirtStatus, StepType } from '../../model/ovirt.js';

/** JobRecord is one row of the engine's `job` table. Dates are epoch milliseconds. */
export interface JobRecord {
  id: string;
  description: string;
  status: OvirtStatus;
  autoCleared: boolean;
  external: boolean;
  startTime: number;
  endTime?: number | undefined;
  lastUpdated: number;
  ownerId: string;
  correlationId: string;
}

/** StepRecord is one row of the engine's `step` table; `parentStepId` is set on sub-steps. */
export interface StepRecord {
  id: string;
  jobId: string;
  parentStepId?: string | undefined;
  description: string;
  type: StepType;
  number: number;
  status: OvirtStatus;
  external: boolean;
  startTime: number;
  endTime?: number | undefined;
  progress?: number | undefined;
  correlationId: string;
}

/** EndedStatus is the status an end sets: the engine never sets `aborted` through the API. */
export type EndedStatus = 'finished' | 'failed';
