import { formatDuration } from '../action/duration.js';
import { markdown, markdownCode as code, markdownLink, mention } from '../action/untrusted-text.js';
import {
  findPullRequestsForCommit,
  upsertIssueComment,
  tokenLogin,
  writtenBy,
  type GitHubClient,
  type PullRequestRef,
} from '../github/index.js';
import { shortDigest } from '../targets/naming.js';
import type { RollbackReport } from './report.js';

export const INCIDENT_LABEL = 'incident';

export interface IncidentIssue {
  number: number;
  url: string;
  /** A new issue was opened (rather than an open one updated). */
  created: boolean;
}

/**
 * The first page of the incident-response playbook: opens an issue labelled `incident` for the
 * environment, or, when one is open, adds this rollback to it. Called again with the same
 * report when the rollback ends, it edits what it wrote instead of writing more. The issue
 * stays open: closing it is the follow-up's job. GitHub creates the label with the issue when
 * the repository has none.
 */
export async function upsertIncidentIssue(
  github: GitHubClient,
  report: RollbackReport,
  options: { pullRequests?: PullRequestRef[] } = {},
): Promise<IncidentIssue> {
  const repo = { owner: github.owner, repo: github.repo };
  const envMarker = `<!-- paved:incident:${report.environment} -->`;
  const rollbackMarker = `<!-- paved:rollback:${report.deploymentId ?? 'none'} -->`;
  const pulls =
    options.pullRequests ??
    (report.from?.sha ? await findPullRequestsForCommit(github, report.from.sha).catch(() => []) : []);
  const body = incidentMarkdown(report, pulls, serverUrl(github));
  const [open, login] = await Promise.all([
    github.octokit.paginate(github.octokit.rest.issues.listForRepo, {
      ...repo,
      state: 'open',
      labels: INCIDENT_LABEL,
      per_page: 100,
    }),
    tokenLogin(github),
  ]);
  // An issue anyone opened with the marker pasted in is theirs: Paved opens its own instead.
  const existing = open.find(
    (issue) => !issue.pull_request && issue.body?.includes(envMarker) && writtenBy(issue.user, login),
  );
  if (!existing) {
    const { data } = await github.octokit.rest.issues.create({
      ...repo,
      title: incidentTitle(report),
      body: `${envMarker}\n${rollbackMarker}\n${body}`,
      labels: [INCIDENT_LABEL],
    });
    return { number: data.number, url: data.html_url, created: true };
  }
  if (existing.body?.includes(rollbackMarker)) {
    // The issue this very rollback opened: the body follows it to the end.
    const { data } = await github.octokit.rest.issues.update({
      ...repo,
      issue_number: existing.number,
      title: incidentTitle(report),
      body: `${envMarker}\n${rollbackMarker}\n${body}`,
    });
    return { number: data.number, url: data.html_url, created: false };
  }
  await upsertIssueComment(github, existing.number, `rollback:${report.deploymentId ?? 'none'}`, body);
  return { number: existing.number, url: existing.html_url, created: false };
}

export function incidentTitle(report: RollbackReport): string {
  const from = report.from?.version ?? 'a release';
  const to = report.to?.version ?? 'an earlier release';
  // A title is plain text on GitHub; only its length and line breaks need bounding.
  return `Incident: ${report.environment} rolled back from ${from} to ${to}`.replace(/\s+/g, ' ').slice(0, 256);
}

/** The issue text: status, what was deployed, what failed, the rollback, timeline, who to involve. */
export function incidentMarkdown(report: RollbackReport, pulls: PullRequestRef[], server: string): string {
  const from = report.from ?? {};
  const lines: string[] = [
    `## ${markdown(report.environment)}: ${markdown(from.version ?? 'current release')} → ${markdown(report.to?.version ?? '?')}`,
    '',
  ];
  if (report.outcome === 'success') {
    lines.push(
      `**✅ Restored** at ${report.restoredAt ?? '?'}: ${markdown(report.environment)} serves ${code(report.to?.version)} again` +
        (report.badForMs !== undefined ? `; it was bad for **${formatDuration(report.badForMs)}**` : '') +
        '. This issue stays open for the follow-up.',
    );
  } else if (report.error) {
    lines.push(`**❌ The rollback failed**: ${oneLine(report.error)} — the environment needs a person now.`);
  } else {
    lines.push(`**🔄 Rolling back** since ${report.startedAt}.`);
  }
  lines.push('', '### What was deployed', '');
  lines.push(
    `- ${code(from.version)} — ${code(from.image)}`,
    `- Commit ${from.sha ? code(from.sha.slice(0, 12)) : 'unknown'}, deployment ${from.deploymentId ?? 'unknown'}` +
      (from.logUrl ? ` (${markdownLink('deploy run', from.logUrl)})` : ''),
  );
  for (const pull of pulls)
    lines.push(`- Pull request ${markdownLink(`#${pull.number} ${pull.title}`, pull.url)} by ${mention(pull.author)}`);
  lines.push('', '### What failed', '');
  if (from.failure)
    lines.push(
      `- ${markdown(from.failure)}${from.failureLogUrl ? ` (${markdownLink('run', from.failureLogUrl)})` : ''}`,
    );
  if (report.reason) lines.push(`- Reason given: ${markdown(report.reason)}`);
  if (!from.failure && !report.reason)
    lines.push('- No check recorded a failure on the deployment; see the rollback run.');
  lines.push('', '### The rollback', '');
  lines.push(
    `- Restores ${code(report.to?.version)} (${code(shortDigest(report.to?.digest))})` +
      (report.to?.deploymentId ? `, first deployed as deployment ${report.to.deploymentId}` : ''),
    `- Recorded as deployment ${report.deploymentId ?? '—'}, ${markdownLink('run', report.runUrl)}` +
      (report.fastPath === undefined
        ? ''
        : report.fastPath
          ? ', fast path (retained release restarted)'
          : ', redeployed'),
  );
  if (report.migrateRollback) {
    lines.push(
      `- migrate-rollback ${code(report.migrateRollback.command)} ${report.migrateRollback.at} the switch: **${markdown(report.migrateRollback.outcome)}**`,
    );
  }
  if (report.timeToRestoreMs !== undefined) lines.push(`- Time to restore: ${formatDuration(report.timeToRestoreMs)}`);
  lines.push('', '### Timeline (UTC)', '', '| When | What |', '| --- | --- |');
  const envLink = `${server}/${report.environment ? `deployments/${encodeURIComponent(report.environment)}` : ''}`;
  const events: Array<[string | undefined, string]> = [
    [
      from.createdAt,
      `Deployment ${from.deploymentId} of ${code(from.version)} created${from.logUrl ? ` (${markdownLink('run', from.logUrl)})` : ''}`,
    ],
    [from.wentLiveAt, `${code(from.version)} took traffic`],
    [from.failedAt, `Failure recorded${from.failureLogUrl ? ` (${markdownLink('run', from.failureLogUrl)})` : ''}`],
    [
      report.startedAt,
      `Rollback started by ${report.actor ? mention(report.actor) : 'the workflow'} (${markdownLink('run', report.runUrl)})`,
    ],
    [report.restoredAt, `${code(report.to?.version)} took traffic again (${markdownLink('deployments', envLink)})`],
  ];
  // GitHub times have whole seconds, ours milliseconds: sort by time, ties in the order of events.
  const known = events.filter((e): e is [string, string] => Boolean(e[0]));
  for (const [when, what] of known.sort(
    (a, b) => Math.floor(Date.parse(a[0]) / 1_000) - Math.floor(Date.parse(b[0]) / 1_000),
  )) {
    lines.push(`| ${markdown(when.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))} | ${what} |`);
  }
  const people = new Set<string>();
  if (from.creator && !from.creator.endsWith('[bot]')) people.add(`${mention(from.creator)} (deployed it)`);
  for (const pull of pulls)
    if (pull.author && !pull.author.endsWith('[bot]'))
      people.add(`${mention(pull.author)} (author of #${pull.number})`);
  if (report.actor && !report.actor.endsWith('[bot]')) people.add(`${mention(report.actor)} (triggered the rollback)`);
  lines.push(
    '',
    '### Who to involve',
    '',
    people.size ? [...people].map((p) => `- ${p}`).join('\n') : '- Nobody named: see the runs above.',
  );
  return lines.join('\n');
}

function serverUrl(github: GitHubClient): string {
  return `${(process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '')}/${github.owner}/${github.repo}`;
}

function oneLine(text: string): string {
  return markdown(text.split('\n')[0] ?? '');
}
