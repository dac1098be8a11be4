/**
 * acceptsStateMachine decides whether executions of a state machine are mirrored: the
 * allow-list (empty = all), and Distributed Map child executions (state machine
 * "<parent>/<label>") only when MIRROR_CHILD_EXECUTIONS is on, under their parent's entry.
 */
export function acceptsStateMachine(stateMachineArn: string, allowList: readonly string[], mirrorChildren: boolean): boolean {
  const slash = stateMachineArn.indexOf('/', stateMachineArn.indexOf(':stateMachine:'));
  const isChild = slash >= 0;
  if (isChild && !mirrorChildren) return false;
  const base = isChild ? stateMachineArn.slice(0, slash) : stateMachineArn;
  // A version/alias-qualified ARN (…:stateMachine:<name>:<qualifier>) belongs to its state machine.
  const unqualified = base.split(':').slice(0, 7).join(':');
  return allowList.length === 0 || allowList.includes(unqualified);
}
