import type { ReportFiles } from './files.js';

export type ArtifactOutcome = { uploaded: true; id?: number; size?: number } | { uploaded: false; why: string };

/**
 * Uploads the report files as one artifact through the runner's artifact service. Runs without
 * one (`paved run`, other CI) keep the files in place and say so instead of failing the report.
 */
export async function uploadReportArtifact(name: string, files: ReportFiles): Promise<ArtifactOutcome> {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    return { uploaded: false, why: `no artifact service in this run; the files stay in ${files.dir}` };
  }
  // Loaded only when there is an artifact service: the client and its storage SDK are most of the bundle.
  const { DefaultArtifactClient } = await import('@actions/artifact');
  const client = new DefaultArtifactClient();
  const result = await client.uploadArtifact(name, [files.json, files.csv, files.html, files.markdown], files.dir, {
    retentionDays: 90,
  });
  return { uploaded: true, id: result.id, size: result.size };
}
