import { evaluateCondition, evaluateTemplate } from '@paved/action-runner';
import { load } from './workflows.js';

// The deploy stage's answer to every way the gate can end, evaluated with the real expression
// engine over the real workflow: a verdict against the release rolls back; a gate that could
// not judge stops without rolling back unless the caller opts in; the reason is never empty.
const stage = load('.github/workflows/paved-deploy.yml');
const rollback = stage.jobs.rollback;
const couldNotJudge = stage.jobs['gate-could-not-judge'];
const reasonInput = rollback?.steps?.find((step) => step.uses?.includes('/actions/rollback@'))?.with?.reason as string;

interface Case {
  smoke: 'success' | 'failure';
  gate: 'success' | 'failure' | 'cancelled' | 'skipped';
  outputs: Record<string, string>;
  onGateError?: 'stop' | 'rollback';
}

function context({ smoke, gate, outputs, onGateError = 'stop' }: Case) {
  return {
    inputs: { environment: 'staging', 'on-gate-error': onGateError },
    needs: {
      deploy: { result: 'success', outputs: {} },
      'smoke-test': { result: smoke, outputs: {} },
      'quality-gate': { result: gate, outputs },
    },
  };
}

const failed = (verdict: string, score: string, reason: string) => ({ verdict, score, reason });
const CASES: Array<[string, Case, { rollsBack: boolean; tells: boolean; reason: RegExp }]> = [
  [
    'a failed verdict',
    { smoke: 'success', gate: 'failure', outputs: failed('fail', '0', "Critical objective 'latency' failed.") },
    { rollsBack: true, tells: false, reason: /^The deploy quality gate judged the release fail \(score 0\): Critical/ },
  ],
  [
    'an inconclusive verdict the step refused',
    { smoke: 'success', gate: 'failure', outputs: failed('inconclusive', '50', 'No verdict without evidence.') },
    { rollsBack: true, tells: false, reason: /judged the release inconclusive \(score 50\): No verdict/ },
  ],
  [
    'a gate that could not judge',
    {
      smoke: 'success',
      gate: 'failure',
      outputs: { verdict: 'error', reason: 'The deploy quality gate could not run (Prometheus could not be asked): …' },
    },
    { rollsBack: false, tells: true, reason: /^The deploy quality gate could not run/ },
  ],
  [
    'a gate that could not judge, when the caller opts into rolling back',
    {
      smoke: 'success',
      gate: 'failure',
      outputs: { verdict: 'error', reason: 'The deploy quality gate could not run (its configuration is wrong): …' },
      onGateError: 'rollback',
    },
    { rollsBack: true, tells: true, reason: /^The deploy quality gate could not run \(its configuration is wrong\)/ },
  ],
  [
    'a gate job that died without outputs',
    { smoke: 'success', gate: 'failure', outputs: {} },
    {
      rollsBack: false,
      tells: true,
      reason: /^The deploy quality gate job ended with failure before giving a verdict/,
    },
  ],
  [
    'a gate job cancelled by its timeout',
    { smoke: 'success', gate: 'cancelled', outputs: {}, onGateError: 'rollback' },
    { rollsBack: false, tells: true, reason: /ended with cancelled/ },
  ],
  [
    'a failed smoke test',
    { smoke: 'failure', gate: 'skipped', outputs: {} },
    { rollsBack: true, tells: false, reason: /^The smoke test failed after the deploy\.$/ },
  ],
  [
    'a passing gate',
    { smoke: 'success', gate: 'success', outputs: failed('pass', '100', 'Score 100 ≥ pass-score 90.') },
    { rollsBack: false, tells: false, reason: /judged the release pass/ },
  ],
];

describe('the deploy stage after the quality gate', () => {
  it.each(CASES)('%s', (_, given, expected) => {
    const ctx = context(given);
    expect(evaluateCondition(rollback?.if, ctx, 'success')).toBe(expected.rollsBack);
    expect(evaluateCondition(couldNotJudge?.if, ctx, 'success')).toBe(expected.tells);
    const reason = evaluateTemplate(reasonInput, ctx).trim();
    expect(reason).toMatch(expected.reason);
    expect(reason).not.toMatch(/release\s+\(score\s*\)/);
  });

  it('tells the gate whether the deploy put up a canary, so a canary is judged against the stable pods', () => {
    const gate = stage.jobs['quality-gate']?.steps?.find((step) =>
      step.uses?.includes('/actions/deploy-quality-gate@'),
    );
    const canary = String(gate?.with?.canary);
    expect(canary).toBe('${{ needs.deploy.outputs.canary }}');
    const deploy = stage.jobs.deploy as { outputs?: Record<string, string> } | undefined;
    expect(deploy?.outputs?.canary).toBe('${{ steps.deploy.outputs.canary }}');
    const ctx = (value: string) => ({ needs: { deploy: { result: 'success', outputs: { canary: value } } } });
    expect(evaluateTemplate(canary, ctx('deployed'))).toBe('deployed');
    expect(evaluateTemplate(canary, ctx(''))).toBe('');
  });

  it('tells the humans through env, never by interpolating the reason into the script', () => {
    const step = couldNotJudge?.steps?.[0];
    expect(step?.run).not.toContain('${{');
    expect(step?.env?.REASON).toContain('needs.quality-gate.outputs.reason');
  });

  it('checks the configuration in the build workflow before the image is built', () => {
    const { jobs } = load('.github/workflows/paved-build.yml');
    const steps = jobs.prepare?.steps ?? [];
    const preflight = steps.findIndex((step) => step.with?.mode === 'preflight');
    expect(preflight).toBeGreaterThan(-1);
    // The image is built only once the preflight's job passed.
    expect(jobs.build?.needs).toBe('prepare');
    expect(jobs.build?.steps?.some((step) => step.uses?.includes('/actions/build-image@'))).toBe(true);
    // paved check reads every Paved file first, at the paths the caller gave.
    const check = steps.findIndex((step) => /^\s*paved check --files-only /m.test(step.run ?? ''));
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(preflight);
    expect(steps[check]?.env).toMatchObject({
      PAVED_CONFIG: '${{ inputs.config }}',
      PAVED_CHECKS: '${{ inputs.checks }}',
      PAVED_SLO: '${{ inputs.slo }}',
    });
    expect(steps[preflight]?.uses).toMatch(/\/actions\/deploy-quality-gate@v1$/);
    const template = load('workflows-templates/deploy.yml');
    expect(template.jobs.build?.with?.['prometheus-url']).toBe('${{ vars.PAVED_PROMETHEUS_URL }}');
    expect(template.jobs.build?.with?.environments).toBe('staging, production');
    expect(String(template.jobs.build?.with?.['input-sources'])).toContain(
      'prometheus-url: the repository variable PAVED_PROMETHEUS_URL',
    );
  });
});
