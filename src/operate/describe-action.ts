/** describeAction says in words what one planned oVirt change does (for dry-run output). */
import type { Action } from '../model/action.js';

export function describeAction(action: Action): string {
  switch (action.kind) {
    case 'createJob':
      return `create job ${action.key} "${action.description}" (Correlation-Id ${action.correlationId})`;
    case 'createStep':
      return `create step ${action.key} "${action.description}" under ${action.parentKey ?? action.jobKey}`;
    case 'endStep':
      return `end step ${action.key} finished`;
    case 'endJob':
      return `end job ${action.key} ${action.succeeded ? 'finished' : 'failed'}`;
  }
}
