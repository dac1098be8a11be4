/**
 * desired and rows: compute desired state for a synthetic history with a tweaked mapping, and
 * spell its steps one line each (`key < parent | description | end`) for readable tables.
 */
import { buildTree } from '../../../../src/core/build-tree.js';
import type { DesiredContext } from '../../../../src/core/desired.js';
import { desiredState } from '../../../../src/core/desired.js';
import type { DesiredState } from '../../../../src/model/desired.js';
import type { HistoryEvent } from '../../../../src/model/execution.js';
import type { MappingConfig } from '../../../../src/model/mapping.js';
import { DEFAULT_MAPPING } from '../../../../src/model/mapping.js';

/** BASE_CONTEXT is the execution the synthetic histories belong to. */
export const BASE_CONTEXT: DesiredContext = {
  executionArn: 'arn:aws:states:eu-west-1:482913557106:execution:release:r-1',
  stateMachineName: 'release',
  executionName: 'r-1',
  mapping: DEFAULT_MAPPING,
};

/** desired computes the desired state of `events` with `mapping` over the defaults. */
export function desired(events: HistoryEvent[], mapping: Partial<MappingConfig> = {}, extra: Partial<DesiredContext> = {}): DesiredState {
  return desiredState(buildTree(events), { ...BASE_CONTEXT, ...extra, mapping: { ...DEFAULT_MAPPING, ...mapping } });
}

/** rows spells each desired step on one line. */
export const rows = (state: DesiredState): string[] =>
  state.steps.map((s) => `${s.key} < ${s.parentKey ?? '-'} | ${s.description} | ${s.end ?? 'open'}`);

