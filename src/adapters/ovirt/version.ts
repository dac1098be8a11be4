/**
 * The product version, for the User-Agent header. Read from the package manifest so that it
 * cannot drift; bundlers inline the JSON.
 */
import manifest from '../../../package.json' with { type: 'json' };

/** CLIENT_VERSION is the product version the client announces in `User-Agent`. */
export const CLIENT_VERSION: string = manifest.version;
