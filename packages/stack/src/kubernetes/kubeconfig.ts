import { writeFile } from 'node:fs/promises';
import type { KubeCredentials } from './kube-api.js';

/**
 * A kubeconfig with everything inline (no file references), so it can be handed over as a
 * secret's value. JSON is valid YAML, and every Kubernetes client reads it.
 */
export function kubeconfigText(credentials: KubeCredentials, user: string, namespace?: string): string {
  const b64 = (pem: string): string => Buffer.from(pem).toString('base64');
  const userEntry: Record<string, string> = {};
  if (credentials.certPem) userEntry['client-certificate-data'] = b64(credentials.certPem);
  if (credentials.keyPem) userEntry['client-key-data'] = b64(credentials.keyPem);
  if (credentials.token) userEntry.token = credentials.token;
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'paved-test',
        cluster: { server: credentials.server, 'certificate-authority-data': b64(credentials.caPem) },
      },
    ],
    users: [{ name: user, user: userEntry }],
    contexts: [
      { name: `${user}@paved-test`, context: { cluster: 'paved-test', user, ...(namespace ? { namespace } : {}) } },
    ],
    'current-context': `${user}@paved-test`,
    preferences: {},
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export async function writeKubeconfig(
  path: string,
  credentials: KubeCredentials,
  user: string,
  namespace?: string,
): Promise<string> {
  await writeFile(path, kubeconfigText(credentials, user, namespace), { mode: 0o600 });
  return path;
}
