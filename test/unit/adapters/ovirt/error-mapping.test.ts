import { describe, expect, it } from 'vitest';
import { errors as undiciErrors } from 'undici';
import { errorCode, errorFromResponse, errorFromTransport, type RequestContext } from '../../../../src/adapters/ovirt/error-mapping.js';
import { isOvirtAuthError, isOvirtHttpError, isOvirtNotFoundError, isOvirtPermissionError, isOvirtUnavailableError, isRetryable } from '../../../../src/errors.js';

const GET: RequestContext = { method: 'GET', path: '/ovirt-engine/api/jobs', origin: 'https://engine.test', idempotent: true };
const ADD: RequestContext = { method: 'POST', path: '/ovirt-engine/api/jobs', origin: 'https://engine.test', idempotent: false };

const withCode = (code: string, message = `failure ${code}`): Error => Object.assign(new Error(message), { code });

describe('Function: errorFromTransport', () => {
  it.each([
    ['ECONNRESET', withCode('ECONNRESET')],
    ['ECONNREFUSED', withCode('ECONNREFUSED')],
    ['UND_ERR_SOCKET', new undiciErrors.SocketError('other side closed')],
    ['UND_ERR_CONNECT_TIMEOUT', new undiciErrors.ConnectTimeoutError()],
    ['UND_ERR_HEADERS_TIMEOUT', new undiciErrors.HeadersTimeoutError()],
    ['UND_ERR_BODY_TIMEOUT', new undiciErrors.BodyTimeoutError()],
    ['EPIPE', withCode('EPIPE')],
    ['EAI_AGAIN', withCode('EAI_AGAIN')],
  ])('classifies %s as a retryable OvirtUnavailableError', (code, cause) => {
    // Prepare
    const ctx = GET;

    // Act
    const error = errorFromTransport(cause, ctx);

    // Assess
    expect(isOvirtUnavailableError(error)).toBe(true);
    expect([error.code, isRetryable(error), error.cause]).toEqual([code, true, cause]);
    expect(error.message).toContain('GET /ovirt-engine/api/jobs on https://engine.test');
  });

  it.each([
    'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER',
  ])('classifies the TLS failure %s as not retryable and says how to fix it', (code) => {
    // Prepare
    const cause = withCode(code, 'self-signed certificate');

    // Act
    const error = errorFromTransport(cause, GET);

    // Assess
    expect([error.code, isRetryable(error)]).toEqual([code, false]);
    expect(error.message).toMatch(/caFile \(OVIRT_CAFILE\) or caPem/);
    expect(error.message).toMatch(/insecure: true/);
  });

  it.each([
    ['an unknown code', withCode('EWEIRD')],
    ['no code at all', new Error('bug')],
    ['a host name that does not resolve', withCode('ENOTFOUND')],
  ])('does not retry %s', (_label, cause) => {
    // Prepare
    const ctx = GET;

    // Act
    const error = errorFromTransport(cause, ctx);

    // Assess
    expect(isRetryable(error)).toBe(false);
    expect(error.message).toMatch(/Check the url/);
  });

  it('warns that an add may have been applied when the answer was lost after sending', () => {
    // Prepare
    const reset = withCode('ECONNRESET');

    // Act
    const error = errorFromTransport(reset, ADD);

    // Assess
    expect(error.message).toMatch(/may have applied the request/);
  });

  it('does not warn about a maybe-applied add when the connection never opened', () => {
    // Prepare
    const refused = withCode('ECONNREFUSED');

    // Act
    const error = errorFromTransport(refused, ADD);

    // Assess
    expect(error.message).not.toMatch(/may have applied/);
  });
});

describe('Function: errorCode', () => {
  it('finds the code on the error, its cause or the first error of an AggregateError', () => {
    // Prepare
    const nested = [
      withCode('ECONNRESET'),
      new Error('wrapper', { cause: withCode('UND_ERR_SOCKET') }),
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'all addresses failed'),
      new Error('plain'),
    ];

    // Act
    const codes = nested.map(errorCode);

    // Assess
    expect(codes).toEqual(['ECONNRESET', 'UND_ERR_SOCKET', 'ECONNREFUSED', undefined]);
  });
});

describe('Function: errorFromResponse', () => {
  it('maps 404 with an empty body to OvirtNotFoundError', () => {
    // Prepare
    const answer = { status: 404, body: undefined };

    // Act
    const error = errorFromResponse(answer, GET);

    // Assess
    expect(isOvirtNotFoundError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
  });

  it('maps 401 to a non-retryable OvirtAuthError', () => {
    // Prepare
    const answer = { status: 401, body: '<html><body>Unauthorized</body></html>', contentType: 'text/html' };

    // Act
    const error = errorFromResponse(answer, GET);

    // Assess
    expect(isOvirtAuthError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
  });

  it('carries reason and detail of an action that failed with a nested fault', () => {
    // Prepare
    const body = { status: 'failed', fault: { detail: '[Cannot Clear External Job. Job not found.]', reason: 'Operation Failed' } };

    // Act
    const error = errorFromResponse({ status: 400, body }, GET);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, reason: 'Operation Failed', detail: '[Cannot Clear External Job. Job not found.]', retryable: false });
    expect(error.message).toMatch(/Retrying will not help/);
  });

  it('carries reason and detail of a bare fault', () => {
    // Prepare
    const body = { detail: "Parameter 'succeeded' is mandatory but was not provided.", reason: 'Input validation failed.' };

    // Act
    const error = errorFromResponse({ status: 400, body }, GET);

    // Assess
    expect(error).toMatchObject({ reason: 'Input validation failed.', detail: "Parameter 'succeeded' is mandatory but was not provided." });
  });

  it.each([500, 502, 503])('makes %i retryable', (status) => {
    // Prepare
    const answer = { status, body: { reason: 'Operation Failed', detail: 'NullPointerException' } };

    // Act
    const error = errorFromResponse(answer, GET);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(isRetryable(error)).toBe(true);
  });

  it('names the missing permission on 403', () => {
    // Prepare
    const answer = { status: 403, body: { reason: 'Operation Failed', detail: '[User is not authorized to perform this action.]' } };

    // Act
    const error = errorFromResponse(answer, ADD);

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect(isRetryable(error)).toBe(false);
    expect(error.message).toMatch(/INJECT_EXTERNAL_TASKS/);
  });

  it('issue 9 #3: maps a 400 whose fault says the query lacked permissions to OvirtPermissionError', () => {
    // Prepare
    const answer = { status: 400, body: { reason: 'Operation Failed', detail: 'query execution failed due to insufficient permissions.' } };

    // Act
    const error = errorFromResponse(answer, GET);

    // Assess
    expect(isOvirtPermissionError(error)).toBe(true);
    expect(error.message).toMatch(/administrator/);
  });

  it('keeps other 400 faults as OvirtHttpError', () => {
    // Prepare
    const answer = { status: 400, body: { reason: 'Operation Failed', detail: '[Cannot add External Job. Step should be a child of the Job or other Step.]' } };

    // Act
    const error = errorFromResponse(answer, GET);

    // Assess
    expect(isOvirtHttpError(error)).toBe(true);
    expect(isOvirtPermissionError(error)).toBe(false);
  });

  it('names an unexpected body by its content type without dumping it', () => {
    // Prepare
    const answer = { status: 400, body: '<html>proxy error page with internals</html>', contentType: 'text/html' };

    // Act
    const error = errorFromResponse(answer, GET);

    // Assess
    expect(error.message).toContain('the answer is an HTML page (text/html)');
    expect(error.message).toMatch(/not at a proxy or its login page/);
    expect(error.message).not.toMatch(/internals|fix the input/);
  });
});
