/**
 * Versions: the product version the client announces in `User-Agent` (read from the package
 * manifest so that it cannot drift; bundlers inline the JSON), and the engine versions the
 * client supports, judged from the API root's `product_info`.
 */
import manifest from '../../../package.json' with { type: 'json' };

/** CLIENT_VERSION is the product version the client announces in `User-Agent`. */
export const CLIENT_VERSION: string = manifest.version;

/** EngineVersion is the engine's product version as the API root reports it. */
export interface EngineVersion {
  readonly major: number;
  readonly minor: number;
  readonly build?: number | undefined;
  readonly revision?: number | undefined;
  /** The engine's own spelling, e.g. `4.5.6-1.el9`. */
  readonly full?: string | undefined;
}

/**
 * MIN_ENGINE_VERSION: the oldest engine the client works with. The Correlation-Id search on
 * `/jobs` (crash recovery depends on it) and the mandatory-field checks on step ends came with
 * 4.2; older engines answer those calls differently (docs/ovirt-engine-behaviour.md#search).
 */
export const MIN_ENGINE_VERSION = Object.freeze({ major: 4, minor: 2 });

/** API_VERSION is the REST API version the client asks for on every call (`Version` header). */
export const API_VERSION = '4';

/** isSupportedEngineVersion: 4.2 or later within major version 4 (the API version the client speaks). */
export function isSupportedEngineVersion(version: Pick<EngineVersion, 'major' | 'minor'>): boolean {
  return version.major === MIN_ENGINE_VERSION.major && version.minor >= MIN_ENGINE_VERSION.minor;
}

/** formatEngineVersion prints `4.5.6` (and the full spelling when it says more). */
export function formatEngineVersion(version: EngineVersion): string {
  const short = [version.major, version.minor, version.build].filter((part) => part !== undefined).join('.');
  return version.full !== undefined && version.full !== short ? `${short} (${version.full})` : short;
}
