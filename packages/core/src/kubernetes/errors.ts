import { PlatformError, UserError } from '../action/errors.js';

/** What the API server said, from its Status body. */
export interface ApiStatus {
  code: number;
  reason: string;
  message: string;
}

/** The API server refused a request; the message is the server's own (it names the problem). */
export class KubernetesApiError extends UserError {
  constructor(
    message: string,
    readonly status: ApiStatus,
  ) {
    super(message);
    this.name = 'KubernetesApiError';
  }
}

/**
 * RBAC refused a request. The server's message names the user, verb, resource, API group and
 * namespace, which is what the cluster admin needs to grant.
 */
export class KubernetesForbiddenError extends KubernetesApiError {
  constructor(status: ApiStatus) {
    super(
      `The Kubernetes API refused the request: ${status.message}. ` +
        "Grant that verb on that resource to the kubeconfig's user (a Role and RoleBinding in the namespace).",
      status,
    );
    this.name = 'KubernetesForbiddenError';
  }
}

/** A namespace, Deployment, container or revision named in the configuration does not exist. */
export class KubernetesNotFoundError extends KubernetesApiError {
  constructor(what: string, status: ApiStatus) {
    super(
      `${what} was not found in the cluster (${status.message || 'HTTP 404'}): check the environment's config`,
      status,
    );
    this.name = 'KubernetesNotFoundError';
  }
}

/** An optimistic-concurrency write lost to another writer (HTTP 409). */
export class KubernetesConflictError extends KubernetesApiError {
  constructor(status: ApiStatus) {
    super(`The Kubernetes API reported a conflict: ${status.message}`, status);
    this.name = 'KubernetesConflictError';
  }
}

/** The API server could not be reached or kept failing: a platform problem, not the config's. */
export class KubernetesUnavailableError extends PlatformError {
  constructor(server: string, detail: string) {
    super(
      'Kubernetes',
      `The Kubernetes API server ${server} is unreachable (${detail}): check that the kubeconfig's server address ` +
        'is right and that this runner can reach it (network, firewall, VPN).',
    );
    this.name = 'KubernetesUnavailableError';
  }
}

/** The kubeconfig cannot be used; the message names the field and what it should hold. */
export class KubeconfigError extends UserError {
  constructor(source: string, problem: string) {
    super(`The kubeconfig (${source}) ${problem}`);
    this.name = 'KubeconfigError';
  }
}
