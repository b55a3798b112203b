/** API paths, with every name segment escaped so a configured name can never change the path. */
const seg = (value: string): string => encodeURIComponent(value);

export const namespacePath = (namespace: string): string => `/api/v1/namespaces/${seg(namespace)}`;

export const deploymentPath = (namespace: string, name?: string): string =>
  `/apis/apps/v1/namespaces/${seg(namespace)}/deployments${name === undefined ? '' : `/${seg(name)}`}`;

export const servicePath = (namespace: string, name: string): string =>
  `/api/v1/namespaces/${seg(namespace)}/services/${seg(name)}`;

export const replicaSetsPath = (namespace: string, selector?: string): string =>
  `/apis/apps/v1/namespaces/${seg(namespace)}/replicasets${selector ? `?labelSelector=${seg(selector)}` : ''}`;

export const podsPath = (namespace: string, selector?: string): string =>
  `/api/v1/namespaces/${seg(namespace)}/pods${selector ? `?labelSelector=${seg(selector)}` : ''}`;

export const leasePath = (namespace: string, name?: string): string =>
  `/apis/coordination.k8s.io/v1/namespaces/${seg(namespace)}/leases${name === undefined ? '' : `/${seg(name)}`}`;

/** matchLabels as a label selector string (Deployments created by Paved's users use matchLabels). */
export function selectorOf(matchLabels: Record<string, string> | undefined): string {
  return Object.entries(matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}
