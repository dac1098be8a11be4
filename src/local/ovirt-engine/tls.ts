/**
 * TLS material for `--tls`: a throw-away CA and a server certificate it signs, with SANs
 * `localhost` and `127.0.0.1` (plus the listening host), so clients can verify the
 * simulator by trusting the CA file instead of turning verification off. Keys come from
 * node:crypto (fast, native); node-forge builds and signs the certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** TlsMaterial is what an HTTPS server and its clients need. */
export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

/** @internal */
function newKeyPair(): { privatePem: string; publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privatePem);
  return { privatePem, privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e) };
}

/** @internal */
function baseCertificate(publicKey: forge.pki.PublicKey, commonName: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + 365 * DAY_MS);
  cert.setSubject([{ name: 'commonName', value: commonName }, { name: 'organizationName', value: 'oVirt engine simulator' }]);
  return cert;
}

/** createTlsMaterial generates a CA and a server certificate valid for `host`, localhost and 127.0.0.1. */
export function createTlsMaterial(host: string): TlsMaterial {
  const caKeys = newKeyPair();
  const ca = baseCertificate(caKeys.publicKey, 'oVirt engine simulator CA');
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const serverKeys = newKeyPair();
  const server = baseCertificate(serverKeys.publicKey, 'localhost');
  server.setIssuer(ca.subject.attributes);
  const names = new Set(['localhost', '127.0.0.1', host]);
  const altNames = [...names].map((name) => (isIP(name) !== 0 ? { type: 7, ip: name } : { type: 2, value: name }));
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
  ]);
  server.sign(caKeys.privateKey, forge.md.sha256.create());
  return { caPem: forge.pki.certificateToPem(ca), certPem: forge.pki.certificateToPem(server), keyPem: serverKeys.privatePem };
}
