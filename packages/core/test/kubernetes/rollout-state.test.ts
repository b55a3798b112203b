import { describePodFailures, podFailures, rolloutState } from '../../src/kubernetes/index.js';
import type { Deployment, Pod } from '../../src/kubernetes/types.js';

function deployment(status: Deployment['status'], generation = 2, replicas = 3): Deployment {
  return {
    metadata: { name: 'web', generation },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [] } } },
    status,
  };
}

describe('rolloutState (the rule of kubectl rollout status)', () => {
  test('waits for the controller, then updated, old and available replicas, in that order', () => {
    expect(rolloutState(deployment({ observedGeneration: 1 })).message).toMatch(/observe the new spec/);
    expect(rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 1, replicas: 3 })).message).toBe(
      '1 out of 3 new replicas have been updated',
    );
    expect(rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 4 })).message).toBe(
      '1 old replicas are pending termination',
    );
    expect(
      rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }))
        .message,
    ).toBe('2 of 3 updated replicas are available');
    expect(
      rolloutState(deployment({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 })),
    ).toMatchObject({ done: true, failed: false });
  });

  test('fails on ProgressDeadlineExceeded', () => {
    const state = rolloutState(
      deployment({
        observedGeneration: 2,
        updatedReplicas: 3,
        replicas: 3,
        conditions: [
          { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' },
        ],
      }),
    );
    expect(state).toMatchObject({ done: false, failed: true });
    expect(state.message).toContain('timed out');
  });
});

describe('podFailures', () => {
  const pod = (name: string, status: Pod['status']): Pod => ({
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'x' }] },
    status,
  });

  test('names the reason a kubelet or scheduler gave, and nothing for ready pods', () => {
    const failures = podFailures([
      pod('ok', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }),
      pod('crash', {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            image: 'x',
            imageID: '',
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          },
        ],
      }),
      pod('pull', {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            image: 'x',
            imageID: '',
            restartCount: 0,
            state: { waiting: { reason: 'ErrImagePull' } },
          },
        ],
      }),
      pod('probe', {
        phase: 'Running',
        containerStatuses: [
          { name: 'app', ready: false, image: 'x', imageID: '', restartCount: 0, state: { running: {} } },
        ],
      }),
      pod('nowhere', {
        phase: 'Pending',
        conditions: [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' },
        ],
      }),
    ]);
    expect(failures.map((f) => [f.pod, f.reason])).toEqual([
      ['crash', 'CrashLoopBackOff'],
      ['pull', 'ErrImagePull'],
      ['probe', 'NotReady'],
      ['nowhere', 'Unschedulable'],
    ]);
    expect(failures[0]?.message).toBe('back-off (last exit code 1, Error)');
    expect(describePodFailures(failures, 2)).toBe(
      'crash/app: CrashLoopBackOff (back-off (last exit code 1, Error)); pull/app: ErrImagePull; and 2 more',
    );
  });
});
