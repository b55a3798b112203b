import * as core from '@actions/core';
import { InputReader, setOutputs } from '@paved/core/action';
import { createGitHubClient } from '@paved/core/github';
import {
  buildInsightsReport,
  githubLedgerSource,
  parsePeriod,
  reportMarkdown,
  reportText,
  uploadReportArtifact,
  writeReportFiles,
} from '@paved/core/insights';
import { readInputs } from './inputs.js';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 1000));

export async function main(): Promise<void> {
  const read = new InputReader();
  const inputs = readInputs(read);
  const period = parsePeriod(inputs.period, "Input 'period'");
  const github = createGitHubClient({ token: inputs['github-token'] });
  const report = await buildInsightsReport({
    source: githubLedgerSource(github, { onRetry: (what, error) => core.info(`Retrying ${what}: ${error.message}`) }),
    environments: inputs.environments,
    window: period,
    log: { info: (message) => core.info(message), warning: (message) => core.warning(message) },
  });
  for (const line of reportText(report).trimEnd().split('\n')) core.info(line);
  const files = writeReportFiles(report, inputs['output-dir']);
  const first = report.environments[0]!;
  setOutputs({
    'report-dir': files.dir,
    html: files.html,
    json: files.json,
    csv: files.csv,
    'deployment-frequency': first.frequency.perDay,
    'lead-time-median': seconds(first.leadTime.medianMs),
    'change-failure-rate': first.changeFailure.rate,
    'time-to-restore-median': seconds(first.restore.medianMs),
    bands: JSON.stringify({
      frequency: first.frequency.band,
      'lead-time': first.leadTime.band ?? null,
      'change-failure-rate': first.changeFailure.band ?? null,
      'time-to-restore': first.restore.band ?? null,
    }),
  });
  await core.summary.addRaw(reportMarkdown(report), true).write();
  if (inputs['artifact-name']) {
    const artifact = await uploadReportArtifact(inputs['artifact-name'], files);
    core.info(
      artifact.uploaded
        ? `Uploaded the report as artifact '${inputs['artifact-name']}'`
        : `No artifact uploaded: ${artifact.why}`,
    );
  }
}
