/**
 * The simulator's user directory: the accounts its SSO accepts, each with a stable UUID
 * (the job `owner`) and the two permissions the engine distinguishes (docs/ovirt-engine-behaviour.md#permissions).
 */
import { timingSafeEqual } from 'node:crypto';
import { userIdFor } from './ids.js';
import type { SimUser } from './types.js';

/** DEFAULT_USER is the account used when no users are configured. */
export const DEFAULT_USER: SimUser = { name: 'admin@internal', password: 'ovirt-sim-password' };

/** DirectoryUser is a resolved account. */
export interface DirectoryUser {
  readonly name: string;
  readonly id: string;
  readonly admin: boolean;
  readonly canInjectExternalTasks: boolean;
}

/** UserDirectory checks credentials and resolves user names. */
export class UserDirectory {
  private readonly users = new Map<string, { user: DirectoryUser; password: string }>();

  constructor(users: readonly SimUser[]) {
    for (const user of users.length > 0 ? users : [DEFAULT_USER]) {
      const resolved: DirectoryUser = {
        name: user.name,
        id: userIdFor(user.name),
        admin: user.admin ?? true,
        canInjectExternalTasks: user.canInjectExternalTasks ?? true,
      };
      this.users.set(user.name, { user: resolved, password: user.password });
    }
  }

  /** authenticate returns the user when name and password match, else undefined. */
  authenticate(name: string, password: string): DirectoryUser | undefined {
    const entry = this.users.get(name);
    if (entry === undefined) return undefined;
    const given = Buffer.from(password);
    const expected = Buffer.from(entry.password);
    return given.length === expected.length && timingSafeEqual(given, expected) ? entry.user : undefined;
  }

  byName(name: string): DirectoryUser | undefined {
    return this.users.get(name)?.user;
  }

  /** byId finds a user by its UUID (the id in a job's `owner` and the API root's user links). */
  byId(id: string): DirectoryUser | undefined {
    for (const { user } of this.users.values()) if (user.id === id) return user;
    return undefined;
  }

  /** first is the first configured user (owner of the seeded internal jobs). */
  first(): DirectoryUser {
    const first = this.users.values().next().value;
    if (first === undefined) throw new Error('The simulator has no users; configure at least one.');
    return first.user;
  }
}
