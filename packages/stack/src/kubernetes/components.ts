import { request } from 'node:https';
import { join } from 'node:path';
import { awaitReady, startDaemon, type Daemon } from '../process/daemon.js';
import { httpStatus } from '../process/http-probe.js';
import type { KubernetesBinaries } from './binaries.js';
import type { KubeApi } from './kube-api.js';
import type { Pki } from './pki.js';

/** Ports and paths the components are started with; everything listens on 127.0.0.1. */
export interface ControlPlaneLayout {
  dir: string;
  etcdClientPort: number;
  etcdPeerPort: number;
  apiserverPort: number;
  controllerManagerPort: number;
  schedulerPort: number;
  serviceCidr: string;
  podCidr: string;
}

// The controllers a Deployment needs, plus those that make namespaces and ServiceAccounts work.
const CONTROLLERS = [
  'deployment-controller',
  'replicaset-controller',
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'endpointslice-controller',
];

const SERVICE_ACCOUNT_ISSUER = 'https://kubernetes.default.svc';

/** Components get only what they need from the environment; HOME points into the state folder. */
function componentEnv(dir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
}

export async function startEtcd(
  bin: KubernetesBinaries,
  layout: ControlPlaneLayout,
  timeoutMs: number,
): Promise<Daemon> {
  const client = `http://127.0.0.1:${layout.etcdClientPort}`;
  const peer = `http://127.0.0.1:${layout.etcdPeerPort}`;
  const daemon = startDaemon({
    name: 'etcd',
    command: bin.path('etcd'),
    args: [
      '--name=paved-test',
      `--data-dir=${join(layout.dir, 'etcd')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=paved-test=${peer}`,
      // A test cluster's state is thrown away; fsync only slows every write on a shared disk.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
    logFile: join(layout.dir, 'etcd.log'),
    env: componentEnv(layout.dir),
  });
  await awaitReady(daemon, async () => (await httpStatus(`${client}/health`)) === 200, timeoutMs, 200);
  return daemon;
}

export async function startApiserver(
  bin: KubernetesBinaries,
  layout: ControlPlaneLayout,
  pki: Pki,
  admin: KubeApi,
  timeoutMs: number,
): Promise<Daemon> {
  const daemon = startDaemon({
    name: 'kube-apiserver',
    command: bin.path('kube-apiserver'),
    args: [
      `--etcd-servers=http://127.0.0.1:${layout.etcdClientPort}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${layout.apiserverPort}`,
      `--cert-dir=${join(layout.dir, 'apiserver-certs')}`,
      `--tls-cert-file=${pki.apiserver.certPath}`,
      `--tls-private-key-file=${pki.apiserver.keyPath}`,
      `--client-ca-file=${pki.ca.certPath}`,
      `--service-account-issuer=${SERVICE_ACCOUNT_ISSUER}`,
      `--api-audiences=${SERVICE_ACCOUNT_ISSUER}`,
      `--service-account-key-file=${pki.serviceAccountPublicKeyPath}`,
      `--service-account-signing-key-file=${pki.serviceAccountKeyPath}`,
      `--service-cluster-ip-range=${layout.serviceCidr}`,
      '--authorization-mode=RBAC',
      // New nodes would get a not-ready taint that only the node-lifecycle controller lifts; kwok's
      // nodes are Ready at once and that controller (with its heartbeat timeouts) is not run.
      '--disable-admission-plugins=TaintNodesByCondition',
      '--allow-privileged=true',
      '--enable-priority-and-fairness=false',
      '--profiling=false',
      '--v=1',
    ],
    logFile: join(layout.dir, 'kube-apiserver.log'),
    env: componentEnv(layout.dir),
  });
  // /readyz turns 200 only once RBAC's bootstrap roles and the system namespaces exist.
  await awaitReady(daemon, async () => (await admin.request('GET', '/readyz')).status === 200, timeoutMs, 250);
  return daemon;
}

export async function startControllerManager(
  bin: KubernetesBinaries,
  layout: ControlPlaneLayout,
  pki: Pki,
  kubeconfigPath: string,
  timeoutMs: number,
): Promise<Daemon> {
  return startLoopbackComponent(bin, layout, 'kube-controller-manager', layout.controllerManagerPort, timeoutMs, [
    `--kubeconfig=${kubeconfigPath}`,
    `--cert-dir=${join(layout.dir, 'controller-manager-certs')}`,
    `--controllers=${CONTROLLERS.join(',')}`,
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${pki.serviceAccountKeyPath}`,
    `--root-ca-file=${pki.ca.certPath}`,
    `--cluster-cidr=${layout.podCidr}`,
  ]);
}

export async function startScheduler(
  bin: KubernetesBinaries,
  layout: ControlPlaneLayout,
  kubeconfigPath: string,
  timeoutMs: number,
): Promise<Daemon> {
  return startLoopbackComponent(bin, layout, 'kube-scheduler', layout.schedulerPort, timeoutMs, [
    `--kubeconfig=${kubeconfigPath}`,
    `--cert-dir=${join(layout.dir, 'scheduler-certs')}`,
  ]);
}

/**
 * The controller-manager and the scheduler alike: one instance (no leader election), its secure
 * port on the loopback, no profiling, and ready once that port's /healthz answers 200.
 */
async function startLoopbackComponent(
  bin: KubernetesBinaries,
  layout: ControlPlaneLayout,
  name: 'kube-controller-manager' | 'kube-scheduler',
  port: number,
  timeoutMs: number,
  args: string[],
): Promise<Daemon> {
  const daemon = startDaemon({
    name,
    command: bin.path(name),
    args: [
      ...args,
      '--bind-address=127.0.0.1',
      `--secure-port=${port}`,
      '--leader-elect=false',
      '--profiling=false',
      '--v=1',
    ],
    logFile: join(layout.dir, `${name}.log`),
    env: componentEnv(layout.dir),
  });
  await awaitReady(daemon, () => healthy(port), timeoutMs, 250);
  return daemon;
}

/** kwok has no readiness endpoint here (it serves none); the caller waits for its nodes instead. */
export function startKwok(
  bin: KubernetesBinaries,
  layout: ControlPlaneLayout,
  kubeconfigPath: string,
  stagesPath: string,
  fakeNodeSelector: string,
): Daemon {
  return startDaemon({
    name: 'kwok',
    command: bin.path('kwok'),
    args: [
      `--kubeconfig=${kubeconfigPath}`,
      `--config=${stagesPath}`,
      '--manage-all-nodes=false',
      `--manage-nodes-with-annotation-selector=${fakeNodeSelector}`,
      `--cidr=${layout.podCidr}`,
      '--node-ip=10.240.0.1',
    ],
    logFile: join(layout.dir, 'kwok.log'),
    env: componentEnv(layout.dir),
  });
}

/*
 * Without authentication/authorization kubeconfigs their ports serve only the always-allowed
 * health paths, which is all the tests use. The controller-manager and scheduler serve /healthz with a self-signed certificate they make
 * at start; only the status code of our own loopback port is read, so it is not verified.
 */
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false, timeout: 2_000, agent: false },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode === 200));
      },
    );
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
