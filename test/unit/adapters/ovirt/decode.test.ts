import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeJob, decodeList, decodeStep, readActionStatus, readFault } from '../../../../src/adapters/ovirt/decode.js';
import { DecodeError, readBoolean, readDate, readInteger } from '../../../../src/adapters/ovirt/wire-values.js';

const JOB_ID = '3f6d0c52-9a43-4d0e-8a57-0d4c7a1f2e10';
const STEP_ID = '9a0b1c2d-0000-4000-8000-000000000001';
const PARENT_ID = '77c1aaaa-0000-4000-8000-000000000002';

/** A job as the engine writes it in JSON (docs/ovirt-engine-behaviour.md#job). */
const engineJob = {
  actions: { link: [{ href: `/ovirt-engine/api/jobs/${JOB_ID}/clear`, rel: 'clear' }] },
  description: 'sfn exec 42: nightly backup',
  href: `/ovirt-engine/api/jobs/${JOB_ID}`,
  id: JOB_ID,
  link: [{ href: `/ovirt-engine/api/jobs/${JOB_ID}/steps`, rel: 'steps' }],
  auto_cleared: 'false',
  external: 'true',
  last_updated: 1714644930123,
  start_time: 1714644930123,
  status: 'started',
  owner: { href: '/ovirt-engine/api/users/0b1e', id: '0b1e' },
};

describe('Function: decodeJob', () => {
  it('decodes string booleans, epoch dates and the owner reference', () => {
    // Prepare
    const raw = { ...engineJob, end_time: 1714644999000, status: 'finished', auto_cleared: 'true' };

    // Act
    const job = decodeJob(raw);

    // Assess
    expect(job).toEqual({
      id: JOB_ID,
      description: 'sfn exec 42: nightly backup',
      status: 'finished',
      autoCleared: true,
      external: true,
      startTime: 1714644930123,
      endTime: 1714644999000,
      lastUpdated: 1714644930123,
      ownerId: '0b1e',
    });
  });

  it('treats missing fields as absent, flags as false and an unknown status as unknown', () => {
    // Prepare
    const raw = { id: JOB_ID, status: 'REBOOTING' };

    // Act
    const job = decodeJob(raw);

    // Assess
    expect(job).toEqual({ id: JOB_ID, description: '', status: 'unknown', autoCleared: false, external: false,
      startTime: undefined, endTime: undefined, lastUpdated: undefined, ownerId: undefined });
  });

  it('accepts native JSON booleans and upper-case enum values', () => {
    // Prepare
    const raw = { id: JOB_ID, auto_cleared: true, external: false, status: 'FAILED' };

    // Act
    const job = decodeJob(raw);

    // Assess
    expect([job.autoCleared, job.external, job.status]).toEqual([true, false, 'failed']);
  });

  it.each([
    ['no id', { description: 'x' }],
    ['not an object', ['x']],
    ['a boolean that is not one', { id: JOB_ID, external: 'yes' }],
    ['a date that is not one', { id: JOB_ID, start_time: 'soon' }],
    ['an owner that is not a reference', { id: JOB_ID, owner: 'bob' }],
  ])('refuses a job with %s', (_label, raw) => {
    // Prepare
    const decode = () => decodeJob(raw);

    // Act / Assess
    expect(decode).toThrow(DecodeError);
  });
});

describe('Function: decodeStep', () => {
  it('decodes a sub-step: parent, job reference and the integer number sent as a string', () => {
    // Prepare
    const raw = {
      description: 'map item 3', href: `/ovirt-engine/api/jobs/${JOB_ID}/steps/${STEP_ID}`, id: STEP_ID,
      external: 'true', number: '3', start_time: 1714644962004, status: 'started', type: 'executing',
      job: { href: `/ovirt-engine/api/jobs/${JOB_ID}`, id: JOB_ID },
      parent_step: { href: `/ovirt-engine/api/jobs/${JOB_ID}/steps/${PARENT_ID}`, id: PARENT_ID },
    };

    // Act
    const step = decodeStep(raw, 'url-job-id');

    // Assess
    expect(step).toEqual({
      id: STEP_ID, jobId: JOB_ID, parentStepId: PARENT_ID, description: 'map item 3', type: 'executing',
      number: 3, status: 'started', external: true, startTime: 1714644962004, endTime: undefined, progress: undefined,
    });
  });

  it('falls back to the URL job id and tolerates an unknown type', () => {
    // Prepare
    const raw = { id: STEP_ID, type: 'defragmenting', number: 0, progress: '40' };

    // Act
    const step = decodeStep(raw, JOB_ID);

    // Assess
    expect([step.jobId, step.type, step.number, step.progress, step.parentStepId]).toEqual([JOB_ID, 'unknown', 0, 40, undefined]);
  });

  it('refuses a number that is not an integer', () => {
    // Prepare
    const raw = { id: STEP_ID, number: '1.5' };

    // Act / Assess
    expect(() => decodeStep(raw, JOB_ID)).toThrow(/number should be an integer/);
  });
});

describe('Function: decodeList', () => {
  it.each([
    ['an empty object', {}, 0],
    ['an empty array property', { job: [] }, 0],
    ['a bare empty array', [], 0],
    ['an empty body', undefined, 0],
    ['a null property', { job: null }, 0],
    ['two jobs', { job: [{ id: 'a' }, { id: 'b' }] }, 2],
    ['a lone object where the array belongs', { job: { id: 'a' } }, 1],
    ['a bare array of jobs', [{ id: 'a' }], 1],
  ])('reads %s', (_label, raw, count) => {
    // Prepare
    const element = 'job';

    // Act
    const items = decodeList(raw, element);

    // Assess
    expect(items).toHaveLength(count);
  });

  it('refuses a collection whose property is neither an array nor an object', () => {
    // Prepare
    const raw = { step: 'none' };

    // Act / Assess
    expect(() => decodeList(raw, 'step')).toThrow(DecodeError);
  });
});

describe('Function: readFault', () => {
  it.each([
    ['a bare fault', { detail: '[Cannot add External Job. Description can not be empty.]', reason: 'Operation Failed' },
      { reason: 'Operation Failed', detail: '[Cannot add External Job. Description can not be empty.]' }],
    ['an action with a nested fault', { status: 'failed', fault: { reason: 'Operation Failed', detail: '[Cannot Clear External Job. Job not found.]' } },
      { reason: 'Operation Failed', detail: '[Cannot Clear External Job. Job not found.]' }],
    ['a fault with only a reason', { reason: 'Input validation failed.' }, { reason: 'Input validation failed.', detail: undefined }],
    ['an HTML page', '<html>Unauthorized</html>', undefined],
    ['an empty object', {}, undefined],
  ])('reads %s', (_label, body, expected) => {
    // Prepare
    const input: unknown = body;

    // Act
    const fault = readFault(input);

    // Assess
    expect(fault).toEqual(expected);
  });
});

describe('Function: readActionStatus', () => {
  it('reads the status in lower case and nothing from a non-object', () => {
    // Prepare
    const bodies: unknown[] = [{ status: 'COMPLETE' }, { status: 'failed' }, 'complete', undefined];

    // Act
    const statuses = bodies.map(readActionStatus);

    // Assess
    expect(statuses).toEqual(['complete', 'failed', undefined, undefined]);
  });
});

describe('Wire value readers (property-based)', () => {
  it('readInteger reads back every safe integer written as a string or a number', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (n, asString) => {
        // Prepare
        const obj = { n: asString ? String(n) : n };

        // Act
        const value = readInteger(obj, 'n');

        // Assess
        expect(value).toBe(n);
      }),
    );
  });

  it('readBoolean reads back every boolean in each wire spelling', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom('native', 'lower', 'upper', 'digit'), (b, spelling) => {
        // Prepare
        const wire = { native: b, lower: String(b), upper: String(b).toUpperCase(), digit: b ? '1' : '0' }[spelling];

        // Act
        const value = readBoolean({ b: wire }, 'b');

        // Assess
        expect(value).toBe(b);
      }),
    );
  });

  it('readDate reads epoch milliseconds as numbers or digit strings, and ISO text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (millis) => {
        // Prepare
        const forms = [millis, String(millis), new Date(millis).toISOString()];

        // Act
        const values = forms.map((form) => readDate({ d: form }, 'd'));

        // Assess
        expect(values).toEqual([millis, millis, millis]);
      }),
    );
  });
});
