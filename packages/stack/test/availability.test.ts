import { planStackSuite, stackAvailability } from '../src/index.js';

const nothingInstalled = { which: () => false, isRoot: () => false, hasNodeRuntime: () => false };
const everythingInstalled = { which: () => true, isRoot: () => true, hasNodeRuntime: () => true };

describe('stackAvailability', () => {
  test('names each missing piece with the package to install', () => {
    const result = stackAvailability(['docker', 'caddy'], nothingInstalled);
    expect(result.available).toBe(false);
    expect(result.missing.map((m) => m.piece)).toEqual(['docker', 'caddy']);
    expect(result.summary).toContain('dockerd not found (apt-get install docker.io)');
    expect(result.summary).toContain('not root');
    expect(result.summary).toContain('caddy not found (apt-get install caddy)');
  });

  test('is available when every program is there and we are root', () => {
    expect(stackAvailability(['docker', 'ssh', 'node-base'], everythingInstalled)).toEqual({
      available: true,
      missing: [],
      summary: '',
    });
  });

  test('a fleet names iproute2, nsenter and iptables, and needs root', () => {
    const which = (program: string) => !['ip', 'nsenter', 'iptables'].includes(program);
    const result = stackAvailability(['fleet'], { which, isRoot: () => false, hasNodeRuntime: () => true });
    expect(result.summary).toBe(
      'fleet: ip not found (apt-get install iproute2), nsenter not found (apt-get install util-linux), ' +
        'iptables not found (apt-get install iptables), not root (network namespaces and dockerd need root)',
    );
  });

  test('only root matters for the engine', () => {
    const result = stackAvailability(['prometheus', 'docker'], { ...everythingInstalled, isRoot: () => false });
    expect(result.missing).toEqual([{ piece: 'docker', reason: 'not root (dockerd needs root)' }]);
  });
});

describe('planStackSuite', () => {
  test('fails when a piece is missing, naming it and both ways out', () => {
    const plan = planStackSuite('registry suite', ['registry'], nothingInstalled, {});
    expect(plan.kind).toBe('fail');
    const message = plan.kind === 'fail' ? plan.message : '';
    expect(message).toMatch(/^Missing: registry: docker-registry not found \(apt-get install docker-registry\)/);
    expect(message).toContain('scripts/install-stack.sh');
    expect(message).toContain('PAVED_SKIP_STACK=1');
  });

  test('fails in CI and out of it alike: only the opt-out variable skips', () => {
    expect(planStackSuite('s', ['registry'], nothingInstalled, { CI: 'true' }).kind).toBe('fail');
    expect(planStackSuite('s', ['registry'], nothingInstalled, { PAVED_SKIP_STACK: 'true' }).kind).toBe('fail');
  });

  test('skips with PAVED_SKIP_STACK=1, saying so in the suite name, even when the stack is there', () => {
    for (const hooks of [nothingInstalled, everythingInstalled]) {
      expect(planStackSuite('registry suite', ['registry'], hooks, { PAVED_SKIP_STACK: '1' })).toEqual({
        kind: 'skip',
        name: 'registry suite (skipped: PAVED_SKIP_STACK=1)',
      });
    }
  });

  test('runs when every piece is there', () => {
    expect(planStackSuite('s', ['docker', 'caddy'], everythingInstalled, {})).toEqual({ kind: 'run' });
  });
});

describe('the kubernetes piece', () => {
  test('names the control-plane programs not built yet and the script that builds them', () => {
    const result = stackAvailability(['kubernetes'], {
      ...everythingInstalled,
      missingKubernetesPrograms: () => ['kube-apiserver', 'kwok'],
    });
    expect(result.available).toBe(false);
    expect(result.summary).toMatch(
      /^kubernetes: kube-apiserver, kwok not built in .+ \(bash scripts\/build-kubernetes\.sh\)$/,
    );
    const plan = planStackSuite(
      'kubernetes suite',
      ['kubernetes'],
      { ...everythingInstalled, missingKubernetesPrograms: () => ['etcd'] },
      { CI: 'true' },
    );
    expect(plan.kind === 'fail' && plan.message).toMatch(/kubernetes: etcd not built/);
  });

  test('is available once every program is built and openssl is there', () => {
    const result = stackAvailability(['kubernetes'], { ...everythingInstalled, missingKubernetesPrograms: () => [] });
    expect(result.available).toBe(true);
  });
});
