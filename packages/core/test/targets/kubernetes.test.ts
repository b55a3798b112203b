import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectionFor } from '../../src/targets/kubernetes/connect.js';
import { leaseName } from '../../src/targets/kubernetes/lock.js';
import { digestIn } from '../../src/targets/kubernetes/target.js';
import { temporaryDirectory } from '@paved/test-support/workspace';

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: { server: 'https://127.0.0.1:6443' }
users:
- name: u
  user: { token: 'S3CRET-token-value' }
contexts:
- name: ctx
  context: { cluster: c, user: u, namespace: shop }
- name: other
  context: { cluster: c, user: u }
current-context: ctx
`;

describe('kubernetes target pieces', () => {
  it('names the Lease after service and environment, as a DNS subdomain unique per original name', () => {
    expect(leaseName('shop', 'staging')).toBe('paved-shop-staging');
    const odd = leaseName('shop', 'Review_42');
    expect(odd).toMatch(/^paved-shop-review-42-[0-9a-f]{8}$/);
    expect(leaseName('shop', 'review-42')).not.toBe(odd);
    expect(leaseName('shop', 'x'.repeat(300)).length).toBeLessThanOrEqual(253);
  });

  it('reads the digest a runtime reports at the end of an image ID', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(digestIn(`docker.io/library/web@${digest}`)).toBe(digest);
    expect(digestIn(`docker-pullable://web@${digest}`)).toBe(digest);
    expect(digestIn('web:1.0')).toBeUndefined();
    expect(digestIn(undefined)).toBeUndefined();
  });

  it('takes the kubeconfig input first, else the first existing KUBECONFIG file, else says what is missing', async () => {
    const fromInput = await connectionFor({ kubeconfig: KUBECONFIG });
    expect(fromInput).toMatchObject({ context: 'ctx', namespace: 'shop', token: 'S3CRET-token-value' });
    expect((await connectionFor({ kubeconfig: KUBECONFIG, context: 'other' })).namespace).toBeUndefined();

    const dir = temporaryDirectory('paved-kube-test-');
    const file = path.join(dir, 'config');
    writeFileSync(file, KUBECONFIG, { mode: 0o600 });
    const env = { KUBECONFIG: `${path.join(dir, 'absent')}${path.delimiter}${file}`, HOME: dir };
    expect((await connectionFor({ env })).server).toBe('https://127.0.0.1:6443');

    await expect(connectionFor({ env: { HOME: dir } })).rejects.toThrow(
      `No kubeconfig for the kubernetes target: set the kubeconfig input to a secret holding one, or give the runner a current context (no KUBECONFIG and no ${path.join(dir, '.kube', 'config')}).`,
    );
    await expect(connectionFor({ kubeconfig: 'clusters: [' })).rejects.toThrow(
      /^The kubeconfig \(input 'kubeconfig'\) does not parse as YAML/,
    );
  });
});
