/**
 * Public surface of the oVirt REST client. Internals (transport, token source, decoders,
 * error mapping) are deliberately not exported: callers get the client, its options and the
 * pure helpers worth reusing.
 */
export { createOvirtClient } from './client.js';
export type { OvirtClient } from './client.js';
export { resolveOvirtOptions } from './options.js';
export type { OvirtClientOptions, OvirtLogger, ResolvedOvirtOptions } from './options.js';
export { checkCorrelationId } from './inputs.js';
export type { RetryPolicy } from './retry.js';
export type { EngineInfo } from './decode.js';
export { formatEngineVersion, isSupportedEngineVersion, MIN_ENGINE_VERSION } from './version.js';
export type { EngineVersion } from './version.js';
export { errorCode, isTlsVerificationCode } from './error-mapping.js';
export { parseEngineUrl } from './engine-url.js';
