/**
 * Small builders for DynamoDB expressions. Every attribute is written as `#name` (its own alias),
 * which sidesteps DynamoDB's reserved words (`status`, `state`, `cursor`, …) in one rule.
 */

/**
 * namesIn builds ExpressionAttributeNames for every `#name` used in the given expressions, and
 * only those (DynamoDB rejects unused names).
 * @example namesIn('SET #state = :s', '#leaseOwner = :o') // { '#state': 'state', '#leaseOwner': 'leaseOwner' }
 */
export function namesIn(...expressions: readonly (string | undefined)[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const expression of expressions) {
    for (const match of expression?.matchAll(/#(\w+)/g) ?? []) {
      const name = match[1];
      if (name !== undefined) names[`#${name}`] = name;
    }
  }
  return names;
}

/** UpdateClauses lists the actions of one UpdateExpression, each already in `#name …` form. */
export interface UpdateClauses {
  readonly set?: readonly string[];
  readonly remove?: readonly string[];
  readonly add?: readonly string[];
}

/**
 * updateExpression joins non-empty clauses into one UpdateExpression.
 * @example updateExpression({ set: ['#a = :a'], remove: ['#b'] }) // 'SET #a = :a REMOVE #b'
 */
export function updateExpression(clauses: UpdateClauses): string {
  const parts: string[] = [];
  if (clauses.set?.length) parts.push(`SET ${clauses.set.join(', ')}`);
  if (clauses.remove?.length) parts.push(`REMOVE ${clauses.remove.join(', ')}`);
  if (clauses.add?.length) parts.push(`ADD ${clauses.add.join(', ')}`);
  return parts.join(' ');
}
