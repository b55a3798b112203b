import * as core from '@actions/core';
import { InputReader, setOutputs } from '@paved/core/action';
import { tokenLogin } from '@paved/core/github';
import { runReleaseStep } from '@paved/core/release';
import { parseRollbackTo, runRollback, upsertIncidentIssue, type RollbackReport } from '@paved/core/rollback';
import { addFleetSummary, addRollbackSummary } from '@paved/core/summary';
import { untraced, type ActionTrace } from '@paved/core/telemetry';
import { FleetTarget } from '@paved/core/targets';
import { readInputs } from './inputs.js';

export async function main(trace: ActionTrace = untraced): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  await trace.configure(inputs['otlp-endpoint']);
  trace.annotate({ environment: inputs.environment });
  const to = parseRollbackTo(inputs.to);

  await runReleaseStep<RollbackReport>({
    read,
    inputs,
    run: async ({ environment, target, ledger, github, log, holderFinished, signal, progress }) => {
      const incident = async (report: RollbackReport) => {
        if (!inputs['incident-issue']) return;
        const issue = await upsertIncidentIssue(github, report);
        // Edited at the end, but opened by this rollback at its start: the summary says opened.
        report.incident = { ...issue, created: issue.created || (report.incident?.created ?? false) };
      };
      const outcome = await runRollback({
        environment,
        target,
        ledger,
        ledgerKey: inputs['ledger-key'],
        // Without a key, who created a record is the only evidence of where it came from.
        identity: inputs['ledger-key'] ? undefined : await tokenLogin(github),
        historyDepth: inputs['history-depth'],
        host: target.rollbackHost?.(),
        to,
        reason: inputs.reason,
        migrateRollbackAt: inputs['migrate-rollback-at'],
        runUrl: github.runUrl,
        actor: process.env.GITHUB_TRIGGERING_ACTOR || process.env.GITHUB_ACTOR || undefined,
        fallbackSha: process.env.GITHUB_SHA ?? '',
        log,
        onStart: incident,
        holderFinished,
        signal,
        progress,
        observePhase: trace.phase,
      });
      // The issue follows the rollback to its end: restored, or failed and needing a person.
      if (outcome.report.deploymentId !== undefined) {
        await incident(outcome.report).catch((issueError: unknown) =>
          core.warning(`Could not update the incident issue: ${(issueError as Error).message}`),
        );
      }
      return outcome;
    },
    report: (report, { target }) => {
      trace.annotate({
        deploymentId: report.deploymentId,
        version: report.to?.version,
        image: report.to?.image,
        digest: report.to?.digest,
        succeeded: report.outcome === 'success',
      });
      setOutputs({
        'deployment-id': report.deploymentId,
        'from-ref': report.from?.image,
        'to-ref': report.outcome === 'success' ? report.to?.image : undefined,
        url: report.url,
        'history-api-calls': report.history?.apiCalls,
      });
      addRollbackSummary(core.summary, report);
      if (target instanceof FleetTarget) addFleetSummary(core.summary, target.hosts);
    },
  });
}
