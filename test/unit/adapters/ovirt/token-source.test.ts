import { describe, expect, it, vi } from 'vitest';
import { createTokenSource } from '../../../../src/adapters/ovirt/token-source.js';
import { isOvirtAuthError } from '../../../../src/errors.js';

/** A login that hands out tok-1, tok-2, … and can be held open until `release()`. */
function countingLogin() {
  let count = 0;
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const login = vi.fn(async () => {
    await gate;
    count += 1;
    return `tok-${count}`;
  });
  return {
    login,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release: () => release(),
  };
}

describe('Function: createTokenSource', () => {
  it('logs in once and caches the token for later calls', async () => {
    // Prepare
    const { login } = countingLogin();
    const tokens = createTokenSource({ login });

    // Act
    const got = [await tokens.get(), await tokens.get()];

    // Assess
    expect(got).toEqual(['tok-1', 'tok-1']);
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('lets concurrent callers share one in-flight login', async () => {
    // Prepare
    const gate = countingLogin();
    gate.hold();
    const tokens = createTokenSource({ login: gate.login });

    // Act
    const pending = Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    gate.release();
    const got = await pending;

    // Assess
    expect(got).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(gate.login).toHaveBeenCalledTimes(1);
  });

  it('renews a rejected token once, even when several callers saw it rejected', async () => {
    // Prepare
    const { login } = countingLogin();
    const tokens = createTokenSource({ token: 'given', login });

    // Act
    const renewed = await Promise.all([tokens.renew('given'), tokens.renew('given')]);
    const later = await tokens.renew('given');

    // Assess
    expect([...renewed, later]).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('cannot renew a fixed token without credentials', async () => {
    // Prepare
    const tokens = createTokenSource({ token: 'fixed' });

    // Act
    const renewed = await tokens.renew('fixed');

    // Assess
    expect(renewed).toBeUndefined();
    expect(await tokens.get()).toBe('fixed');
  });

  it('lets one caller give up its wait without cancelling the shared login', async () => {
    // Prepare
    const gate = countingLogin();
    gate.hold();
    const tokens = createTokenSource({ login: gate.login });
    const controller = new AbortController();

    // Act
    const impatient = tokens.get(controller.signal);
    const patient = tokens.get();
    controller.abort();
    gate.release();

    // Assess
    await expect(impatient).rejects.toMatchObject({ name: 'AbortError' });
    await expect(patient).resolves.toBe('tok-1');
  });

  it('propagates a failed login and tries again on the next call', async () => {
    // Prepare
    const login = vi.fn<() => Promise<string>>().mockRejectedValueOnce(new Error('sso down')).mockResolvedValue('tok-ok');
    const tokens = createTokenSource({ login });

    // Act
    const first = tokens.get();

    // Assess
    await expect(first).rejects.toThrow('sso down');
    await expect(tokens.get()).resolves.toBe('tok-ok');
  });

  it('has nothing to offer after forget when it has no credentials', async () => {
    // Prepare
    const tokens = createTokenSource({ token: 'fixed' });

    // Act
    tokens.forget();
    const outcome = tokens.get();

    // Assess
    expect(tokens.current()).toBeUndefined();
    await expect(outcome).rejects.toSatisfy(isOvirtAuthError);
  });
});
