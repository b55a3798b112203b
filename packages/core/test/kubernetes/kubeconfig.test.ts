import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  KubeconfigError,
  loadKubeconfigFile,
  parseKubeconfig,
  withTemporaryKubeconfig,
} from '../../src/kubernetes/index.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');

function config(
  overrides: { user?: Record<string, unknown>; cluster?: Record<string, unknown>; current?: string } = {},
) {
  return [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${overrides.current ?? 'deployer@prod'}`,
    'clusters:',
    '- name: prod',
    '  cluster:',
    ...Object.entries(
      overrides.cluster ?? { server: 'https://10.0.0.1:6443', 'certificate-authority-data': b64(CA) },
    ).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    'users:',
    '- name: deployer',
    '  user:',
    ...Object.entries(overrides.user ?? { token: 'sekret-token' }).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    'contexts:',
    '- name: deployer@prod',
    '  context: {cluster: prod, user: deployer, namespace: shop}',
    '',
  ].join('\n');
}

describe('parseKubeconfig', () => {
  test('resolves the current context to server, CA, credentials and namespace', async () => {
    const connection = await parseKubeconfig(config());
    expect(connection).toMatchObject({
      context: 'deployer@prod',
      server: 'https://10.0.0.1:6443',
      caPem: CA,
      token: 'sekret-token',
      namespace: 'shop',
      insecureSkipTlsVerify: false,
    });
    expect(connection.secrets).toEqual(['sekret-token']);
  });

  test('one error naming the problem for each broken kubeconfig', async () => {
    const cases: Array<[string, RegExp]> = [
      ['clusters: [unclosed', /does not parse as YAML/],
      ['- just\n- a list\n', /is not a YAML mapping/],
      [config({ current: 'nowhere' }), /has no context named 'nowhere' in contexts \(has: deployer@prod\)/],
      [config({ user: {} }), /user 'deployer' has no credentials: expected token/],
      [config({ user: { exec: { command: 'aws' } } }), /authenticates with exec, which Paved does not run/],
      [config({ user: { 'client-certificate-data': b64(CA) } }), /client certificate without its key/],
      [config({ cluster: { server: 'http://10.0.0.1' } }), /must use https:\/\//],
      [config({ cluster: { server: 'not a url' } }), /is not a URL/],
      [
        config({ cluster: { server: 'https://x', 'certificate-authority-data': '!!!' } }),
        /certificate-authority-data is not base64/,
      ],
    ];
    for (const [text, message] of cases) {
      const error = await parseKubeconfig(text, { source: "input 'kubeconfig'" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KubeconfigError);
      expect((error as Error).message).toMatch(/^The kubeconfig \(input 'kubeconfig'\) /);
      expect((error as Error).message).toMatch(message);
    }
  });

  test('a file reference is read relative to the kubeconfig file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paved-kubeconfig-'));
    try {
      await writeFile(path.join(dir, 'ca.crt'), CA);
      await writeFile(
        path.join(dir, 'config'),
        config({ cluster: { server: 'https://h:6443', 'certificate-authority': 'ca.crt' } }),
      );
      const connection = await loadKubeconfigFile(path.join(dir, 'config'));
      expect(connection.caPem).toBe(CA);
      const missing = await loadKubeconfigFile(path.join(dir, 'absent')).catch((e: unknown) => e);
      expect((missing as Error).message).toMatch(/cannot be read: ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('withTemporaryKubeconfig', () => {
  test('writes the file 0600 under the temp root and removes it, also when the work fails', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'paved-runner-temp-'));
    try {
      let seen = '';
      await withTemporaryKubeconfig(
        'apiVersion: v1',
        async (file) => {
          seen = file;
          expect(file.startsWith(root)).toBe(true);
          expect((await stat(file)).mode & 0o777).toBe(0o600);
        },
        root,
      );
      expect(seen).not.toBe('');
      await expect(withTemporaryKubeconfig('x', () => Promise.reject(new Error('boom')), root)).rejects.toThrow('boom');
      expect(await readdir(root)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
