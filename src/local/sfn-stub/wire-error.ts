/**
 * WireError is an AWS JSON 1.0 error answer: the HTTP status and the exception name sent as
 * `__type` (and `x-amzn-errortype`), which the SDK turns into `error.name`.
 */

/** WireError is thrown by an operation to answer with an AWS error. @internal */
export class WireError extends Error {
  readonly status: number;
  readonly awsType: string;
  constructor(status: number, awsType: string, message: string) {
    super(message);
    this.name = 'WireError';
    this.status = status;
    this.awsType = awsType;
  }
}

/** clientError is a 400 answer with the given exception name. @internal */
export const clientError = (awsType: string, message: string): WireError => new WireError(400, awsType, message);
