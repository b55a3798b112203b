// `npm run demo` end to end, as a user runs it: the local stack, `paved run` on the deploy.yml
// template for a good v1 and a regressed v2, the gate's verdicts, the rollback and the report.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeWithStack } from '@paved/stack';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEN_MINUTES = 600_000;

function demo(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'scripts', 'demo.mjs')],
      { cwd: ROOT, timeout: TEN_MINUTES - 10_000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGINT' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describeWithStack('npm run demo', ['docker', 'registry', 'prometheus', 'pushgateway', 'caddy', 'node-base'], () => {
  it(
    'releases v1, catches the regressed v2 with the gate, rolls back to v1 and reports it all',
    async () => {
      const run = await demo();
      const report = run.stdout.slice(run.stdout.indexOf('═══ Paved demo report ═══'));
      expect(report).toContain('DEMO PASSED: every step behaved as expected.');
      expect(run.code).toBe(0);
      expect(report).toMatch(/v1 staging: pass \(score 100\)/);
      expect(report).toMatch(/v1 production: pass \(score 100\)/);
      expect(report).toContain('regression not judged: no data before deployed-at');
      expect(report).toMatch(/v2 staging: fail \(score \d+\)/);
      expect(report).toMatch(/v1 → v2 deploy: 0 failed of [1-9]\d*/);
      expect(report).toMatch(/v2 → v1 rollback: 0 failed of [1-9]\d*/);
      expect(report).toMatch(/Time to restore \(MTTR\).*: \d+(\.\d)? s/);
      expect(report).toMatch(/✗ Staging \/ Quality gate failed/);
      expect(report.slice(report.indexOf('Expectations:'))).not.toContain('✗');
    },
    TEN_MINUTES,
  );
});
