import { generateKeyPair, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runProgram } from '../process/run-program.js';

/** A certificate and its key, on disk (for the components' flags) and in memory (for clients). */
export interface IssuedCert {
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
}

export interface ClientIdentity {
  /** Becomes the Kubernetes user name (the certificate's CN). */
  user: string;
  /** Become the user's groups (the certificate's O entries). */
  groups?: readonly string[];
}

export interface Pki {
  readonly ca: IssuedCert;
  /** The apiserver's serving certificate, valid for 127.0.0.1 and localhost. */
  readonly apiserver: IssuedCert;
  /** RSA pair the apiserver verifies and signs ServiceAccount tokens with. */
  readonly serviceAccountKeyPath: string;
  readonly serviceAccountPublicKeyPath: string;
  issueClient(fileName: string, identity: ClientIdentity): Promise<IssuedCert>;
}

const VALID_DAYS = '3';

/**
 * A throw-away certificate authority for one test cluster. openssl issues the certificates
 * because node:crypto can verify X.509 but not create it.
 */
export async function createPki(dir: string, serviceIp: string): Promise<Pki> {
  const ca = await selfSignedCa(dir);
  const issue = async (fileName: string, subject: string, extensions: string[]): Promise<IssuedCert> => {
    const keyPath = join(dir, `${fileName}.key`);
    const csrPath = join(dir, `${fileName}.csr`);
    const certPath = join(dir, `${fileName}.crt`);
    const extPath = join(dir, `${fileName}.ext`);
    await writeFile(extPath, `${extensions.join('\n')}\n`);
    await openssl(
      ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'].concat([
        '-keyout',
        keyPath,
        '-out',
        csrPath,
        '-subj',
        subject,
      ]),
    );
    await openssl(
      ['x509', '-req', '-in', csrPath, '-CA', ca.certPath, '-CAkey', ca.keyPath]
        .concat(['-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', VALID_DAYS])
        .concat(['-extfile', extPath, '-out', certPath]),
    );
    return load(certPath, keyPath);
  };

  const apiserver = await issue('apiserver', '/CN=kube-apiserver', [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    `subjectAltName=IP:127.0.0.1,DNS:localhost,IP:${serviceIp},DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc`,
  ]);

  const serviceAccountKeyPath = join(dir, 'service-account.key');
  const serviceAccountPublicKeyPath = join(dir, 'service-account.pub');
  const pair = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await writeFile(serviceAccountKeyPath, pair.privateKey, { mode: 0o600 });
  await writeFile(serviceAccountPublicKeyPath, pair.publicKey);

  return {
    ca,
    apiserver,
    serviceAccountKeyPath,
    serviceAccountPublicKeyPath,
    issueClient: (fileName, identity) =>
      issue(fileName, subjectOf(identity), [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=clientAuth',
      ]),
  };
}

async function selfSignedCa(dir: string): Promise<IssuedCert> {
  const keyPath = join(dir, 'ca.key');
  const certPath = join(dir, 'ca.crt');
  await openssl(
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', keyPath, '-out', certPath, '-days', VALID_DAYS, '-subj', '/CN=paved-test-cluster-ca'])
      .concat(['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']),
  );
  return load(certPath, keyPath);
}

/** O= entries first, CN last, each value escaped for openssl's -subj syntax. */
function subjectOf(identity: ClientIdentity): string {
  const escape = (value: string): string => value.replace(/[\\/=+]/g, (c) => `\\${c}`);
  if (!identity.user) throw new Error('A client certificate needs a user name');
  const groups = (identity.groups ?? []).map((group) => `/O=${escape(group)}`).join('');
  return `${groups}/CN=${escape(identity.user)}`;
}

async function load(certPath: string, keyPath: string): Promise<IssuedCert> {
  const [certPem, keyPem] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
  return { certPath, keyPath, certPem, keyPem };
}

async function openssl(args: string[]): Promise<void> {
  await runProgram('openssl', args, { timeoutMs: 30_000 });
}
