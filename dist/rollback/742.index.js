export const id = 742;
export const ids = [742];
export const modules = {

/***/ 77593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ readInputs)
/* harmony export */ });
/* unused harmony export MIGRATE_ROLLBACK_AT */
/* harmony import */ var _paved_core_release__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(385);
/* harmony import */ var _paved_core_rollback__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80081);


const MIGRATE_ROLLBACK_AT = ['before', 'after'];
function readInputs(read) {
    const shared = (0,_paved_core_release__WEBPACK_IMPORTED_MODULE_0__/* .readReleaseInputs */ .$E)(read);
    return {
        ...shared,
        to: read.string('to', {
            default: 'previous',
            pattern: /^(previous|\d+|[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64})$/,
            form: 'previous, a deployment ID, or an image reference name@sha256:<64 hex>',
        }),
        // Recorded on the deployment and the incident: a rollback nobody can explain later is refused.
        reason: read.string('reason', {
            required: true,
            form: 'why the rollback happens, e.g. "error rate up after 1.4.2"',
        }),
        'incident-issue': read.boolean('incident-issue', { default: false }),
        'migrate-rollback-at': read.enum('migrate-rollback-at', MIGRATE_ROLLBACK_AT, { default: 'before' }),
        'history-depth': read.integer('history-depth', { default: _paved_core_rollback__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_HISTORY_DEPTH */ .j, min: 1, max: 10_000 }),
    };
}


/***/ }),

/***/ 14905:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./packages/core/src/action/inputs.ts
var action_inputs = __webpack_require__(1363);
// EXTERNAL MODULE: ./packages/core/src/action/run.ts
var run = __webpack_require__(32073);
;// CONCATENATED MODULE: ./packages/core/src/github/identity.ts

/** The login a workflow's GITHUB_TOKEN writes as. */
const ACTIONS_BOT = 'github-actions[bot]';
const known = new WeakMap();
/**
 * The login GitHub records as the author or `creator` of what this token writes: the user's for a
 * personal token, `<app>[bot]` for an app's, `github-actions[bot]` for a workflow's. GraphQL's
 * `viewer` answers for all three; where it does not (an older GitHub Enterprise Server), REST
 * `GET /user` answers for a personal token and refuses an installation token with 403, taken as
 * the workflow's bot. Undefined when GitHub could not be asked: then nothing already written
 * counts as Paved's own and no record is preferred by who created it.
 */
function tokenLogin(github) {
    let login = known.get(github);
    if (!login) {
        login = askViewer(github).then((viewer) => viewer ?? askUser(github));
        known.set(github, login);
    }
    return login;
}
async function askViewer(github) {
    try {
        const answer = await github.octokit.graphql('query { viewer { login } }');
        const login = answer.viewer?.login;
        return typeof login === 'string' && login !== '' ? login : undefined;
    }
    catch (error) {
        core/* debug */.Yz(`GraphQL viewer query failed (${error.message}); asking GET /user`);
        return undefined;
    }
}
async function askUser(github) {
    try {
        return (await github.octokit.rest.users.getAuthenticated()).data.login;
    }
    catch (error) {
        const { status, message } = error;
        if (status === 403)
            return ACTIONS_BOT;
        core/* debug */.Yz(`GET /user failed (${message}); nothing already written counts as Paved's own`);
        return undefined;
    }
}
/** Whether `author` (a comment's or issue's `user`) is the identity Paved writes as. */
function writtenBy(author, login) {
    return login !== undefined && author?.login === login;
}

// EXTERNAL MODULE: ./packages/core/src/release/step.ts + 62 modules
var step = __webpack_require__(385);
// EXTERNAL MODULE: ./packages/core/src/rollback/choose.ts + 1 modules
var choose = __webpack_require__(73004);
// EXTERNAL MODULE: ./packages/core/src/action/duration.ts
var duration = __webpack_require__(46098);
;// CONCATENATED MODULE: ./packages/core/src/action/untrusted-text.ts
/**
 * Text from outside Paved (a dispatch reason, versions and URLs from deployment records,
 * Prometheus error messages, HTTP bodies, log lines) ends up where people read it: job summaries
 * (HTML inside GitHub Markdown), pull request comments and incident issues (Markdown). There it
 * must stay text: no tags, no links, no images that call out, no table broken by a `|`, no
 * blank line that ends an HTML block and lets Markdown in, no `@mention` that pages someone.
 * Every writer of those places goes through these helpers.
 */
/** A zero-width space: breaks `@name` so GitHub does not notify anyone. */
const ZWSP = '\u200b';
/**
 * For HTML the summary renders inline (a cell, a list item, a heading, a paragraph). Line breaks
 * become `<br>`, so no blank line can end the HTML block and start Markdown.
 */
function html(text) {
    return htmlEntities(text.replace(/@(?=[\w-])/g, `@${ZWSP}`)).replace(/\r?\n/g, '<br>');
}
/** A `<code>` element: exact text (an image reference stays copyable), on one line. */
function htmlCode(text) {
    return `<code>${htmlEntities(text).replace(/\r?\n/g, ' ')}</code>`;
}
/**
 * For `<pre>` blocks (log lines, command output): line breaks are kept, but an empty line gets a
 * zero-width space, since a blank line would end the HTML block and the rest would be Markdown.
 * GitHub links no mention inside `<pre>`.
 */
function htmlBlock(text) {
    return htmlEntities(text)
        .split(/\r?\n/)
        .map((line) => (line.trim() === '' ? `${line}${ZWSP}` : line))
        .join('\n');
}
/** An `href` only for http(s) URLs; anything else (`javascript:`, `data:`) is shown as text, not linked. */
function htmlLink(url, label = url) {
    if (!url)
        return html(label ?? '');
    return isWebUrl(url) ? `<a href="${htmlEntities(url)}">${html(label ?? url)}</a>` : html(label ?? url);
}
/**
 * For Markdown text (comments, issues, the gate's summary), including table cells: `<`, `>`
 * and `&` become entities (no tag, no blockquote), characters that open markup anywhere
 * in a line are backslash-escaped (`[` opens no link, `|` splits no cell), those that do only at
 * its start (`#`, `-`, `1.`) are escaped there, line breaks become spaces and mentions are broken.
 */
function markdown(text) {
    return inlineMarkdown(text).replace(/^(\s*)([#+=-]|\d+[.)])/, (_, space, lead) => `${space}${lead.replace(/[#+=.)-]/, (c) => `\\${c}`)}`);
}
function inlineMarkdown(text) {
    // Quotes mean nothing in Markdown text: only what opens a tag or an entity becomes one.
    return text
        .replace(/\r?\n|\r/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]|~!]/g, (c) => `\\${c}`)
        .replace(/@(?=[\w-])/g, `@${ZWSP}`);
}
/**
 * A Markdown code span: backticks cannot end it early and `|` cannot split a table row (GitHub
 * splits rows before it reads code spans). Mentions inside code do not notify.
 */
function markdownCode(text) {
    if (!text)
        return '`?`';
    return `\`${text
        .replace(/\r?\n|\r/g, ' ')
        .replace(/`/g, "'")
        .replace(/\|/g, '\\|')}\``;
}
/** A Markdown link only for http(s) URLs; parentheses and spaces are percent-encoded so they cannot end it. */
function markdownLink(label, url) {
    if (!url || !isWebUrl(url))
        return markdown(label);
    const safe = new URL(url).href.replace(/[()\s<>|[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    return `[${inlineMarkdown(label)}](${safe})`;
}
/** A GitHub login from an API answer: logins are `[A-Za-z0-9-]` (and `[bot]`); anything else is not a mention. */
function mention(login) {
    if (!login)
        return '';
    return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : markdown(login);
}
function isWebUrl(url) {
    try {
        const parsed = new URL(url);
        return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !/[\s"'<>`]/.test(url);
    }
    catch {
        return false;
    }
}
function htmlEntities(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}

;// CONCATENATED MODULE: ./packages/core/src/github/pulls.ts
/**
 * The pull requests whose merge brought a commit: those GitHub associates with it that are
 * merged, or open with the commit as their head (a deploy from a pull request branch).
 */
async function findPullRequestsForCommit(github, sha) {
    const pulls = await github.octokit.paginate(github.octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
        owner: github.owner,
        repo: github.repo,
        commit_sha: sha,
        per_page: 100,
    });
    return pulls
        .filter((pull) => pull.merged_at !== null || pull.head.sha === sha)
        .map((pull) => ({ number: pull.number, title: pull.title, author: pull.user?.login ?? '', url: pull.html_url }));
}

;// CONCATENATED MODULE: ./packages/core/src/github/comments.ts

/**
 * Creates or updates the one comment on an issue or pull request that carries `marker`, so a
 * pipeline that runs again edits its comment instead of adding another. Only a comment Paved's
 * own identity wrote is edited: anyone can paste the marker into a comment of theirs, and Paved
 * must not put its name (or its verdict) under their words.
 */
async function upsertIssueComment(github, issueNumber, marker, body) {
    const tag = `<!-- paved:${marker} -->`;
    const text = `${tag}\n${body}`;
    const repo = { owner: github.owner, repo: github.repo };
    const [comments, login] = await Promise.all([
        github.octokit.paginate(github.octokit.rest.issues.listComments, {
            ...repo,
            issue_number: issueNumber,
            per_page: 100,
        }),
        tokenLogin(github),
    ]);
    const existing = comments.find((comment) => comment.body?.includes(tag) && writtenBy(comment.user, login));
    if (existing) {
        const { data } = await github.octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body: text });
        return { id: data.id, url: data.html_url, created: false };
    }
    const { data } = await github.octokit.rest.issues.createComment({ ...repo, issue_number: issueNumber, body: text });
    return { id: data.id, url: data.html_url, created: true };
}

// EXTERNAL MODULE: ./packages/core/src/targets/naming.ts
var naming = __webpack_require__(10442);
;// CONCATENATED MODULE: ./packages/core/src/rollback/incident-issue.ts




const INCIDENT_LABEL = 'incident';
/**
 * The first page of the incident-response playbook: opens an issue labelled `incident` for the
 * environment, or, when one is open, adds this rollback to it. Called again with the same
 * report when the rollback ends, it edits what it wrote instead of writing more. The issue
 * stays open: closing it is the follow-up's job. GitHub creates the label with the issue when
 * the repository has none.
 */
async function upsertIncidentIssue(github, report, options = {}) {
    const repo = { owner: github.owner, repo: github.repo };
    const envMarker = `<!-- paved:incident:${report.environment} -->`;
    const rollbackMarker = `<!-- paved:rollback:${report.deploymentId ?? 'none'} -->`;
    const pulls = options.pullRequests ??
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
    const existing = open.find((issue) => !issue.pull_request && issue.body?.includes(envMarker) && writtenBy(issue.user, login));
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
function incidentTitle(report) {
    const from = report.from?.version ?? 'a release';
    const to = report.to?.version ?? 'an earlier release';
    // A title is plain text on GitHub; only its length and line breaks need bounding.
    return `Incident: ${report.environment} rolled back from ${from} to ${to}`.replace(/\s+/g, ' ').slice(0, 256);
}
/** The issue text: status, what was deployed, what failed, the rollback, timeline, who to involve. */
function incidentMarkdown(report, pulls, server) {
    const from = report.from ?? {};
    const lines = [
        `## ${markdown(report.environment)}: ${markdown(from.version ?? 'current release')} → ${markdown(report.to?.version ?? '?')}`,
        '',
    ];
    if (report.outcome === 'success') {
        lines.push(`**✅ Restored** at ${report.restoredAt ?? '?'}: ${markdown(report.environment)} serves ${markdownCode(report.to?.version)} again` +
            (report.badForMs !== undefined ? `; it was bad for **${(0,duration/* formatDuration */.a)(report.badForMs)}**` : '') +
            '. This issue stays open for the follow-up.');
    }
    else if (report.error) {
        lines.push(`**❌ The rollback failed**: ${oneLine(report.error)} — the environment needs a person now.`);
    }
    else {
        lines.push(`**🔄 Rolling back** since ${report.startedAt}.`);
    }
    lines.push('', '### What was deployed', '');
    lines.push(`- ${markdownCode(from.version)} — ${markdownCode(from.image)}`, `- Commit ${from.sha ? markdownCode(from.sha.slice(0, 12)) : 'unknown'}, deployment ${from.deploymentId ?? 'unknown'}` +
        (from.logUrl ? ` (${markdownLink('deploy run', from.logUrl)})` : ''));
    for (const pull of pulls)
        lines.push(`- Pull request ${markdownLink(`#${pull.number} ${pull.title}`, pull.url)} by ${mention(pull.author)}`);
    lines.push('', '### What failed', '');
    if (from.failure)
        lines.push(`- ${markdown(from.failure)}${from.failureLogUrl ? ` (${markdownLink('run', from.failureLogUrl)})` : ''}`);
    if (report.reason)
        lines.push(`- Reason given: ${markdown(report.reason)}`);
    if (!from.failure && !report.reason)
        lines.push('- No check recorded a failure on the deployment; see the rollback run.');
    lines.push('', '### The rollback', '');
    lines.push(`- Restores ${markdownCode(report.to?.version)} (${markdownCode((0,naming/* shortDigest */.VK)(report.to?.digest))})` +
        (report.to?.deploymentId ? `, first deployed as deployment ${report.to.deploymentId}` : ''), `- Recorded as deployment ${report.deploymentId ?? '—'}, ${markdownLink('run', report.runUrl)}` +
        (report.fastPath === undefined
            ? ''
            : report.fastPath
                ? ', fast path (retained release restarted)'
                : ', redeployed'));
    if (report.migrateRollback) {
        lines.push(`- migrate-rollback ${markdownCode(report.migrateRollback.command)} ${report.migrateRollback.at} the switch: **${markdown(report.migrateRollback.outcome)}**`);
    }
    if (report.timeToRestoreMs !== undefined)
        lines.push(`- Time to restore: ${(0,duration/* formatDuration */.a)(report.timeToRestoreMs)}`);
    lines.push('', '### Timeline (UTC)', '', '| When | What |', '| --- | --- |');
    const envLink = `${server}/${report.environment ? `deployments/${encodeURIComponent(report.environment)}` : ''}`;
    const events = [
        [
            from.createdAt,
            `Deployment ${from.deploymentId} of ${markdownCode(from.version)} created${from.logUrl ? ` (${markdownLink('run', from.logUrl)})` : ''}`,
        ],
        [from.wentLiveAt, `${markdownCode(from.version)} took traffic`],
        [from.failedAt, `Failure recorded${from.failureLogUrl ? ` (${markdownLink('run', from.failureLogUrl)})` : ''}`],
        [
            report.startedAt,
            `Rollback started by ${report.actor ? mention(report.actor) : 'the workflow'} (${markdownLink('run', report.runUrl)})`,
        ],
        [report.restoredAt, `${markdownCode(report.to?.version)} took traffic again (${markdownLink('deployments', envLink)})`],
    ];
    // GitHub times have whole seconds, ours milliseconds: sort by time, ties in the order of events.
    const known = events.filter((e) => Boolean(e[0]));
    for (const [when, what] of known.sort((a, b) => Math.floor(Date.parse(a[0]) / 1_000) - Math.floor(Date.parse(b[0]) / 1_000))) {
        lines.push(`| ${markdown(when.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))} | ${what} |`);
    }
    const people = new Set();
    if (from.creator && !from.creator.endsWith('[bot]'))
        people.add(`${mention(from.creator)} (deployed it)`);
    for (const pull of pulls)
        if (pull.author && !pull.author.endsWith('[bot]'))
            people.add(`${mention(pull.author)} (author of #${pull.number})`);
    if (report.actor && !report.actor.endsWith('[bot]'))
        people.add(`${mention(report.actor)} (triggered the rollback)`);
    lines.push('', '### Who to involve', '', people.size ? [...people].map((p) => `- ${p}`).join('\n') : '- Nobody named: see the runs above.');
    return lines.join('\n');
}
function serverUrl(github) {
    return `${(process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '')}/${github.owner}/${github.repo}`;
}
function oneLine(text) {
    return markdown(text.split('\n')[0] ?? '');
}

// EXTERNAL MODULE: ./packages/core/src/rollback/flow.ts + 4 modules
var flow = __webpack_require__(80081);
;// CONCATENATED MODULE: ./packages/core/src/summary/html.ts


/** Summary cells and raw blocks are HTML: names, URLs and log lines from users must not become markup. */
const escapeHtml = html;
const code = htmlCode;
/** The phase table deploy and rollback both show: what ran, how long it took, whether it held. */
function phaseRows(phases) {
    return [
        [
            { data: 'Phase', header: true },
            { data: 'Took', header: true },
            { data: 'Result', header: true },
        ],
        ...phases.map((phase) => [phase.name, (0,duration/* formatDuration */.a)(phase.ms), phase.ok ? '✅' : '❌']),
    ];
}

;// CONCATENATED MODULE: ./packages/core/src/summary/rollback.ts



/**
 * The rollback job summary: from what, to what, why, who triggered it, how long the
 * environment was bad and how long restoring took, the migrate-rollback, each phase, and the
 * incident issue.
 */
function addRollbackSummary(summary, report) {
    summary.addHeading(escapeHtml(rollbackHeadline(report)), 2);
    const from = report.from;
    const items = [];
    if (from) {
        items.push(`From: ${code(from.version ?? '?')} (${code((0,naming/* shortDigest */.VK)(from.digest))}` +
            `${from.deploymentId ? `, deployment ${from.deploymentId}` : ''})`);
    }
    if (report.to) {
        items.push(`To: ${code(report.to.version)} (${code((0,naming/* shortDigest */.VK)(report.to.digest))}` +
            `${report.to.deploymentId ? `, first deployed as deployment ${report.to.deploymentId}` : ''})` +
            (report.fastPath === undefined
                ? ''
                : report.fastPath
                    ? ' — fast path: retained release restarted'
                    : ' — redeployed'));
    }
    items.push(`Why: ${report.reason ? escapeHtml(report.reason) : '<em>no reason given</em>'}`);
    items.push(`Triggered by: ${report.actor ? escapeHtml(report.actor) : 'the workflow'}`);
    if (from?.failure)
        items.push(`Recorded failure of the bad release: ${escapeHtml(from.failure)}`);
    if (report.badForMs !== undefined) {
        items.push(`Bad for: <strong>${(0,duration/* formatDuration */.a)(report.badForMs)}</strong> (from ${escapeHtml(from?.wentLiveAt ?? '?')} to the rollback's success)`);
    }
    if (report.timeToRestoreMs !== undefined)
        items.push(`Time to restore: ${(0,duration/* formatDuration */.a)(report.timeToRestoreMs)} (rollback start to traffic switched back)`);
    if (report.deploymentId)
        items.push(`Recorded as deployment ${report.deploymentId}${report.badMarked ? `; deployment ${from?.deploymentId} marked failure` : ''}`);
    if (report.url)
        items.push(htmlLink(report.url));
    if (report.incident) {
        items.push(`Incident issue ${htmlLink(report.incident.url, `#${report.incident.number}`)} ${report.incident.created ? 'opened' : 'updated'}`);
    }
    items.push(...recordItems(report));
    summary.addList(items);
    if (report.error) {
        const [first, ...rest] = report.error.split('\n');
        summary.addRaw(`<p>❌ ${escapeHtml(first ?? '')}</p>`, true);
        if (rest.join('').trim())
            summary.addRaw(`<details open><summary>Details</summary><pre>${htmlBlock(rest.join('\n'))}</pre></details>`, true);
    }
    const migrate = report.migrateRollback;
    if (migrate) {
        summary.addRaw(`<p>migrate-rollback ${code(migrate.command)} ${migrate.at} the switch: ${escapeHtml(migrate.outcome)}` +
            `${migrate.how ? ` (${escapeHtml(migrate.how)})` : ''}</p>`, true);
        if (migrate.output)
            summary.addRaw(`<details><summary>Its output</summary><pre>${htmlBlock(migrate.output)}</pre></details>`, true);
    }
    if (report.phases.length > 0)
        summary.addTable(phaseRows(report.phases));
    if (report.warnings.length)
        summary.addList(report.warnings.map((warning) => `⚠️ ${escapeHtml(warning)}`));
    return summary;
}
/** How the records were authenticated, and what reading history cost. */
function recordItems(report) {
    const items = [];
    const records = report.records;
    if (records?.signed) {
        items.push(`Deployment records: signed, verified with ledger-key${records.ignored ? `; ${records.ignored} ignored` : ''}`);
    }
    else if (records) {
        items.push('⚠️ Deployment records are unsigned: anyone with deployments: write can create one. ' +
            (records.preferredCreator
                ? `Records created by ${code(records.preferredCreator)} (this workflow's identity) were preferred; ` +
                    "another's is restored only when named with to. "
                : 'GitHub did not say which identity runs this workflow, so no record was preferred by who created it. ') +
            'Set the ledger-key secret on deploy and rollback to sign and verify them.');
    }
    const history = report.history;
    if (history) {
        items.push(`History: ${history.apiCalls} GitHub API calls` +
            (history.listed !== undefined
                ? ` to list ${history.listed} deployments and read ${history.statusReads} deployments' statuses`
                : '') +
            ` (history-depth ${history.depth}${history.reachedDepth ? ', reached' : ''})`);
    }
    return items;
}
function rollbackHeadline(report) {
    const from = report.from?.version ?? 'the current release';
    const to = report.to?.version ?? 'an earlier release';
    if (report.outcome === 'success')
        return `Rolled back ${report.environment} from ${from} to ${to}`;
    if (report.outcome === 'refused')
        return `Rollback of ${report.environment} refused: nothing was changed`;
    return `Rollback of ${report.environment} from ${from} to ${to} failed`;
}

;// CONCATENATED MODULE: ./packages/core/src/summary/fleet.ts


const MARK = {
    waiting: '⏸️ not touched',
    releasing: '⏳ releasing',
    switched: '✅ switched',
    failed: '❌ failed',
    'switched back': '↩️ switched back',
    'not switched back': '⚠️ not switched back',
};
/** The fleet's hosts in a release: where each stands, what it serves, how long its phases took. */
function addFleetSummary(summary, hosts) {
    if (hosts.length === 0)
        return summary;
    summary.addHeading('Hosts', 3).addTable([
        [
            { data: 'Host', header: true },
            { data: 'Outcome', header: true },
            { data: 'Serves', header: true },
            { data: 'Phases', header: true },
            { data: 'Note', header: true },
        ],
        ...hosts.map((host) => [
            escapeHtml(`${host.name} ${host.host}`),
            MARK[host.state],
            escapeHtml(host.version ?? ''),
            escapeHtml(host.phases.map((p) => `${p.name} ${(0,duration/* formatDuration */.a)(p.ms)}${p.ok ? '' : ' ✗'}`).join(', ')),
            escapeHtml(host.detail ?? ''),
        ]),
    ]);
    return summary;
}

// EXTERNAL MODULE: ./packages/core/src/telemetry/trace.ts + 1 modules
var telemetry_trace = __webpack_require__(37151);
// EXTERNAL MODULE: ./packages/core/src/targets/fleet/target.ts + 2 modules
var fleet_target = __webpack_require__(63760);
// EXTERNAL MODULE: ./actions/rollback/src/inputs.ts
var src_inputs = __webpack_require__(77593);
;// CONCATENATED MODULE: ./actions/rollback/src/main.ts









async function main(trace = telemetry_trace/* untraced */.r) {
    const read = new action_inputs/* InputReader */.i_();
    const inputs = (0,src_inputs/* readInputs */.K)(read);
    await trace.configure(inputs['otlp-endpoint']);
    trace.annotate({ environment: inputs.environment });
    const to = (0,choose/* parseRollbackTo */.xI)(inputs.to);
    await (0,step/* runReleaseStep */.HN)({
        read,
        inputs,
        run: async ({ environment, target, ledger, github, log, holderFinished, signal, progress }) => {
            const incident = async (report) => {
                if (!inputs['incident-issue'])
                    return;
                const issue = await upsertIncidentIssue(github, report);
                // Edited at the end, but opened by this rollback at its start: the summary says opened.
                report.incident = { ...issue, created: issue.created || (report.incident?.created ?? false) };
            };
            const outcome = await (0,flow/* runRollback */.e)({
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
                await incident(outcome.report).catch((issueError) => core/* warning */.$e(`Could not update the incident issue: ${issueError.message}`));
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
            (0,run/* setOutputs */.n)({
                'deployment-id': report.deploymentId,
                'from-ref': report.from?.image,
                'to-ref': report.outcome === 'success' ? report.to?.image : undefined,
                url: report.url,
                'history-api-calls': report.history?.apiCalls,
            });
            addRollbackSummary(core/* summary */.z, report);
            if (target instanceof fleet_target/* FleetTarget */.g)
                addFleetSummary(core/* summary */.z, target.hosts);
        },
    });
}


/***/ }),

/***/ 26094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   b: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _paved_core_release__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(385);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(77593);


/**
 * The post step: when main was killed outright mid-release, settle the target, close the
 * record and release this run's lock. When main finished it reads nothing else.
 */
const post = () => (0,_paved_core_release__WEBPACK_IMPORTED_MODULE_0__/* .runReleasePostStep */ .rw)(_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .K);


/***/ }),

/***/ 26742:
/***/ ((module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
__webpack_require__.r(__webpack_exports__);
/* harmony import */ var _paved_core_action__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(32073);
/* harmony import */ var _paved_core_telemetry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(37151);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(14905);
/* harmony import */ var _post_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(26094);




await (0,_paved_core_action__WEBPACK_IMPORTED_MODULE_1__/* .run */ .e)((0,_paved_core_telemetry__WEBPACK_IMPORTED_MODULE_2__/* .traced */ .m)('rollback', _main_js__WEBPACK_IMPORTED_MODULE_0__/* .main */ .i), _post_js__WEBPACK_IMPORTED_MODULE_3__/* .post */ .b);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 46098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
const UNIT_MS = {
    ms: 1,
    s: 1_000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
};
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
/**
 * Parses `500ms`, `90s`, `5m`, `1h`, `1d` and compounds such as `1m30s` into milliseconds.
 * A bare number is refused: `30` could mean seconds or milliseconds, and guessing wrong
 * turns a 30 s timeout into a 30 ms one.
 */
function parseDuration(text) {
    const value = text.trim();
    if (value === '')
        return undefined;
    PART.lastIndex = 0;
    let total = 0;
    let consumed = 0;
    let match;
    while ((match = PART.exec(value)) !== null) {
        total += Number(match[1]) * UNIT_MS[match[2]];
        consumed = PART.lastIndex;
    }
    if (consumed !== value.length || !Number.isFinite(total))
        return undefined;
    return Math.round(total);
}
/** Formats milliseconds the way people write durations: `850ms`, `12.5s`, `3m 5s`, `1h 2m`. */
function formatDuration(ms) {
    if (!Number.isFinite(ms))
        return String(ms);
    const sign = ms < 0 ? '-' : '';
    const abs = Math.abs(ms);
    if (abs < 1_000)
        return `${sign}${Math.round(abs)}ms`;
    if (abs < 60_000)
        return `${sign}${trimZeros((abs / 1_000).toFixed(1))}s`;
    if (abs < 3_600_000) {
        const minutes = Math.floor(abs / 60_000);
        const seconds = Math.round((abs % 60_000) / 1_000);
        return `${sign}${minutes}m${seconds ? ` ${seconds}s` : ''}`;
    }
    const hours = Math.floor(abs / 3_600_000);
    const minutes = Math.round((abs % 3_600_000) / 60_000);
    return `${sign}${hours}h${minutes ? ` ${minutes}m` : ''}`;
}
function trimZeros(text) {
    return text.replace(/\.0$/, '');
}


/***/ }),

/***/ 71189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DD: () => (/* binding */ causeChain),
/* harmony export */   Ic: () => (/* binding */ describeFailure),
/* harmony export */   Wk: () => (/* binding */ PlatformError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   f8: () => (/* binding */ errorKind),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * An error whose message is written for the person reading the job log: it says what is
 * wrong and what to do. The error boundary prints it as is, without a stack trace.
 */
class UserError extends Error {
    kind = 'user';
    constructor(message, options) {
        super(message, options);
        this.name = 'UserError';
    }
}
/** A problem with one action input; the message always names the input. */
class InputError extends UserError {
    input;
    constructor(input, message) {
        super(message);
        this.name = 'InputError';
        this.input = input;
    }
}
/** A platform Paved talks to failed or refused; the message names it and what to check. */
class PlatformError extends Error {
    platform;
    kind = 'platform';
    constructor(platform, message, options) {
        super(message, options);
        this.platform = platform;
        this.name = 'PlatformError';
    }
}
const KINDS = new Set(['user', 'platform', 'bug']);
/**
 * The kind of anything thrown. Errors say their kind themselves (`kind`); an error that wraps
 * another to add context (a release phase) reports its cause's kind, so a TypeError deep in a
 * target stays a bug however it was wrapped.
 */
function errorKind(error) {
    if (error instanceof Error) {
        const kind = error.kind;
        if (KINDS.has(kind))
            return kind;
    }
    return 'bug';
}
/** The message to show for anything thrown: as written for user and platform errors, a bug report request otherwise. */
function describeFailure(error) {
    if (errorKind(error) !== 'bug')
        return error.message;
    const message = error instanceof Error ? error.message : String(error);
    return (`Unexpected error: ${message || '(no message)'}. ` +
        'Re-run the job with debug logging (secret ACTIONS_STEP_DEBUG=true) to see where it happened, and report it.');
}
/** Every error of the cause chain with its stack, outermost first, for the debug log. */
function causeChain(error) {
    const parts = [];
    const seen = new Set();
    let current = error;
    while (current !== undefined && current !== null && !seen.has(current) && parts.length < 10) {
        seen.add(current);
        if (current instanceof Error) {
            parts.push(current.stack ?? `${current.name}: ${current.message}`);
            current = current.cause;
        }
        else {
            parts.push(String(current));
            break;
        }
    }
    return parts.join('\nCaused by: ');
}


/***/ }),

/***/ 1363:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i_: () => (/* binding */ InputReader)
/* harmony export */ });
/* unused harmony exports runnerInputSource, isInside */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46098);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71189);





/** Reads inputs the way the runner passes them (`INPUT_<NAME>`, spaces as `_`, upper-cased). */
function runnerInputSource(env = process.env) {
    return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);
/**
 * Typed readers for action inputs. Each one either returns a value of its type or throws an
 * InputError that names the input, the form it expects and what it got, so a person can fix
 * the workflow from the message alone.
 */
class InputReader {
    /** Every input name read so far, in order: the consistency tests compare it with action.yml. */
    names = [];
    workspace;
    source;
    mask;
    constructor(source = runnerInputSource(), options = {}) {
        this.source = source;
        this.workspace = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(options.workspace ?? process.env.GITHUB_WORKSPACE ?? process.cwd());
        this.mask = options.mask ?? ((value) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value));
    }
    raw(name) {
        if (!this.names.includes(name))
            this.names.push(name);
        return this.source(name).trim();
    }
    missing(name, form) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(name, `Input '${name}' is required: set it to ${form}`);
    }
    invalid(name, form, got) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(name, `Input '${name}' must be ${form}, got '${got}'`);
    }
    string(name, options = {}) {
        const value = this.raw(name);
        const form = options.form ?? 'a non-empty value';
        if (value === '') {
            if (options.default !== undefined)
                return options.default;
            if (options.required)
                throw this.missing(name, form);
            return undefined;
        }
        if (options.pattern && !options.pattern.test(value))
            throw this.invalid(name, form, value);
        return value;
    }
    /** A string that must never be logged: masked before anything else can print it. */
    secret(name, options = {}) {
        const value = this.raw(name);
        if (value === '') {
            if (options.required)
                throw this.missing(name, 'a secret, e.g. ${{ secrets.NAME }}');
            return undefined;
        }
        this.mask(value);
        // The runner matches masks line by line: a multi-line secret (an SSH key, a kubeconfig) is
        // masked a line at a time too, except its armour lines, which are no secret and too common.
        if (value.includes('\n')) {
            for (const line of value.split(/\r?\n/)) {
                const text = line.trim();
                if (text.length >= 8 && !/^-----(BEGIN|END) [A-Z ]+-----$/.test(text))
                    this.mask(text);
            }
        }
        return value;
    }
    /**
     * Secret lines such as `NAME=value` or `Header: value`. Each line and each value is masked
     * on its own: the runner matches masks line by line, so masking the block alone would leave
     * single values visible.
     */
    secretList(name) {
        const lines = this.raw(name)
            .split(/\r?\n/)
            .map((line) => line.trim())
            .filter((line) => line !== '' && !line.startsWith('#'));
        for (const line of lines) {
            this.mask(line);
            const value = line.replace(/^[^=:]*[=:]\s*/, '');
            if (value !== line && value.length > 0)
                this.mask(value);
        }
        return lines;
    }
    boolean(name, options) {
        const value = this.raw(name);
        if (value === '')
            return options.default;
        if (TRUE.has(value))
            return true;
        if (FALSE.has(value))
            return false;
        throw this.invalid(name, 'a boolean (true or false)', value);
    }
    enum(name, allowed, options = {}) {
        const value = this.raw(name);
        const form = `one of ${allowed.join(', ')}`;
        if (value === '') {
            if (options.default !== undefined)
                return options.default;
            if (options.required)
                throw this.missing(name, form);
            return undefined;
        }
        if (allowed.includes(value))
            return value;
        throw this.invalid(name, form, value);
    }
    integer(name, options = {}) {
        const value = this.raw(name);
        const form = describeRange('an integer', options.min, options.max);
        if (value === '') {
            if (options.default !== undefined)
                return options.default;
            if (options.required)
                throw this.missing(name, form);
            return undefined;
        }
        if (!/^[+-]?\d+$/.test(value))
            throw this.invalid(name, form, value);
        const number = Number(value);
        if (!Number.isSafeInteger(number))
            throw this.invalid(name, form, value);
        if (options.min !== undefined && number < options.min)
            throw this.invalid(name, form, value);
        if (options.max !== undefined && number > options.max)
            throw this.invalid(name, form, value);
        return number;
    }
    duration(name, options = {}) {
        const given = this.raw(name);
        const value = given === '' ? (options.default ?? '') : given;
        const form = describeRange('a duration like 90s or 5m', options.min, options.max);
        if (value === '') {
            if (options.required)
                throw this.missing(name, form);
            return undefined;
        }
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E)(value);
        if (ms === undefined)
            throw this.invalid(name, form, value);
        if (options.min !== undefined && ms < ((0,_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E)(options.min) ?? 0))
            throw this.invalid(name, form, value);
        if (options.max !== undefined && ms > ((0,_duration_js__WEBPACK_IMPORTED_MODULE_4__/* .parseDuration */ .E)(options.max) ?? Infinity)) {
            throw this.invalid(name, form, value);
        }
        return ms;
    }
    /**
     * A list, one item per line or comma-separated. Lines starting with `#` are comments.
     * Pass `{ comma: false }` for items that may themselves hold commas (build args, env lines).
     */
    list(name, options = {}) {
        const value = this.raw(name);
        const items = value
            .split(/\r?\n/)
            .filter((line) => !line.trim().startsWith('#'))
            .flatMap((line) => (options.comma === false ? [line] : line.split(',')))
            .map((item) => item.trim())
            .filter((item) => item !== '');
        if (items.length === 0 && options.required)
            throw this.missing(name, 'one or more items, one per line');
        return items;
    }
    /** A list whose every item must be one of `allowed`. */
    enumList(name, allowed, options = {}) {
        const items = this.list(name, options);
        for (const item of items) {
            if (!allowed.includes(item)) {
                throw this.invalid(name, `a list of ${allowed.join(', ')}`, item);
            }
        }
        return items;
    }
    url(name, options = {}) {
        const value = this.raw(name);
        const protocols = options.protocols ?? ['http', 'https'];
        const form = `an absolute ${protocols.join(' or ')} URL like ${protocols[0]}://example.com`;
        if (value === '') {
            if (options.required)
                throw this.missing(name, form);
            return undefined;
        }
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw this.invalid(name, form, value);
        }
        if (!protocols.includes(url.protocol.replace(/:$/, '')))
            throw this.invalid(name, form, value);
        return url;
    }
    path(name, options = {}) {
        const given = this.raw(name);
        const value = given === '' ? (options.default ?? '') : given;
        if (value === '') {
            if (options.required)
                throw this.missing(name, 'a path inside the workspace');
            return undefined;
        }
        const resolved = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(this.workspace, value);
        const inside = `a path inside the workspace (${this.workspace})`;
        if (!isInside(this.workspace, resolved))
            throw this.invalid(name, inside, value);
        let stats;
        try {
            stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(resolved);
        }
        catch {
            stats = undefined;
        }
        if (stats) {
            if (!isInside(realpathOrSelf(this.workspace), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(resolved))) {
                throw this.invalid(name, `${inside}; it is a link that leads outside`, value);
            }
        }
        if (options.mustExist) {
            const isKind = options.mustExist === 'file' ? stats?.isFile() : stats?.isDirectory();
            if (!isKind)
                throw this.invalid(name, `an existing ${options.mustExist} inside the workspace`, value);
        }
        return resolved;
    }
}
function describeRange(what, min, max) {
    if (min !== undefined && max !== undefined)
        return `${what} from ${min} to ${max}`;
    if (min !== undefined)
        return `${what} of at least ${min}`;
    if (max !== undefined)
        return `${what} of at most ${max}`;
    return what;
}
function isInside(root, candidate) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, candidate);
    return relative === '' || (!relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(relative));
}
function realpathOrSelf(target) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(target);
    }
    catch {
        return target;
    }
}


/***/ }),

/***/ 32073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ run),
/* harmony export */   n: () => (/* binding */ setOutputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57264);
/* harmony import */ var _entry_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27545);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(71189);



/**
 * The error boundary of an action. The runner starts the same bundle for `main:` and `post:`;
 * the saved state tells them apart. Whatever a phase throws ends as one `setFailed` line a
 * person can act on; the stacks of the whole cause chain go to the debug log only.
 */
async function run(main, post) {
    const isPost = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_entry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .POST_STATE */ .j9) === 'true';
    const phase = isPost && post ? post : main;
    try {
        // Saved before main runs, so the post step knows it is the post step even when main fails.
        if (!isPost && post)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(_entry_index_js__WEBPACK_IMPORTED_MODULE_1__/* .POST_STATE */ .j9, 'true');
        await phase();
    }
    catch (error) {
        // The runner shows debug lines only with step debug logging on; skip building them otherwise.
        if (_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .isDebug */ ._o())
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .causeChain */ .DD)(error));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeFailure */ .Ic)(error));
    }
}
/** Sets every defined output; booleans and numbers become the strings the runner passes on. */
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs)) {
        if (value !== undefined)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(name, String(value));
    }
}


/***/ }),

/***/ 58492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ hostsPerBatch),
/* harmony export */   P: () => (/* binding */ resolveFleet)
/* harmony export */ });
/* harmony import */ var _action_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46098);
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71189);


/**
 * The fleet an environment lists, checked before anything connects: every host once, each with
 * its own known-hosts line, a batch from one host to all of them, and a managed proxy (one
 * admin URL cannot switch several hosts). Every refusal names the key.
 */
function resolveFleet(file, where) {
    if (!file.hosts) {
        if (file.batch !== undefined || file['batch-pause'] !== undefined) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where}.batch needs ${where}.hosts: batches are for a fleet of several hosts`);
        }
        return undefined;
    }
    if (file.host) {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where} gives both host and hosts: list every host under hosts, or give one host`);
    }
    if (file['proxy-url'] || !file.proxy) {
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${where}.hosts needs ${where}.proxy (the proxy Paved runs on each host) instead of proxy-url: ` +
            'one admin URL cannot switch several hosts');
    }
    const seen = new Map();
    const hosts = file.hosts.map((entry, index) => {
        const key = `${where}.hosts[${index}]`;
        const host = entry.host.trim();
        const normal = host.toLowerCase().replace(/:22$/, '');
        const earlier = seen.get(normal);
        if (earlier !== undefined) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key}.host lists ${host} again (already ${where}.hosts[${earlier}]): list each host once`);
        }
        seen.set(normal, index);
        const knownHosts = entry['known-hosts']?.trim();
        if (!knownHosts) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key}.known-hosts is missing for ${host}: add the host's line (ssh-keyscan -t ed25519 <host>), ` +
                'so its key is pinned before Paved connects');
        }
        return { host, knownHosts, proxyAdminDir: entry['proxy-admin-dir'] };
    });
    return {
        hosts,
        batch: batchSize(file.batch ?? 1, `${where}.batch`),
        batchPauseMs: (0,_action_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E)(file['batch-pause'] ?? '0s') ?? 0,
    };
}
function batchSize(value, key) {
    const text = String(value).trim();
    const match = /^([1-9]\d*)(%?)$/.exec(text);
    if (!match)
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key} must be a number of hosts (1 or more) or a percentage like 50%, got ${text}`);
    const number = Number(match[1]);
    if (!match[2])
        return { count: number };
    if (number > 100)
        throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${key} must be a percentage from 1% to 100%, got ${text}`);
    return { percent: number };
}
/** How many hosts go in each batch for a fleet of `hosts`. */
function hostsPerBatch(batch, hosts) {
    const size = 'count' in batch ? batch.count : Math.ceil((hosts * batch.percent) / 100);
    return Math.max(1, Math.min(hosts, size));
}


/***/ }),

/***/ 61288:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ isGood),
/* harmony export */   t: () => (/* binding */ DeploymentLedger)
/* harmony export */ });
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(71189);
/* harmony import */ var _record_signature_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(82011);


/**
 * The deployment ledger on GitHub's Deployments API: every deploy and rollback is a
 * Deployment, its outcome a status. Nothing is ever deleted from it.
 */
class DeploymentLedger {
    github;
    options;
    calls = 0;
    constructor(github, options = {}) {
        this.github = github;
        this.options = options;
    }
    /** How many GitHub API requests this ledger has made so far (pages count one each). */
    get requestCount() {
        return this.calls;
    }
    get repo() {
        return { owner: this.github.owner, repo: this.github.repo };
    }
    async create(deployment) {
        const key = this.options.signingKey;
        const payload = key ? (0,_record_signature_js__WEBPACK_IMPORTED_MODULE_0__/* .signRecord */ .lm)(key, deployment) : deployment.payload;
        this.calls++;
        const response = await this.github.octokit.rest.repos.createDeployment({
            ...this.repo,
            ref: deployment.ref,
            environment: deployment.environment,
            task: deployment.task ?? 'deploy',
            payload,
            description: (deployment.description ?? '').slice(0, 140),
            // Paved's own checks verify the release; GitHub must neither merge nor wait for statuses.
            auto_merge: false,
            required_contexts: [],
            ...(deployment.productionEnvironment !== undefined
                ? { production_environment: deployment.productionEnvironment }
                : {}),
            ...(deployment.transientEnvironment !== undefined
                ? { transient_environment: deployment.transientEnvironment }
                : {}),
        });
        if (response.status !== 201 || !('id' in response.data)) {
            throw new _action_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .PlatformError */ .Wk('GitHub', `GitHub did not create the deployment: ${JSON.stringify(response.data).slice(0, 200)}`);
        }
        return response.data.id;
    }
    async setStatus(deploymentId, update) {
        this.calls++;
        await this.github.octokit.rest.repos.createDeploymentStatus({
            ...this.repo,
            deployment_id: deploymentId,
            state: update.state,
            description: (update.description ?? '').slice(0, 140),
            log_url: update.logUrl ?? this.github.runUrl,
            ...(update.environmentUrl ? { environment_url: update.environmentUrl } : {}),
        });
    }
    async get(deploymentId) {
        this.calls++;
        const { data } = await this.github.octokit.rest.repos.getDeployment({ ...this.repo, deployment_id: deploymentId });
        return { ...toRecord(data), statuses: await this.statuses(deploymentId) };
    }
    async statuses(deploymentId) {
        const pages = this.github.octokit.paginate.iterator(this.github.octokit.rest.repos.listDeploymentStatuses, {
            ...this.repo,
            deployment_id: deploymentId,
            per_page: 100,
        });
        const statuses = [];
        for await (const page of this.counted(pages))
            statuses.push(...page.data);
        return statuses.map((s) => ({
            id: s.id,
            state: s.state,
            description: s.description ?? '',
            environmentUrl: s.environment_url ?? '',
            logUrl: s.log_url ?? '',
            createdAt: s.created_at,
            creator: s.creator?.login ?? '',
        }));
    }
    /**
     * Every deployment of an environment, newest first, with its statuses, read page by page
     * (GitHub has no state filter, and existing tools that read only the first 100 miss history).
     */
    async *history(environment) {
        for await (const deployment of this.deployments(environment)) {
            yield { ...deployment, statuses: await this.statuses(deployment.id) };
        }
    }
    /**
     * An environment's deployments, newest first (GitHub lists them so), without their statuses,
     * and no more than `depth` of them: a reader fetches statuses only for the records it
     * considers, and a long history cannot spend the token's rate limit.
     */
    async *deployments(environment, options = {}) {
        const depth = options.depth ?? Number.POSITIVE_INFINITY;
        if (depth <= 0)
            return;
        const pages = this.github.octokit.paginate.iterator(this.github.octokit.rest.repos.listDeployments, {
            ...this.repo,
            environment,
            per_page: Math.min(100, depth),
        });
        let listed = 0;
        for await (const page of this.counted(pages)) {
            for (const deployment of page.data) {
                yield toRecord(deployment);
                if (++listed >= depth)
                    return;
            }
        }
    }
    async *counted(pages) {
        // Counted as each request is made, so a reader that stops early is charged only what it read.
        const iterator = pages[Symbol.asyncIterator]();
        for (;;) {
            this.calls++;
            const next = await iterator.next();
            if (next.done) {
                this.calls--;
                return;
            }
            yield next.value;
        }
    }
    /**
     * The newest good deployment of the environment other than those excluded. Good means it
     * reached `success` and was never marked `failure` or `error` afterwards: GitHub's
     * auto_inactive turns superseded successes `inactive`, and superseded is not bad. Only
     * deployments that Paved recorded (with an image digest in the payload) qualify, so the
     * deployments GitHub creates on its own for `environment:` jobs are never a rollback target.
     */
    async findLastGoodDeployment(environment, excluding = []) {
        for await (const deployment of this.history(environment)) {
            if (excluding.includes(deployment.id))
                continue;
            if (isGood(deployment))
                return deployment;
        }
        return undefined;
    }
}
function isGood(deployment) {
    if (!deployment.payload?.digest || !deployment.payload.image)
        return false;
    const states = deployment.statuses.map((s) => s.state);
    return states.includes('success') && !states.includes('failure') && !states.includes('error');
}
function toRecord(data) {
    return {
        id: data.id,
        sha: data.sha,
        ref: data.ref,
        environment: data.environment,
        createdAt: data.created_at,
        creator: data.creator?.login ?? '',
        payload: parsePayload(data.payload),
    };
}
function parsePayload(payload) {
    let value = payload;
    if (typeof value === 'string') {
        try {
            value = JSON.parse(value);
        }
        catch {
            return undefined;
        }
    }
    if (value && typeof value === 'object' && 'image' in value)
        return value;
    return undefined;
}


/***/ }),

/***/ 82011:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lm: () => (/* binding */ signRecord),
/* harmony export */   o1: () => (/* binding */ signatureProblem)
/* harmony export */ });
/* unused harmony exports SIGNATURE_FIELD, canonicalRecord */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** The payload field that carries a record's signature; it is never part of what is signed. */
const SIGNATURE_FIELD = 'paved_signature';
/** Names the scheme, so a later one can be told apart instead of failing as a forgery. */
const SCHEME = 'hmac-sha256';
const DOMAIN = 'paved-deployment-record/1';
/**
 * The bytes a signature covers. Every payload field is signed, not only those Paved reads today:
 * an unsigned field would be a place to plant what a later reader might trust. Keys are sorted
 * at every level, so the order GitHub (or a JSON library) returns them in does not matter.
 */
function canonicalRecord(record) {
    const payload = Object.fromEntries(Object.entries(record.payload).filter(([key]) => key !== SIGNATURE_FIELD));
    return `${DOMAIN}\n${JSON.stringify([record.environment, record.ref, canonicalValue(payload)])}`;
}
function canonicalValue(value) {
    if (Array.isArray(value))
        return value.map(canonicalValue);
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.keys(value)
            .sort()
            .map((key) => [key, canonicalValue(value[key])]));
    }
    return value;
}
function mac(key, record) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update(canonicalRecord(record), 'utf8').digest();
}
/** The payload to record, carrying an HMAC-SHA256 of the record under `key`. */
function signRecord(key, record) {
    return { ...record.payload, [SIGNATURE_FIELD]: `${SCHEME}:${mac(key, record).toString('hex')}` };
}
/** Why a record's signature does not hold under `key`, or undefined when it verifies. */
function signatureProblem(key, record) {
    const signature = record.payload[SIGNATURE_FIELD];
    if (signature === undefined)
        return 'it carries no signature (recorded without ledger-key, or forged)';
    if (typeof signature !== 'string')
        return 'its signature is not a string';
    const match = /^hmac-sha256:([0-9a-f]{64})$/.exec(signature);
    if (!match)
        return `its signature is not of the form ${SCHEME}:<64 hex>`;
    const expected = mac(key, record);
    if (!(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(Buffer.from(match[1], 'hex'), expected)) {
        return 'its signature does not verify with ledger-key (signed with another key, or altered since)';
    }
    return undefined;
}


/***/ }),

/***/ 26093:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BS: () => (/* binding */ underSignal),
/* harmony export */   w6: () => (/* binding */ cancellationSignal)
/* harmony export */ });
/* unused harmony export CancelledError */
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71189);

/** The run was cancelled (the runner's SIGINT/SIGTERM): the release stopped between phases. */
class CancelledError extends _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    phase;
    constructor(phase) {
        super(`The run was cancelled before ${phase}: the release stopped there, the lock was released and the ` +
            'outcome recorded. Re-run the workflow to release again.');
        this.phase = phase;
        this.name = 'CancelledError';
    }
}
/**
 * Phases that only wait: cut short at once on cancellation, since stopping them changes nothing.
 * Not the lock: an acquisition abandoned half-way could still take the lock after the run gave
 * up, and hold it for nobody until lock-timeout. Taking it is quick; the next phase stops.
 */
const INTERRUPTIBLE = new Set(['plan', 'image', 'pull', 'health']);
/** Phases from which on traffic has moved: they finish even when cancelled, so it never stays half-switched. */
const FINISH_ANYWAY = new Set(['switch', 'drain', 'stop', 'verify']);
/**
 * Runs one phase under a cancellation signal. Before the switch a cancelled run starts no new
 * phase, and a phase that only waits ends at once; the switch and what follows it always run
 * to their end, so traffic is on one release or the other, never half-moved.
 */
async function underSignal(signal, phase, work) {
    if (!signal || FINISH_ANYWAY.has(phase))
        return work();
    if (signal.aborted)
        throw new CancelledError(phase);
    if (!INTERRUPTIBLE.has(phase))
        return work();
    let onAbort;
    const cancelled = new Promise((_, reject) => {
        onAbort = () => reject(new CancelledError(phase));
        signal.addEventListener('abort', onAbort, { once: true });
    });
    const running = work();
    // The abandoned work may still settle; its outcome no longer matters.
    running.catch(() => undefined);
    try {
        return await Promise.race([running, cancelled]);
    }
    finally {
        if (onAbort)
            signal.removeEventListener('abort', onAbort);
    }
}
/**
 * An AbortSignal that fires when the runner cancels the job (SIGINT first, then SIGTERM) or
 * its timeout-minutes runs out. Listening keeps Node from exiting at once, so the release can
 * end its phase, record the outcome and release the lock within the runner's grace period.
 */
function cancellationSignal() {
    const controller = new AbortController();
    const abort = () => controller.abort();
    process.on('SIGINT', abort);
    process.on('SIGTERM', abort);
    return {
        signal: controller.signal,
        dispose: () => {
            process.off('SIGINT', abort);
            process.off('SIGTERM', abort);
        },
    };
}


/***/ }),

/***/ 385:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  $E: () => (/* binding */ readReleaseInputs),
  rw: () => (/* binding */ runReleasePostStep),
  HN: () => (/* binding */ runReleaseStep)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./packages/core/src/action/inputs.ts
var inputs = __webpack_require__(1363);
;// CONCATENATED MODULE: ./packages/core/src/config/names.ts
/** GitHub environment names: letters, digits, `.`, `_`, `-`; at most 255 characters. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;
const ENVIRONMENT_FORM = 'an environment name like staging or production';
/** An image reference pinned by digest: the only form deploy runs, so a tag can't move under it. */
const PINNED_IMAGE_REF = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;
const PINNED_IMAGE_FORM = 'an image pinned by digest like ghcr.io/acme/shop@sha256:<64 hex>';
/** tcp:// is left out on purpose: the Docker API in clear is root on the host and carries the release's secrets. */
const DOCKER_HOST_FORM = "a Docker host like unix:///var/run/docker.sock or ssh://deploy@example.com (not tcp://: the Docker API and the release's secrets would cross the network in clear)";

;// CONCATENATED MODULE: ./packages/core/src/config/overrides.ts

const TARGET_KINDS = ['docker', 'command', 'kubernetes'];
// No tcp://: the Docker API in clear would carry the release's secrets over the network and
// give root on the host to whoever reaches the port. SSH is the way to a remote engine.
const DOCKER_HOST = /^(unix:\/\/\/\S+|ssh:\/\/[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\d{1,5})?)$/;
const SERVICE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const HTTP_PATH = /^\/[\x21-\x7e]*$/;
function readTargetOverrides(read) {
    const overrides = {
        target: read.enum('target', TARGET_KINDS),
        host: read.string('host', {
            pattern: DOCKER_HOST,
            form: DOCKER_HOST_FORM,
        }),
        'ssh-key': read.secret('ssh-key'),
        'known-hosts': read.string('known-hosts'),
        service: read.string('service', {
            pattern: SERVICE,
            form: 'a service name of lower-case letters, digits, ".", "_" and "-" (at most 63)',
        }),
        port: read.integer('port', { min: 1, max: 65535 }),
        'health-path': read.string('health-path', { pattern: HTTP_PATH, form: 'an HTTP path starting with / like /up' }),
        'health-timeout': read.duration('health-timeout', { min: '1s' }),
        'drain-timeout': read.duration('drain-timeout', { min: '0s' }),
        'proxy-url': read.url('proxy-url'),
        'proxy-route': read.string('proxy-route', { pattern: /^[A-Za-z0-9_.-]+$/, form: 'a Caddy @id like web' }),
        command: read.string('command'),
        url: read.url('url'),
        'lock-timeout': read.duration('lock-timeout', { min: '1m' }),
        kubeconfig: read.secret('kubeconfig'),
    };
    // known-hosts may also come from the config file (per host, for a fleet): resolveEnvironment checks it.
    return overrides;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./packages/core/src/action/errors.ts
var errors = __webpack_require__(71189);
;// CONCATENATED MODULE: ./packages/core/src/config/schema.ts

/**
 * The JSON Schema of `.github/paved.yml`. It is the single source: the runtime validates with
 * it, and `npm run docs` writes it to schemas/paved.schema.json for editors.
 * Keys are the deploy inputs' names, so a value moves between file and workflow unchanged.
 */
const duration = { type: 'string', pattern: '^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$' };
const command = {
    oneOf: [
        { type: 'string', minLength: 1 },
        { type: 'array', items: { type: 'string' }, minItems: 1 },
    ],
};
/** Settings an environment may take, and `defaults` may give for every environment. */
const environmentProperties = {
    url: {
        type: 'string',
        pattern: '^https?://\\S+$',
        description: 'URL of the environment, recorded with each deployment.',
    },
    production: { type: 'boolean', description: 'Recorded as production_environment (default: the name is production).' },
    transient: { type: 'boolean', description: 'Recorded as transient_environment: the environment goes away later.' },
    target: { enum: ['docker', 'command', 'kubernetes'], description: 'Where releases run (default docker).' },
    host: {
        type: 'string',
        pattern: '^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$',
        description: 'Docker host: unix:///path or ssh://user@host[:port]; empty for the local socket.',
    },
    'known-hosts': { type: 'string', description: 'known_hosts lines pinning the SSH host key.' },
    hosts: {
        type: 'array',
        minItems: 1,
        items: {
            type: 'object',
            additionalProperties: false,
            required: ['host'],
            properties: {
                host: { type: 'string', pattern: '^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$' },
                'known-hosts': { type: 'string', description: "known_hosts line pinning this host's key." },
                'proxy-admin-dir': {
                    type: 'string',
                    pattern: '^/[\\w./-]+$',
                    description: "Where this host keeps the managed proxy's admin socket (default proxy.admin-dir).",
                },
            },
        },
        description: 'A fleet: Docker hosts over SSH released to as one environment (instead of host).',
    },
    batch: {
        type: ['integer', 'string'],
        minimum: 1,
        pattern: '^([1-9]\\d*|[1-9]\\d*%)$',
        description: 'Hosts released to at a time: a count or a percentage of the hosts (default 1).',
    },
    'batch-pause': { ...duration, description: 'Pause between batches (default 0s).' },
    proxy: {
        type: 'object',
        additionalProperties: false,
        required: ['image'],
        description: 'A proxy Paved runs on each host (instead of proxy-url): Caddy pinned by digest.',
        properties: {
            image: { type: 'string', description: 'The proxy image pinned by digest: caddy@sha256:<64 hex>.' },
            'http-port': { type: 'integer', minimum: 1, maximum: 65535 },
            'https-port': { type: 'integer', minimum: 1, maximum: 65535 },
            tls: { enum: ['auto', 'internal', 'off'], description: "TLS for the url's host (default auto with a url)." },
            'admin-dir': { type: 'string', pattern: '^/[\\w./-]+$', description: 'Admin socket folder on the host.' },
            network: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$' },
            name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$' },
        },
    },
    port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Port the service listens on in the container.' },
    'health-path': { type: 'string', pattern: '^/', description: 'HTTP path answering 2xx when ready.' },
    'health-timeout': { ...duration, description: 'How long a new release may take to become healthy (default 30s).' },
    'drain-timeout': { ...duration, description: 'How long the old release drains after the switch (default 30s).' },
    'stop-timeout': {
        ...duration,
        description: 'How long the old release may take to exit after SIGTERM before it is killed (docker stop --time; default 10s, at most 10m).',
    },
    retain: {
        type: 'integer',
        minimum: 0,
        maximum: 50,
        description: 'Earlier releases kept for fast rollback (default 5).',
    },
    'proxy-url': { type: 'string', pattern: '^https?://\\S+$', description: 'Caddy admin API URL.' },
    'proxy-route': { type: 'string', pattern: '^[A-Za-z0-9_.-]+$', description: 'The @id of the reverse_proxy handler.' },
    restart: {
        type: 'string',
        pattern: '^(no|always|unless-stopped|on-failure(:\\d+)?)$',
        description: 'Restart policy (default unless-stopped).',
    },
    memory: { type: 'string', pattern: '^\\d+(\\.\\d+)?[bkmgBKMG]?$', description: 'Memory limit, e.g. 512m.' },
    cpus: { type: ['string', 'number'], pattern: '^\\d+(\\.\\d+)?$', minimum: 0, description: 'CPU limit, e.g. 1.5.' },
    volumes: {
        type: 'array',
        items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$' },
        description: 'Named volumes, name:/path, carried over between releases.',
    },
    env: {
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
        additionalProperties: { type: ['string', 'number', 'boolean'] },
        description: 'Configuration for the service.',
    },
    migrate: { ...command, description: 'Command run once in the new image before traffic switches.' },
    'migrate-rollback': { ...command, description: 'Command that undoes migrate; rollback runs it.' },
    command: { ...command, description: 'For the command target: the deploy program and its arguments.' },
    'lock-timeout': { ...duration, description: 'A deploy lock older than this is stale (default 30m).' },
    'pushgateway-url': {
        type: 'string',
        pattern: '^https?://\\S+$',
        description: 'Pushgateway for the deployment marker.',
    },
    gate: {
        type: 'object',
        additionalProperties: false,
        description: 'deploy-quality-gate settings for this environment.',
        properties: {
            'prometheus-url': { type: 'string', pattern: '^https?://\\S+$' },
            slo: { type: 'string' },
            window: duration,
            'baseline-window': duration,
            step: duration,
            'on-inconclusive': { enum: ['fail', 'warn', 'pass'] },
        },
    },
    kubernetes: {
        type: 'object',
        additionalProperties: false,
        description: 'For the kubernetes target: the Deployment releases roll out to.',
        properties: {
            namespace: {
                type: 'string',
                pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
                description: "Namespace of the Deployment (default: the kubeconfig context's, else default).",
            },
            deployment: {
                type: 'string',
                pattern: '^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$',
                description: 'The Deployment whose container image is set to each release.',
            },
            container: {
                type: 'string',
                pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
                description: "The container in the Deployment's pods that runs the service (default: its only container).",
            },
            service: {
                type: 'string',
                pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
                description: 'The Kubernetes Service in front of the Deployment, recorded with the release.',
            },
            strategy: {
                enum: ['rolling', 'canary'],
                description: 'How a release rolls out (default rolling). canary: a <deployment>-canary Deployment with canary-replicas pods behind the same Service; the deploy input canary: promote rolls it out to the Deployment, a rollback removes it.',
            },
            'canary-replicas': {
                type: 'integer',
                minimum: 1,
                maximum: 1000,
                description: 'Pods of the canary Deployment (default 1).',
            },
            timeout: { ...duration, description: 'How long a rollout may take before it is undone (default 5m).' },
            context: {
                type: 'string',
                minLength: 1,
                description: 'The kubeconfig context to use (default current-context).',
            },
        },
    },
    smoke: {
        type: 'object',
        additionalProperties: false,
        description: 'smoke-test settings for this environment.',
        properties: { checks: { type: 'string' }, 'wait-timeout': duration },
    },
};
const PAVED_CONFIG_SCHEMA = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Paved environment configuration (.github/paved.yml)',
    type: 'object',
    additionalProperties: false,
    required: ['environments'],
    properties: {
        service: {
            type: 'string',
            pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$',
            description: 'Service name used for containers and labels (default: the repository name).',
        },
        defaults: {
            type: 'object',
            additionalProperties: false,
            properties: environmentProperties,
            description: 'Settings every environment starts from.',
        },
        environments: {
            type: 'object',
            minProperties: 1,
            propertyNames: { pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$' },
            additionalProperties: { type: 'object', additionalProperties: false, properties: environmentProperties },
            description: 'Each environment, by the name workflows deploy to.',
        },
    },
};
/** How each pattern-checked value is described to a person, by property name. */
const FORMS = {
    'health-timeout': 'a duration like 30s or 5m',
    'drain-timeout': 'a duration like 30s or 5m',
    'stop-timeout': 'a duration like 10s or 1m',
    'lock-timeout': 'a duration like 30s or 5m',
    window: 'a duration like 30s or 5m',
    'baseline-window': 'a duration like 30s or 5m',
    step: 'a duration like 30s or 5m',
    'wait-timeout': 'a duration like 30s or 5m',
    timeout: 'a duration like 30s or 5m',
    namespace: 'a Kubernetes name: lower-case letters, digits and "-"',
    deployment: 'a Kubernetes name: lower-case letters, digits, "-" and "."',
    container: 'a Kubernetes name: lower-case letters, digits and "-"',
    host: DOCKER_HOST_FORM,
    batch: 'a number of hosts like 2 or a percentage from 1% to 100% like 50%',
    'batch-pause': 'a duration like 30s or 5m',
    'admin-dir': 'an absolute path like /run/paved-proxy',
    'proxy-admin-dir': 'an absolute path like /run/paved-proxy',
    network: 'a Docker network name',
    name: 'a Docker container name',
    'health-path': 'an HTTP path starting with /',
    'proxy-route': 'a Caddy @id like web',
    restart: 'a restart policy: no, always, unless-stopped or on-failure[:N]',
    memory: 'a memory size like 512m or 2g',
    cpus: 'a number of CPUs like 0.5 or 2',
    volumes: 'a named volume like data:/var/lib/app',
    service: 'lower-case letters, digits, ".", "_" and "-" (at most 63)',
    url: 'an http or https URL',
    'proxy-url': 'an http or https URL like http://127.0.0.1:2019',
    'pushgateway-url': 'an http or https URL',
    'prometheus-url': 'an http or https URL',
};

;// CONCATENATED MODULE: ./packages/core/src/config/validate-config.generated.ts
// Generated by scripts/docs.mjs (npm run docs) from PAVED_CONFIG_SCHEMA with ajv. Do not edit.
// @ts-nocheck
/* eslint-disable */
const ucs2length = (text) => [...text].length;
const validate = validate10;
/* harmony default export */ const validate_config_generated = ((/* unused pure expression or super */ null && (validate10)));
const schema11 = { "$schema": "http://json-schema.org/draft-07/schema#", "title": "Paved environment configuration (.github/paved.yml)", "type": "object", "additionalProperties": false, "required": ["environments"], "properties": { "service": { "type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]{0,62}$", "description": "Service name used for containers and labels (default: the repository name)." }, "defaults": { "type": "object", "additionalProperties": false, "properties": { "url": { "type": "string", "pattern": "^https?://\\S+$", "description": "URL of the environment, recorded with each deployment." }, "production": { "type": "boolean", "description": "Recorded as production_environment (default: the name is production)." }, "transient": { "type": "boolean", "description": "Recorded as transient_environment: the environment goes away later." }, "target": { "enum": ["docker", "command", "kubernetes"], "description": "Where releases run (default docker)." }, "host": { "type": "string", "pattern": "^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$", "description": "Docker host: unix:///path or ssh://user@host[:port]; empty for the local socket." }, "known-hosts": { "type": "string", "description": "known_hosts lines pinning the SSH host key." }, "hosts": { "type": "array", "minItems": 1, "items": { "type": "object", "additionalProperties": false, "required": ["host"], "properties": { "host": { "type": "string", "pattern": "^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$" }, "known-hosts": { "type": "string", "description": "known_hosts line pinning this host's key." }, "proxy-admin-dir": { "type": "string", "pattern": "^/[\\w./-]+$", "description": "Where this host keeps the managed proxy's admin socket (default proxy.admin-dir)." } } }, "description": "A fleet: Docker hosts over SSH released to as one environment (instead of host)." }, "batch": { "type": ["integer", "string"], "minimum": 1, "pattern": "^([1-9]\\d*|[1-9]\\d*%)$", "description": "Hosts released to at a time: a count or a percentage of the hosts (default 1)." }, "batch-pause": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "Pause between batches (default 0s)." }, "proxy": { "type": "object", "additionalProperties": false, "required": ["image"], "description": "A proxy Paved runs on each host (instead of proxy-url): Caddy pinned by digest.", "properties": { "image": { "type": "string", "description": "The proxy image pinned by digest: caddy@sha256:<64 hex>." }, "http-port": { "type": "integer", "minimum": 1, "maximum": 65535 }, "https-port": { "type": "integer", "minimum": 1, "maximum": 65535 }, "tls": { "enum": ["auto", "internal", "off"], "description": "TLS for the url's host (default auto with a url)." }, "admin-dir": { "type": "string", "pattern": "^/[\\w./-]+$", "description": "Admin socket folder on the host." }, "network": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" }, "name": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" } } }, "port": { "type": "integer", "minimum": 1, "maximum": 65535, "description": "Port the service listens on in the container." }, "health-path": { "type": "string", "pattern": "^/", "description": "HTTP path answering 2xx when ready." }, "health-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long a new release may take to become healthy (default 30s)." }, "drain-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long the old release drains after the switch (default 30s)." }, "stop-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long the old release may take to exit after SIGTERM before it is killed (docker stop --time; default 10s, at most 10m)." }, "retain": { "type": "integer", "minimum": 0, "maximum": 50, "description": "Earlier releases kept for fast rollback (default 5)." }, "proxy-url": { "type": "string", "pattern": "^https?://\\S+$", "description": "Caddy admin API URL." }, "proxy-route": { "type": "string", "pattern": "^[A-Za-z0-9_.-]+$", "description": "The @id of the reverse_proxy handler." }, "restart": { "type": "string", "pattern": "^(no|always|unless-stopped|on-failure(:\\d+)?)$", "description": "Restart policy (default unless-stopped)." }, "memory": { "type": "string", "pattern": "^\\d+(\\.\\d+)?[bkmgBKMG]?$", "description": "Memory limit, e.g. 512m." }, "cpus": { "type": ["string", "number"], "pattern": "^\\d+(\\.\\d+)?$", "minimum": 0, "description": "CPU limit, e.g. 1.5." }, "volumes": { "type": "array", "items": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$" }, "description": "Named volumes, name:/path, carried over between releases." }, "env": { "type": "object", "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" }, "additionalProperties": { "type": ["string", "number", "boolean"] }, "description": "Configuration for the service." }, "migrate": { "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "array", "items": { "type": "string" }, "minItems": 1 }], "description": "Command run once in the new image before traffic switches." }, "migrate-rollback": { "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "array", "items": { "type": "string" }, "minItems": 1 }], "description": "Command that undoes migrate; rollback runs it." }, "command": { "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "array", "items": { "type": "string" }, "minItems": 1 }], "description": "For the command target: the deploy program and its arguments." }, "lock-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "A deploy lock older than this is stale (default 30m)." }, "pushgateway-url": { "type": "string", "pattern": "^https?://\\S+$", "description": "Pushgateway for the deployment marker." }, "gate": { "type": "object", "additionalProperties": false, "description": "deploy-quality-gate settings for this environment.", "properties": { "prometheus-url": { "type": "string", "pattern": "^https?://\\S+$" }, "slo": { "type": "string" }, "window": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, "baseline-window": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, "step": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, "on-inconclusive": { "enum": ["fail", "warn", "pass"] } } }, "kubernetes": { "type": "object", "additionalProperties": false, "description": "For the kubernetes target: the Deployment releases roll out to.", "properties": { "namespace": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "Namespace of the Deployment (default: the kubeconfig context's, else default)." }, "deployment": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "description": "The Deployment whose container image is set to each release." }, "container": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "The container in the Deployment's pods that runs the service (default: its only container)." }, "service": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "The Kubernetes Service in front of the Deployment, recorded with the release." }, "strategy": { "enum": ["rolling", "canary"], "description": "How a release rolls out (default rolling). canary: a <deployment>-canary Deployment with canary-replicas pods behind the same Service; the deploy input canary: promote rolls it out to the Deployment, a rollback removes it." }, "canary-replicas": { "type": "integer", "minimum": 1, "maximum": 1000, "description": "Pods of the canary Deployment (default 1)." }, "timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long a rollout may take before it is undone (default 5m)." }, "context": { "type": "string", "minLength": 1, "description": "The kubeconfig context to use (default current-context)." } } }, "smoke": { "type": "object", "additionalProperties": false, "description": "smoke-test settings for this environment.", "properties": { "checks": { "type": "string" }, "wait-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" } } } }, "description": "Settings every environment starts from." }, "environments": { "type": "object", "minProperties": 1, "propertyNames": { "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$" }, "additionalProperties": { "type": "object", "additionalProperties": false, "properties": { "url": { "type": "string", "pattern": "^https?://\\S+$", "description": "URL of the environment, recorded with each deployment." }, "production": { "type": "boolean", "description": "Recorded as production_environment (default: the name is production)." }, "transient": { "type": "boolean", "description": "Recorded as transient_environment: the environment goes away later." }, "target": { "enum": ["docker", "command", "kubernetes"], "description": "Where releases run (default docker)." }, "host": { "type": "string", "pattern": "^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$", "description": "Docker host: unix:///path or ssh://user@host[:port]; empty for the local socket." }, "known-hosts": { "type": "string", "description": "known_hosts lines pinning the SSH host key." }, "hosts": { "type": "array", "minItems": 1, "items": { "type": "object", "additionalProperties": false, "required": ["host"], "properties": { "host": { "type": "string", "pattern": "^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$" }, "known-hosts": { "type": "string", "description": "known_hosts line pinning this host's key." }, "proxy-admin-dir": { "type": "string", "pattern": "^/[\\w./-]+$", "description": "Where this host keeps the managed proxy's admin socket (default proxy.admin-dir)." } } }, "description": "A fleet: Docker hosts over SSH released to as one environment (instead of host)." }, "batch": { "type": ["integer", "string"], "minimum": 1, "pattern": "^([1-9]\\d*|[1-9]\\d*%)$", "description": "Hosts released to at a time: a count or a percentage of the hosts (default 1)." }, "batch-pause": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "Pause between batches (default 0s)." }, "proxy": { "type": "object", "additionalProperties": false, "required": ["image"], "description": "A proxy Paved runs on each host (instead of proxy-url): Caddy pinned by digest.", "properties": { "image": { "type": "string", "description": "The proxy image pinned by digest: caddy@sha256:<64 hex>." }, "http-port": { "type": "integer", "minimum": 1, "maximum": 65535 }, "https-port": { "type": "integer", "minimum": 1, "maximum": 65535 }, "tls": { "enum": ["auto", "internal", "off"], "description": "TLS for the url's host (default auto with a url)." }, "admin-dir": { "type": "string", "pattern": "^/[\\w./-]+$", "description": "Admin socket folder on the host." }, "network": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" }, "name": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" } } }, "port": { "type": "integer", "minimum": 1, "maximum": 65535, "description": "Port the service listens on in the container." }, "health-path": { "type": "string", "pattern": "^/", "description": "HTTP path answering 2xx when ready." }, "health-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long a new release may take to become healthy (default 30s)." }, "drain-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long the old release drains after the switch (default 30s)." }, "stop-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long the old release may take to exit after SIGTERM before it is killed (docker stop --time; default 10s, at most 10m)." }, "retain": { "type": "integer", "minimum": 0, "maximum": 50, "description": "Earlier releases kept for fast rollback (default 5)." }, "proxy-url": { "type": "string", "pattern": "^https?://\\S+$", "description": "Caddy admin API URL." }, "proxy-route": { "type": "string", "pattern": "^[A-Za-z0-9_.-]+$", "description": "The @id of the reverse_proxy handler." }, "restart": { "type": "string", "pattern": "^(no|always|unless-stopped|on-failure(:\\d+)?)$", "description": "Restart policy (default unless-stopped)." }, "memory": { "type": "string", "pattern": "^\\d+(\\.\\d+)?[bkmgBKMG]?$", "description": "Memory limit, e.g. 512m." }, "cpus": { "type": ["string", "number"], "pattern": "^\\d+(\\.\\d+)?$", "minimum": 0, "description": "CPU limit, e.g. 1.5." }, "volumes": { "type": "array", "items": { "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$" }, "description": "Named volumes, name:/path, carried over between releases." }, "env": { "type": "object", "propertyNames": { "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" }, "additionalProperties": { "type": ["string", "number", "boolean"] }, "description": "Configuration for the service." }, "migrate": { "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "array", "items": { "type": "string" }, "minItems": 1 }], "description": "Command run once in the new image before traffic switches." }, "migrate-rollback": { "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "array", "items": { "type": "string" }, "minItems": 1 }], "description": "Command that undoes migrate; rollback runs it." }, "command": { "oneOf": [{ "type": "string", "minLength": 1 }, { "type": "array", "items": { "type": "string" }, "minItems": 1 }], "description": "For the command target: the deploy program and its arguments." }, "lock-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "A deploy lock older than this is stale (default 30m)." }, "pushgateway-url": { "type": "string", "pattern": "^https?://\\S+$", "description": "Pushgateway for the deployment marker." }, "gate": { "type": "object", "additionalProperties": false, "description": "deploy-quality-gate settings for this environment.", "properties": { "prometheus-url": { "type": "string", "pattern": "^https?://\\S+$" }, "slo": { "type": "string" }, "window": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, "baseline-window": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, "step": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, "on-inconclusive": { "enum": ["fail", "warn", "pass"] } } }, "kubernetes": { "type": "object", "additionalProperties": false, "description": "For the kubernetes target: the Deployment releases roll out to.", "properties": { "namespace": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "Namespace of the Deployment (default: the kubeconfig context's, else default)." }, "deployment": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "description": "The Deployment whose container image is set to each release." }, "container": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "The container in the Deployment's pods that runs the service (default: its only container)." }, "service": { "type": "string", "pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "description": "The Kubernetes Service in front of the Deployment, recorded with the release." }, "strategy": { "enum": ["rolling", "canary"], "description": "How a release rolls out (default rolling). canary: a <deployment>-canary Deployment with canary-replicas pods behind the same Service; the deploy input canary: promote rolls it out to the Deployment, a rollback removes it." }, "canary-replicas": { "type": "integer", "minimum": 1, "maximum": 1000, "description": "Pods of the canary Deployment (default 1)." }, "timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "description": "How long a rollout may take before it is undone (default 5m)." }, "context": { "type": "string", "minLength": 1, "description": "The kubeconfig context to use (default current-context)." } } }, "smoke": { "type": "object", "additionalProperties": false, "description": "smoke-test settings for this environment.", "properties": { "checks": { "type": "string" }, "wait-timeout": { "type": "string", "pattern": "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" } } } } }, "description": "Each environment, by the name workflows deploy to." } } };
const pattern0 = new RegExp("^[a-z0-9][a-z0-9_.-]{0,62}$", "u");
const pattern1 = new RegExp("^https?://\\S+$", "u");
const pattern2 = new RegExp("^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$", "u");
const pattern3 = new RegExp("^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$", "u");
const pattern4 = new RegExp("^/[\\w./-]+$", "u");
const pattern5 = new RegExp("^([1-9]\\d*|[1-9]\\d*%)$", "u");
const pattern6 = new RegExp("^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$", "u");
const pattern8 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$", "u");
const pattern10 = new RegExp("^/", "u");
const pattern15 = new RegExp("^[A-Za-z0-9_.-]+$", "u");
const pattern16 = new RegExp("^(no|always|unless-stopped|on-failure(:\\d+)?)$", "u");
const pattern17 = new RegExp("^\\d+(\\.\\d+)?[bkmgBKMG]?$", "u");
const pattern18 = new RegExp("^\\d+(\\.\\d+)?$", "u");
const pattern19 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$", "u");
const pattern20 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern27 = new RegExp("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", "u");
const pattern28 = new RegExp("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$", "u");
const pattern33 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$", "u");
const func2 = Object.prototype.hasOwnProperty;
const func3 = ucs2length;
function validate10(data, { instancePath = "", parentData, parentDataProperty, rootData = data } = {}) { let vErrors = null; let errors = 0; if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.environments === undefined) {
        const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "environments" }, message: "must have required property '" + "environments" + "'" };
        if (vErrors === null) {
            vErrors = [err0];
        }
        else {
            vErrors.push(err0);
        }
        errors++;
    }
    for (const key0 in data) {
        if (!(((key0 === "service") || (key0 === "defaults")) || (key0 === "environments"))) {
            const err1 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties" };
            if (vErrors === null) {
                vErrors = [err1];
            }
            else {
                vErrors.push(err1);
            }
            errors++;
        }
    }
    if (data.service !== undefined) {
        let data0 = data.service;
        if (typeof data0 === "string") {
            if (!pattern0.test(data0)) {
                const err2 = { instancePath: instancePath + "/service", schemaPath: "#/properties/service/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9_.-]{0,62}$" }, message: "must match pattern \"" + "^[a-z0-9][a-z0-9_.-]{0,62}$" + "\"" };
                if (vErrors === null) {
                    vErrors = [err2];
                }
                else {
                    vErrors.push(err2);
                }
                errors++;
            }
        }
        else {
            const err3 = { instancePath: instancePath + "/service", schemaPath: "#/properties/service/type", keyword: "type", params: { type: "string" }, message: "must be string" };
            if (vErrors === null) {
                vErrors = [err3];
            }
            else {
                vErrors.push(err3);
            }
            errors++;
        }
    }
    if (data.defaults !== undefined) {
        let data1 = data.defaults;
        if (data1 && typeof data1 == "object" && !Array.isArray(data1)) {
            for (const key1 in data1) {
                if (!(func2.call(schema11.properties.defaults.properties, key1))) {
                    const err4 = { instancePath: instancePath + "/defaults", schemaPath: "#/properties/defaults/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties" };
                    if (vErrors === null) {
                        vErrors = [err4];
                    }
                    else {
                        vErrors.push(err4);
                    }
                    errors++;
                }
            }
            if (data1.url !== undefined) {
                let data2 = data1.url;
                if (typeof data2 === "string") {
                    if (!pattern1.test(data2)) {
                        const err5 = { instancePath: instancePath + "/defaults/url", schemaPath: "#/properties/defaults/properties/url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err5];
                        }
                        else {
                            vErrors.push(err5);
                        }
                        errors++;
                    }
                }
                else {
                    const err6 = { instancePath: instancePath + "/defaults/url", schemaPath: "#/properties/defaults/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err6];
                    }
                    else {
                        vErrors.push(err6);
                    }
                    errors++;
                }
            }
            if (data1.production !== undefined) {
                if (typeof data1.production !== "boolean") {
                    const err7 = { instancePath: instancePath + "/defaults/production", schemaPath: "#/properties/defaults/properties/production/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err7];
                    }
                    else {
                        vErrors.push(err7);
                    }
                    errors++;
                }
            }
            if (data1.transient !== undefined) {
                if (typeof data1.transient !== "boolean") {
                    const err8 = { instancePath: instancePath + "/defaults/transient", schemaPath: "#/properties/defaults/properties/transient/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                    if (vErrors === null) {
                        vErrors = [err8];
                    }
                    else {
                        vErrors.push(err8);
                    }
                    errors++;
                }
            }
            if (data1.target !== undefined) {
                let data5 = data1.target;
                if (!(((data5 === "docker") || (data5 === "command")) || (data5 === "kubernetes"))) {
                    const err9 = { instancePath: instancePath + "/defaults/target", schemaPath: "#/properties/defaults/properties/target/enum", keyword: "enum", params: { allowedValues: schema11.properties.defaults.properties.target.enum }, message: "must be equal to one of the allowed values" };
                    if (vErrors === null) {
                        vErrors = [err9];
                    }
                    else {
                        vErrors.push(err9);
                    }
                    errors++;
                }
            }
            if (data1.host !== undefined) {
                let data6 = data1.host;
                if (typeof data6 === "string") {
                    if (!pattern2.test(data6)) {
                        const err10 = { instancePath: instancePath + "/defaults/host", schemaPath: "#/properties/defaults/properties/host/pattern", keyword: "pattern", params: { pattern: "^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$" }, message: "must match pattern \"" + "^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err10];
                        }
                        else {
                            vErrors.push(err10);
                        }
                        errors++;
                    }
                }
                else {
                    const err11 = { instancePath: instancePath + "/defaults/host", schemaPath: "#/properties/defaults/properties/host/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err11];
                    }
                    else {
                        vErrors.push(err11);
                    }
                    errors++;
                }
            }
            if (data1["known-hosts"] !== undefined) {
                if (typeof data1["known-hosts"] !== "string") {
                    const err12 = { instancePath: instancePath + "/defaults/known-hosts", schemaPath: "#/properties/defaults/properties/known-hosts/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err12];
                    }
                    else {
                        vErrors.push(err12);
                    }
                    errors++;
                }
            }
            if (data1.hosts !== undefined) {
                let data8 = data1.hosts;
                if (Array.isArray(data8)) {
                    if (data8.length < 1) {
                        const err13 = { instancePath: instancePath + "/defaults/hosts", schemaPath: "#/properties/defaults/properties/hosts/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                        if (vErrors === null) {
                            vErrors = [err13];
                        }
                        else {
                            vErrors.push(err13);
                        }
                        errors++;
                    }
                    const len0 = data8.length;
                    for (let i0 = 0; i0 < len0; i0++) {
                        let data9 = data8[i0];
                        if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
                            if (data9.host === undefined) {
                                const err14 = { instancePath: instancePath + "/defaults/hosts/" + i0, schemaPath: "#/properties/defaults/properties/hosts/items/required", keyword: "required", params: { missingProperty: "host" }, message: "must have required property '" + "host" + "'" };
                                if (vErrors === null) {
                                    vErrors = [err14];
                                }
                                else {
                                    vErrors.push(err14);
                                }
                                errors++;
                            }
                            for (const key2 in data9) {
                                if (!(((key2 === "host") || (key2 === "known-hosts")) || (key2 === "proxy-admin-dir"))) {
                                    const err15 = { instancePath: instancePath + "/defaults/hosts/" + i0, schemaPath: "#/properties/defaults/properties/hosts/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err15];
                                    }
                                    else {
                                        vErrors.push(err15);
                                    }
                                    errors++;
                                }
                            }
                            if (data9.host !== undefined) {
                                let data10 = data9.host;
                                if (typeof data10 === "string") {
                                    if (!pattern3.test(data10)) {
                                        const err16 = { instancePath: instancePath + "/defaults/hosts/" + i0 + "/host", schemaPath: "#/properties/defaults/properties/hosts/items/properties/host/pattern", keyword: "pattern", params: { pattern: "^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$" }, message: "must match pattern \"" + "^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err16];
                                        }
                                        else {
                                            vErrors.push(err16);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err17 = { instancePath: instancePath + "/defaults/hosts/" + i0 + "/host", schemaPath: "#/properties/defaults/properties/hosts/items/properties/host/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err17];
                                    }
                                    else {
                                        vErrors.push(err17);
                                    }
                                    errors++;
                                }
                            }
                            if (data9["known-hosts"] !== undefined) {
                                if (typeof data9["known-hosts"] !== "string") {
                                    const err18 = { instancePath: instancePath + "/defaults/hosts/" + i0 + "/known-hosts", schemaPath: "#/properties/defaults/properties/hosts/items/properties/known-hosts/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err18];
                                    }
                                    else {
                                        vErrors.push(err18);
                                    }
                                    errors++;
                                }
                            }
                            if (data9["proxy-admin-dir"] !== undefined) {
                                let data12 = data9["proxy-admin-dir"];
                                if (typeof data12 === "string") {
                                    if (!pattern4.test(data12)) {
                                        const err19 = { instancePath: instancePath + "/defaults/hosts/" + i0 + "/proxy-admin-dir", schemaPath: "#/properties/defaults/properties/hosts/items/properties/proxy-admin-dir/pattern", keyword: "pattern", params: { pattern: "^/[\\w./-]+$" }, message: "must match pattern \"" + "^/[\\w./-]+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err19];
                                        }
                                        else {
                                            vErrors.push(err19);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err20 = { instancePath: instancePath + "/defaults/hosts/" + i0 + "/proxy-admin-dir", schemaPath: "#/properties/defaults/properties/hosts/items/properties/proxy-admin-dir/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err20];
                                    }
                                    else {
                                        vErrors.push(err20);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err21 = { instancePath: instancePath + "/defaults/hosts/" + i0, schemaPath: "#/properties/defaults/properties/hosts/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err21];
                            }
                            else {
                                vErrors.push(err21);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err22 = { instancePath: instancePath + "/defaults/hosts", schemaPath: "#/properties/defaults/properties/hosts/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err22];
                    }
                    else {
                        vErrors.push(err22);
                    }
                    errors++;
                }
            }
            if (data1.batch !== undefined) {
                let data13 = data1.batch;
                if ((!((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13)))) && (typeof data13 !== "string")) {
                    const err23 = { instancePath: instancePath + "/defaults/batch", schemaPath: "#/properties/defaults/properties/batch/type", keyword: "type", params: { type: schema11.properties.defaults.properties.batch.type }, message: "must be integer,string" };
                    if (vErrors === null) {
                        vErrors = [err23];
                    }
                    else {
                        vErrors.push(err23);
                    }
                    errors++;
                }
                if (typeof data13 == "number") {
                    if (data13 < 1 || isNaN(data13)) {
                        const err24 = { instancePath: instancePath + "/defaults/batch", schemaPath: "#/properties/defaults/properties/batch/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err24];
                        }
                        else {
                            vErrors.push(err24);
                        }
                        errors++;
                    }
                }
                if (typeof data13 === "string") {
                    if (!pattern5.test(data13)) {
                        const err25 = { instancePath: instancePath + "/defaults/batch", schemaPath: "#/properties/defaults/properties/batch/pattern", keyword: "pattern", params: { pattern: "^([1-9]\\d*|[1-9]\\d*%)$" }, message: "must match pattern \"" + "^([1-9]\\d*|[1-9]\\d*%)$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err25];
                        }
                        else {
                            vErrors.push(err25);
                        }
                        errors++;
                    }
                }
            }
            if (data1["batch-pause"] !== undefined) {
                let data14 = data1["batch-pause"];
                if (typeof data14 === "string") {
                    if (!pattern6.test(data14)) {
                        const err26 = { instancePath: instancePath + "/defaults/batch-pause", schemaPath: "#/properties/defaults/properties/batch-pause/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err26];
                        }
                        else {
                            vErrors.push(err26);
                        }
                        errors++;
                    }
                }
                else {
                    const err27 = { instancePath: instancePath + "/defaults/batch-pause", schemaPath: "#/properties/defaults/properties/batch-pause/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err27];
                    }
                    else {
                        vErrors.push(err27);
                    }
                    errors++;
                }
            }
            if (data1.proxy !== undefined) {
                let data15 = data1.proxy;
                if (data15 && typeof data15 == "object" && !Array.isArray(data15)) {
                    if (data15.image === undefined) {
                        const err28 = { instancePath: instancePath + "/defaults/proxy", schemaPath: "#/properties/defaults/properties/proxy/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property '" + "image" + "'" };
                        if (vErrors === null) {
                            vErrors = [err28];
                        }
                        else {
                            vErrors.push(err28);
                        }
                        errors++;
                    }
                    for (const key3 in data15) {
                        if (!(((((((key3 === "image") || (key3 === "http-port")) || (key3 === "https-port")) || (key3 === "tls")) || (key3 === "admin-dir")) || (key3 === "network")) || (key3 === "name"))) {
                            const err29 = { instancePath: instancePath + "/defaults/proxy", schemaPath: "#/properties/defaults/properties/proxy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err29];
                            }
                            else {
                                vErrors.push(err29);
                            }
                            errors++;
                        }
                    }
                    if (data15.image !== undefined) {
                        if (typeof data15.image !== "string") {
                            const err30 = { instancePath: instancePath + "/defaults/proxy/image", schemaPath: "#/properties/defaults/properties/proxy/properties/image/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err30];
                            }
                            else {
                                vErrors.push(err30);
                            }
                            errors++;
                        }
                    }
                    if (data15["http-port"] !== undefined) {
                        let data17 = data15["http-port"];
                        if (!((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17)))) {
                            const err31 = { instancePath: instancePath + "/defaults/proxy/http-port", schemaPath: "#/properties/defaults/properties/proxy/properties/http-port/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                            if (vErrors === null) {
                                vErrors = [err31];
                            }
                            else {
                                vErrors.push(err31);
                            }
                            errors++;
                        }
                        if (typeof data17 == "number") {
                            if (data17 > 65535 || isNaN(data17)) {
                                const err32 = { instancePath: instancePath + "/defaults/proxy/http-port", schemaPath: "#/properties/defaults/properties/proxy/properties/http-port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535" };
                                if (vErrors === null) {
                                    vErrors = [err32];
                                }
                                else {
                                    vErrors.push(err32);
                                }
                                errors++;
                            }
                            if (data17 < 1 || isNaN(data17)) {
                                const err33 = { instancePath: instancePath + "/defaults/proxy/http-port", schemaPath: "#/properties/defaults/properties/proxy/properties/http-port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                if (vErrors === null) {
                                    vErrors = [err33];
                                }
                                else {
                                    vErrors.push(err33);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data15["https-port"] !== undefined) {
                        let data18 = data15["https-port"];
                        if (!((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18)))) {
                            const err34 = { instancePath: instancePath + "/defaults/proxy/https-port", schemaPath: "#/properties/defaults/properties/proxy/properties/https-port/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                            if (vErrors === null) {
                                vErrors = [err34];
                            }
                            else {
                                vErrors.push(err34);
                            }
                            errors++;
                        }
                        if (typeof data18 == "number") {
                            if (data18 > 65535 || isNaN(data18)) {
                                const err35 = { instancePath: instancePath + "/defaults/proxy/https-port", schemaPath: "#/properties/defaults/properties/proxy/properties/https-port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535" };
                                if (vErrors === null) {
                                    vErrors = [err35];
                                }
                                else {
                                    vErrors.push(err35);
                                }
                                errors++;
                            }
                            if (data18 < 1 || isNaN(data18)) {
                                const err36 = { instancePath: instancePath + "/defaults/proxy/https-port", schemaPath: "#/properties/defaults/properties/proxy/properties/https-port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                if (vErrors === null) {
                                    vErrors = [err36];
                                }
                                else {
                                    vErrors.push(err36);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data15.tls !== undefined) {
                        let data19 = data15.tls;
                        if (!(((data19 === "auto") || (data19 === "internal")) || (data19 === "off"))) {
                            const err37 = { instancePath: instancePath + "/defaults/proxy/tls", schemaPath: "#/properties/defaults/properties/proxy/properties/tls/enum", keyword: "enum", params: { allowedValues: schema11.properties.defaults.properties.proxy.properties.tls.enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err37];
                            }
                            else {
                                vErrors.push(err37);
                            }
                            errors++;
                        }
                    }
                    if (data15["admin-dir"] !== undefined) {
                        let data20 = data15["admin-dir"];
                        if (typeof data20 === "string") {
                            if (!pattern4.test(data20)) {
                                const err38 = { instancePath: instancePath + "/defaults/proxy/admin-dir", schemaPath: "#/properties/defaults/properties/proxy/properties/admin-dir/pattern", keyword: "pattern", params: { pattern: "^/[\\w./-]+$" }, message: "must match pattern \"" + "^/[\\w./-]+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err38];
                                }
                                else {
                                    vErrors.push(err38);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err39 = { instancePath: instancePath + "/defaults/proxy/admin-dir", schemaPath: "#/properties/defaults/properties/proxy/properties/admin-dir/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err39];
                            }
                            else {
                                vErrors.push(err39);
                            }
                            errors++;
                        }
                    }
                    if (data15.network !== undefined) {
                        let data21 = data15.network;
                        if (typeof data21 === "string") {
                            if (!pattern8.test(data21)) {
                                const err40 = { instancePath: instancePath + "/defaults/proxy/network", schemaPath: "#/properties/defaults/properties/proxy/properties/network/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err40];
                                }
                                else {
                                    vErrors.push(err40);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err41 = { instancePath: instancePath + "/defaults/proxy/network", schemaPath: "#/properties/defaults/properties/proxy/properties/network/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err41];
                            }
                            else {
                                vErrors.push(err41);
                            }
                            errors++;
                        }
                    }
                    if (data15.name !== undefined) {
                        let data22 = data15.name;
                        if (typeof data22 === "string") {
                            if (!pattern8.test(data22)) {
                                const err42 = { instancePath: instancePath + "/defaults/proxy/name", schemaPath: "#/properties/defaults/properties/proxy/properties/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err42];
                                }
                                else {
                                    vErrors.push(err42);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err43 = { instancePath: instancePath + "/defaults/proxy/name", schemaPath: "#/properties/defaults/properties/proxy/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err43];
                            }
                            else {
                                vErrors.push(err43);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err44 = { instancePath: instancePath + "/defaults/proxy", schemaPath: "#/properties/defaults/properties/proxy/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err44];
                    }
                    else {
                        vErrors.push(err44);
                    }
                    errors++;
                }
            }
            if (data1.port !== undefined) {
                let data23 = data1.port;
                if (!((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23)))) {
                    const err45 = { instancePath: instancePath + "/defaults/port", schemaPath: "#/properties/defaults/properties/port/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err45];
                    }
                    else {
                        vErrors.push(err45);
                    }
                    errors++;
                }
                if (typeof data23 == "number") {
                    if (data23 > 65535 || isNaN(data23)) {
                        const err46 = { instancePath: instancePath + "/defaults/port", schemaPath: "#/properties/defaults/properties/port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535" };
                        if (vErrors === null) {
                            vErrors = [err46];
                        }
                        else {
                            vErrors.push(err46);
                        }
                        errors++;
                    }
                    if (data23 < 1 || isNaN(data23)) {
                        const err47 = { instancePath: instancePath + "/defaults/port", schemaPath: "#/properties/defaults/properties/port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                        if (vErrors === null) {
                            vErrors = [err47];
                        }
                        else {
                            vErrors.push(err47);
                        }
                        errors++;
                    }
                }
            }
            if (data1["health-path"] !== undefined) {
                let data24 = data1["health-path"];
                if (typeof data24 === "string") {
                    if (!pattern10.test(data24)) {
                        const err48 = { instancePath: instancePath + "/defaults/health-path", schemaPath: "#/properties/defaults/properties/health-path/pattern", keyword: "pattern", params: { pattern: "^/" }, message: "must match pattern \"" + "^/" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err48];
                        }
                        else {
                            vErrors.push(err48);
                        }
                        errors++;
                    }
                }
                else {
                    const err49 = { instancePath: instancePath + "/defaults/health-path", schemaPath: "#/properties/defaults/properties/health-path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err49];
                    }
                    else {
                        vErrors.push(err49);
                    }
                    errors++;
                }
            }
            if (data1["health-timeout"] !== undefined) {
                let data25 = data1["health-timeout"];
                if (typeof data25 === "string") {
                    if (!pattern6.test(data25)) {
                        const err50 = { instancePath: instancePath + "/defaults/health-timeout", schemaPath: "#/properties/defaults/properties/health-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err50];
                        }
                        else {
                            vErrors.push(err50);
                        }
                        errors++;
                    }
                }
                else {
                    const err51 = { instancePath: instancePath + "/defaults/health-timeout", schemaPath: "#/properties/defaults/properties/health-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err51];
                    }
                    else {
                        vErrors.push(err51);
                    }
                    errors++;
                }
            }
            if (data1["drain-timeout"] !== undefined) {
                let data26 = data1["drain-timeout"];
                if (typeof data26 === "string") {
                    if (!pattern6.test(data26)) {
                        const err52 = { instancePath: instancePath + "/defaults/drain-timeout", schemaPath: "#/properties/defaults/properties/drain-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err52];
                        }
                        else {
                            vErrors.push(err52);
                        }
                        errors++;
                    }
                }
                else {
                    const err53 = { instancePath: instancePath + "/defaults/drain-timeout", schemaPath: "#/properties/defaults/properties/drain-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err53];
                    }
                    else {
                        vErrors.push(err53);
                    }
                    errors++;
                }
            }
            if (data1["stop-timeout"] !== undefined) {
                let data27 = data1["stop-timeout"];
                if (typeof data27 === "string") {
                    if (!pattern6.test(data27)) {
                        const err54 = { instancePath: instancePath + "/defaults/stop-timeout", schemaPath: "#/properties/defaults/properties/stop-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err54];
                        }
                        else {
                            vErrors.push(err54);
                        }
                        errors++;
                    }
                }
                else {
                    const err55 = { instancePath: instancePath + "/defaults/stop-timeout", schemaPath: "#/properties/defaults/properties/stop-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err55];
                    }
                    else {
                        vErrors.push(err55);
                    }
                    errors++;
                }
            }
            if (data1.retain !== undefined) {
                let data28 = data1.retain;
                if (!((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28)))) {
                    const err56 = { instancePath: instancePath + "/defaults/retain", schemaPath: "#/properties/defaults/properties/retain/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                    if (vErrors === null) {
                        vErrors = [err56];
                    }
                    else {
                        vErrors.push(err56);
                    }
                    errors++;
                }
                if (typeof data28 == "number") {
                    if (data28 > 50 || isNaN(data28)) {
                        const err57 = { instancePath: instancePath + "/defaults/retain", schemaPath: "#/properties/defaults/properties/retain/maximum", keyword: "maximum", params: { comparison: "<=", limit: 50 }, message: "must be <= 50" };
                        if (vErrors === null) {
                            vErrors = [err57];
                        }
                        else {
                            vErrors.push(err57);
                        }
                        errors++;
                    }
                    if (data28 < 0 || isNaN(data28)) {
                        const err58 = { instancePath: instancePath + "/defaults/retain", schemaPath: "#/properties/defaults/properties/retain/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                        if (vErrors === null) {
                            vErrors = [err58];
                        }
                        else {
                            vErrors.push(err58);
                        }
                        errors++;
                    }
                }
            }
            if (data1["proxy-url"] !== undefined) {
                let data29 = data1["proxy-url"];
                if (typeof data29 === "string") {
                    if (!pattern1.test(data29)) {
                        const err59 = { instancePath: instancePath + "/defaults/proxy-url", schemaPath: "#/properties/defaults/properties/proxy-url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err59];
                        }
                        else {
                            vErrors.push(err59);
                        }
                        errors++;
                    }
                }
                else {
                    const err60 = { instancePath: instancePath + "/defaults/proxy-url", schemaPath: "#/properties/defaults/properties/proxy-url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err60];
                    }
                    else {
                        vErrors.push(err60);
                    }
                    errors++;
                }
            }
            if (data1["proxy-route"] !== undefined) {
                let data30 = data1["proxy-route"];
                if (typeof data30 === "string") {
                    if (!pattern15.test(data30)) {
                        const err61 = { instancePath: instancePath + "/defaults/proxy-route", schemaPath: "#/properties/defaults/properties/proxy-route/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_.-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_.-]+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err61];
                        }
                        else {
                            vErrors.push(err61);
                        }
                        errors++;
                    }
                }
                else {
                    const err62 = { instancePath: instancePath + "/defaults/proxy-route", schemaPath: "#/properties/defaults/properties/proxy-route/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err62];
                    }
                    else {
                        vErrors.push(err62);
                    }
                    errors++;
                }
            }
            if (data1.restart !== undefined) {
                let data31 = data1.restart;
                if (typeof data31 === "string") {
                    if (!pattern16.test(data31)) {
                        const err63 = { instancePath: instancePath + "/defaults/restart", schemaPath: "#/properties/defaults/properties/restart/pattern", keyword: "pattern", params: { pattern: "^(no|always|unless-stopped|on-failure(:\\d+)?)$" }, message: "must match pattern \"" + "^(no|always|unless-stopped|on-failure(:\\d+)?)$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err63];
                        }
                        else {
                            vErrors.push(err63);
                        }
                        errors++;
                    }
                }
                else {
                    const err64 = { instancePath: instancePath + "/defaults/restart", schemaPath: "#/properties/defaults/properties/restart/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err64];
                    }
                    else {
                        vErrors.push(err64);
                    }
                    errors++;
                }
            }
            if (data1.memory !== undefined) {
                let data32 = data1.memory;
                if (typeof data32 === "string") {
                    if (!pattern17.test(data32)) {
                        const err65 = { instancePath: instancePath + "/defaults/memory", schemaPath: "#/properties/defaults/properties/memory/pattern", keyword: "pattern", params: { pattern: "^\\d+(\\.\\d+)?[bkmgBKMG]?$" }, message: "must match pattern \"" + "^\\d+(\\.\\d+)?[bkmgBKMG]?$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err65];
                        }
                        else {
                            vErrors.push(err65);
                        }
                        errors++;
                    }
                }
                else {
                    const err66 = { instancePath: instancePath + "/defaults/memory", schemaPath: "#/properties/defaults/properties/memory/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err66];
                    }
                    else {
                        vErrors.push(err66);
                    }
                    errors++;
                }
            }
            if (data1.cpus !== undefined) {
                let data33 = data1.cpus;
                if ((typeof data33 !== "string") && (!(typeof data33 == "number"))) {
                    const err67 = { instancePath: instancePath + "/defaults/cpus", schemaPath: "#/properties/defaults/properties/cpus/type", keyword: "type", params: { type: schema11.properties.defaults.properties.cpus.type }, message: "must be string,number" };
                    if (vErrors === null) {
                        vErrors = [err67];
                    }
                    else {
                        vErrors.push(err67);
                    }
                    errors++;
                }
                if (typeof data33 == "number") {
                    if (data33 < 0 || isNaN(data33)) {
                        const err68 = { instancePath: instancePath + "/defaults/cpus", schemaPath: "#/properties/defaults/properties/cpus/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                        if (vErrors === null) {
                            vErrors = [err68];
                        }
                        else {
                            vErrors.push(err68);
                        }
                        errors++;
                    }
                }
                if (typeof data33 === "string") {
                    if (!pattern18.test(data33)) {
                        const err69 = { instancePath: instancePath + "/defaults/cpus", schemaPath: "#/properties/defaults/properties/cpus/pattern", keyword: "pattern", params: { pattern: "^\\d+(\\.\\d+)?$" }, message: "must match pattern \"" + "^\\d+(\\.\\d+)?$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err69];
                        }
                        else {
                            vErrors.push(err69);
                        }
                        errors++;
                    }
                }
            }
            if (data1.volumes !== undefined) {
                let data34 = data1.volumes;
                if (Array.isArray(data34)) {
                    const len1 = data34.length;
                    for (let i1 = 0; i1 < len1; i1++) {
                        let data35 = data34[i1];
                        if (typeof data35 === "string") {
                            if (!pattern19.test(data35)) {
                                const err70 = { instancePath: instancePath + "/defaults/volumes/" + i1, schemaPath: "#/properties/defaults/properties/volumes/items/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err70];
                                }
                                else {
                                    vErrors.push(err70);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err71 = { instancePath: instancePath + "/defaults/volumes/" + i1, schemaPath: "#/properties/defaults/properties/volumes/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err71];
                            }
                            else {
                                vErrors.push(err71);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err72 = { instancePath: instancePath + "/defaults/volumes", schemaPath: "#/properties/defaults/properties/volumes/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err72];
                    }
                    else {
                        vErrors.push(err72);
                    }
                    errors++;
                }
            }
            if (data1.env !== undefined) {
                let data36 = data1.env;
                if (data36 && typeof data36 == "object" && !Array.isArray(data36)) {
                    for (const key4 in data36) {
                        const _errs77 = errors;
                        if (typeof key4 === "string") {
                            if (!pattern20.test(key4)) {
                                const err73 = { instancePath: instancePath + "/defaults/env", schemaPath: "#/properties/defaults/properties/env/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: "must match pattern \"" + "^[A-Za-z_][A-Za-z0-9_]*$" + "\"", propertyName: key4 };
                                if (vErrors === null) {
                                    vErrors = [err73];
                                }
                                else {
                                    vErrors.push(err73);
                                }
                                errors++;
                            }
                        }
                        var valid8 = _errs77 === errors;
                        if (!valid8) {
                            const err74 = { instancePath: instancePath + "/defaults/env", schemaPath: "#/properties/defaults/properties/env/propertyNames", keyword: "propertyNames", params: { propertyName: key4 }, message: "property name must be valid" };
                            if (vErrors === null) {
                                vErrors = [err74];
                            }
                            else {
                                vErrors.push(err74);
                            }
                            errors++;
                        }
                    }
                    for (const key5 in data36) {
                        let data37 = data36[key5];
                        if (((typeof data37 !== "string") && (!(typeof data37 == "number"))) && (typeof data37 !== "boolean")) {
                            const err75 = { instancePath: instancePath + "/defaults/env/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/defaults/properties/env/additionalProperties/type", keyword: "type", params: { type: schema11.properties.defaults.properties.env.additionalProperties.type }, message: "must be string,number,boolean" };
                            if (vErrors === null) {
                                vErrors = [err75];
                            }
                            else {
                                vErrors.push(err75);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err76 = { instancePath: instancePath + "/defaults/env", schemaPath: "#/properties/defaults/properties/env/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err76];
                    }
                    else {
                        vErrors.push(err76);
                    }
                    errors++;
                }
            }
            if (data1.migrate !== undefined) {
                let data38 = data1.migrate;
                const _errs82 = errors;
                let valid10 = false;
                let passing0 = null;
                const _errs83 = errors;
                if (typeof data38 === "string") {
                    if (func3(data38) < 1) {
                        const err77 = { instancePath: instancePath + "/defaults/migrate", schemaPath: "#/properties/defaults/properties/migrate/oneOf/0/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                        if (vErrors === null) {
                            vErrors = [err77];
                        }
                        else {
                            vErrors.push(err77);
                        }
                        errors++;
                    }
                }
                else {
                    const err78 = { instancePath: instancePath + "/defaults/migrate", schemaPath: "#/properties/defaults/properties/migrate/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err78];
                    }
                    else {
                        vErrors.push(err78);
                    }
                    errors++;
                }
                var _valid0 = _errs83 === errors;
                if (_valid0) {
                    valid10 = true;
                    passing0 = 0;
                }
                const _errs85 = errors;
                if (Array.isArray(data38)) {
                    if (data38.length < 1) {
                        const err79 = { instancePath: instancePath + "/defaults/migrate", schemaPath: "#/properties/defaults/properties/migrate/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                        if (vErrors === null) {
                            vErrors = [err79];
                        }
                        else {
                            vErrors.push(err79);
                        }
                        errors++;
                    }
                    const len2 = data38.length;
                    for (let i2 = 0; i2 < len2; i2++) {
                        if (typeof data38[i2] !== "string") {
                            const err80 = { instancePath: instancePath + "/defaults/migrate/" + i2, schemaPath: "#/properties/defaults/properties/migrate/oneOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err80];
                            }
                            else {
                                vErrors.push(err80);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err81 = { instancePath: instancePath + "/defaults/migrate", schemaPath: "#/properties/defaults/properties/migrate/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err81];
                    }
                    else {
                        vErrors.push(err81);
                    }
                    errors++;
                }
                var _valid0 = _errs85 === errors;
                if (_valid0 && valid10) {
                    valid10 = false;
                    passing0 = [passing0, 1];
                }
                else {
                    if (_valid0) {
                        valid10 = true;
                        passing0 = 1;
                    }
                }
                if (!valid10) {
                    const err82 = { instancePath: instancePath + "/defaults/migrate", schemaPath: "#/properties/defaults/properties/migrate/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf" };
                    if (vErrors === null) {
                        vErrors = [err82];
                    }
                    else {
                        vErrors.push(err82);
                    }
                    errors++;
                }
                else {
                    errors = _errs82;
                    if (vErrors !== null) {
                        if (_errs82) {
                            vErrors.length = _errs82;
                        }
                        else {
                            vErrors = null;
                        }
                    }
                }
            }
            if (data1["migrate-rollback"] !== undefined) {
                let data40 = data1["migrate-rollback"];
                const _errs90 = errors;
                let valid13 = false;
                let passing1 = null;
                const _errs91 = errors;
                if (typeof data40 === "string") {
                    if (func3(data40) < 1) {
                        const err83 = { instancePath: instancePath + "/defaults/migrate-rollback", schemaPath: "#/properties/defaults/properties/migrate-rollback/oneOf/0/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                        if (vErrors === null) {
                            vErrors = [err83];
                        }
                        else {
                            vErrors.push(err83);
                        }
                        errors++;
                    }
                }
                else {
                    const err84 = { instancePath: instancePath + "/defaults/migrate-rollback", schemaPath: "#/properties/defaults/properties/migrate-rollback/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err84];
                    }
                    else {
                        vErrors.push(err84);
                    }
                    errors++;
                }
                var _valid1 = _errs91 === errors;
                if (_valid1) {
                    valid13 = true;
                    passing1 = 0;
                }
                const _errs93 = errors;
                if (Array.isArray(data40)) {
                    if (data40.length < 1) {
                        const err85 = { instancePath: instancePath + "/defaults/migrate-rollback", schemaPath: "#/properties/defaults/properties/migrate-rollback/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                        if (vErrors === null) {
                            vErrors = [err85];
                        }
                        else {
                            vErrors.push(err85);
                        }
                        errors++;
                    }
                    const len3 = data40.length;
                    for (let i3 = 0; i3 < len3; i3++) {
                        if (typeof data40[i3] !== "string") {
                            const err86 = { instancePath: instancePath + "/defaults/migrate-rollback/" + i3, schemaPath: "#/properties/defaults/properties/migrate-rollback/oneOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err86];
                            }
                            else {
                                vErrors.push(err86);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err87 = { instancePath: instancePath + "/defaults/migrate-rollback", schemaPath: "#/properties/defaults/properties/migrate-rollback/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err87];
                    }
                    else {
                        vErrors.push(err87);
                    }
                    errors++;
                }
                var _valid1 = _errs93 === errors;
                if (_valid1 && valid13) {
                    valid13 = false;
                    passing1 = [passing1, 1];
                }
                else {
                    if (_valid1) {
                        valid13 = true;
                        passing1 = 1;
                    }
                }
                if (!valid13) {
                    const err88 = { instancePath: instancePath + "/defaults/migrate-rollback", schemaPath: "#/properties/defaults/properties/migrate-rollback/oneOf", keyword: "oneOf", params: { passingSchemas: passing1 }, message: "must match exactly one schema in oneOf" };
                    if (vErrors === null) {
                        vErrors = [err88];
                    }
                    else {
                        vErrors.push(err88);
                    }
                    errors++;
                }
                else {
                    errors = _errs90;
                    if (vErrors !== null) {
                        if (_errs90) {
                            vErrors.length = _errs90;
                        }
                        else {
                            vErrors = null;
                        }
                    }
                }
            }
            if (data1.command !== undefined) {
                let data42 = data1.command;
                const _errs98 = errors;
                let valid16 = false;
                let passing2 = null;
                const _errs99 = errors;
                if (typeof data42 === "string") {
                    if (func3(data42) < 1) {
                        const err89 = { instancePath: instancePath + "/defaults/command", schemaPath: "#/properties/defaults/properties/command/oneOf/0/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                        if (vErrors === null) {
                            vErrors = [err89];
                        }
                        else {
                            vErrors.push(err89);
                        }
                        errors++;
                    }
                }
                else {
                    const err90 = { instancePath: instancePath + "/defaults/command", schemaPath: "#/properties/defaults/properties/command/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err90];
                    }
                    else {
                        vErrors.push(err90);
                    }
                    errors++;
                }
                var _valid2 = _errs99 === errors;
                if (_valid2) {
                    valid16 = true;
                    passing2 = 0;
                }
                const _errs101 = errors;
                if (Array.isArray(data42)) {
                    if (data42.length < 1) {
                        const err91 = { instancePath: instancePath + "/defaults/command", schemaPath: "#/properties/defaults/properties/command/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                        if (vErrors === null) {
                            vErrors = [err91];
                        }
                        else {
                            vErrors.push(err91);
                        }
                        errors++;
                    }
                    const len4 = data42.length;
                    for (let i4 = 0; i4 < len4; i4++) {
                        if (typeof data42[i4] !== "string") {
                            const err92 = { instancePath: instancePath + "/defaults/command/" + i4, schemaPath: "#/properties/defaults/properties/command/oneOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err92];
                            }
                            else {
                                vErrors.push(err92);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err93 = { instancePath: instancePath + "/defaults/command", schemaPath: "#/properties/defaults/properties/command/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                    if (vErrors === null) {
                        vErrors = [err93];
                    }
                    else {
                        vErrors.push(err93);
                    }
                    errors++;
                }
                var _valid2 = _errs101 === errors;
                if (_valid2 && valid16) {
                    valid16 = false;
                    passing2 = [passing2, 1];
                }
                else {
                    if (_valid2) {
                        valid16 = true;
                        passing2 = 1;
                    }
                }
                if (!valid16) {
                    const err94 = { instancePath: instancePath + "/defaults/command", schemaPath: "#/properties/defaults/properties/command/oneOf", keyword: "oneOf", params: { passingSchemas: passing2 }, message: "must match exactly one schema in oneOf" };
                    if (vErrors === null) {
                        vErrors = [err94];
                    }
                    else {
                        vErrors.push(err94);
                    }
                    errors++;
                }
                else {
                    errors = _errs98;
                    if (vErrors !== null) {
                        if (_errs98) {
                            vErrors.length = _errs98;
                        }
                        else {
                            vErrors = null;
                        }
                    }
                }
            }
            if (data1["lock-timeout"] !== undefined) {
                let data44 = data1["lock-timeout"];
                if (typeof data44 === "string") {
                    if (!pattern6.test(data44)) {
                        const err95 = { instancePath: instancePath + "/defaults/lock-timeout", schemaPath: "#/properties/defaults/properties/lock-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err95];
                        }
                        else {
                            vErrors.push(err95);
                        }
                        errors++;
                    }
                }
                else {
                    const err96 = { instancePath: instancePath + "/defaults/lock-timeout", schemaPath: "#/properties/defaults/properties/lock-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err96];
                    }
                    else {
                        vErrors.push(err96);
                    }
                    errors++;
                }
            }
            if (data1["pushgateway-url"] !== undefined) {
                let data45 = data1["pushgateway-url"];
                if (typeof data45 === "string") {
                    if (!pattern1.test(data45)) {
                        const err97 = { instancePath: instancePath + "/defaults/pushgateway-url", schemaPath: "#/properties/defaults/properties/pushgateway-url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                        if (vErrors === null) {
                            vErrors = [err97];
                        }
                        else {
                            vErrors.push(err97);
                        }
                        errors++;
                    }
                }
                else {
                    const err98 = { instancePath: instancePath + "/defaults/pushgateway-url", schemaPath: "#/properties/defaults/properties/pushgateway-url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                    if (vErrors === null) {
                        vErrors = [err98];
                    }
                    else {
                        vErrors.push(err98);
                    }
                    errors++;
                }
            }
            if (data1.gate !== undefined) {
                let data46 = data1.gate;
                if (data46 && typeof data46 == "object" && !Array.isArray(data46)) {
                    for (const key6 in data46) {
                        if (!((((((key6 === "prometheus-url") || (key6 === "slo")) || (key6 === "window")) || (key6 === "baseline-window")) || (key6 === "step")) || (key6 === "on-inconclusive"))) {
                            const err99 = { instancePath: instancePath + "/defaults/gate", schemaPath: "#/properties/defaults/properties/gate/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err99];
                            }
                            else {
                                vErrors.push(err99);
                            }
                            errors++;
                        }
                    }
                    if (data46["prometheus-url"] !== undefined) {
                        let data47 = data46["prometheus-url"];
                        if (typeof data47 === "string") {
                            if (!pattern1.test(data47)) {
                                const err100 = { instancePath: instancePath + "/defaults/gate/prometheus-url", schemaPath: "#/properties/defaults/properties/gate/properties/prometheus-url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err100];
                                }
                                else {
                                    vErrors.push(err100);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err101 = { instancePath: instancePath + "/defaults/gate/prometheus-url", schemaPath: "#/properties/defaults/properties/gate/properties/prometheus-url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err101];
                            }
                            else {
                                vErrors.push(err101);
                            }
                            errors++;
                        }
                    }
                    if (data46.slo !== undefined) {
                        if (typeof data46.slo !== "string") {
                            const err102 = { instancePath: instancePath + "/defaults/gate/slo", schemaPath: "#/properties/defaults/properties/gate/properties/slo/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err102];
                            }
                            else {
                                vErrors.push(err102);
                            }
                            errors++;
                        }
                    }
                    if (data46.window !== undefined) {
                        let data49 = data46.window;
                        if (typeof data49 === "string") {
                            if (!pattern6.test(data49)) {
                                const err103 = { instancePath: instancePath + "/defaults/gate/window", schemaPath: "#/properties/defaults/properties/gate/properties/window/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err103];
                                }
                                else {
                                    vErrors.push(err103);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err104 = { instancePath: instancePath + "/defaults/gate/window", schemaPath: "#/properties/defaults/properties/gate/properties/window/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err104];
                            }
                            else {
                                vErrors.push(err104);
                            }
                            errors++;
                        }
                    }
                    if (data46["baseline-window"] !== undefined) {
                        let data50 = data46["baseline-window"];
                        if (typeof data50 === "string") {
                            if (!pattern6.test(data50)) {
                                const err105 = { instancePath: instancePath + "/defaults/gate/baseline-window", schemaPath: "#/properties/defaults/properties/gate/properties/baseline-window/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err105];
                                }
                                else {
                                    vErrors.push(err105);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err106 = { instancePath: instancePath + "/defaults/gate/baseline-window", schemaPath: "#/properties/defaults/properties/gate/properties/baseline-window/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err106];
                            }
                            else {
                                vErrors.push(err106);
                            }
                            errors++;
                        }
                    }
                    if (data46.step !== undefined) {
                        let data51 = data46.step;
                        if (typeof data51 === "string") {
                            if (!pattern6.test(data51)) {
                                const err107 = { instancePath: instancePath + "/defaults/gate/step", schemaPath: "#/properties/defaults/properties/gate/properties/step/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err107];
                                }
                                else {
                                    vErrors.push(err107);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err108 = { instancePath: instancePath + "/defaults/gate/step", schemaPath: "#/properties/defaults/properties/gate/properties/step/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err108];
                            }
                            else {
                                vErrors.push(err108);
                            }
                            errors++;
                        }
                    }
                    if (data46["on-inconclusive"] !== undefined) {
                        let data52 = data46["on-inconclusive"];
                        if (!(((data52 === "fail") || (data52 === "warn")) || (data52 === "pass"))) {
                            const err109 = { instancePath: instancePath + "/defaults/gate/on-inconclusive", schemaPath: "#/properties/defaults/properties/gate/properties/on-inconclusive/enum", keyword: "enum", params: { allowedValues: schema11.properties.defaults.properties.gate.properties["on-inconclusive"].enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err109];
                            }
                            else {
                                vErrors.push(err109);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err110 = { instancePath: instancePath + "/defaults/gate", schemaPath: "#/properties/defaults/properties/gate/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err110];
                    }
                    else {
                        vErrors.push(err110);
                    }
                    errors++;
                }
            }
            if (data1.kubernetes !== undefined) {
                let data53 = data1.kubernetes;
                if (data53 && typeof data53 == "object" && !Array.isArray(data53)) {
                    for (const key7 in data53) {
                        if (!((((((((key7 === "namespace") || (key7 === "deployment")) || (key7 === "container")) || (key7 === "service")) || (key7 === "strategy")) || (key7 === "canary-replicas")) || (key7 === "timeout")) || (key7 === "context"))) {
                            const err111 = { instancePath: instancePath + "/defaults/kubernetes", schemaPath: "#/properties/defaults/properties/kubernetes/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err111];
                            }
                            else {
                                vErrors.push(err111);
                            }
                            errors++;
                        }
                    }
                    if (data53.namespace !== undefined) {
                        let data54 = data53.namespace;
                        if (typeof data54 === "string") {
                            if (!pattern27.test(data54)) {
                                const err112 = { instancePath: instancePath + "/defaults/kubernetes/namespace", schemaPath: "#/properties/defaults/properties/kubernetes/properties/namespace/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err112];
                                }
                                else {
                                    vErrors.push(err112);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err113 = { instancePath: instancePath + "/defaults/kubernetes/namespace", schemaPath: "#/properties/defaults/properties/kubernetes/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err113];
                            }
                            else {
                                vErrors.push(err113);
                            }
                            errors++;
                        }
                    }
                    if (data53.deployment !== undefined) {
                        let data55 = data53.deployment;
                        if (typeof data55 === "string") {
                            if (!pattern28.test(data55)) {
                                const err114 = { instancePath: instancePath + "/defaults/kubernetes/deployment", schemaPath: "#/properties/defaults/properties/kubernetes/properties/deployment/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err114];
                                }
                                else {
                                    vErrors.push(err114);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err115 = { instancePath: instancePath + "/defaults/kubernetes/deployment", schemaPath: "#/properties/defaults/properties/kubernetes/properties/deployment/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err115];
                            }
                            else {
                                vErrors.push(err115);
                            }
                            errors++;
                        }
                    }
                    if (data53.container !== undefined) {
                        let data56 = data53.container;
                        if (typeof data56 === "string") {
                            if (!pattern27.test(data56)) {
                                const err116 = { instancePath: instancePath + "/defaults/kubernetes/container", schemaPath: "#/properties/defaults/properties/kubernetes/properties/container/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err116];
                                }
                                else {
                                    vErrors.push(err116);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err117 = { instancePath: instancePath + "/defaults/kubernetes/container", schemaPath: "#/properties/defaults/properties/kubernetes/properties/container/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err117];
                            }
                            else {
                                vErrors.push(err117);
                            }
                            errors++;
                        }
                    }
                    if (data53.service !== undefined) {
                        let data57 = data53.service;
                        if (typeof data57 === "string") {
                            if (!pattern27.test(data57)) {
                                const err118 = { instancePath: instancePath + "/defaults/kubernetes/service", schemaPath: "#/properties/defaults/properties/kubernetes/properties/service/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err118];
                                }
                                else {
                                    vErrors.push(err118);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err119 = { instancePath: instancePath + "/defaults/kubernetes/service", schemaPath: "#/properties/defaults/properties/kubernetes/properties/service/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err119];
                            }
                            else {
                                vErrors.push(err119);
                            }
                            errors++;
                        }
                    }
                    if (data53.strategy !== undefined) {
                        let data58 = data53.strategy;
                        if (!((data58 === "rolling") || (data58 === "canary"))) {
                            const err120 = { instancePath: instancePath + "/defaults/kubernetes/strategy", schemaPath: "#/properties/defaults/properties/kubernetes/properties/strategy/enum", keyword: "enum", params: { allowedValues: schema11.properties.defaults.properties.kubernetes.properties.strategy.enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err120];
                            }
                            else {
                                vErrors.push(err120);
                            }
                            errors++;
                        }
                    }
                    if (data53["canary-replicas"] !== undefined) {
                        let data59 = data53["canary-replicas"];
                        if (!((typeof data59 == "number") && (!(data59 % 1) && !isNaN(data59)))) {
                            const err121 = { instancePath: instancePath + "/defaults/kubernetes/canary-replicas", schemaPath: "#/properties/defaults/properties/kubernetes/properties/canary-replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                            if (vErrors === null) {
                                vErrors = [err121];
                            }
                            else {
                                vErrors.push(err121);
                            }
                            errors++;
                        }
                        if (typeof data59 == "number") {
                            if (data59 > 1000 || isNaN(data59)) {
                                const err122 = { instancePath: instancePath + "/defaults/kubernetes/canary-replicas", schemaPath: "#/properties/defaults/properties/kubernetes/properties/canary-replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000 }, message: "must be <= 1000" };
                                if (vErrors === null) {
                                    vErrors = [err122];
                                }
                                else {
                                    vErrors.push(err122);
                                }
                                errors++;
                            }
                            if (data59 < 1 || isNaN(data59)) {
                                const err123 = { instancePath: instancePath + "/defaults/kubernetes/canary-replicas", schemaPath: "#/properties/defaults/properties/kubernetes/properties/canary-replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                if (vErrors === null) {
                                    vErrors = [err123];
                                }
                                else {
                                    vErrors.push(err123);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data53.timeout !== undefined) {
                        let data60 = data53.timeout;
                        if (typeof data60 === "string") {
                            if (!pattern6.test(data60)) {
                                const err124 = { instancePath: instancePath + "/defaults/kubernetes/timeout", schemaPath: "#/properties/defaults/properties/kubernetes/properties/timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err124];
                                }
                                else {
                                    vErrors.push(err124);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err125 = { instancePath: instancePath + "/defaults/kubernetes/timeout", schemaPath: "#/properties/defaults/properties/kubernetes/properties/timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err125];
                            }
                            else {
                                vErrors.push(err125);
                            }
                            errors++;
                        }
                    }
                    if (data53.context !== undefined) {
                        let data61 = data53.context;
                        if (typeof data61 === "string") {
                            if (func3(data61) < 1) {
                                const err126 = { instancePath: instancePath + "/defaults/kubernetes/context", schemaPath: "#/properties/defaults/properties/kubernetes/properties/context/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                if (vErrors === null) {
                                    vErrors = [err126];
                                }
                                else {
                                    vErrors.push(err126);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err127 = { instancePath: instancePath + "/defaults/kubernetes/context", schemaPath: "#/properties/defaults/properties/kubernetes/properties/context/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err127];
                            }
                            else {
                                vErrors.push(err127);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err128 = { instancePath: instancePath + "/defaults/kubernetes", schemaPath: "#/properties/defaults/properties/kubernetes/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err128];
                    }
                    else {
                        vErrors.push(err128);
                    }
                    errors++;
                }
            }
            if (data1.smoke !== undefined) {
                let data62 = data1.smoke;
                if (data62 && typeof data62 == "object" && !Array.isArray(data62)) {
                    for (const key8 in data62) {
                        if (!((key8 === "checks") || (key8 === "wait-timeout"))) {
                            const err129 = { instancePath: instancePath + "/defaults/smoke", schemaPath: "#/properties/defaults/properties/smoke/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err129];
                            }
                            else {
                                vErrors.push(err129);
                            }
                            errors++;
                        }
                    }
                    if (data62.checks !== undefined) {
                        if (typeof data62.checks !== "string") {
                            const err130 = { instancePath: instancePath + "/defaults/smoke/checks", schemaPath: "#/properties/defaults/properties/smoke/properties/checks/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err130];
                            }
                            else {
                                vErrors.push(err130);
                            }
                            errors++;
                        }
                    }
                    if (data62["wait-timeout"] !== undefined) {
                        let data64 = data62["wait-timeout"];
                        if (typeof data64 === "string") {
                            if (!pattern6.test(data64)) {
                                const err131 = { instancePath: instancePath + "/defaults/smoke/wait-timeout", schemaPath: "#/properties/defaults/properties/smoke/properties/wait-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err131];
                                }
                                else {
                                    vErrors.push(err131);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err132 = { instancePath: instancePath + "/defaults/smoke/wait-timeout", schemaPath: "#/properties/defaults/properties/smoke/properties/wait-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err132];
                            }
                            else {
                                vErrors.push(err132);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err133 = { instancePath: instancePath + "/defaults/smoke", schemaPath: "#/properties/defaults/properties/smoke/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err133];
                    }
                    else {
                        vErrors.push(err133);
                    }
                    errors++;
                }
            }
        }
        else {
            const err134 = { instancePath: instancePath + "/defaults", schemaPath: "#/properties/defaults/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err134];
            }
            else {
                vErrors.push(err134);
            }
            errors++;
        }
    }
    if (data.environments !== undefined) {
        let data65 = data.environments;
        if (data65 && typeof data65 == "object" && !Array.isArray(data65)) {
            if (Object.keys(data65).length < 1) {
                const err135 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/minProperties", keyword: "minProperties", params: { limit: 1 }, message: "must NOT have fewer than 1 properties" };
                if (vErrors === null) {
                    vErrors = [err135];
                }
                else {
                    vErrors.push(err135);
                }
                errors++;
            }
            for (const key9 in data65) {
                const _errs150 = errors;
                if (typeof key9 === "string") {
                    if (!pattern33.test(key9)) {
                        const err136 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$" + "\"", propertyName: key9 };
                        if (vErrors === null) {
                            vErrors = [err136];
                        }
                        else {
                            vErrors.push(err136);
                        }
                        errors++;
                    }
                }
                var valid22 = _errs150 === errors;
                if (!valid22) {
                    const err137 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/propertyNames", keyword: "propertyNames", params: { propertyName: key9 }, message: "property name must be valid" };
                    if (vErrors === null) {
                        vErrors = [err137];
                    }
                    else {
                        vErrors.push(err137);
                    }
                    errors++;
                }
            }
            for (const key10 in data65) {
                let data66 = data65[key10];
                if (data66 && typeof data66 == "object" && !Array.isArray(data66)) {
                    for (const key11 in data66) {
                        if (!(func2.call(schema11.properties.environments.additionalProperties.properties, key11))) {
                            const err138 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key11 }, message: "must NOT have additional properties" };
                            if (vErrors === null) {
                                vErrors = [err138];
                            }
                            else {
                                vErrors.push(err138);
                            }
                            errors++;
                        }
                    }
                    if (data66.url !== undefined) {
                        let data67 = data66.url;
                        if (typeof data67 === "string") {
                            if (!pattern1.test(data67)) {
                                const err139 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/url", schemaPath: "#/properties/environments/additionalProperties/properties/url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err139];
                                }
                                else {
                                    vErrors.push(err139);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err140 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/url", schemaPath: "#/properties/environments/additionalProperties/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err140];
                            }
                            else {
                                vErrors.push(err140);
                            }
                            errors++;
                        }
                    }
                    if (data66.production !== undefined) {
                        if (typeof data66.production !== "boolean") {
                            const err141 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/production", schemaPath: "#/properties/environments/additionalProperties/properties/production/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                            if (vErrors === null) {
                                vErrors = [err141];
                            }
                            else {
                                vErrors.push(err141);
                            }
                            errors++;
                        }
                    }
                    if (data66.transient !== undefined) {
                        if (typeof data66.transient !== "boolean") {
                            const err142 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/transient", schemaPath: "#/properties/environments/additionalProperties/properties/transient/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean" };
                            if (vErrors === null) {
                                vErrors = [err142];
                            }
                            else {
                                vErrors.push(err142);
                            }
                            errors++;
                        }
                    }
                    if (data66.target !== undefined) {
                        let data70 = data66.target;
                        if (!(((data70 === "docker") || (data70 === "command")) || (data70 === "kubernetes"))) {
                            const err143 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/target", schemaPath: "#/properties/environments/additionalProperties/properties/target/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.target.enum }, message: "must be equal to one of the allowed values" };
                            if (vErrors === null) {
                                vErrors = [err143];
                            }
                            else {
                                vErrors.push(err143);
                            }
                            errors++;
                        }
                    }
                    if (data66.host !== undefined) {
                        let data71 = data66.host;
                        if (typeof data71 === "string") {
                            if (!pattern2.test(data71)) {
                                const err144 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/host", schemaPath: "#/properties/environments/additionalProperties/properties/host/pattern", keyword: "pattern", params: { pattern: "^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$" }, message: "must match pattern \"" + "^(unix:///\\S+|ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?)$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err144];
                                }
                                else {
                                    vErrors.push(err144);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err145 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/host", schemaPath: "#/properties/environments/additionalProperties/properties/host/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err145];
                            }
                            else {
                                vErrors.push(err145);
                            }
                            errors++;
                        }
                    }
                    if (data66["known-hosts"] !== undefined) {
                        if (typeof data66["known-hosts"] !== "string") {
                            const err146 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/known-hosts", schemaPath: "#/properties/environments/additionalProperties/properties/known-hosts/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err146];
                            }
                            else {
                                vErrors.push(err146);
                            }
                            errors++;
                        }
                    }
                    if (data66.hosts !== undefined) {
                        let data73 = data66.hosts;
                        if (Array.isArray(data73)) {
                            if (data73.length < 1) {
                                const err147 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                                if (vErrors === null) {
                                    vErrors = [err147];
                                }
                                else {
                                    vErrors.push(err147);
                                }
                                errors++;
                            }
                            const len5 = data73.length;
                            for (let i5 = 0; i5 < len5; i5++) {
                                let data74 = data73[i5];
                                if (data74 && typeof data74 == "object" && !Array.isArray(data74)) {
                                    if (data74.host === undefined) {
                                        const err148 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5, schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/required", keyword: "required", params: { missingProperty: "host" }, message: "must have required property '" + "host" + "'" };
                                        if (vErrors === null) {
                                            vErrors = [err148];
                                        }
                                        else {
                                            vErrors.push(err148);
                                        }
                                        errors++;
                                    }
                                    for (const key12 in data74) {
                                        if (!(((key12 === "host") || (key12 === "known-hosts")) || (key12 === "proxy-admin-dir"))) {
                                            const err149 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5, schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key12 }, message: "must NOT have additional properties" };
                                            if (vErrors === null) {
                                                vErrors = [err149];
                                            }
                                            else {
                                                vErrors.push(err149);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data74.host !== undefined) {
                                        let data75 = data74.host;
                                        if (typeof data75 === "string") {
                                            if (!pattern3.test(data75)) {
                                                const err150 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5 + "/host", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/properties/host/pattern", keyword: "pattern", params: { pattern: "^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$" }, message: "must match pattern \"" + "^ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.-]+(:\\d{1,5})?$" + "\"" };
                                                if (vErrors === null) {
                                                    vErrors = [err150];
                                                }
                                                else {
                                                    vErrors.push(err150);
                                                }
                                                errors++;
                                            }
                                        }
                                        else {
                                            const err151 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5 + "/host", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/properties/host/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err151];
                                            }
                                            else {
                                                vErrors.push(err151);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data74["known-hosts"] !== undefined) {
                                        if (typeof data74["known-hosts"] !== "string") {
                                            const err152 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5 + "/known-hosts", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/properties/known-hosts/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err152];
                                            }
                                            else {
                                                vErrors.push(err152);
                                            }
                                            errors++;
                                        }
                                    }
                                    if (data74["proxy-admin-dir"] !== undefined) {
                                        let data77 = data74["proxy-admin-dir"];
                                        if (typeof data77 === "string") {
                                            if (!pattern4.test(data77)) {
                                                const err153 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5 + "/proxy-admin-dir", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/properties/proxy-admin-dir/pattern", keyword: "pattern", params: { pattern: "^/[\\w./-]+$" }, message: "must match pattern \"" + "^/[\\w./-]+$" + "\"" };
                                                if (vErrors === null) {
                                                    vErrors = [err153];
                                                }
                                                else {
                                                    vErrors.push(err153);
                                                }
                                                errors++;
                                            }
                                        }
                                        else {
                                            const err154 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5 + "/proxy-admin-dir", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/properties/proxy-admin-dir/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                            if (vErrors === null) {
                                                vErrors = [err154];
                                            }
                                            else {
                                                vErrors.push(err154);
                                            }
                                            errors++;
                                        }
                                    }
                                }
                                else {
                                    const err155 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts/" + i5, schemaPath: "#/properties/environments/additionalProperties/properties/hosts/items/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                                    if (vErrors === null) {
                                        vErrors = [err155];
                                    }
                                    else {
                                        vErrors.push(err155);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err156 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/hosts", schemaPath: "#/properties/environments/additionalProperties/properties/hosts/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                            if (vErrors === null) {
                                vErrors = [err156];
                            }
                            else {
                                vErrors.push(err156);
                            }
                            errors++;
                        }
                    }
                    if (data66.batch !== undefined) {
                        let data78 = data66.batch;
                        if ((!((typeof data78 == "number") && (!(data78 % 1) && !isNaN(data78)))) && (typeof data78 !== "string")) {
                            const err157 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/batch", schemaPath: "#/properties/environments/additionalProperties/properties/batch/type", keyword: "type", params: { type: schema11.properties.environments.additionalProperties.properties.batch.type }, message: "must be integer,string" };
                            if (vErrors === null) {
                                vErrors = [err157];
                            }
                            else {
                                vErrors.push(err157);
                            }
                            errors++;
                        }
                        if (typeof data78 == "number") {
                            if (data78 < 1 || isNaN(data78)) {
                                const err158 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/batch", schemaPath: "#/properties/environments/additionalProperties/properties/batch/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                if (vErrors === null) {
                                    vErrors = [err158];
                                }
                                else {
                                    vErrors.push(err158);
                                }
                                errors++;
                            }
                        }
                        if (typeof data78 === "string") {
                            if (!pattern5.test(data78)) {
                                const err159 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/batch", schemaPath: "#/properties/environments/additionalProperties/properties/batch/pattern", keyword: "pattern", params: { pattern: "^([1-9]\\d*|[1-9]\\d*%)$" }, message: "must match pattern \"" + "^([1-9]\\d*|[1-9]\\d*%)$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err159];
                                }
                                else {
                                    vErrors.push(err159);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data66["batch-pause"] !== undefined) {
                        let data79 = data66["batch-pause"];
                        if (typeof data79 === "string") {
                            if (!pattern6.test(data79)) {
                                const err160 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/batch-pause", schemaPath: "#/properties/environments/additionalProperties/properties/batch-pause/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err160];
                                }
                                else {
                                    vErrors.push(err160);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err161 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/batch-pause", schemaPath: "#/properties/environments/additionalProperties/properties/batch-pause/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err161];
                            }
                            else {
                                vErrors.push(err161);
                            }
                            errors++;
                        }
                    }
                    if (data66.proxy !== undefined) {
                        let data80 = data66.proxy;
                        if (data80 && typeof data80 == "object" && !Array.isArray(data80)) {
                            if (data80.image === undefined) {
                                const err162 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/required", keyword: "required", params: { missingProperty: "image" }, message: "must have required property '" + "image" + "'" };
                                if (vErrors === null) {
                                    vErrors = [err162];
                                }
                                else {
                                    vErrors.push(err162);
                                }
                                errors++;
                            }
                            for (const key13 in data80) {
                                if (!(((((((key13 === "image") || (key13 === "http-port")) || (key13 === "https-port")) || (key13 === "tls")) || (key13 === "admin-dir")) || (key13 === "network")) || (key13 === "name"))) {
                                    const err163 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key13 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err163];
                                    }
                                    else {
                                        vErrors.push(err163);
                                    }
                                    errors++;
                                }
                            }
                            if (data80.image !== undefined) {
                                if (typeof data80.image !== "string") {
                                    const err164 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/image", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/image/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err164];
                                    }
                                    else {
                                        vErrors.push(err164);
                                    }
                                    errors++;
                                }
                            }
                            if (data80["http-port"] !== undefined) {
                                let data82 = data80["http-port"];
                                if (!((typeof data82 == "number") && (!(data82 % 1) && !isNaN(data82)))) {
                                    const err165 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/http-port", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/http-port/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err165];
                                    }
                                    else {
                                        vErrors.push(err165);
                                    }
                                    errors++;
                                }
                                if (typeof data82 == "number") {
                                    if (data82 > 65535 || isNaN(data82)) {
                                        const err166 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/http-port", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/http-port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535" };
                                        if (vErrors === null) {
                                            vErrors = [err166];
                                        }
                                        else {
                                            vErrors.push(err166);
                                        }
                                        errors++;
                                    }
                                    if (data82 < 1 || isNaN(data82)) {
                                        const err167 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/http-port", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/http-port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err167];
                                        }
                                        else {
                                            vErrors.push(err167);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data80["https-port"] !== undefined) {
                                let data83 = data80["https-port"];
                                if (!((typeof data83 == "number") && (!(data83 % 1) && !isNaN(data83)))) {
                                    const err168 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/https-port", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/https-port/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err168];
                                    }
                                    else {
                                        vErrors.push(err168);
                                    }
                                    errors++;
                                }
                                if (typeof data83 == "number") {
                                    if (data83 > 65535 || isNaN(data83)) {
                                        const err169 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/https-port", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/https-port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535" };
                                        if (vErrors === null) {
                                            vErrors = [err169];
                                        }
                                        else {
                                            vErrors.push(err169);
                                        }
                                        errors++;
                                    }
                                    if (data83 < 1 || isNaN(data83)) {
                                        const err170 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/https-port", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/https-port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err170];
                                        }
                                        else {
                                            vErrors.push(err170);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data80.tls !== undefined) {
                                let data84 = data80.tls;
                                if (!(((data84 === "auto") || (data84 === "internal")) || (data84 === "off"))) {
                                    const err171 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/tls", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/tls/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.proxy.properties.tls.enum }, message: "must be equal to one of the allowed values" };
                                    if (vErrors === null) {
                                        vErrors = [err171];
                                    }
                                    else {
                                        vErrors.push(err171);
                                    }
                                    errors++;
                                }
                            }
                            if (data80["admin-dir"] !== undefined) {
                                let data85 = data80["admin-dir"];
                                if (typeof data85 === "string") {
                                    if (!pattern4.test(data85)) {
                                        const err172 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/admin-dir", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/admin-dir/pattern", keyword: "pattern", params: { pattern: "^/[\\w./-]+$" }, message: "must match pattern \"" + "^/[\\w./-]+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err172];
                                        }
                                        else {
                                            vErrors.push(err172);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err173 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/admin-dir", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/admin-dir/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err173];
                                    }
                                    else {
                                        vErrors.push(err173);
                                    }
                                    errors++;
                                }
                            }
                            if (data80.network !== undefined) {
                                let data86 = data80.network;
                                if (typeof data86 === "string") {
                                    if (!pattern8.test(data86)) {
                                        const err174 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/network", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/network/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err174];
                                        }
                                        else {
                                            vErrors.push(err174);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err175 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/network", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/network/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err175];
                                    }
                                    else {
                                        vErrors.push(err175);
                                    }
                                    errors++;
                                }
                            }
                            if (data80.name !== undefined) {
                                let data87 = data80.name;
                                if (typeof data87 === "string") {
                                    if (!pattern8.test(data87)) {
                                        const err176 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/name", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/name/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err176];
                                        }
                                        else {
                                            vErrors.push(err176);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err177 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy/name", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/properties/name/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err177];
                                    }
                                    else {
                                        vErrors.push(err177);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err178 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy", schemaPath: "#/properties/environments/additionalProperties/properties/proxy/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err178];
                            }
                            else {
                                vErrors.push(err178);
                            }
                            errors++;
                        }
                    }
                    if (data66.port !== undefined) {
                        let data88 = data66.port;
                        if (!((typeof data88 == "number") && (!(data88 % 1) && !isNaN(data88)))) {
                            const err179 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/port", schemaPath: "#/properties/environments/additionalProperties/properties/port/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                            if (vErrors === null) {
                                vErrors = [err179];
                            }
                            else {
                                vErrors.push(err179);
                            }
                            errors++;
                        }
                        if (typeof data88 == "number") {
                            if (data88 > 65535 || isNaN(data88)) {
                                const err180 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/port", schemaPath: "#/properties/environments/additionalProperties/properties/port/maximum", keyword: "maximum", params: { comparison: "<=", limit: 65535 }, message: "must be <= 65535" };
                                if (vErrors === null) {
                                    vErrors = [err180];
                                }
                                else {
                                    vErrors.push(err180);
                                }
                                errors++;
                            }
                            if (data88 < 1 || isNaN(data88)) {
                                const err181 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/port", schemaPath: "#/properties/environments/additionalProperties/properties/port/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                if (vErrors === null) {
                                    vErrors = [err181];
                                }
                                else {
                                    vErrors.push(err181);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data66["health-path"] !== undefined) {
                        let data89 = data66["health-path"];
                        if (typeof data89 === "string") {
                            if (!pattern10.test(data89)) {
                                const err182 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/health-path", schemaPath: "#/properties/environments/additionalProperties/properties/health-path/pattern", keyword: "pattern", params: { pattern: "^/" }, message: "must match pattern \"" + "^/" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err182];
                                }
                                else {
                                    vErrors.push(err182);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err183 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/health-path", schemaPath: "#/properties/environments/additionalProperties/properties/health-path/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err183];
                            }
                            else {
                                vErrors.push(err183);
                            }
                            errors++;
                        }
                    }
                    if (data66["health-timeout"] !== undefined) {
                        let data90 = data66["health-timeout"];
                        if (typeof data90 === "string") {
                            if (!pattern6.test(data90)) {
                                const err184 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/health-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/health-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err184];
                                }
                                else {
                                    vErrors.push(err184);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err185 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/health-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/health-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err185];
                            }
                            else {
                                vErrors.push(err185);
                            }
                            errors++;
                        }
                    }
                    if (data66["drain-timeout"] !== undefined) {
                        let data91 = data66["drain-timeout"];
                        if (typeof data91 === "string") {
                            if (!pattern6.test(data91)) {
                                const err186 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/drain-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/drain-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err186];
                                }
                                else {
                                    vErrors.push(err186);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err187 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/drain-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/drain-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err187];
                            }
                            else {
                                vErrors.push(err187);
                            }
                            errors++;
                        }
                    }
                    if (data66["stop-timeout"] !== undefined) {
                        let data92 = data66["stop-timeout"];
                        if (typeof data92 === "string") {
                            if (!pattern6.test(data92)) {
                                const err188 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/stop-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/stop-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err188];
                                }
                                else {
                                    vErrors.push(err188);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err189 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/stop-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/stop-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err189];
                            }
                            else {
                                vErrors.push(err189);
                            }
                            errors++;
                        }
                    }
                    if (data66.retain !== undefined) {
                        let data93 = data66.retain;
                        if (!((typeof data93 == "number") && (!(data93 % 1) && !isNaN(data93)))) {
                            const err190 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/retain", schemaPath: "#/properties/environments/additionalProperties/properties/retain/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                            if (vErrors === null) {
                                vErrors = [err190];
                            }
                            else {
                                vErrors.push(err190);
                            }
                            errors++;
                        }
                        if (typeof data93 == "number") {
                            if (data93 > 50 || isNaN(data93)) {
                                const err191 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/retain", schemaPath: "#/properties/environments/additionalProperties/properties/retain/maximum", keyword: "maximum", params: { comparison: "<=", limit: 50 }, message: "must be <= 50" };
                                if (vErrors === null) {
                                    vErrors = [err191];
                                }
                                else {
                                    vErrors.push(err191);
                                }
                                errors++;
                            }
                            if (data93 < 0 || isNaN(data93)) {
                                const err192 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/retain", schemaPath: "#/properties/environments/additionalProperties/properties/retain/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                                if (vErrors === null) {
                                    vErrors = [err192];
                                }
                                else {
                                    vErrors.push(err192);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data66["proxy-url"] !== undefined) {
                        let data94 = data66["proxy-url"];
                        if (typeof data94 === "string") {
                            if (!pattern1.test(data94)) {
                                const err193 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy-url", schemaPath: "#/properties/environments/additionalProperties/properties/proxy-url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err193];
                                }
                                else {
                                    vErrors.push(err193);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err194 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy-url", schemaPath: "#/properties/environments/additionalProperties/properties/proxy-url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err194];
                            }
                            else {
                                vErrors.push(err194);
                            }
                            errors++;
                        }
                    }
                    if (data66["proxy-route"] !== undefined) {
                        let data95 = data66["proxy-route"];
                        if (typeof data95 === "string") {
                            if (!pattern15.test(data95)) {
                                const err195 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy-route", schemaPath: "#/properties/environments/additionalProperties/properties/proxy-route/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9_.-]+$" }, message: "must match pattern \"" + "^[A-Za-z0-9_.-]+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err195];
                                }
                                else {
                                    vErrors.push(err195);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err196 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/proxy-route", schemaPath: "#/properties/environments/additionalProperties/properties/proxy-route/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err196];
                            }
                            else {
                                vErrors.push(err196);
                            }
                            errors++;
                        }
                    }
                    if (data66.restart !== undefined) {
                        let data96 = data66.restart;
                        if (typeof data96 === "string") {
                            if (!pattern16.test(data96)) {
                                const err197 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/restart", schemaPath: "#/properties/environments/additionalProperties/properties/restart/pattern", keyword: "pattern", params: { pattern: "^(no|always|unless-stopped|on-failure(:\\d+)?)$" }, message: "must match pattern \"" + "^(no|always|unless-stopped|on-failure(:\\d+)?)$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err197];
                                }
                                else {
                                    vErrors.push(err197);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err198 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/restart", schemaPath: "#/properties/environments/additionalProperties/properties/restart/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err198];
                            }
                            else {
                                vErrors.push(err198);
                            }
                            errors++;
                        }
                    }
                    if (data66.memory !== undefined) {
                        let data97 = data66.memory;
                        if (typeof data97 === "string") {
                            if (!pattern17.test(data97)) {
                                const err199 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/memory", schemaPath: "#/properties/environments/additionalProperties/properties/memory/pattern", keyword: "pattern", params: { pattern: "^\\d+(\\.\\d+)?[bkmgBKMG]?$" }, message: "must match pattern \"" + "^\\d+(\\.\\d+)?[bkmgBKMG]?$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err199];
                                }
                                else {
                                    vErrors.push(err199);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err200 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/memory", schemaPath: "#/properties/environments/additionalProperties/properties/memory/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err200];
                            }
                            else {
                                vErrors.push(err200);
                            }
                            errors++;
                        }
                    }
                    if (data66.cpus !== undefined) {
                        let data98 = data66.cpus;
                        if ((typeof data98 !== "string") && (!(typeof data98 == "number"))) {
                            const err201 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/cpus", schemaPath: "#/properties/environments/additionalProperties/properties/cpus/type", keyword: "type", params: { type: schema11.properties.environments.additionalProperties.properties.cpus.type }, message: "must be string,number" };
                            if (vErrors === null) {
                                vErrors = [err201];
                            }
                            else {
                                vErrors.push(err201);
                            }
                            errors++;
                        }
                        if (typeof data98 == "number") {
                            if (data98 < 0 || isNaN(data98)) {
                                const err202 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/cpus", schemaPath: "#/properties/environments/additionalProperties/properties/cpus/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0" };
                                if (vErrors === null) {
                                    vErrors = [err202];
                                }
                                else {
                                    vErrors.push(err202);
                                }
                                errors++;
                            }
                        }
                        if (typeof data98 === "string") {
                            if (!pattern18.test(data98)) {
                                const err203 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/cpus", schemaPath: "#/properties/environments/additionalProperties/properties/cpus/pattern", keyword: "pattern", params: { pattern: "^\\d+(\\.\\d+)?$" }, message: "must match pattern \"" + "^\\d+(\\.\\d+)?$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err203];
                                }
                                else {
                                    vErrors.push(err203);
                                }
                                errors++;
                            }
                        }
                    }
                    if (data66.volumes !== undefined) {
                        let data99 = data66.volumes;
                        if (Array.isArray(data99)) {
                            const len6 = data99.length;
                            for (let i6 = 0; i6 < len6; i6++) {
                                let data100 = data99[i6];
                                if (typeof data100 === "string") {
                                    if (!pattern19.test(data100)) {
                                        const err204 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/volumes/" + i6, schemaPath: "#/properties/environments/additionalProperties/properties/volumes/items/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$" }, message: "must match pattern \"" + "^[A-Za-z0-9][A-Za-z0-9_.-]*:/\\S*$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err204];
                                        }
                                        else {
                                            vErrors.push(err204);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err205 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/volumes/" + i6, schemaPath: "#/properties/environments/additionalProperties/properties/volumes/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err205];
                                    }
                                    else {
                                        vErrors.push(err205);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err206 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/volumes", schemaPath: "#/properties/environments/additionalProperties/properties/volumes/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                            if (vErrors === null) {
                                vErrors = [err206];
                            }
                            else {
                                vErrors.push(err206);
                            }
                            errors++;
                        }
                    }
                    if (data66.env !== undefined) {
                        let data101 = data66.env;
                        if (data101 && typeof data101 == "object" && !Array.isArray(data101)) {
                            for (const key14 in data101) {
                                const _errs225 = errors;
                                if (typeof key14 === "string") {
                                    if (!pattern20.test(key14)) {
                                        const err207 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/env", schemaPath: "#/properties/environments/additionalProperties/properties/env/propertyNames/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: "must match pattern \"" + "^[A-Za-z_][A-Za-z0-9_]*$" + "\"", propertyName: key14 };
                                        if (vErrors === null) {
                                            vErrors = [err207];
                                        }
                                        else {
                                            vErrors.push(err207);
                                        }
                                        errors++;
                                    }
                                }
                                var valid31 = _errs225 === errors;
                                if (!valid31) {
                                    const err208 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/env", schemaPath: "#/properties/environments/additionalProperties/properties/env/propertyNames", keyword: "propertyNames", params: { propertyName: key14 }, message: "property name must be valid" };
                                    if (vErrors === null) {
                                        vErrors = [err208];
                                    }
                                    else {
                                        vErrors.push(err208);
                                    }
                                    errors++;
                                }
                            }
                            for (const key15 in data101) {
                                let data102 = data101[key15];
                                if (((typeof data102 !== "string") && (!(typeof data102 == "number"))) && (typeof data102 !== "boolean")) {
                                    const err209 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/env/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/properties/env/additionalProperties/type", keyword: "type", params: { type: schema11.properties.environments.additionalProperties.properties.env.additionalProperties.type }, message: "must be string,number,boolean" };
                                    if (vErrors === null) {
                                        vErrors = [err209];
                                    }
                                    else {
                                        vErrors.push(err209);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err210 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/env", schemaPath: "#/properties/environments/additionalProperties/properties/env/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err210];
                            }
                            else {
                                vErrors.push(err210);
                            }
                            errors++;
                        }
                    }
                    if (data66.migrate !== undefined) {
                        let data103 = data66.migrate;
                        const _errs230 = errors;
                        let valid33 = false;
                        let passing3 = null;
                        const _errs231 = errors;
                        if (typeof data103 === "string") {
                            if (func3(data103) < 1) {
                                const err211 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate", schemaPath: "#/properties/environments/additionalProperties/properties/migrate/oneOf/0/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                if (vErrors === null) {
                                    vErrors = [err211];
                                }
                                else {
                                    vErrors.push(err211);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err212 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate", schemaPath: "#/properties/environments/additionalProperties/properties/migrate/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err212];
                            }
                            else {
                                vErrors.push(err212);
                            }
                            errors++;
                        }
                        var _valid3 = _errs231 === errors;
                        if (_valid3) {
                            valid33 = true;
                            passing3 = 0;
                        }
                        const _errs233 = errors;
                        if (Array.isArray(data103)) {
                            if (data103.length < 1) {
                                const err213 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate", schemaPath: "#/properties/environments/additionalProperties/properties/migrate/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                                if (vErrors === null) {
                                    vErrors = [err213];
                                }
                                else {
                                    vErrors.push(err213);
                                }
                                errors++;
                            }
                            const len7 = data103.length;
                            for (let i7 = 0; i7 < len7; i7++) {
                                if (typeof data103[i7] !== "string") {
                                    const err214 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate/" + i7, schemaPath: "#/properties/environments/additionalProperties/properties/migrate/oneOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err214];
                                    }
                                    else {
                                        vErrors.push(err214);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err215 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate", schemaPath: "#/properties/environments/additionalProperties/properties/migrate/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                            if (vErrors === null) {
                                vErrors = [err215];
                            }
                            else {
                                vErrors.push(err215);
                            }
                            errors++;
                        }
                        var _valid3 = _errs233 === errors;
                        if (_valid3 && valid33) {
                            valid33 = false;
                            passing3 = [passing3, 1];
                        }
                        else {
                            if (_valid3) {
                                valid33 = true;
                                passing3 = 1;
                            }
                        }
                        if (!valid33) {
                            const err216 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate", schemaPath: "#/properties/environments/additionalProperties/properties/migrate/oneOf", keyword: "oneOf", params: { passingSchemas: passing3 }, message: "must match exactly one schema in oneOf" };
                            if (vErrors === null) {
                                vErrors = [err216];
                            }
                            else {
                                vErrors.push(err216);
                            }
                            errors++;
                        }
                        else {
                            errors = _errs230;
                            if (vErrors !== null) {
                                if (_errs230) {
                                    vErrors.length = _errs230;
                                }
                                else {
                                    vErrors = null;
                                }
                            }
                        }
                    }
                    if (data66["migrate-rollback"] !== undefined) {
                        let data105 = data66["migrate-rollback"];
                        const _errs238 = errors;
                        let valid36 = false;
                        let passing4 = null;
                        const _errs239 = errors;
                        if (typeof data105 === "string") {
                            if (func3(data105) < 1) {
                                const err217 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate-rollback", schemaPath: "#/properties/environments/additionalProperties/properties/migrate-rollback/oneOf/0/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                if (vErrors === null) {
                                    vErrors = [err217];
                                }
                                else {
                                    vErrors.push(err217);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err218 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate-rollback", schemaPath: "#/properties/environments/additionalProperties/properties/migrate-rollback/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err218];
                            }
                            else {
                                vErrors.push(err218);
                            }
                            errors++;
                        }
                        var _valid4 = _errs239 === errors;
                        if (_valid4) {
                            valid36 = true;
                            passing4 = 0;
                        }
                        const _errs241 = errors;
                        if (Array.isArray(data105)) {
                            if (data105.length < 1) {
                                const err219 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate-rollback", schemaPath: "#/properties/environments/additionalProperties/properties/migrate-rollback/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                                if (vErrors === null) {
                                    vErrors = [err219];
                                }
                                else {
                                    vErrors.push(err219);
                                }
                                errors++;
                            }
                            const len8 = data105.length;
                            for (let i8 = 0; i8 < len8; i8++) {
                                if (typeof data105[i8] !== "string") {
                                    const err220 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate-rollback/" + i8, schemaPath: "#/properties/environments/additionalProperties/properties/migrate-rollback/oneOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err220];
                                    }
                                    else {
                                        vErrors.push(err220);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err221 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate-rollback", schemaPath: "#/properties/environments/additionalProperties/properties/migrate-rollback/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                            if (vErrors === null) {
                                vErrors = [err221];
                            }
                            else {
                                vErrors.push(err221);
                            }
                            errors++;
                        }
                        var _valid4 = _errs241 === errors;
                        if (_valid4 && valid36) {
                            valid36 = false;
                            passing4 = [passing4, 1];
                        }
                        else {
                            if (_valid4) {
                                valid36 = true;
                                passing4 = 1;
                            }
                        }
                        if (!valid36) {
                            const err222 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/migrate-rollback", schemaPath: "#/properties/environments/additionalProperties/properties/migrate-rollback/oneOf", keyword: "oneOf", params: { passingSchemas: passing4 }, message: "must match exactly one schema in oneOf" };
                            if (vErrors === null) {
                                vErrors = [err222];
                            }
                            else {
                                vErrors.push(err222);
                            }
                            errors++;
                        }
                        else {
                            errors = _errs238;
                            if (vErrors !== null) {
                                if (_errs238) {
                                    vErrors.length = _errs238;
                                }
                                else {
                                    vErrors = null;
                                }
                            }
                        }
                    }
                    if (data66.command !== undefined) {
                        let data107 = data66.command;
                        const _errs246 = errors;
                        let valid39 = false;
                        let passing5 = null;
                        const _errs247 = errors;
                        if (typeof data107 === "string") {
                            if (func3(data107) < 1) {
                                const err223 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/command", schemaPath: "#/properties/environments/additionalProperties/properties/command/oneOf/0/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                if (vErrors === null) {
                                    vErrors = [err223];
                                }
                                else {
                                    vErrors.push(err223);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err224 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/command", schemaPath: "#/properties/environments/additionalProperties/properties/command/oneOf/0/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err224];
                            }
                            else {
                                vErrors.push(err224);
                            }
                            errors++;
                        }
                        var _valid5 = _errs247 === errors;
                        if (_valid5) {
                            valid39 = true;
                            passing5 = 0;
                        }
                        const _errs249 = errors;
                        if (Array.isArray(data107)) {
                            if (data107.length < 1) {
                                const err225 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/command", schemaPath: "#/properties/environments/additionalProperties/properties/command/oneOf/1/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items" };
                                if (vErrors === null) {
                                    vErrors = [err225];
                                }
                                else {
                                    vErrors.push(err225);
                                }
                                errors++;
                            }
                            const len9 = data107.length;
                            for (let i9 = 0; i9 < len9; i9++) {
                                if (typeof data107[i9] !== "string") {
                                    const err226 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/command/" + i9, schemaPath: "#/properties/environments/additionalProperties/properties/command/oneOf/1/items/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err226];
                                    }
                                    else {
                                        vErrors.push(err226);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err227 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/command", schemaPath: "#/properties/environments/additionalProperties/properties/command/oneOf/1/type", keyword: "type", params: { type: "array" }, message: "must be array" };
                            if (vErrors === null) {
                                vErrors = [err227];
                            }
                            else {
                                vErrors.push(err227);
                            }
                            errors++;
                        }
                        var _valid5 = _errs249 === errors;
                        if (_valid5 && valid39) {
                            valid39 = false;
                            passing5 = [passing5, 1];
                        }
                        else {
                            if (_valid5) {
                                valid39 = true;
                                passing5 = 1;
                            }
                        }
                        if (!valid39) {
                            const err228 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/command", schemaPath: "#/properties/environments/additionalProperties/properties/command/oneOf", keyword: "oneOf", params: { passingSchemas: passing5 }, message: "must match exactly one schema in oneOf" };
                            if (vErrors === null) {
                                vErrors = [err228];
                            }
                            else {
                                vErrors.push(err228);
                            }
                            errors++;
                        }
                        else {
                            errors = _errs246;
                            if (vErrors !== null) {
                                if (_errs246) {
                                    vErrors.length = _errs246;
                                }
                                else {
                                    vErrors = null;
                                }
                            }
                        }
                    }
                    if (data66["lock-timeout"] !== undefined) {
                        let data109 = data66["lock-timeout"];
                        if (typeof data109 === "string") {
                            if (!pattern6.test(data109)) {
                                const err229 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/lock-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/lock-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err229];
                                }
                                else {
                                    vErrors.push(err229);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err230 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/lock-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/lock-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err230];
                            }
                            else {
                                vErrors.push(err230);
                            }
                            errors++;
                        }
                    }
                    if (data66["pushgateway-url"] !== undefined) {
                        let data110 = data66["pushgateway-url"];
                        if (typeof data110 === "string") {
                            if (!pattern1.test(data110)) {
                                const err231 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/pushgateway-url", schemaPath: "#/properties/environments/additionalProperties/properties/pushgateway-url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                                if (vErrors === null) {
                                    vErrors = [err231];
                                }
                                else {
                                    vErrors.push(err231);
                                }
                                errors++;
                            }
                        }
                        else {
                            const err232 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/pushgateway-url", schemaPath: "#/properties/environments/additionalProperties/properties/pushgateway-url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                            if (vErrors === null) {
                                vErrors = [err232];
                            }
                            else {
                                vErrors.push(err232);
                            }
                            errors++;
                        }
                    }
                    if (data66.gate !== undefined) {
                        let data111 = data66.gate;
                        if (data111 && typeof data111 == "object" && !Array.isArray(data111)) {
                            for (const key16 in data111) {
                                if (!((((((key16 === "prometheus-url") || (key16 === "slo")) || (key16 === "window")) || (key16 === "baseline-window")) || (key16 === "step")) || (key16 === "on-inconclusive"))) {
                                    const err233 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate", schemaPath: "#/properties/environments/additionalProperties/properties/gate/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key16 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err233];
                                    }
                                    else {
                                        vErrors.push(err233);
                                    }
                                    errors++;
                                }
                            }
                            if (data111["prometheus-url"] !== undefined) {
                                let data112 = data111["prometheus-url"];
                                if (typeof data112 === "string") {
                                    if (!pattern1.test(data112)) {
                                        const err234 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/prometheus-url", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/prometheus-url/pattern", keyword: "pattern", params: { pattern: "^https?://\\S+$" }, message: "must match pattern \"" + "^https?://\\S+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err234];
                                        }
                                        else {
                                            vErrors.push(err234);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err235 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/prometheus-url", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/prometheus-url/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err235];
                                    }
                                    else {
                                        vErrors.push(err235);
                                    }
                                    errors++;
                                }
                            }
                            if (data111.slo !== undefined) {
                                if (typeof data111.slo !== "string") {
                                    const err236 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/slo", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/slo/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err236];
                                    }
                                    else {
                                        vErrors.push(err236);
                                    }
                                    errors++;
                                }
                            }
                            if (data111.window !== undefined) {
                                let data114 = data111.window;
                                if (typeof data114 === "string") {
                                    if (!pattern6.test(data114)) {
                                        const err237 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/window", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/window/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err237];
                                        }
                                        else {
                                            vErrors.push(err237);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err238 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/window", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/window/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err238];
                                    }
                                    else {
                                        vErrors.push(err238);
                                    }
                                    errors++;
                                }
                            }
                            if (data111["baseline-window"] !== undefined) {
                                let data115 = data111["baseline-window"];
                                if (typeof data115 === "string") {
                                    if (!pattern6.test(data115)) {
                                        const err239 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/baseline-window", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/baseline-window/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err239];
                                        }
                                        else {
                                            vErrors.push(err239);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err240 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/baseline-window", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/baseline-window/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err240];
                                    }
                                    else {
                                        vErrors.push(err240);
                                    }
                                    errors++;
                                }
                            }
                            if (data111.step !== undefined) {
                                let data116 = data111.step;
                                if (typeof data116 === "string") {
                                    if (!pattern6.test(data116)) {
                                        const err241 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/step", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/step/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err241];
                                        }
                                        else {
                                            vErrors.push(err241);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err242 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/step", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/step/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err242];
                                    }
                                    else {
                                        vErrors.push(err242);
                                    }
                                    errors++;
                                }
                            }
                            if (data111["on-inconclusive"] !== undefined) {
                                let data117 = data111["on-inconclusive"];
                                if (!(((data117 === "fail") || (data117 === "warn")) || (data117 === "pass"))) {
                                    const err243 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate/on-inconclusive", schemaPath: "#/properties/environments/additionalProperties/properties/gate/properties/on-inconclusive/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.gate.properties["on-inconclusive"].enum }, message: "must be equal to one of the allowed values" };
                                    if (vErrors === null) {
                                        vErrors = [err243];
                                    }
                                    else {
                                        vErrors.push(err243);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err244 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/gate", schemaPath: "#/properties/environments/additionalProperties/properties/gate/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err244];
                            }
                            else {
                                vErrors.push(err244);
                            }
                            errors++;
                        }
                    }
                    if (data66.kubernetes !== undefined) {
                        let data118 = data66.kubernetes;
                        if (data118 && typeof data118 == "object" && !Array.isArray(data118)) {
                            for (const key17 in data118) {
                                if (!((((((((key17 === "namespace") || (key17 === "deployment")) || (key17 === "container")) || (key17 === "service")) || (key17 === "strategy")) || (key17 === "canary-replicas")) || (key17 === "timeout")) || (key17 === "context"))) {
                                    const err245 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key17 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err245];
                                    }
                                    else {
                                        vErrors.push(err245);
                                    }
                                    errors++;
                                }
                            }
                            if (data118.namespace !== undefined) {
                                let data119 = data118.namespace;
                                if (typeof data119 === "string") {
                                    if (!pattern27.test(data119)) {
                                        const err246 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/namespace", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/namespace/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err246];
                                        }
                                        else {
                                            vErrors.push(err246);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err247 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/namespace", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/namespace/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err247];
                                    }
                                    else {
                                        vErrors.push(err247);
                                    }
                                    errors++;
                                }
                            }
                            if (data118.deployment !== undefined) {
                                let data120 = data118.deployment;
                                if (typeof data120 === "string") {
                                    if (!pattern28.test(data120)) {
                                        const err248 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/deployment", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/deployment/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err248];
                                        }
                                        else {
                                            vErrors.push(err248);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err249 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/deployment", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/deployment/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err249];
                                    }
                                    else {
                                        vErrors.push(err249);
                                    }
                                    errors++;
                                }
                            }
                            if (data118.container !== undefined) {
                                let data121 = data118.container;
                                if (typeof data121 === "string") {
                                    if (!pattern27.test(data121)) {
                                        const err250 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/container", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/container/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err250];
                                        }
                                        else {
                                            vErrors.push(err250);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err251 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/container", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/container/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err251];
                                    }
                                    else {
                                        vErrors.push(err251);
                                    }
                                    errors++;
                                }
                            }
                            if (data118.service !== undefined) {
                                let data122 = data118.service;
                                if (typeof data122 === "string") {
                                    if (!pattern27.test(data122)) {
                                        const err252 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/service", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/service/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" }, message: "must match pattern \"" + "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err252];
                                        }
                                        else {
                                            vErrors.push(err252);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err253 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/service", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/service/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err253];
                                    }
                                    else {
                                        vErrors.push(err253);
                                    }
                                    errors++;
                                }
                            }
                            if (data118.strategy !== undefined) {
                                let data123 = data118.strategy;
                                if (!((data123 === "rolling") || (data123 === "canary"))) {
                                    const err254 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/strategy", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/strategy/enum", keyword: "enum", params: { allowedValues: schema11.properties.environments.additionalProperties.properties.kubernetes.properties.strategy.enum }, message: "must be equal to one of the allowed values" };
                                    if (vErrors === null) {
                                        vErrors = [err254];
                                    }
                                    else {
                                        vErrors.push(err254);
                                    }
                                    errors++;
                                }
                            }
                            if (data118["canary-replicas"] !== undefined) {
                                let data124 = data118["canary-replicas"];
                                if (!((typeof data124 == "number") && (!(data124 % 1) && !isNaN(data124)))) {
                                    const err255 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/canary-replicas", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/canary-replicas/type", keyword: "type", params: { type: "integer" }, message: "must be integer" };
                                    if (vErrors === null) {
                                        vErrors = [err255];
                                    }
                                    else {
                                        vErrors.push(err255);
                                    }
                                    errors++;
                                }
                                if (typeof data124 == "number") {
                                    if (data124 > 1000 || isNaN(data124)) {
                                        const err256 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/canary-replicas", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/canary-replicas/maximum", keyword: "maximum", params: { comparison: "<=", limit: 1000 }, message: "must be <= 1000" };
                                        if (vErrors === null) {
                                            vErrors = [err256];
                                        }
                                        else {
                                            vErrors.push(err256);
                                        }
                                        errors++;
                                    }
                                    if (data124 < 1 || isNaN(data124)) {
                                        const err257 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/canary-replicas", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/canary-replicas/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1" };
                                        if (vErrors === null) {
                                            vErrors = [err257];
                                        }
                                        else {
                                            vErrors.push(err257);
                                        }
                                        errors++;
                                    }
                                }
                            }
                            if (data118.timeout !== undefined) {
                                let data125 = data118.timeout;
                                if (typeof data125 === "string") {
                                    if (!pattern6.test(data125)) {
                                        const err258 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/timeout", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err258];
                                        }
                                        else {
                                            vErrors.push(err258);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err259 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/timeout", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err259];
                                    }
                                    else {
                                        vErrors.push(err259);
                                    }
                                    errors++;
                                }
                            }
                            if (data118.context !== undefined) {
                                let data126 = data118.context;
                                if (typeof data126 === "string") {
                                    if (func3(data126) < 1) {
                                        const err260 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/context", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/context/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters" };
                                        if (vErrors === null) {
                                            vErrors = [err260];
                                        }
                                        else {
                                            vErrors.push(err260);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err261 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes/context", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/properties/context/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err261];
                                    }
                                    else {
                                        vErrors.push(err261);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err262 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/kubernetes", schemaPath: "#/properties/environments/additionalProperties/properties/kubernetes/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err262];
                            }
                            else {
                                vErrors.push(err262);
                            }
                            errors++;
                        }
                    }
                    if (data66.smoke !== undefined) {
                        let data127 = data66.smoke;
                        if (data127 && typeof data127 == "object" && !Array.isArray(data127)) {
                            for (const key18 in data127) {
                                if (!((key18 === "checks") || (key18 === "wait-timeout"))) {
                                    const err263 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/smoke", schemaPath: "#/properties/environments/additionalProperties/properties/smoke/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key18 }, message: "must NOT have additional properties" };
                                    if (vErrors === null) {
                                        vErrors = [err263];
                                    }
                                    else {
                                        vErrors.push(err263);
                                    }
                                    errors++;
                                }
                            }
                            if (data127.checks !== undefined) {
                                if (typeof data127.checks !== "string") {
                                    const err264 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/smoke/checks", schemaPath: "#/properties/environments/additionalProperties/properties/smoke/properties/checks/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err264];
                                    }
                                    else {
                                        vErrors.push(err264);
                                    }
                                    errors++;
                                }
                            }
                            if (data127["wait-timeout"] !== undefined) {
                                let data129 = data127["wait-timeout"];
                                if (typeof data129 === "string") {
                                    if (!pattern6.test(data129)) {
                                        const err265 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/smoke/wait-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/smoke/properties/wait-timeout/pattern", keyword: "pattern", params: { pattern: "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" }, message: "must match pattern \"" + "^(\\d+(\\.\\d+)?(ms|s|m|h|d))+$" + "\"" };
                                        if (vErrors === null) {
                                            vErrors = [err265];
                                        }
                                        else {
                                            vErrors.push(err265);
                                        }
                                        errors++;
                                    }
                                }
                                else {
                                    const err266 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/smoke/wait-timeout", schemaPath: "#/properties/environments/additionalProperties/properties/smoke/properties/wait-timeout/type", keyword: "type", params: { type: "string" }, message: "must be string" };
                                    if (vErrors === null) {
                                        vErrors = [err266];
                                    }
                                    else {
                                        vErrors.push(err266);
                                    }
                                    errors++;
                                }
                            }
                        }
                        else {
                            const err267 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1") + "/smoke", schemaPath: "#/properties/environments/additionalProperties/properties/smoke/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                            if (vErrors === null) {
                                vErrors = [err267];
                            }
                            else {
                                vErrors.push(err267);
                            }
                            errors++;
                        }
                    }
                }
                else {
                    const err268 = { instancePath: instancePath + "/environments/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/environments/additionalProperties/type", keyword: "type", params: { type: "object" }, message: "must be object" };
                    if (vErrors === null) {
                        vErrors = [err268];
                    }
                    else {
                        vErrors.push(err268);
                    }
                    errors++;
                }
            }
        }
        else {
            const err269 = { instancePath: instancePath + "/environments", schemaPath: "#/properties/environments/type", keyword: "type", params: { type: "object" }, message: "must be object" };
            if (vErrors === null) {
                vErrors = [err269];
            }
            else {
                vErrors.push(err269);
            }
            errors++;
        }
    }
}
else {
    const err270 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object" };
    if (vErrors === null) {
        vErrors = [err270];
    }
    else {
        vErrors.push(err270);
    }
    errors++;
} validate10.errors = vErrors; return errors === 0; }

;// CONCATENATED MODULE: ./packages/core/src/config/load.ts





// ajv's code for PAVED_CONFIG_SCHEMA, generated by `npm run docs` so no run compiles the schema.

const load_validate = validate;
/**
 * Reads and validates `.github/paved.yml`. Returns undefined when the file does not exist
 * (a workflow may give everything as inputs); any other problem is one error naming the file,
 * the key path and what was expected.
 */
function loadPavedConfig(file, workspace) {
    const shown = external_node_path_default().relative(workspace, file) || file;
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new errors/* UserError */.yo(`${shown}: cannot be read (${error.message})`);
    }
    const document = (0,dist/* parseDocument */.Tp)(text);
    const [yamlError] = document.errors;
    if (yamlError) {
        const [line, col] = yamlError.linePos?.[0] ? [yamlError.linePos[0].line, yamlError.linePos[0].col] : [0, 0];
        // The parser's message repeats the position and adds a code frame; keep the sentence only.
        const reason = (yamlError.message.split('\n')[0] ?? '')
            .replace(/ at line \d+, column \d+:?$/, '')
            .replace(/\.$/, '');
        throw new errors/* UserError */.yo(`${shown} line ${line}, column ${col}: ${reason}. Fix the YAML syntax.`);
    }
    const data = document.toJS();
    if (!load_validate(data))
        throw new errors/* UserError */.yo(`${shown}: ${describeSchemaError(load_validate.errors ?? [], data)}`);
    const config = data;
    return { file: shown, service: config.service, defaults: config.defaults ?? {}, environments: config.environments };
}
function keyPath(instancePath) {
    return instancePath
        .split('/')
        .slice(1)
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
        .join('')
        .replace(/^\./, '');
}
function valueAt(data, instancePath) {
    let value = data;
    for (const part of instancePath.split('/').slice(1)) {
        value = value?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    return value;
}
/** One sentence for the most specific schema error. */
function describeSchemaError(errors, data) {
    const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'if');
    const error = specific.sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0];
    if (!error)
        return 'does not match the expected form';
    const where = keyPath(error.instancePath);
    const key = where
        .split('.')
        .pop()
        ?.replace(/\[\d+\]$/, '') ?? '';
    const got = JSON.stringify(valueAt(data, error.instancePath));
    const at = where ? `${where} ` : '';
    switch (error.keyword) {
        case 'additionalProperties': {
            const unknown = error.params.additionalProperty;
            const allowed = Object.keys(allowedKeys(error.schemaPath)).join(', ');
            return `${where ? `${where}: ` : ''}unknown key '${unknown}'${allowed ? ` (expected one of: ${allowed})` : ''}`;
        }
        case 'required':
            return `${where ? `${where}: ` : ''}missing required key '${error.params.missingProperty}'`;
        case 'pattern':
            return `${at}must be ${FORMS[key] ?? `a value matching ${error.params.pattern}`}, got ${got}`;
        case 'enum':
            return `${at}must be one of ${error.params.allowedValues.join(', ')}, got ${got}`;
        case 'type':
            if (['migrate', 'migrate-rollback', 'command'].includes(key) || error.schemaPath.includes('oneOf')) {
                return `${at}must be a command line or a list of arguments, got ${got}`;
            }
            return `${at}must be ${article(error.params.type)}, got ${got}`;
        case 'minimum':
        case 'maximum':
            return `${at}${error.message ?? 'is out of range'}, got ${got}`;
        case 'minProperties':
            return `${at}must define at least one environment`;
        case 'propertyNames':
            return `${at}has an invalid name ${JSON.stringify(error.params.propertyName ?? '')}`;
        default:
            return `${at}${error.message ?? 'is invalid'}, got ${got}`;
    }
}
function article(type) {
    const types = Array.isArray(type) ? type : [type];
    return types.map((t) => (t === 'integer' || t === 'object' || t === 'array' ? `an ${t}` : `a ${t}`)).join(' or ');
}
function allowedKeys(schemaPath) {
    // schemaPath looks like #/properties/environments/additionalProperties/additionalProperties
    let node = PAVED_CONFIG_SCHEMA;
    for (const part of schemaPath.replace(/^#\//, '').split('/').slice(0, -1)) {
        node = node[part];
    }
    return (node?.properties ?? {});
}

// EXTERNAL MODULE: ./packages/core/src/action/duration.ts
var action_duration = __webpack_require__(46098);
;// CONCATENATED MODULE: ./packages/core/src/config/command.ts

/**
 * Splits a command line into arguments the way a person reads it — whitespace separates,
 * single and double quotes group, a backslash escapes the next character — and nothing
 * more: no variables, globs, pipes or substitutions, because the result runs without a shell.
 */
function splitCommand(line, what) {
    const args = [];
    let current = '';
    let inArg = false;
    let quote;
    for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (quote) {
            if (char === quote)
                quote = undefined;
            else if (char === '\\' && quote === '"' && i + 1 < line.length)
                current += line[++i];
            else
                current += char;
        }
        else if (char === '"' || char === "'") {
            quote = char;
            inArg = true;
        }
        else if (char === '\\' && i + 1 < line.length) {
            current += line[++i];
            inArg = true;
        }
        else if (/\s/.test(char)) {
            if (inArg)
                args.push(current);
            current = '';
            inArg = false;
        }
        else {
            current += char;
            inArg = true;
        }
    }
    if (quote)
        throw new errors/* UserError */.yo(`${what} has an unclosed ${quote} quote: close it or use a list of arguments`);
    if (inArg)
        args.push(current);
    if (args.length === 0)
        throw new errors/* UserError */.yo(`${what} is empty: give a program and its arguments`);
    return args;
}
/** A command from the config file (string or list) or an input (string), as an argument array. */
function toArgv(value, what) {
    if (value === undefined)
        return undefined;
    if (typeof value === 'string')
        return splitCommand(value, what);
    return [...value];
}

// EXTERNAL MODULE: ./packages/core/src/config/fleet.ts
var fleet = __webpack_require__(58492);
;// CONCATENATED MODULE: ./packages/core/src/config/resolve.ts




const DEFAULTS = {
    healthTimeout: '30s',
    drainTimeout: '30s',
    stopTimeout: '10s',
    lockTimeout: '30m',
    rolloutTimeout: '5m',
    retain: 5,
    restart: 'unless-stopped',
};
/**
 * Resolves one environment: built-in defaults, then the file's `defaults`, then its entry for
 * the environment, then the step's inputs — the closest to the run wins.
 */
function resolveEnvironment(config, name, inputs, repository) {
    // Own keys only: `constructor` or `toString` are environment names, not Object's properties.
    const entry = config && Object.hasOwn(config.environments, name) ? config.environments[name] : undefined;
    if (config && !entry) {
        const known = Object.keys(config.environments).join(', ');
        throw new errors/* UserError */.yo(`Environment '${name}' is not in ${config.file}, which defines: ${known}. Add it there or deploy to one of those.`);
    }
    const file = { ...(config?.defaults ?? {}), ...(entry ?? {}) };
    const where = config ? `${config.file} environments.${name}` : 'inputs';
    // No prototype: a variable named __proto__ is a variable, not the object's prototype.
    const env = Object.create(null);
    for (const [key, value] of Object.entries(file.env ?? {}))
        env[key] = String(value);
    for (const line of inputs.env ?? []) {
        const index = line.indexOf('=');
        if (index <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(line.slice(0, index))) {
            throw new errors/* UserError */.yo(`Input 'env' must hold NAME=value lines, got '${line.slice(0, 40)}'`);
        }
        env[line.slice(0, index)] = line.slice(index + 1);
    }
    const service = inputs.service ?? config?.service ?? serviceFromRepository(repository);
    const target = inputs.target ?? file.target ?? 'docker';
    const resolved = {
        name,
        service,
        url: inputs.url?.href ?? file.url,
        production: file.production ?? name === 'production',
        transient: file.transient ?? false,
        target,
        host: inputs.host ?? file.host,
        sshKey: inputs['ssh-key'],
        knownHosts: inputs['known-hosts'] ?? file['known-hosts'],
        fleet: (0,fleet/* resolveFleet */.P)(file, where),
        proxy: file.proxy,
        configKey: config ? `${config.file} environments.${name}` : 'inputs',
        port: inputs.port ?? file.port,
        healthPath: inputs['health-path'] ?? file['health-path'],
        healthTimeoutMs: inputs['health-timeout'] ?? resolve_duration(file['health-timeout'] ?? DEFAULTS.healthTimeout),
        drainTimeoutMs: inputs['drain-timeout'] ?? resolve_duration(file['drain-timeout'] ?? DEFAULTS.drainTimeout),
        stopTimeoutSeconds: stopTimeout(file['stop-timeout'] ?? DEFAULTS.stopTimeout, `${where}.stop-timeout`),
        retain: inputs.retain ?? file.retain ?? DEFAULTS.retain,
        proxyUrl: inputs['proxy-url']?.href ?? file['proxy-url'],
        proxyRoute: inputs['proxy-route'] ?? file['proxy-route'] ?? service,
        restart: inputs.restart ?? file.restart ?? DEFAULTS.restart,
        memory: inputs.memory ?? file.memory,
        cpus: inputs.cpus ?? (file.cpus === undefined ? undefined : String(file.cpus)),
        volumes: [...new Set([...(file.volumes ?? []), ...(inputs.volumes ?? [])])],
        env,
        migrate: toArgv(inputs.migrate ?? file.migrate, `${inputs.migrate ? "Input 'migrate'" : `${where}.migrate`}`),
        migrateRollback: toArgv(inputs['migrate-rollback'] ?? file['migrate-rollback'], `${inputs['migrate-rollback'] ? "Input 'migrate-rollback'" : `${where}.migrate-rollback`}`),
        command: toArgv(inputs.command ?? file.command, `${inputs.command ? "Input 'command'" : `${where}.command`}`),
        lockTimeoutMs: inputs['lock-timeout'] ?? resolve_duration(file['lock-timeout'] ?? DEFAULTS.lockTimeout),
        pushgatewayUrl: inputs['pushgateway-url']?.href ?? file['pushgateway-url'],
        gate: file.gate ?? {},
        smoke: file.smoke ?? {},
        ...(inputs.kubeconfig ? { kubeconfig: inputs.kubeconfig } : {}),
    };
    if (target === 'kubernetes') {
        // One level deeper than the rest: an environment's block refines the defaults' block.
        const kube = { ...(config?.defaults.kubernetes ?? {}), ...(entry?.kubernetes ?? {}) };
        if (!kube.deployment) {
            throw new errors/* UserError */.yo(`Environment '${name}' uses the kubernetes target but names no Deployment: set kubernetes.deployment in ${config?.file ?? '.github/paved.yml'}`);
        }
        resolved.kubernetes = {
            deployment: kube.deployment,
            strategy: kube.strategy ?? 'rolling',
            canaryReplicas: kube['canary-replicas'] ?? 1,
            timeoutMs: resolve_duration(kube.timeout ?? DEFAULTS.rolloutTimeout),
            ...(kube.namespace ? { namespace: kube.namespace } : {}),
            ...(kube.container ? { container: kube.container } : {}),
            ...(kube.service ? { service: kube.service } : {}),
            ...(kube.context ? { context: kube.context } : {}),
        };
    }
    if (resolved.proxy && resolved.proxyUrl) {
        throw new errors/* UserError */.yo(`${where} gives both proxy (a proxy Paved runs) and proxy-url (an existing one): choose one`);
    }
    if (resolved.proxy && resolved.host && !resolved.host.startsWith('ssh://')) {
        throw new errors/* UserError */.yo(`${where}.proxy needs an ssh:// host: Paved reaches the proxy it runs only over SSH`);
    }
    if (resolved.target === 'command' && !resolved.command) {
        throw new errors/* UserError */.yo(`Environment '${name}' uses the command target but gives no command: set 'command' in ${config?.file ?? 'the config file'} or the command input`);
    }
    if (resolved.sshKey && !resolved.knownHosts && !resolved.fleet) {
        throw new errors/* InputError */.dz('known-hosts', `Input 'known-hosts' is required with 'ssh-key' (environment '${name}' has an SSH key but no known-hosts): ` +
            "set it to the host's known_hosts line (ssh-keyscan -t ed25519 <host>) so the host key is pinned");
    }
    return resolved;
}
function resolve_duration(text) {
    // The schema already checked the form; parseDuration cannot fail here.
    return (0,action_duration/* parseDuration */.E)(text) ?? 0;
}
/**
 * `docker stop --time` takes whole seconds: a fraction is rounded up so the release gets at least
 * what was asked. Capped at 10 minutes: a release that needs longer to stop is hanging.
 */
function stopTimeout(text, key) {
    const ms = resolve_duration(text);
    if (ms > 600_000)
        throw new errors/* UserError */.yo(`${key} must be at most 10m (how long SIGTERM may take before SIGKILL), not ${text}`);
    return Math.ceil(ms / 1_000);
}
/** Container names need lower-case: `acme/Shop-API` becomes `shop-api`. */
function serviceFromRepository(repository) {
    const name = (repository.split('/')[1] ?? repository)
        .toLowerCase()
        .replace(/[^a-z0-9_.-]/g, '-')
        .replace(/^[^a-z0-9]+/, '');
    return (name || 'service').slice(0, 63);
}

;// CONCATENATED MODULE: ./packages/core/src/github/runs.ts
const RUN_PATH = /\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)(?:\/attempts\/\d+)?\/?$/;
/**
 * Whether the workflow run at `runUrl` (a lock holder) has finished, by GitHub's own word. Only
 * runs of this repository are asked about; anything else, or an answer that cannot be read, is
 * "not known to have finished", so a lock is never taken from a run that may still be working.
 */
async function workflowRunFinished(github, runUrl) {
    const match = RUN_PATH.exec(new URL(runUrl).pathname);
    if (!match || match[1] !== github.owner || match[2] !== github.repo)
        return false;
    const { data } = await github.octokit.rest.actions.getWorkflowRun({
        owner: github.owner,
        repo: github.repo,
        run_id: Number(match[3]),
    });
    return data.status === 'completed';
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 3 modules
var github = __webpack_require__(60722);
// EXTERNAL MODULE: ./node_modules/octokit/dist-bundle/index.js + 20 modules
var dist_bundle = __webpack_require__(2923);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(63251);
var light_default = /*#__PURE__*/__webpack_require__.n(light);
;// CONCATENATED MODULE: ./packages/core/src/github/write-pacing.ts

/**
 * How many writes may go out back to back before pacing starts. A release makes three to five
 * (the record, its statuses, an identity lookup GitHub counts as one); spacing each a second apart
 * put seconds of waiting into every deploy for no benefit.
 */
const WRITE_BURST = 5;
/**
 * The limiter the throttling plugin queues every write (and GraphQL request) through, one at a
 * time as GitHub asks. GitHub's advice to wait a second between writes is about making many of
 * them; a handful go at once, and a run that keeps writing is paced at one a second from the
 * sixth on, as octokit's default would pace all of them. Secondary rate limits are still waited
 * out by the plugin's retry.
 */
function pacedWrites() {
    return new (light_default()).Group({
        id: 'paved-write',
        maxConcurrent: 1,
        minTime: 0,
        reservoir: WRITE_BURST,
        reservoirIncreaseAmount: 1,
        reservoirIncreaseInterval: 1_000,
        reservoirIncreaseMaximum: WRITE_BURST,
    });
}

;// CONCATENATED MODULE: ./packages/core/src/github/client.ts





/**
 * One Octokit for everything Paved asks of GitHub: retries on 5xx (octokit's retry plugin) and
 * waits out primary and secondary rate limits (its throttling plugin) instead of failing a
 * deploy because GitHub was briefly busy.
 */
function createGitHubClient(options = {}) {
    const token = options.token;
    if (!token) {
        throw new errors/* UserError */.yo("Input 'github-token' is empty: pass ${{ github.token }} (the default) or a token with deployments: write");
    }
    const repository = options.repository ?? process.env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = repository.split('/');
    if (!owner || !repo) {
        throw new errors/* UserError */.yo(`GITHUB_REPOSITORY must be owner/repo, got '${repository}': run inside a GitHub workflow`);
    }
    const retries = options.rateLimitRetries ?? 3;
    const onLimit = (kind) => (retryAfter, request, _, count) => {
        if (count >= retries) {
            core/* warning */.$e(`GitHub ${kind} on ${request.method} ${request.url}; giving up after ${count} retries`);
            return false;
        }
        core/* info */.pq(`GitHub ${kind} on ${request.method} ${request.url}; retrying in ${retryAfter}s`);
        return true;
    };
    const octokit = new dist_bundle/* Octokit */.Eg({
        auth: token,
        baseUrl: (options.apiUrl ?? github/* context */._.apiUrl).replace(/\/$/, ''),
        userAgent: 'paved',
        throttle: {
            enabled: options.throttle ?? true,
            write: pacedWrites(),
            onRateLimit: onLimit('rate limit'),
            onSecondaryRateLimit: onLimit('secondary rate limit'),
        },
        log: { debug: core/* debug */.Yz, info: core/* debug */.Yz, warn: core/* warning */.$e, error: core/* error */.z3 },
    });
    // Whatever GitHub answers with or a dropped connection is GitHub's, not the user's nor a bug.
    octokit.hook.error('request', (error) => {
        throw new GitHubApiError(error);
    });
    return { octokit, owner, repo, runUrl: runUrl(owner, repo) };
}
/** A request to GitHub's API that failed after octokit's retries; `status` is GitHub's answer, if any. */
class GitHubApiError extends errors/* PlatformError */.Wk {
    status;
    constructor(cause) {
        super('GitHub', cause.message, { cause });
        this.name = 'GitHubApiError';
        this.status = typeof cause.status === 'number' ? cause.status : undefined;
    }
}
function runUrl(owner, repo) {
    const server = (process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
    const runId = process.env.GITHUB_RUN_ID ?? '0';
    const attempt = process.env.GITHUB_RUN_ATTEMPT;
    return `${server}/${owner}/${repo}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}`;
}

// EXTERNAL MODULE: ./packages/core/src/github/ledger.ts
var github_ledger = __webpack_require__(61288);
;// CONCATENATED MODULE: ./packages/core/src/proxy/spec.ts

const PINNED_IMAGE = /^[a-z0-9][A-Za-z0-9._:/-]*@sha256:[a-f0-9]{64}$/;
const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
/**
 * Validates what the configuration says about the proxy and fills in the defaults. Every
 * error names the key (under `keyPrefix`) and the form expected, before anything changes on a host.
 */
function resolveProxySpec(input, keyPrefix = 'proxy') {
    const key = (name) => `${keyPrefix}.${name}`;
    const image = input.image?.trim() ?? '';
    if (!PINNED_IMAGE.test(image) || image.includes('..')) {
        throw new errors/* UserError */.yo(`${key('image')} must name the proxy image pinned by digest, e.g. caddy@sha256:<64 hex digits>` +
            (image ? `, not '${image}'` : '') +
            ': a tag can move, and every host must run the same proxy');
    }
    const name = input.name ?? 'paved-proxy';
    const network = input.network ?? 'paved';
    for (const [field, value] of [
        ['name', name],
        ['network', network],
    ]) {
        if (!DOCKER_NAME.test(value)) {
            throw new errors/* UserError */.yo(`${key(field)} must be a Docker name (letters, digits, '_', '.', '-'), not '${value}'`);
        }
    }
    const httpPort = port(input.httpPort ?? 80, key('http-port'));
    const httpsPort = port(input.httpsPort ?? 443, key('https-port'));
    if (httpPort === httpsPort)
        throw new errors/* UserError */.yo(`${key('http-port')} and ${key('https-port')} must differ`);
    const hostname = input.hostname?.trim().toLowerCase() || undefined;
    if (hostname !== undefined && !HOSTNAME.test(hostname)) {
        throw new errors/* UserError */.yo(`${key('hostname')} must be a DNS name such as app.example.com, not '${input.hostname}'`);
    }
    const tls = input.tls ?? (hostname ? 'auto' : 'off');
    if (!['auto', 'internal', 'off'].includes(tls)) {
        throw new errors/* UserError */.yo(`${key('tls')} must be auto, internal or off, not '${String(tls)}'`);
    }
    if (tls !== 'off' && !hostname) {
        throw new errors/* UserError */.yo(`${key('tls')} ${tls} needs ${key('hostname')}: a certificate is for a host name`);
    }
    const adminDir = input.adminDir ?? '/run/paved-proxy';
    if (!/^\/[\w./-]+$/.test(adminDir) || adminDir.includes('..') || adminDir.length > 80) {
        throw new errors/* UserError */.yo(`${key('admin-dir')} must be a short absolute plain path on the host, not '${adminDir}'`);
    }
    const route = input.route ?? 'paved-upstream';
    if (!/^[\w.-]{1,64}$/.test(route))
        throw new errors/* UserError */.yo(`${key('route')} must be a plain @id, not '${route}'`);
    return { image, name, network, httpPort, httpsPort, hostname, tls, adminDir, route };
}
function port(value, key) {
    if (!Number.isInteger(value) || value < 1 || value > 65_535) {
        throw new errors/* UserError */.yo(`${key} must be a TCP port from 1 to 65535, not ${value}`);
    }
    return value;
}

;// CONCATENATED MODULE: ./packages/core/src/action/child-env.ts
/**
 * How the machine reaches the network and where its tools keep their settings: the proxies (both
 * spellings: curl reads lower-case, most others upper-case), the certificate authorities, the
 * XDG folders and the Docker client's settings. A child process needs them to work behind a
 * corporate proxy or CA exactly as the shell does.
 */
const MACHINE_NETWORK_SETTINGS = [
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'all_proxy',
    'NODE_EXTRA_CA_CERTS',
    'NODE_USE_ENV_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE',
    'GIT_SSL_CAINFO',
    'XDG_CONFIG_HOME',
    'XDG_CACHE_HOME',
    'XDG_DATA_HOME',
    'DOCKER_HOST',
    'DOCKER_CONFIG',
    'DOCKER_CONTEXT',
    'DOCKER_CERT_PATH',
    'DOCKER_TLS_VERIFY',
];
/**
 * What a child process Paved starts may inherit from the runner: where programs and the user
 * are, locale and time zone, proxies and certificate authorities, and the tools' own settings
 * (npm, pip, uv, poetry, Go, corepack, Docker). Never the action's inputs (`INPUT_*` holds the
 * GitHub token, the SSH key and raw secrets), the runner's tokens (`ACTIONS_RUNTIME_TOKEN`,
 * `ACTIONS_ID_TOKEN_REQUEST_*`, `ACTIONS_CACHE_URL`…) or `GITHUB_TOKEN`: a dependency's install
 * script or a deploy command must not be able to read them.
 */
const NAMES = new Set([
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'LANG',
    'LANGUAGE',
    'TZ',
    'TMPDIR',
    'TERM',
    'CI',
    'RUNNER_TEMP',
    'RUNNER_TOOL_CACHE',
    'RUNNER_OS',
    'RUNNER_ARCH',
    ...MACHINE_NETWORK_SETTINGS,
    'NODE_AUTH_TOKEN',
    'SSH_AUTH_SOCK',
    'XDG_RUNTIME_DIR',
    'DOCKER_BUILDKIT',
]);
const PREFIXES = [
    'LC_',
    'npm_config_',
    'NPM_CONFIG_',
    'PIP_',
    'UV_',
    'POETRY_',
    'GO',
    'CGO_',
    'COREPACK_',
    'YARN_',
    'PNPM_',
];
/** Inherited prefixes that could still name a runner credential. */
const NEVER = /^(INPUT_|ACTIONS_|GITHUB_TOKEN$|STATE_)/;
/** The minimal environment for a child process, plus what the caller adds on purpose. */
function childEnvironment(extra = {}, from = process.env) {
    const env = {};
    for (const [name, value] of Object.entries(from)) {
        if (value === undefined || NEVER.test(name))
            continue;
        if (NAMES.has(name) || PREFIXES.some((prefix) => name.startsWith(prefix)))
            env[name] = value;
    }
    for (const [name, value] of Object.entries(extra))
        if (value !== undefined)
            env[name] = value;
    return env;
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 3 modules
var exec = __webpack_require__(81260);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
;// CONCATENATED MODULE: ./packages/core/src/docker/engine-socket.ts

/**
 * Asks the Docker Engine API behind a unix socket for `/_ping`. True only for the engine's
 * own `200 OK`: a forward the host's sshd refuses, or anything else on the socket, is false.
 */
async function pingEngineSocket(socketPath, timeoutMs = 5_000) {
    const answer = await askEngine(socketPath, { method: 'GET', path: '/_ping', timeoutMs }).catch(() => undefined);
    return answer?.status === 200 && answer.body === 'OK';
}
/** The socket path of a `unix:///path` engine endpoint, or undefined for any other form. */
function unixEndpointPath(endpoint) {
    const path = /^unix:\/\/(\/[\w./-]+)$/.exec(endpoint.trim())?.[1];
    return path && !path.includes('..') ? path : undefined;
}
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/**
 * One Engine API request behind a unix socket, on a fresh connection (none is left open to
 * hold the step). Rejects only when no answer came: the socket refused, the link dropped, the
 * timeout passed or the answer outgrew any the engine gives.
 */
function askEngine(socketPath, ask) {
    const { method, path } = ask;
    const timeoutMs = ask.timeoutMs ?? 30_000;
    const payload = ask.body === undefined ? undefined : Buffer.from(JSON.stringify(ask.body));
    return new Promise((resolve, reject) => {
        const req = (0,external_node_http_.request)({
            socketPath,
            path,
            method,
            timeout: timeoutMs,
            headers: {
                Host: 'docker',
                Connection: 'close',
                ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
            },
        }, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_ANSWER_BYTES)
                    res.destroy(new Error(`the answer to ${method} ${path} passed ${MAX_ANSWER_BYTES} bytes`));
                else
                    chunks.push(chunk);
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path} within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload);
    });
}

;// CONCATENATED MODULE: ./packages/core/src/docker/cli.ts





/** A docker command that failed; the message ends with the last lines docker printed. */
class DockerCommandError extends errors/* PlatformError */.Wk {
    args;
    result;
    constructor(args, result, what) {
        const tail = lastLines(result.stderr || result.stdout, 8);
        super('Docker', `${what ?? `docker ${args[0] ?? ''}`} failed (exit ${result.code})${tail ? `:\n${tail}` : ''}`);
        this.args = args;
        this.result = result;
        this.name = 'DockerCommandError';
    }
}
/** What the connection said of a failed result returned to its caller, for failure() to reuse. */
const diagnosed = new WeakMap();
/**
 * The docker CLI, always run with an argument array (never a shell string), so no input can
 * become a command. Credentials travel on stdin; the environment carries the host.
 */
class DockerClient {
    binary;
    given;
    connection;
    constructor(options = {}) {
        this.binary = options.binary ?? 'docker';
        this.given = definedEnv(options.env ?? {});
        this.connection = options.connection;
    }
    /** The environment of the next call. */
    get env() {
        return { ...(this.connection?.env() ?? {}), ...this.given };
    }
    /**
     * The engine's unix socket when the next call goes to one named by DOCKER_HOST (given, or
     * forwarded over SSH): reads then ask the Engine API on it directly instead of starting a CLI.
     * Undefined for the runner's default engine (its docker context decides) and for ssh:// dial.
     */
    get engineSocket() {
        const host = this.env.DOCKER_HOST;
        return host ? unixEndpointPath(host) : undefined;
    }
    /** A client for another host or config, sharing the binary and the connection. */
    with(env) {
        return new DockerClient({ binary: this.binary, env: { ...this.given, ...env }, connection: this.connection });
    }
    /** The error for a failed command: the connection's when it is what failed, else docker's own. */
    async failure(args, result) {
        // Asked once per result: a second check could find the link already back and blame docker.
        const lost = diagnosed.has(result) ? diagnosed.get(result) : await this.connectionLost();
        return lost ?? new DockerCommandError(args, result);
    }
    /** The connection's own error when it is what failed (an SSH link gone or refused), else undefined. */
    connectionLost() {
        return this.connection?.diagnose().catch(() => undefined) ?? Promise.resolve(undefined);
    }
    async run(args, options = {}) {
        core/* debug */.Yz(`${this.binary} ${args.join(' ')}`);
        const output = await (0,exec/* getExecOutput */.H)(this.binary, args, {
            ignoreReturnCode: true,
            silent: !options.stream,
            input: options.input === undefined ? undefined : Buffer.from(options.input),
            env: childEnvironment({ ...this.env, ...(options.env ?? {}) }),
        });
        const result = { code: output.exitCode, stdout: output.stdout, stderr: output.stderr };
        if (result.code === 0)
            return result;
        if (!options.allowFailure)
            throw await this.failure(args, result);
        // A failure the caller expects may still be the link's: the connection learns it either way.
        diagnosed.set(result, await this.connectionLost());
        return result;
    }
    /** Runs and returns trimmed stdout. */
    async text(args, options = {}) {
        return (await this.run(args, options)).stdout.trim();
    }
    /** Runs a command that prints one JSON document per line (`--format '{{json .}}'`). */
    async jsonLines(args, options = {}) {
        const text = await this.text(args, options);
        return text
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line));
    }
}
function definedEnv(env) {
    return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined));
}
function lastLines(text, count) {
    return text.trimEnd().split('\n').slice(-count).join('\n');
}

;// CONCATENATED MODULE: ./packages/core/src/targets/env-file.ts

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * Parses a dotenv file: `NAME=value` lines, `#` comments, an optional `export `, and values in
 * single or double quotes (double quotes understand \n, \" and \\). Nothing is expanded: a `$`
 * is a dollar sign.
 */
function parseDotenv(text, file) {
    // No prototype: a variable named __proto__ or constructor is a variable like any other.
    const values = Object.create(null);
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
        if (!match || !NAME.test(match[1])) {
            throw new errors/* UserError */.yo(`${file} line ${index + 1}: expected NAME=value, got '${line.slice(0, 40)}'`);
        }
        values[match[1]] = unquote(match[2]);
    });
    return values;
}
function unquote(value) {
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
        const inner = value.slice(1, -1);
        return quote === "'" ? inner : inner.replace(/\\(["\\n])/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    // An unquoted value ends at an inline comment.
    return value.replace(/\s+#.*$/, '');
}
/** `NAME=value` secret lines (the secrets input), as a map; names checked, values kept whole. */
function parseSecretLines(lines, input) {
    const values = Object.create(null);
    for (const line of lines) {
        const index = line.indexOf('=');
        const name = index > 0 ? line.slice(0, index).trim() : '';
        // The value is a secret: the message shows the name only.
        if (!NAME.test(name))
            throw new errors/* UserError */.yo(`Input '${input}' must hold NAME=value lines; one line has no valid NAME=`);
        values[name] = line.slice(index + 1);
    }
    return values;
}
/**
 * A container environment as `NAME=value` entries, taken literally by the engine and by
 * `docker --env-file`. A file line cannot carry a line break inside a value, so such a value is
 * refused here, on every path, instead of being cut short on the host.
 */
function envEntries(values) {
    return Object.entries(values).map(([name, value]) => {
        if (!NAME.test(name))
            throw new errors/* UserError */.yo(`Environment variable name '${name.slice(0, 40)}' is not valid`);
        if (/[\r\n\0]/.test(value)) {
            throw new errors/* UserError */.yo(`The value of ${name} holds a line break, which a container environment cannot carry`);
        }
        return `${name}=${value}`;
    });
}
/** Replaces every secret value in text (logs of a failed container) before it reaches a summary. */
function redactSecrets(text, secrets) {
    let result = text;
    for (const secret of [...secrets].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) {
        result = result.split(secret).join('***');
    }
    return result;
}

// EXTERNAL MODULE: ./packages/core/src/targets/target.ts
var targets_target = __webpack_require__(51199);
;// CONCATENATED MODULE: ./packages/core/src/targets/command/target.ts






/**
 * The escape hatch: the user's own deploy program (ECS, Helm, Cloud Run…). It runs without a
 * shell, so no input is ever interpreted, with the release in its environment:
 * PAVED_IMAGE, PAVED_DIGEST, PAVED_VERSION, PAVED_ENVIRONMENT (and PAVED_SERVICE, PAVED_SHA,
 * PAVED_DEPLOYMENT_ID, PAVED_ROLLBACK). It may print lines that tell Paved what it did:
 * `url=https://…` (the environment URL) and `digest=sha256:…` (what the platform now runs,
 * which Paved then verifies). The last of each wins.
 */
class CommandTarget {
    settings;
    kind = 'command';
    where;
    reported;
    constructor(settings) {
        this.settings = settings;
        this.where = `command ${external_node_path_default().basename(settings.command[0] ?? '')}`;
    }
    async current() {
        return this.reported;
    }
    deploy(release, hooks) {
        return this.runCommand(release, hooks, false);
    }
    rollback(release, hooks) {
        return this.runCommand(release, hooks, true);
    }
    async dispose() { }
    async runCommand(release, hooks, rollback) {
        const output = await hooks.phase('start', () => this.spawn(release, hooks, rollback));
        const switchedAt = new Date();
        const url = lastMatch(output, /^url=(https?:\/\/\S+)$/);
        const digest = lastMatch(output, /^digest=(sha256:[a-f0-9]{64})$/);
        this.reported = {
            name: this.where,
            image: release.image,
            // Without a digest= line the script's word is all there is: it ran what it was given.
            digest: digest ?? undefined,
            deploymentId: release.deploymentId,
            version: release.version,
            sha: release.sha,
            running: true,
            state: digest ? 'reported by the command' : 'not reported by the command',
        };
        return { running: this.reported, switchedAt, url, downtime: false, removed: [] };
    }
    spawn(release, hooks, rollback) {
        const [program, ...args] = this.settings.command;
        const resolved = program.includes('/') ? external_node_path_default().resolve(this.settings.workspace, program) : program;
        const env = childEnvironment({
            ...this.settings.env,
            ...this.settings.secrets,
            PAVED_IMAGE: release.image,
            PAVED_DIGEST: release.digest,
            PAVED_VERSION: release.version,
            PAVED_ENVIRONMENT: release.environment,
            PAVED_SERVICE: release.service,
            PAVED_SHA: release.sha,
            PAVED_DEPLOYMENT_ID: String(release.deploymentId),
            PAVED_ROLLBACK: rollback ? 'true' : 'false',
        });
        const secrets = Object.values(this.settings.secrets);
        return new Promise((resolve, reject) => {
            let output = '';
            let pending = '';
            const child = (0,external_node_child_process_.spawn)(resolved, args, {
                cwd: this.settings.workspace,
                env,
                shell: false,
                stdio: ['ignore', 'pipe', 'pipe'],
            });
            const take = (chunk) => {
                const text = chunk.toString('utf8');
                output += text;
                pending += text;
                const lines = pending.split('\n');
                pending = lines.pop() ?? '';
                for (const line of lines)
                    hooks.info(redactSecrets(line, secrets));
            };
            child.stdout.on('data', take);
            child.stderr.on('data', take);
            child.once('error', (error) => {
                reject(new targets_target/* ReleaseError */.K2(`The deploy command '${program}' could not start (${error.code ?? error.message}): ` +
                    'give a program on PATH or a path inside the workspace, executable (chmod +x)', 'start'));
            });
            child.once('close', (code, signal) => {
                if (pending)
                    hooks.info(redactSecrets(pending, secrets));
                if (code === 0)
                    return resolve(output);
                const logs = redactSecrets(lastLines(output, 20), secrets);
                reject(new targets_target/* ReleaseError */.K2(`The deploy command '${program}' failed (${signal ? `signal ${signal}` : `exit ${code}`})` +
                    (logs ? `; its last lines:\n${logs}` : ''), 'start', { logs, switched: false }));
            });
        });
    }
}
function lastMatch(text, pattern) {
    let found;
    for (const line of text.split(/\r?\n/)) {
        const match = pattern.exec(line.trim());
        if (match)
            found = match[1];
    }
    return found;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./packages/core/src/remote/run-ssh.ts

/**
 * Runs the ssh client with an argument array and a minimal environment: no INPUT_*, no runner
 * tokens, only what ssh needs to find itself and, when no key was given, the agent.
 */
function runSsh(binary, args, options = {}) {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C' };
    if (process.env.HOME)
        env.HOME = process.env.HOME;
    if (process.env.SSH_AUTH_SOCK)
        env.SSH_AUTH_SOCK = process.env.SSH_AUTH_SOCK;
    return new Promise((resolve) => {
        // A command that forks a master (-f) hands our pipes to it for its whole life: nothing is
        // piped then (its errors go to a file, -E), and the answer is the exit, not the close.
        const child = (0,external_node_child_process_.spawn)(binary, args, {
            env,
            stdio: ['ignore', options.stdout && !options.detaches ? 'pipe' : 'ignore', options.detaches ? 'ignore' : 'pipe'],
        });
        const stdout = [];
        const stderr = [];
        child.stdout?.on('data', (chunk) => stdout.push(chunk));
        child.stderr?.on('data', (chunk) => stderr.push(chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        const finish = (code) => {
            clearTimeout(timer);
            resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
        };
        child.once('error', (error) => {
            stderr.push(Buffer.from(error.message));
            finish(127);
        });
        child.once(options.detaches ? 'exit' : 'close', (code) => finish(code ?? 255));
    });
}

// EXTERNAL MODULE: ./packages/core/src/remote/ssh-error.ts
var ssh_error = __webpack_require__(15957);
;// CONCATENATED MODULE: ./packages/core/src/remote/ssh-session.ts








/**
 * One SSH connection to a host that everything else rides on: an OpenSSH ControlMaster,
 * started once and shared by the docker CLI (through an `ssh` wrapper first on PATH, since
 * docker takes no ssh options), by port forwards (`-O forward`) and by `-O cancel`. Files are
 * in a private folder: the key (0600), known_hosts with only the given lines, and a config
 * that pins the host key and never prompts.
 */
class SshSession {
    display;
    destination;
    port;
    dir;
    configPath;
    binDir;
    sshBinary;
    masterPid;
    closed;
    constructor(
    /** ssh://user@host[:port], for messages. */
    display, 
    /** user@host as ssh takes it. */
    destination, port, dir, configPath, 
    /** Holds the `ssh` wrapper; first on PATH for the docker CLI. */
    binDir, sshBinary, 
    /** The master's PID, as `-O check` reports it. */
    masterPid) {
        this.display = display;
        this.destination = destination;
        this.port = port;
        this.dir = dir;
        this.configPath = configPath;
        this.binDir = binDir;
        this.sshBinary = sshBinary;
        this.masterPid = masterPid;
    }
    static async open(options) {
        const { display, destination, port } = parseSshHost(options.host);
        if (!options.knownHosts?.trim()) {
            throw new errors/* UserError */.yo(`No known-hosts line for ${display}: add the host's line (ssh-keyscan -p PORT HOST) to known-hosts, ` +
                'so its key is pinned before Paved connects');
        }
        // Every check comes before the key touches the disk: a runner without ssh writes nothing.
        const sshBinary = findSsh(options.searchPath);
        const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(plainTempDir(options.tempDir), 'paved-ssh-'));
        try {
            return await SshSession.start(options, { display, destination, port }, sshBinary, dir);
        }
        catch (error) {
            // Whatever failed after the folder was made (a write, ssh itself), the key goes with it.
            await (0,promises_.rm)(dir, { recursive: true, force: true });
            throw error;
        }
    }
    static async start(options, { display, destination, port }, sshBinary, dir) {
        await (0,promises_.chmod)(dir, 0o700);
        const configPath = external_node_path_default().join(dir, 'config');
        const knownHosts = external_node_path_default().join(dir, 'known_hosts');
        const lines = [
            'Host *',
            `  UserKnownHostsFile ${knownHosts}`,
            '  GlobalKnownHostsFile /dev/null',
            '  StrictHostKeyChecking yes',
            '  BatchMode yes',
            '  PasswordAuthentication no',
            `  ConnectTimeout ${options.connectTimeoutSeconds ?? 15}`,
            // A dead link is noticed in ~15 s instead of hanging the deploy.
            '  ServerAliveInterval 5',
            '  ServerAliveCountMax 3',
            '  ControlMaster auto',
            // One session, one host: a short fixed name keeps the socket (plus the 17 characters ssh
            // appends while it binds) within the 108 bytes a unix socket path may have.
            `  ControlPath ${external_node_path_default().join(dir, 'cm')}`,
            '  ControlPersist 60',
            // A forward that cannot bind is an error, not a warning the caller never sees.
            '  ExitOnForwardFailure yes',
            // A socket file a cancelled forward left behind is replaced, not a reason to fail.
            '  StreamLocalBindUnlink yes',
            '  LogLevel ERROR',
        ];
        await (0,promises_.writeFile)(knownHosts, `${(options.knownHosts ?? '').trim()}\n`, { mode: 0o600 });
        if (options.sshKey) {
            const key = external_node_path_default().join(dir, 'key');
            // OpenSSH refuses a key without its final newline, which secrets often lose.
            await (0,promises_.writeFile)(key, `${options.sshKey.replace(/\r\n/g, '\n').trim()}\n`, { mode: 0o600 });
            lines.push(`  IdentityFile ${key}`, '  IdentitiesOnly yes');
        }
        await (0,promises_.writeFile)(configPath, `${lines.join('\n')}\n`, { mode: 0o600 });
        const binDir = external_node_path_default().join(dir, 'bin');
        await (0,promises_.mkdir)(binDir);
        await (0,promises_.writeFile)(external_node_path_default().join(binDir, 'ssh'), `#!/bin/sh\nexec ${sshBinary} -F ${configPath} "$@"\n`, { mode: 0o755 });
        const base = ['-F', configPath, ...(port ? ['-p', port] : [])];
        const logFile = external_node_path_default().join(dir, 'master.log');
        // -f returns once authenticated, so a returned master is a working connection.
        const started = await runSsh(sshBinary, [...base, '-E', logFile, '-o', 'ControlMaster=yes', '-o', 'ControlPersist=no', '-f', '-N', '--', destination], { detaches: true, timeoutMs: ((options.connectTimeoutSeconds ?? 15) + 15) * 1_000 });
        if (started.code !== 0) {
            const log = await (0,promises_.readFile)(logFile, 'utf8').catch(() => '');
            throw connectionError(display, log || started.stderr);
        }
        const check = await runSsh(sshBinary, [...base, '-O', 'check', '--', destination]);
        const pid = Number(/pid=(\d+)/.exec(check.stderr)?.[1]);
        if (check.code !== 0 || !pid) {
            throw new Error(`The SSH master for ${display} started but does not answer: ${check.stderr.trim()}`);
        }
        core/* debug */.Yz(`SSH master for ${display}: pid ${pid}`);
        return new SshSession(display, destination, port, dir, configPath, binDir, sshBinary, pid);
    }
    /** Environment for a docker CLI that reaches the host over this connection. */
    dockerEnv() {
        return {
            DOCKER_HOST: this.display,
            PATH: `${this.binDir}${(external_node_path_default()).delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
        };
    }
    /**
     * Runs a fixed command on the host over the master and returns what it printed. OpenSSH hands
     * the words to the host's shell joined by spaces, so callers pass constants only, never data.
     */
    run(words, timeoutMs = 30_000) {
        this.assertOpen();
        return runSsh(this.sshBinary, ['-F', this.configPath, ...(this.port ? ['-p', this.port] : []), '--', this.destination, ...words], { timeoutMs, stdout: true });
    }
    /**
     * Forwards a unix socket of the host (an absolute path) to a socket in this session's private
     * folder (0700, so no other user of the runner can use it), through the master. Undefined when
     * the master refuses the forward; the lost connection when the master went with the link.
     * Connections may still be refused by the host's sshd (AllowStreamLocalForwarding no):
     * callers check the first one.
     */
    async forwardSocket(remotePath, name) {
        if (!/^\/[\w./-]+$/.test(remotePath) || remotePath.includes('..') || !/^[\w-]+$/.test(name)) {
            throw new Error(`Socket '${remotePath}' must be an absolute plain path, and '${name}' a plain name`);
        }
        const spec = `${external_node_path_default().join(this.dir, `${name}.sock`)}:${remotePath}`;
        const result = await this.forward(spec);
        if (result.code !== 0) {
            core/* debug */.Yz(`Forwarding ${remotePath} on ${this.display}: ${result.stderr.trim()}`);
            return undefined;
        }
        return {
            path: external_node_path_default().join(this.dir, `${name}.sock`),
            close: async () => {
                await this.control('cancel', '-L', spec).catch(() => undefined);
            },
        };
    }
    /**
     * Asks the master for a local forward (`-O forward -L spec`). A master that died with the link
     * refuses every forward: that is thrown as the lost connection it is, so no caller blames the
     * host's sshd settings for it. Any other refusal is returned.
     */
    async forward(spec) {
        const result = await this.control('forward', '-L', spec);
        if (result.code !== 0) {
            const lost = await this.diagnose();
            if (lost)
                throw lost;
        }
        return result;
    }
    /** Sends a control command (`-O forward`, `-O cancel`, `-O check`) to the master. */
    control(operation, ...options) {
        this.assertOpen();
        return runSsh(this.sshBinary, [
            '-F',
            this.configPath,
            ...(this.port ? ['-p', this.port] : []),
            '-O',
            operation,
            ...options,
            '--',
            this.destination,
        ]);
    }
    /**
     * After a command over this connection failed: was it the connection? The master lives for
     * the whole step, so a master that answers means the link is fine and the failure is the
     * command's. A master that is gone means the link dropped; a fresh connection then tells, by
     * OpenSSH's exit 255 and its own words, whether the host key or the key was refused.
     */
    async diagnose() {
        if (this.closed)
            return undefined;
        const port = this.port ? ['-p', this.port] : [];
        const check = await runSsh(this.sshBinary, ['-F', this.configPath, '-O', 'check', ...port, this.destination], {
            timeoutMs: 5_000,
        });
        if (check.code === 0)
            return undefined;
        const probe = await runSsh(this.sshBinary, ['-F', this.configPath, ...port, this.destination, '--', 'true'], {
            timeoutMs: 20_000,
        });
        const said = probe.stderr.trim().split('\n').filter(Boolean).at(-1) ?? '';
        const failure = probe.code === 255 ? (0,ssh_error/* sshFailureOf */.S)(probe.stderr) : 'lost';
        if (failure !== 'lost')
            return new ssh_error/* SshError */.D(failure, this.display, said);
        return new ssh_error/* SshError */.D('lost', this.display, probe.code === 0 ? 'the connection dropped and came back' : said || `ssh exit ${probe.code}`);
    }
    /** Ends the master (and every forward on it) and removes the key. Idempotent. */
    close() {
        this.closed ??= (async () => {
            await runSsh(this.sshBinary, [
                '-F',
                this.configPath,
                ...(this.port ? ['-p', this.port] : []),
                '-O',
                'exit',
                '--',
                this.destination,
            ]);
            await (0,promises_.rm)(this.dir, { recursive: true, force: true });
        })();
        return this.closed;
    }
    async [Symbol.asyncDispose]() {
        await this.close();
    }
    assertOpen() {
        if (this.closed)
            throw new Error(`The SSH connection to ${this.display} is closed`);
    }
}
function parseSshHost(host) {
    let url;
    try {
        url = new URL(host.trim());
    }
    catch {
        throw new errors/* UserError */.yo(`Host '${host}' must be ssh://user@host[:port]`);
    }
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (url.protocol !== 'ssh:' || !hostname || url.pathname || url.search || url.hash || url.password) {
        throw new errors/* UserError */.yo(`Host '${host}' must be ssh://user@host[:port]`);
    }
    // Names that ssh could read as options, or a shell as words, never reach its argv.
    if (!/^[\w.:-]+$/.test(hostname) || hostname.startsWith('-') || (url.username && !/^[\w.-]+$/.test(url.username))) {
        throw new errors/* UserError */.yo(`Host '${host}' has characters a host or user name cannot have`);
    }
    const destination = url.username ? `${url.username}@${hostname}` : hostname;
    return { display: `ssh://${destination}${url.port ? `:${url.port}` : ''}`, destination, port: url.port || undefined };
}
/** Why the master did not start, from OpenSSH's own words; anything but a refusal is a host not reached. */
function connectionError(display, log) {
    const text = log.trim();
    const failure = (0,ssh_error/* sshFailureOf */.S)(text);
    if (failure !== 'lost')
        return new ssh_error/* SshError */.D(failure, display, text.split('\n')[0] ?? '');
    return new ssh_error/* SshError */.D('lost', display, `could not connect (${text || 'no answer'}); check that the host is up and that the runner can reach its SSH port`);
}
/** The wrapper and config name paths unquoted, so the folder must be a plain path. */
function plainTempDir(preferred) {
    for (const candidate of [preferred, process.env.RUNNER_TEMP, external_node_os_default().tmpdir(), '/tmp']) {
        if (candidate && /^[\w./-]+$/.test(candidate) && candidate.length <= 60)
            return candidate;
    }
    throw new errors/* UserError */.yo('No temporary folder with a short plain path for the SSH key: set RUNNER_TEMP to one');
}
function findSsh(searchPath) {
    for (const dir of searchPath ?? [...(process.env.PATH ?? '').split((external_node_path_default()).delimiter), '/usr/bin', '/bin']) {
        if (!dir || !/^[\w./-]+$/.test(dir))
            continue;
        const candidate = external_node_path_default().join(dir, 'ssh');
        try {
            (0,external_node_fs_.accessSync)(candidate, external_node_fs_.constants.X_OK);
            return candidate;
        }
        catch {
            // Not in this folder.
        }
    }
    throw new errors/* UserError */.yo('No ssh client on this runner: install openssh-client to reach an ssh:// host');
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/host.ts




/** How a host is named in messages before (and without) connecting to it. */
function hostDisplay(host) {
    const given = host?.trim();
    if (given)
        return given;
    return process.env.DOCKER_HOST ? `the Docker engine at ${process.env.DOCKER_HOST}` : 'the local Docker engine';
}
/**
 * Connects the docker CLI to a host. For ssh:// with a key or known-hosts, one SshSession (an
 * OpenSSH ControlMaster pinning the host key) carries every docker call, through the `ssh`
 * wrapper it puts first on PATH, and every tunnel to the host's loopback or Docker network: the
 * runner needs nothing of the host but SSH.
 */
async function connectDockerHost(options) {
    const host = options.host?.trim() || undefined;
    const binary = options.binary ?? 'docker';
    if (!host) {
        return {
            docker: new DockerClient({ binary }),
            address: '127.0.0.1',
            display: hostDisplay(undefined),
            isSsh: false,
            close: async () => { },
        };
    }
    if (host.startsWith('unix://')) {
        return {
            docker: new DockerClient({ binary, env: { DOCKER_HOST: host } }),
            address: '127.0.0.1',
            display: host,
            isSsh: false,
            close: async () => { },
        };
    }
    const url = new URL(host);
    if (url.protocol === 'tcp:') {
        throw new errors/* UserError */.yo(`Docker host '${host}' is refused: tcp:// would send the release's secrets over the network in clear and ` +
            'expose the Docker API, which is root on the host. Use ssh://user@host (with ssh-key and known-hosts).');
    }
    if (url.protocol !== 'ssh:')
        throw new errors/* UserError */.yo(`Docker host '${host}' must start with unix:// or ssh://`);
    return connectSsh(host, url, binary, options);
}
async function connectSsh(host, url, binary, options) {
    if (!options.sshKey && !options.knownHosts) {
        // No key given: the runner's own ssh setup (agent, ~/.ssh) applies, as docker would use it.
        return {
            docker: new DockerClient({ binary, env: { DOCKER_HOST: host } }),
            address: url.hostname,
            display: host,
            isSsh: true,
            close: async () => { },
        };
    }
    // One connection carries every docker call and tunnel; a refusal is the SshError it names.
    const session = await SshSession.open({
        host,
        sshKey: options.sshKey,
        knownHosts: options.knownHosts,
        tempDir: options.tempDir,
    });
    const docker = new DockerClient({ binary, connection: new SessionEngine(session, await forwardedEngine(session)) });
    return {
        docker,
        address: url.hostname.replace(/^\[|\]$/g, ''),
        display: host,
        isSsh: true,
        session,
        close: () => session.close(),
    };
}
/**
 * The host's engine socket forwarded through the session into its private folder. A docker
 * call then starts one local process (about 30 ms) instead of ssh plus `docker system
 * dial-stdio` on the host (about 250 ms each, measured on the fleet bench's hosts), and a
 * release makes dozens. Where the host's engine is not on a unix socket, or its sshd will not
 * forward one, the CLI dials over ssh as before.
 */
async function forwardedEngine(session) {
    // The endpoint the host's own docker CLI uses: its DOCKER_HOST, its context or the default.
    const asked = await session.run(['docker', 'context', 'inspect', '--format', "'{{.Endpoints.docker.Host}}'"]);
    const remote = asked.code === 0 ? unixEndpointPath(asked.stdout) : undefined;
    if (!remote) {
        core/* debug */.Yz(`${session.display}: no unix socket engine endpoint (${asked.stderr.trim() || asked.stdout.trim()}); docker dials over ssh`);
        return undefined;
    }
    const local = await session.forwardSocket(remote, 'docker');
    if (local && (await pingEngineSocket(local.path)))
        return local.path;
    await local?.close();
    core/* debug */.Yz(`${session.display}: ${remote} could not be forwarded (AllowStreamLocalForwarding?); docker dials over ssh`);
    return undefined;
}
/**
 * The docker CLI's way to the host over the session: the forwarded engine socket while the SSH
 * link holds. Once a call finds the link lost, later calls dial over ssh, whose ControlMaster
 * auto connects again, as every call did before the forward, so a dropped link still lets the
 * release switch hosts back and release their locks.
 */
class SessionEngine {
    session;
    socket;
    constructor(session, socket) {
        this.session = session;
        this.socket = socket;
    }
    env() {
        const env = this.session.dockerEnv();
        return this.socket ? { ...env, DOCKER_HOST: `unix://${this.socket}` } : env;
    }
    async diagnose() {
        const lost = await this.session.diagnose();
        if (lost && this.socket) {
            core/* debug */.Yz(`${this.session.display}: the forwarded engine socket went with the SSH link; docker dials over ssh`);
            this.socket = undefined;
        }
        return lost;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/docker/engine-api.ts



/** A path segment: whatever an ID, name or reference holds, it stays one segment of this path. */
function segment(value) {
    return encodeURIComponent(value);
}
/**
 * Asks the engine behind `socket`; a failure is Docker's, named with what it answered, or the
 * connection's own error when the link under a forwarded socket is what failed.
 */
async function engineCall(docker, socket, ask) {
    core/* debug */.Yz(`Engine API: ${ask.method} ${ask.path}`);
    try {
        return await askEngine(socket, ask);
    }
    catch (error) {
        const lost = await docker.connectionLost();
        if (lost)
            throw lost;
        throw new errors/* PlatformError */.Wk('Docker', `The Docker engine did not answer ${ask.method} ${ask.path} (${error.message}): check that dockerd runs on the host`, { cause: error });
    }
}
/** The engine's refusal of a request, with its own message. */
function engineRefused(ask, answer) {
    return new errors/* PlatformError */.Wk('Docker', `The Docker engine answered ${answer.status} to ${ask.method} ${ask.path}: ${engineMessage(answer.body)}`.trimEnd());
}
/** GET `path` as JSON; a 404 is undefined where `missing` says so. */
async function engineJson(docker, socket, path, options = {}) {
    const answer = await engineCall(docker, socket, { method: 'GET', path });
    if (answer.status === 404 && options.missing === 'undefined')
        return undefined;
    if (answer.status < 200 || answer.status > 299)
        throw engineRefused({ method: 'GET', path }, answer);
    try {
        return JSON.parse(answer.body);
    }
    catch {
        throw unexpectedAnswer(path, 'JSON');
    }
}
/** The engine's own words in an error answer (`{"message": …}`), or the start of whatever came. */
function engineMessage(body) {
    try {
        const message = JSON.parse(body).message;
        if (typeof message === 'string')
            return message.slice(0, 500);
    }
    catch {
        // Not the engine's JSON error: show its start.
    }
    return body.slice(0, 200);
}
function unexpectedAnswer(what, expected) {
    return new errors/* PlatformError */.Wk('Docker', `The Docker engine's answer to ${what} is not ${expected}: check the engine's version`);
}
/** The container ID in the engine's answer to a create. */
function createdId(body) {
    try {
        const id = JSON.parse(body)?.Id;
        return typeof id === 'string' && /^[0-9a-f]{64}$/.test(id) ? id : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/docker/engine-reads.ts

/*
 * Reads of the engine's state. Where the engine is a unix socket Paved can reach (DOCKER_HOST
 * unix://, or the host's socket forwarded over SSH) they ask the Engine API on it: a release
 * makes a dozen reads per host, and each CLI is a process of its own (about 30 ms, and CPU a
 * fleet's hosts contend for), where a request is a few milliseconds. Elsewhere the CLI answers,
 * printing the same JSON, since `docker inspect` prints what the API returns.
 */
/** IDs of every container (running or not) carrying all of `labels` (`key=value`). */
async function containerIds(docker, labels) {
    const socket = docker.engineSocket;
    if (!socket) {
        const text = await docker.text([
            'ps',
            '--all',
            '--quiet',
            '--no-trunc',
            ...labels.flatMap((l) => ['--filter', `label=${l}`]),
        ]);
        return text.split('\n').filter(Boolean);
    }
    const filters = encodeURIComponent(JSON.stringify({ label: labels }));
    const listed = await engineJson(docker, socket, `/containers/json?all=1&filters=${filters}`);
    if (!Array.isArray(listed))
        throw unexpectedAnswer('/containers/json', 'a list');
    return listed.map((c) => c.Id).filter((id) => typeof id === 'string');
}
/** The containers among `ids` (IDs or names) that exist; one removed in between is left out. */
async function inspectContainers(docker, ids) {
    if (ids.length === 0)
        return [];
    const socket = docker.engineSocket;
    if (!socket) {
        // A container removed between ps and inspect makes inspect exit 1 but still print the rest.
        const result = await docker.run(['inspect', '--type', 'container', '--', ...ids], { allowFailure: true });
        const text = result.stdout.trim();
        if (!text.startsWith('[')) {
            if (result.code !== 0 && !/No such (container|object)/i.test(result.stderr)) {
                throw await docker.failure(['inspect'], result);
            }
            return [];
        }
        return JSON.parse(text).map((c) => asContainer(c, 'docker inspect'));
    }
    const found = await Promise.all(ids.map((id) => engineJson(docker, socket, `/containers/${segment(id)}/json`, { missing: 'undefined' })));
    return found.filter((c) => c !== undefined).map((c) => asContainer(c, '/containers/{id}/json'));
}
async function inspectContainer(docker, id) {
    return (await inspectContainers(docker, [id]))[0];
}
/** An image by ID or reference, if the engine has it. */
async function inspectImage(docker, ref) {
    const socket = docker.engineSocket;
    if (!socket) {
        const result = await docker.run(['image', 'inspect', '--', ref], { allowFailure: true });
        if (result.code !== 0)
            return undefined;
        return asImage(JSON.parse(result.stdout)[0], 'docker image inspect');
    }
    const found = await engineJson(docker, socket, `/images/${ref.split('/').map(segment).join('/')}/json`, {
        missing: 'undefined',
    });
    return found === undefined ? undefined : asImage(found, '/images/{name}/json');
}
/** A network by name, if the engine has it. */
async function inspectNetwork(docker, name) {
    const socket = docker.engineSocket;
    let found;
    if (!socket) {
        const result = await docker.run(['network', 'inspect', '--', name], { allowFailure: true });
        if (result.code !== 0)
            return undefined;
        found = JSON.parse(result.stdout)[0];
    }
    else {
        found = await engineJson(docker, socket, `/networks/${segment(name)}`, { missing: 'undefined' });
        if (found === undefined)
            return undefined;
    }
    const network = found;
    if (typeof network?.Name !== 'string' || typeof network.Driver !== 'string') {
        throw unexpectedAnswer('/networks/{name}', 'a network');
    }
    // A name the engine matched by ID prefix is another network.
    return network.Name === name ? { Name: network.Name, Driver: network.Driver } : undefined;
}
/** System facts of the engine's host (`docker info`). */
async function engineInfo(docker) {
    const socket = docker.engineSocket;
    const info = socket
        ? await engineJson(docker, socket, '/info')
        : JSON.parse(await docker.text(['info', '--format', '{{json .}}']));
    if (!info || typeof info !== 'object')
        throw unexpectedAnswer('/info', 'an object');
    const kernel = info.KernelVersion;
    return { KernelVersion: typeof kernel === 'string' ? kernel : undefined };
}
function asContainer(value, from) {
    const c = value;
    if (typeof c?.Id !== 'string' ||
        typeof c.Name !== 'string' ||
        typeof c.State !== 'object' ||
        c.State === null ||
        typeof c.Config !== 'object' ||
        c.Config === null) {
        throw unexpectedAnswer(from, 'a container');
    }
    return c;
}
function asImage(value, from) {
    const image = value;
    if (typeof image?.Id !== 'string')
        throw unexpectedAnswer(from, 'an image');
    return image;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./packages/core/src/proxy/caddy-config.ts

/** Where the admin socket is inside the container; the spec's adminDir is mounted there. */
const ADMIN_DIR_IN_CONTAINER = '/run/paved-admin';
const ADMIN_SOCKET_NAME = 'admin.sock';
/**
 * The Host header the admin API accepts. Caddy checks it against `origins` (DNS-rebinding
 * protection); a tunnel's local port changes every time, so a fixed name is sent instead.
 */
const ADMIN_HOST = 'paved-proxy-admin';
/** The boot configuration's path inside the container. */
const BOOT_CONFIG_PATH = '/etc/caddy/paved.json';
/**
 * Caddy's JSON configuration for a managed proxy: the admin API on a unix socket only (not on
 * any TCP port, so neither the network nor releases on the shared Docker network reach it),
 * one server with one reverse_proxy handler Paved switches by `@id`, and TLS as the spec says.
 * `persist` keeps the last switch in /config, which `caddy run --resume` loads after a restart.
 */
function caddyBootConfig(spec, upstreams) {
    const handler = { '@id': spec.route, handler: 'reverse_proxy', upstreams: upstreams.map((dial) => ({ dial })) };
    const route = spec.hostname
        ? { match: [{ host: [spec.hostname] }], handle: [handler], terminal: true }
        : { handle: [handler] };
    const tls = spec.tls !== 'off';
    return {
        admin: {
            listen: `unix/${ADMIN_DIR_IN_CONTAINER}/${ADMIN_SOCKET_NAME}`,
            origins: [ADMIN_HOST],
            config: { persist: true },
        },
        apps: {
            http: {
                // Ports inside the container; the host's come from the spec's publish.
                http_port: 80,
                https_port: 443,
                servers: {
                    paved: {
                        listen: [tls ? ':443' : ':80'],
                        routes: [route],
                        ...(tls ? {} : { automatic_https: { disable: true } }),
                    },
                },
            },
            ...(spec.tls === 'internal'
                ? {
                    tls: { automation: { policies: [{ subjects: [spec.hostname], issuers: [{ module: 'internal' }] }] } },
                    // A container has no trust store to install Caddy's root into.
                    pki: { certificate_authorities: { local: { install_trust: false } } },
                }
                : {}),
        },
    };
}
/**
 * Everything about the proxy that needs a new container when it changes, except the image:
 * the boot configuration (without upstreams, which Paved changes live), how it is published,
 * and the kernel settings of its network namespace.
 */
function proxyFingerprint(spec, sysctls = []) {
    const shape = {
        config: caddyBootConfig(spec, []),
        ports: [spec.httpPort, spec.httpsPort],
        network: spec.network,
        adminDir: spec.adminDir,
        ...(sysctls.length > 0 ? { sysctls } : {}),
    };
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}

;// CONCATENATED MODULE: ./packages/core/src/proxy/caddy-admin.ts



/**
 * Caddy's admin API where the runner can reach it (the host's admin socket forwarded into the
 * SSH session's private folder). node:http rather than fetch: the Host header must be the fixed
 * name the proxy accepts, and fetch does not let it be set. No keep-alive: a forward may be
 * cancelled between calls.
 */
class CaddyAdmin {
    socketPath;
    display;
    constructor(
    /** The admin socket as the runner reaches it (forwarded over SSH). */
    socketPath, 
    /** Where the admin API is, for messages: "the proxy paved-proxy on ssh://…". */
    display) {
        this.socketPath = socketPath;
        this.display = display;
    }
    /** Whether the API answers at all (the proxy is up and listening on its socket). */
    async ready() {
        try {
            return (await this.call('GET', '/config/')).status === 200;
        }
        catch {
            return false;
        }
    }
    /** The dial addresses the route sends traffic to now. */
    async upstreams(route) {
        const answer = await this.expect('GET', `/id/${encodeURIComponent(route)}/upstreams`);
        const upstreams = JSON.parse(answer.body || 'null');
        return (upstreams ?? []).map((upstream) => upstream.dial ?? '').filter(Boolean);
    }
    /** Sends new requests to `dial` (e.g. a release container's name:port on the shared network). */
    async switchTo(route, dial) {
        if (!/^[\w.-]+:\d{1,5}$/.test(dial))
            throw new Error(`Upstream '${dial}' must be name:port`);
        await this.expect('PATCH', `/id/${encodeURIComponent(route)}/upstreams`, JSON.stringify([{ dial }]));
    }
    /** Sends new requests nowhere (the proxy answers 503), as before a first release. */
    async stopServing(route) {
        await this.expect('PATCH', `/id/${encodeURIComponent(route)}/upstreams`, '[]');
    }
    /**
     * Waits until the proxy has no request in flight to `dial` (Caddy's /reverse_proxy/upstreams
     * view), at most `timeoutMs`. Returns how many were still in flight when it stopped waiting.
     */
    async waitDrained(dial, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        for (let attempt = 0;; attempt++) {
            const answer = await this.expect('GET', '/reverse_proxy/upstreams');
            const hosts = JSON.parse(answer.body || 'null') ?? [];
            const inFlight = hosts.find((host) => host.address === dial)?.num_requests ?? 0;
            if (inFlight === 0 || Date.now() >= deadline || attempt > timeoutMs / 100)
                return inFlight;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }
    /** The PEM root certificate of Caddy's internal CA (what clients trust for `tls internal`). */
    async rootCertificate() {
        const answer = await this.expect('GET', '/pki/ca/local');
        const ca = JSON.parse(answer.body);
        if (!ca.root_certificate)
            throw new Error(`${this.display} has no internal CA root`);
        return ca.root_certificate;
    }
    async expect(method, path, body) {
        const answer = await this.call(method, path, body).catch((error) => {
            throw new errors/* UserError */.yo(`The admin API of ${this.display} did not answer (${error.message}): check that the proxy container runs`);
        });
        if (answer.status === 404) {
            throw new errors/* UserError */.yo(`${this.display} has no ${path.split('/')[1] === 'id' ? `handler for ${path}` : path}`);
        }
        if (answer.status < 200 || answer.status >= 300) {
            throw new errors/* UserError */.yo(`${this.display} refused ${method} ${path} (HTTP ${answer.status}): ${answer.body.slice(0, 200)}`);
        }
        return answer;
    }
    call(method, path, body) {
        return new Promise((resolve, reject) => {
            const req = (0,external_node_http_.request)({
                socketPath: this.socketPath,
                path,
                method,
                agent: false,
                timeout: 10_000,
                headers: {
                    host: ADMIN_HOST,
                    ...(body === undefined
                        ? {}
                        : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
                },
            }, (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
                res.on('error', reject);
            });
            req.once('timeout', () => req.destroy(new Error('no answer in 10 s')));
            req.once('error', reject);
            req.end(body);
        });
    }
}

;// CONCATENATED MODULE: ./packages/core/src/proxy/listener-handover.ts
/*
 * Caddy applies every admin API change as a config reload, and on Unix (since 2.6, still so in
 * 2.11: listen_unix.go) a reload binds a second SO_REUSEPORT listener on the port beside the old
 * one, then closes the old one. Linux resets the connections still waiting in a closed listener's
 * accept queue, and those mid-handshake on it, so every switch reset a few new connections.
 * net.ipv4.tcp_migrate_req (Linux 5.14+) makes the kernel hand them to the listener that stays
 * instead. It is a per-network-namespace setting: on the proxy's container it changes nothing
 * else of the host.
 */
/** The container setting that carries a reload's queued connections over to the new listener. */
const HANDOVER_SYSCTL = 'net.ipv4.tcp_migrate_req=1';
/** The sysctls the proxy container gets on a host with this kernel (`docker info` KernelVersion). */
function handoverSysctls(kernelVersion) {
    const match = /^(\d+)\.(\d+)/.exec(kernelVersion.trim());
    if (!match)
        return [];
    const [major, minor] = [Number(match[1]), Number(match[2])];
    return major > 5 || (major === 5 && minor >= 14) ? [HANDOVER_SYSCTL] : [];
}

;// CONCATENATED MODULE: ./packages/core/src/proxy/managed-proxy.ts









/**
 * The admin socket forwarded through the host's SSH connection to a socket in the session's
 * private folder: unlike a port on the runner's loopback, no other user of a shared runner can
 * reach the API that rewrites the site while the forward is open.
 */
function adminOverSsh(session) {
    let opened = 0;
    return {
        open: async (socket) => {
            // A fresh name per forward: calls may overlap, and a cancelled forward may leave its file.
            const forwarded = await session.forwardSocket(socket, `admin-${++opened}`);
            if (!forwarded) {
                throw new errors/* UserError */.yo(`Could not forward the proxy's admin socket ${socket} through the SSH connection to ${session.display}: ` +
                    'check that sshd on the host allows it (AllowStreamLocalForwarding).');
            }
            return { socketPath: forwarded.path, close: () => forwarded.close() };
        },
    };
}
const PROXY_LABELS = {
    role: 'org.paved.role',
    image: 'org.paved.proxy.image',
    fingerprint: 'org.paved.proxy.fingerprint',
};
/**
 * Makes the host run the proxy the spec describes, the way Kamal boots kamal-proxy: the same
 * call on every deploy, idempotent. A missing proxy is created; a stopped one started; one from
 * another image or configuration is replaced (the new image pulled first, the upstream it had
 * carried over, its certificates kept in the data volume). Replacing stops the old container
 * before the new one binds the public ports, so it costs a second of refused connections.
 */
async function ensureManagedProxy(docker, spec, reach, options = {}) {
    const display = `the proxy ${spec.name}${options.hostDisplay ? ` on ${options.hostDisplay}` : ''}`;
    const adminSocket = `${spec.adminDir}/${ADMIN_SOCKET_NAME}`;
    const withAdmin = async (use) => {
        const way = await reach.open(adminSocket);
        try {
            return await use(new CaddyAdmin(way.socketPath, display));
        }
        finally {
            await way.close();
        }
    };
    const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
    const result = (containerId, boot) => ({
        spec,
        containerId,
        boot,
        adminSocket,
        withAdmin,
    });
    // Independent questions to the engine, asked at once: each is a round trip over SSH.
    const [, existing, kernel] = await Promise.all([
        ensureNetwork(docker, spec.network),
        inspectContainer(docker, spec.name),
        engineInfo(docker),
    ]);
    const sysctls = handoverSysctls(kernel.KernelVersion ?? '');
    const fingerprint = proxyFingerprint(spec, sysctls);
    if (existing && existing.Config.Labels?.[PROXY_LABELS.role] !== 'proxy') {
        throw new errors/* UserError */.yo(`A container named ${spec.name} runs on ${options.hostDisplay ?? 'the host'} and Paved did not create it: ` +
            'remove it, or set proxy.name to another name (or use an existing proxy with proxy-url)');
    }
    const labels = existing?.Config.Labels ?? {};
    if (existing && labels[PROXY_LABELS.image] === spec.image && labels[PROXY_LABELS.fingerprint] === fingerprint) {
        if (existing.State.Running) {
            await waitReady(docker, spec.name, withAdmin, display, readyTimeoutMs);
            return result(existing.Id, 'unchanged');
        }
        await docker.run(['start', spec.name]);
        await waitReady(docker, spec.name, withAdmin, display, readyTimeoutMs);
        return result(existing.Id, 'started');
    }
    // The new image comes first: a pull that fails leaves the running proxy alone.
    await docker.run(['pull', '--quiet', spec.image]);
    let upstreams = [];
    if (existing?.State.Running) {
        upstreams = await withAdmin((admin) => admin.upstreams(spec.route)).catch((error) => {
            core/* warning */.$e(`Could not read the upstream of ${display} before replacing it (${error.message}); it starts with none`);
            return [];
        });
    }
    const oldConfigVolume = existing?.Mounts?.find((m) => m.Type === 'volume' && m.Destination === '/config')?.Name;
    if (existing) {
        await docker.run(['stop', '--time', '10', spec.name], { allowFailure: true });
        await docker.run(['rm', '--force', spec.name]);
    }
    if (sysctls.length === 0) {
        core/* warning */.$e(`${options.hostDisplay ?? 'The host'} runs Linux ${kernel.KernelVersion?.trim() || '(version unknown)'}, older than 5.14: each proxy ` +
            'switch may reset a few connections the proxy has just accepted (Caddy reloads its listener). ' +
            'Upgrade the kernel to 5.14 or later to switch without resets.');
    }
    const containerId = await create(docker, spec, fingerprint, sysctls, upstreams, options.tempDir);
    await docker.run(['start', spec.name]);
    await waitReady(docker, spec.name, withAdmin, display, readyTimeoutMs);
    const configVolume = configVolumeName(spec, fingerprint);
    if (oldConfigVolume && oldConfigVolume !== configVolume) {
        await docker.run(['volume', 'rm', oldConfigVolume], { allowFailure: true });
    }
    core/* info */.pq(`${existing ? 'Upgraded' : 'Started'} ${display} from ${spec.image}`);
    return result(containerId, existing ? 'upgraded' : 'created');
}
/*
 * /config holds Caddy's autosave, which --resume prefers over the boot file: a new volume per
 * configuration fingerprint makes a changed configuration start from its boot file, while an
 * image upgrade with the same configuration resumes from the last switch.
 */
function configVolumeName(spec, fingerprint) {
    return `${spec.name}-config-${fingerprint}`;
}
async function create(docker, spec, fingerprint, sysctls, upstreams, tempDir) {
    const publish = spec.tls === 'off'
        ? ['--publish', `${spec.httpPort}:80`]
        : ['--publish', `${spec.httpPort}:80`, '--publish', `${spec.httpsPort}:443`];
    const id = await docker.text([
        'create',
        '--name',
        spec.name,
        '--network',
        spec.network,
        '--restart',
        'unless-stopped',
        '--label',
        `${PROXY_LABELS.role}=proxy`,
        '--label',
        `${PROXY_LABELS.image}=${spec.image}`,
        '--label',
        `${PROXY_LABELS.fingerprint}=${fingerprint}`,
        ...publish,
        ...sysctls.flatMap((setting) => ['--sysctl', setting]),
        '--volume',
        `${spec.name}-data:/data`,
        '--volume',
        `${configVolumeName(spec, fingerprint)}:/config`,
        '--volume',
        `${spec.adminDir}:${ADMIN_DIR_IN_CONTAINER}`,
        '--log-opt',
        'max-size=10m',
        spec.image,
        'caddy',
        'run',
        '--config',
        BOOT_CONFIG_PATH,
        '--resume',
    ]);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(tempDir ?? process.env.RUNNER_TEMP ?? external_node_os_default().tmpdir(), 'paved-proxy-'));
    try {
        const file = external_node_path_default().join(dir, 'paved.json');
        await (0,promises_.writeFile)(file, JSON.stringify(caddyBootConfig(spec, upstreams), null, 2));
        await docker.run(['cp', file, `${spec.name}:${BOOT_CONFIG_PATH}`]);
    }
    catch (error) {
        await docker.run(['rm', '--force', spec.name], { allowFailure: true });
        throw error;
    }
    finally {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
    return id;
}
async function ensureNetwork(docker, network) {
    const found = await inspectNetwork(docker, network);
    if (found) {
        if (found.Driver !== 'bridge') {
            throw new errors/* UserError */.yo(`The Docker network ${network} has driver ${found.Driver}; proxy.network must be a bridge`);
        }
        return;
    }
    const created = await docker.run(['network', 'create', '--driver', 'bridge', '--label', 'org.paved.role=network', network], {
        allowFailure: true,
    });
    // Another deploy may have created it in between; that one is as good.
    if (created.code !== 0 && !/already exists/i.test(created.stderr)) {
        throw new errors/* UserError */.yo(`Could not create the Docker network ${network}: ${lastLines(created.stderr, 4)}`);
    }
}
/** Bounded: the container must stay up and its admin API answer within `timeoutMs`. */
async function waitReady(docker, name, withAdmin, display, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    await withAdmin(async (admin) => {
        for (let attempt = 0; attempt < Math.ceil(timeoutMs / 200) + 1; attempt++) {
            if (await admin.ready())
                return;
            const state = await inspectContainer(docker, name);
            if (!state?.State.Running) {
                const logs = await docker.run(['logs', '--tail', '15', name], { allowFailure: true });
                throw new errors/* UserError */.yo(`${display} stopped right after starting (${state?.State.Status ?? 'gone'}, exit code ${state?.State.ExitCode ?? '?'}):\n` +
                    lastLines(`${logs.stdout}${logs.stderr}`, 15));
            }
            if (Date.now() >= deadline)
                break;
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        throw new errors/* UserError */.yo(`${display} runs but its admin API did not answer within ${Math.round(timeoutMs / 1000)} s`);
    });
}

// EXTERNAL MODULE: ./packages/core/src/targets/naming.ts
var naming = __webpack_require__(10442);
;// CONCATENATED MODULE: ./packages/core/src/targets/docker/containers.ts



/** Every release container of a service in an environment, newest first. */
async function listReleases(docker, service, environment) {
    const ids = await containerIds(docker, [
        `${naming/* PAVED_LABELS */.fN.service}=${service}`,
        `${naming/* PAVED_LABELS */.fN.environment}=${environment}`,
    ]);
    if (ids.length === 0)
        return [];
    const inspected = await inspectContainers(docker, ids);
    return inspected
        .filter((c) => !c.Config.Labels?.[naming/* PAVED_LABELS */.fN.role])
        .map(toRelease)
        .sort((a, b) => b.created.getTime() - a.created.getTime());
}
async function inspectRelease(docker, id) {
    const container = await inspectContainer(docker, id);
    return container ? toRelease(container) : undefined;
}
function toRelease(c) {
    const labels = c.Config.Labels ?? {};
    const number = (value) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
    const running = c.State.Running && !c.State.Restarting && c.RestartCount === 0;
    const undo = labels[naming/* PAVED_LABELS */.fN.migrateRollback];
    return {
        id: c.Id,
        name: c.Name.replace(/^\//, ''),
        image: labels[naming/* PAVED_LABELS */.fN.image] ?? c.Config.Image,
        digest: labels[naming/* PAVED_LABELS */.fN.digest],
        deploymentId: number(labels[naming/* PAVED_LABELS */.fN.deploymentId]),
        version: labels[naming/* PAVED_LABELS */.fN.version],
        sha: labels[naming/* PAVED_LABELS */.fN.sha],
        port: number(labels[naming/* PAVED_LABELS */.fN.port]),
        migrateRollback: undo ? splitCommand(undo, 'the migrate-rollback label') : undefined,
        running,
        state: describeState(c),
        created: new Date(c.Created),
        status: c.State.Status,
        exitCode: c.State.ExitCode,
        restartCount: c.RestartCount,
        health: c.State.Health?.Status,
        imageId: c.Image,
        volumes: (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => `${m.Name}:${m.Destination}`),
    };
}
function describeState(c) {
    if (c.State.Restarting || c.RestartCount > 0) {
        return `restarting (restarted ${c.RestartCount} time${c.RestartCount === 1 ? '' : 's'}, last exit code ${c.State.ExitCode})`;
    }
    if (c.State.Running)
        return c.State.Health ? `running (${c.State.Health.Status})` : 'running';
    if (c.State.Status === 'exited')
        return `exited with code ${c.State.ExitCode}`;
    return c.State.Status;
}
/** The manifest digests docker knows for an image ID (`RepoDigests`), as `sha256:…`. */
async function repoDigests(docker, imageId) {
    const digests = (await inspectImage(docker, imageId))?.RepoDigests;
    return (digests ?? []).map((ref) => ref.slice(ref.lastIndexOf('@') + 1));
}
/** Host ports claimed by any Paved container on the host, running or retained. */
async function claimedPorts(docker) {
    const text = await docker.text([
        'ps',
        '--all',
        '--filter',
        `label=${naming/* PAVED_LABELS */.fN.port}`,
        '--format',
        `{{.Label "${naming/* PAVED_LABELS */.fN.port}"}}`,
    ]);
    return new Set(text
        .split('\n')
        .filter((line) => /^\d+$/.test(line.trim()))
        .map(Number));
}
/** The last lines a container printed, stdout and stderr together. */
async function containerLogs(docker, id, lines = 20) {
    const result = await docker.run(['logs', '--tail', String(lines), id], { allowFailure: true });
    return `${result.stdout}${result.stderr}`.trimEnd();
}
/** What a release container tells the rest of Paved: its facts, none of the engine's internals. */
function publicView(container) {
    return {
        name: container.name,
        image: container.image,
        digest: container.digest,
        deploymentId: container.deploymentId,
        version: container.version,
        sha: container.sha,
        running: container.running,
        state: container.state,
        port: container.port,
        migrateRollback: container.migrateRollback,
    };
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/image.ts




/**
 * Makes the pinned image present on the host. A reference pinned by digest cannot change, so
 * an image already there is not pulled again (a redeploy or rollback starts at once).
 */
async function ensureImage(docker, image, where) {
    image = pinnedRef(image);
    const present = await imageFacts(docker, image);
    if (present)
        return present;
    const pulled = await docker.run(['pull', '--quiet', '--', pinnedRef(image)], { allowFailure: true });
    if (pulled.code !== 0)
        throw pullError(image, where, `${pulled.stderr}\n${pulled.stdout}`);
    const facts = await imageFacts(docker, image);
    if (!facts)
        throw new targets_target/* ReleaseError */.K2(`${where} pulled ${image} but cannot inspect it`, 'pull');
    return facts;
}
/**
 * `name@sha256:…` without the tag: docker pulls `name:tag@digest` by digest but then cannot
 * find it under that reference, so every docker command gets the tag-less form.
 */
/** A reference pinned by digest that no argument parser can read as an option. */
const PINNED = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;
/**
 * `repository@sha256:…` for a reference already pinned by digest; anything else (an option-shaped
 * value from a record, a tag alone) is refused before it reaches an argument list.
 */
function pinnedRef(image) {
    const ref = `${(0,naming/* repositoryOf */._M)(image)}@${(0,naming/* digestOf */.ol)(image)}`;
    if (!PINNED.test(image) || !PINNED.test(ref)) {
        throw new errors/* UserError */.yo(`'${image.slice(0, 100)}' is not an image reference pinned by digest (name@sha256:<64 hex>); refusing to use it.`);
    }
    return ref;
}
async function imageFacts(docker, image) {
    const found = await inspectImage(docker, image);
    if (!found)
        return undefined;
    // Newer engines omit Healthcheck when unset.
    const test = found.Config?.Healthcheck?.Test ?? [];
    return { id: found.Id, hasHealthcheck: test.length > 0 && test[0] !== 'NONE' };
}
/** One sentence for each way a pull fails, and what to do about it. */
function pullError(image, where, output) {
    const tail = lastLines(output.trim(), 3);
    const registry = image.split('/')[0] ?? image;
    let message;
    let kind = 'user';
    if (/manifest unknown|not found|does not exist|repository .* not found/i.test(output)) {
        message = `Image ${image} is not in the registry: push it first (use build-image's ref output), or fix the digest`;
    }
    else if (/unauthorized|denied|authentication required/i.test(output)) {
        message = `The registry refused ${where} access to ${image}: log the host in (docker login ${registry})`;
    }
    else if (/connection refused|no such host|i\/o timeout|dial tcp|TLS handshake|server gave HTTP response/i.test(output)) {
        message = `The registry ${registry} is unreachable from ${where}: check that it is up and that the host can reach it`;
        kind = 'platform';
    }
    else {
        message = `${where} could not pull ${image}`;
        kind = 'platform';
    }
    return new targets_target/* ReleaseError */.K2(`${message}. Nothing was changed.\n${tail}`, 'pull', { kind });
}

;// CONCATENATED MODULE: ./packages/core/src/docker/run.ts




/**
 * Starts the container `spec` describes and returns its ID. Where the engine is a unix socket
 * Paved reaches, this is two Engine API requests (create, start) carrying the environment in the
 * request body; elsewhere the docker CLI, reading it from a 0600 env file. Either way the values
 * are never on a command line. A failure may leave the container created: the caller removes it
 * by name.
 */
async function runContainer(docker, spec, tempDir) {
    const socket = docker.engineSocket;
    if (!socket) {
        return withEnvFile(spec.env, tempDir, async (envFile) => {
            return (await docker.text(['run', ...runArgs(spec, envFile)])).split('\n').pop() ?? '';
        });
    }
    const create = {
        method: 'POST',
        path: `/containers/create?name=${segment(spec.name)}`,
        body: createBody(spec),
    };
    const created = await engineCall(docker, socket, create);
    if (created.status !== 201)
        throw engineRefused(create, created);
    const id = createdId(created.body);
    if (!id)
        throw unexpectedAnswer('/containers/create', 'a created container ID');
    const start = { method: 'POST', path: `/containers/${segment(id)}/start` };
    const started = await engineCall(docker, socket, start);
    if (started.status !== 204 && started.status !== 304)
        throw engineRefused(start, started);
    return id;
}
/** The `docker run` arguments (after `run`) for `spec`, its environment read from `envFile`. */
function runArgs(spec, envFile) {
    const { placement } = spec;
    return [
        '--detach',
        '--name',
        spec.name,
        ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
        '--restart',
        spec.restart,
        ...(spec.memory ? ['--memory', spec.memory] : []),
        ...(spec.cpus ? ['--cpus', spec.cpus] : []),
        ...('network' in placement
            ? ['--network', placement.network]
            : [
                '--publish',
                `${placement.publish.bind ? `${placement.publish.bind}:` : ''}${placement.publish.hostPort}:${placement.publish.containerPort}`,
            ]),
        '--env-file',
        envFile,
        ...spec.volumes.flatMap((volume) => ['--volume', volume]),
        '--',
        spec.image,
    ];
}
/** The Engine API's ContainerCreateRequest that `docker run` sends for `spec`. */
function createBody(spec) {
    const { placement } = spec;
    const port = 'publish' in placement ? `${placement.publish.containerPort}/tcp` : undefined;
    return {
        Image: spec.image,
        Labels: spec.labels,
        Env: spec.env,
        ...(port ? { ExposedPorts: { [port]: {} } } : {}),
        HostConfig: {
            RestartPolicy: restartPolicy(spec.restart),
            ...(spec.memory ? { Memory: memoryBytes(spec.memory) } : {}),
            ...(spec.cpus ? { NanoCpus: nanoCpus(spec.cpus) } : {}),
            Binds: spec.volumes,
            // The named network's endpoint needs nothing more: the engine attaches the container
            // there, and its name resolves for every other container on it.
            ...('network' in placement
                ? { NetworkMode: placement.network }
                : {
                    PortBindings: {
                        [port]: [
                            { HostIp: placement.publish.bind ?? '', HostPort: String(placement.publish.hostPort) },
                        ],
                    },
                }),
        },
    };
}
/** `on-failure:3` → `{ Name: 'on-failure', MaximumRetryCount: 3 }`, as the CLI sends it. */
function restartPolicy(policy) {
    const [name, count] = policy.split(':');
    return count === undefined ? { Name: name } : { Name: name, MaximumRetryCount: Number(count) };
}
const UNITS = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** Docker's memory size (binary units, the CLI truncates a fraction of a byte) in bytes. */
function memoryBytes(size) {
    const match = /^(\d+(?:\.\d+)?)([bkmg])?$/i.exec(size);
    if (!match)
        throw new Error(`'${size}' is not a memory size`);
    return Math.trunc(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}
/** CPUs as the engine counts them: billionths of one. */
function nanoCpus(cpus) {
    return Math.round(Number(cpus) * 1e9);
}
/**
 * Hands the docker CLI an environment through `--env-file`: a 0600 file in a 0700 folder,
 * removed as soon as the CLI has read it. The CLI sends the values inside the API request, so
 * they are on no command line on either machine.
 */
async function withEnvFile(env, tempDir, use) {
    const dir = (0,external_node_fs_.mkdtempSync)(external_node_path_default().join(tempDir ?? external_node_os_default().tmpdir(), 'paved-env-'));
    const file = external_node_path_default().join(dir, 'release.env');
    try {
        (0,external_node_fs_.writeFileSync)(file, env.map((entry) => `${entry}\n`).join(''), { mode: 0o600 });
        return await use(file);
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/placement.ts

/** Where `runContainer` places a release listening on `containerPort` (host port `port`). */
function runPlacement(placement, port, containerPort) {
    if (placement.kind === 'network')
        return { network: placement.network };
    if (placement.kind === 'host')
        return { network: 'host' };
    return { publish: { bind: placement.bind, hostPort: port, containerPort } };
}
/** What the proxy dials for a release named `name`. */
function dialOf(placement, name, port) {
    return placement.kind === 'network' ? `${name}:${port}` : `127.0.0.1:${port}`;
}
/** Whether an engine has the default bridge; one started with --bridge=none does not. */
async function hasBridge(docker) {
    return (await inspectNetwork(docker, 'bridge')) !== undefined;
}
/** The container's address on `network`, as the host (and a tunnel through it) reaches it. */
async function addressOn(docker, id, network) {
    const container = await inspectContainer(docker, id);
    return container?.NetworkSettings?.Networks?.[network]?.IPAddress || undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/docker/engine-writes.ts

/** The `docker create` arguments (after `create`) that make the container `spec` describes. */
function engine_writes_idleContainerArgs(spec) {
    return [
        '--pull',
        'never',
        '--name',
        spec.name,
        ...Object.entries(spec.labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
        '--network',
        spec.network,
        '--',
        spec.image,
        ...spec.command,
    ];
}
/**
 * Creates a container, atomically by name: `conflict` when the name is taken, `noImage` when
 * the engine lacks the image. Anything else the engine says is an error.
 */
async function createIdleContainer(docker, spec) {
    const socket = docker.engineSocket;
    if (!socket) {
        const result = await docker.run(['create', ...engine_writes_idleContainerArgs(spec)], { allowFailure: true });
        if (result.code === 0)
            return { created: result.stdout.trim().split('\n').pop() ?? '' };
        if (/No such image/i.test(result.stderr))
            return { noImage: true };
        if (/Conflict|already in use/i.test(result.stderr))
            return { conflict: true };
        throw await docker.failure(['create'], result);
    }
    const ask = {
        method: 'POST',
        path: `/containers/create?name=${segment(spec.name)}`,
        body: {
            Image: spec.image,
            Cmd: spec.command,
            Labels: spec.labels,
            HostConfig: { NetworkMode: spec.network },
        },
    };
    const answer = await engineCall(docker, socket, ask);
    if (answer.status === 201) {
        const id = createdId(answer.body);
        if (id)
            return { created: id };
        throw unexpectedAnswer('/containers/create', 'a created container ID');
    }
    if (answer.status === 409)
        return { conflict: true };
    if (answer.status === 404)
        return { noImage: true };
    throw engineRefused(ask, answer);
}
/** Removes a container, running or not; resolves once it is gone, or was never there. */
async function forceRemoveContainer(docker, idOrName) {
    const socket = docker.engineSocket;
    if (!socket) {
        // Newer CLIs exit 0 for a container that is not there; older ones say so.
        const result = await docker.run(['rm', '--force', '--', idOrName], { allowFailure: true });
        if (result.code !== 0 && !/No such container/i.test(result.stderr))
            throw await docker.failure(['rm'], result);
        return;
    }
    const ask = { method: 'DELETE', path: `/containers/${segment(idOrName)}?force=1` };
    const answer = await engineCall(docker, socket, ask);
    if (answer.status !== 204 && answer.status !== 404)
        throw engineRefused(ask, answer);
}
/** Removes a container that is not running; false when the engine will not (it runs again, or is gone). */
async function removeStoppedContainer(docker, id) {
    const socket = docker.engineSocket;
    if (!socket)
        return (await docker.run(['rm', '--', id], { allowFailure: true })).code === 0;
    const ask = { method: 'DELETE', path: `/containers/${segment(id)}` };
    const answer = await engineCall(docker, socket, ask);
    if (answer.status === 204)
        return true;
    if (answer.status === 404 || answer.status === 409)
        return false;
    throw engineRefused(ask, answer);
}
/** SIGTERM, then SIGKILL after `timeoutSeconds`; a container already stopped is fine. */
async function stopContainer(docker, id, timeoutSeconds) {
    const socket = docker.engineSocket;
    if (!socket) {
        await docker.run(['stop', '--time', String(timeoutSeconds), '--', id]);
        return;
    }
    const ask = { method: 'POST', path: `/containers/${segment(id)}/stop?t=${timeoutSeconds}` };
    // The engine answers once the container is down: up to the timeout, and its kill after it.
    const answer = await engineCall(docker, socket, { ...ask, timeoutMs: (timeoutSeconds + 30) * 1_000 });
    if (answer.status !== 204 && answer.status !== 304)
        throw engineRefused(ask, answer);
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/retire.ts


/** Force-removes a container; a dropped SSH link usually comes back within seconds, so retry for about ten. */
async function removeContainer(docker, idOrName) {
    for (let attempt = 1; attempt <= 5; attempt++) {
        const removed = await forceRemoveContainer(docker, idOrName).then(() => true, () => false);
        if (removed)
            return true;
        if (attempt < 5)
            await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
    }
    return false;
}
/**
 * SIGTERM, then SIGKILL after `stop-timeout` seconds. Behind a proxy the drain has already
 * waited for the requests in flight, so a release that handles SIGTERM exits at once.
 */
async function stopRelease(docker, container, timeoutSeconds) {
    await stopContainer(docker, container.id, timeoutSeconds);
}
/** Starts a stopped release again; says what happened, for the error that follows. */
async function restartPrevious(docker, previous) {
    if (!previous)
        return 'nothing ran before.';
    const started = await docker.run(['start', previous.id], { allowFailure: true });
    return started.code === 0
        ? `${previous.name} was started again.`
        : `${previous.name} could not be started again: start it by hand (docker start ${previous.name}).`;
}
/**
 * Keeps the newest `retain` stopped releases for rollback and removes the rest. Returns the
 * names removed and the current release as the same listing saw it (one engine call for both).
 */
async function pruneReleases(docker, settings, currentId) {
    const all = await listReleases(docker, settings.service, settings.environment);
    const stopped = all.filter((r) => r.id !== currentId && r.status !== 'running');
    const removed = [];
    for (const old of stopped.slice(settings.retain)) {
        // Kept when it cannot go now (it was started again): the next release's prune tries again.
        if (await removeStoppedContainer(docker, old.id).catch(() => false))
            removed.push(old.name);
    }
    return { removed, current: all.find((r) => r.id === currentId) };
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/settings.ts
/** Used when no port is configured: the common default of Node, Rails and friends. */
const DEFAULT_PORT = 3000;
const DEFAULT_HEALTH_PATH = '/up';

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/launch.ts








/** Creates and starts a release's container; returns its ID. */
async function createRelease(scope, release, port, volumes) {
    const { placement, settings } = scope;
    const containerPort = settings.port ?? DEFAULT_PORT;
    const labels = {
        [naming/* PAVED_LABELS */.fN.service]: release.service,
        [naming/* PAVED_LABELS */.fN.environment]: release.environment,
        [naming/* PAVED_LABELS */.fN.version]: release.version,
        [naming/* PAVED_LABELS */.fN.sha]: release.sha,
        [naming/* PAVED_LABELS */.fN.deploymentId]: String(release.deploymentId),
        [naming/* PAVED_LABELS */.fN.digest]: release.digest,
        [naming/* PAVED_LABELS */.fN.image]: release.image,
        [naming/* PAVED_LABELS */.fN.port]: String(port),
        ...(release.migrateRollback ? { [naming/* PAVED_LABELS */.fN.migrateRollback]: (0,naming/* joinCommand */.u9)(release.migrateRollback) } : {}),
    };
    const spec = {
        name: (0,naming/* containerName */.xN)(release),
        image: pinnedRef(release.image),
        labels,
        env: releaseEnv(settings, release, placement.kind !== 'host' ? containerPort : port),
        restart: settings.restart,
        memory: settings.memory,
        cpus: settings.cpus,
        placement: runPlacement(placement, port, containerPort),
        volumes,
    };
    try {
        return await runContainer(scope.host.docker, spec, settings.tempDir);
    }
    catch (error) {
        // The engine may have created the container before the start failed or the link dropped.
        await removeContainer(scope.host.docker, spec.name);
        throw error;
    }
}
/** Runs the migration where releases run, so it reaches what they reach; it publishes nothing. */
async function runMigration(scope, release, volumes) {
    const { placement, settings } = scope;
    const network = placement.kind === 'network' ? placement.network : placement.kind === 'host' ? 'host' : undefined;
    const env = releaseEnv(settings, release, settings.port ?? DEFAULT_PORT);
    await withEnvFile(env, settings.tempDir, async (envFile) => {
        const result = await scope.host.docker.run([
            'run',
            '--rm',
            '--name',
            `${(0,naming/* containerName */.xN)(release)}-migrate`,
            '--label',
            `${naming/* PAVED_LABELS */.fN.role}=migrate`,
            ...(network ? ['--network', network] : []),
            '--env-file',
            envFile,
            ...volumes.flatMap((volume) => ['--volume', volume]),
            '--',
            pinnedRef(release.image),
            ...(settings.migrate ?? []),
        ], { allowFailure: true });
        if (result.code !== 0) {
            const logs = redactSecrets(`${result.stdout}${result.stderr}`.trimEnd(), Object.values(settings.secrets));
            throw new targets_target/* ReleaseError */.K2(`The migration failed (exit ${result.code}); nothing was switched and the old release keeps serving.` +
                (logs ? `\nLast lines of the migration:\n${lastLines(logs, 20)}` : ''), 'migrate', { logs, switched: false });
        }
    });
}
/** Named volumes from the settings, plus those the previous release mounted (same path wins from settings). */
function carriedVolumes(configured, previous) {
    const byPath = new Map();
    for (const volume of previous?.volumes ?? [])
        byPath.set(volume.slice(volume.indexOf(':') + 1), volume);
    for (const volume of configured)
        byPath.set(volume.slice(volume.indexOf(':') + 1), volume);
    return [...byPath.values()];
}
/** The release's environment: its configuration, Paved's own facts, its secrets and PORT. */
function releaseEnv(settings, release, port) {
    return envEntries({
        ...settings.env,
        PAVED_SERVICE: release.service,
        PAVED_ENVIRONMENT: release.environment,
        PAVED_VERSION: release.version,
        PAVED_DEPLOYMENT_ID: String(release.deploymentId),
        ...settings.secrets,
        PORT: String(port),
    });
}

// EXTERNAL MODULE: ./packages/core/src/targets/lock.ts
var lock = __webpack_require__(92957);
;// CONCATENATED MODULE: ./packages/core/src/targets/docker/lock.ts




/** A tiny image (an empty file system) that lock containers are created from; never run. */
const LOCK_IMAGE = 'paved/lock:1';
/**
 * The deploy lock on a Docker host, like Kamal's lock directory but reachable with the docker
 * CLI alone (so it works over ssh:// too): a created, never started container named
 * `paved-lock-<service>-<environment>`. Creating a container is atomic on the engine — a name
 * conflict means someone holds it — and its labels name the holder and the time.
 */
class DockerLock {
    docker;
    service;
    environment;
    constructor(docker, service, environment) {
        this.docker = docker;
        this.service = service;
        this.environment = environment;
    }
    get name() {
        return (0,naming/* lockName */.l4)(this.service, this.environment);
    }
    async acquire(request, now = () => new Date()) {
        let tookOverFrom;
        let imported = false;
        for (let attempt = 0; attempt < 3; attempt++) {
            // One engine call in the common case: the lock image is made only when the engine lacks it.
            const created = await createIdleContainer(this.docker, lockContainerSpec(this.name, request.holder, now()));
            if ('created' in created)
                return this.held(created.created, request.holder, tookOverFrom);
            if ('noImage' in created) {
                if (imported)
                    throw new errors/* PlatformError */.Wk('Docker', `The engine lacks ${LOCK_IMAGE} right after importing it: check its storage`);
                await this.importImage();
                imported = true;
                continue;
            }
            const existing = await this.read();
            if (!existing)
                continue; // Released between our create and inspect: try again.
            const abandoned = (0,lock/* isStale */.Q)(existing.info, request.timeoutMs, now()) ||
                (existing.info.holder !== request.holder && (await request.holderFinished?.(existing.info.holder)));
            if (!abandoned) {
                throw (0,lock/* lockHeldError */.$)(`${this.service} in ${this.environment}`, existing.info, request.timeoutMs, now());
            }
            // Removed by ID, not by name: if another run took the stale lock over first, its fresh
            // lock has another ID and stays.
            await forceRemoveContainer(this.docker, existing.id).catch(() => undefined);
            tookOverFrom = existing.info.holder;
        }
        const existing = await this.read();
        throw (0,lock/* lockHeldError */.$)(`${this.service} in ${this.environment}`, existing?.info ?? { holder: 'another run', lockedAt: now() }, request.timeoutMs, now());
    }
    /** Who holds the lock now, if anyone. */
    async read() {
        const found = await inspectContainer(this.docker, this.name);
        if (!found)
            return undefined;
        const parsed = found.Config.Labels;
        return {
            id: found.Id,
            info: {
                holder: parsed?.[naming/* PAVED_LABELS */.fN.holder] ?? 'an unknown run',
                lockedAt: new Date(parsed?.[naming/* PAVED_LABELS */.fN.lockedAt] ?? 'invalid'),
            },
        };
    }
    held(id, holder, tookOverFrom) {
        let released = false;
        return {
            holder,
            tookOverFrom,
            release: async () => {
                if (released)
                    return;
                // An SSH link that just dropped usually comes back: try a few times before giving up.
                for (let attempt = 1;; attempt++) {
                    try {
                        await forceRemoveContainer(this.docker, id);
                        released = true;
                        return;
                    }
                    catch (error) {
                        if (attempt === 5)
                            throw error;
                    }
                    await new Promise((resolve) => setTimeout(resolve, attempt * 1_000));
                }
            },
        };
    }
    async importImage() {
        // An empty tar archive (two zero blocks) imports as an image with an empty file system:
        // nothing to pull, so locking works before any registry is reachable.
        await this.docker.run(['import', '--message', 'paved deploy lock', '-', LOCK_IMAGE], {
            input: Buffer.alloc(1024),
        });
    }
}
/**
 * What makes a container the deploy lock, after its name: the holder and time in labels, no
 * network, the lock image and a command it never runs.
 */
function lockContainerSpec(name, holder, lockedAt) {
    return {
        name,
        image: LOCK_IMAGE,
        command: ['paved-lock'],
        labels: {
            [naming/* PAVED_LABELS */.fN.holder]: holder,
            [naming/* PAVED_LABELS */.fN.lockedAt]: lockedAt.toISOString(),
            [naming/* PAVED_LABELS */.fN.role]: 'lock',
        },
        network: 'none',
    };
}
/** The lock as `docker create` arguments (after `create`): tests that stage another run's lock use it. */
function lockContainerArgs(name, holder, lockedAt) {
    return idleContainerArgs(lockContainerSpec(name, holder, lockedAt));
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/carried-env.ts

/** Set by Paved for each release; a redeploy sets its own. */
const OWN = /^(PAVED_[A-Z_]+|PORT)$/;
/**
 * The configuration a release container of this environment runs with that the rollback was
 * not given: what a redeploy (no retained container to restart) carries over, so the restored
 * release is not started without its secrets. The image's own ENV lines are not configuration
 * and stay behind; names the rollback was given (its env and secrets inputs) are its to set.
 * Read from the engine, which only root and the docker group can ask: these values never
 * reach a log or a command line.
 */
async function carriedEnvironment(docker, containerId, given) {
    const container = await inspectContainer(docker, containerId);
    if (!container)
        return {};
    const image = container.Image ? await inspectImage(docker, container.Image) : undefined;
    const fromImage = new Set(image?.Config?.Env ?? []);
    const carried = Object.create(null);
    for (const line of container.Config.Env ?? []) {
        const index = line.indexOf('=');
        if (index <= 0 || fromImage.has(line))
            continue;
        const name = line.slice(0, index);
        if (OWN.test(name) || given.has(name))
            continue;
        carried[name] = line.slice(index + 1);
    }
    return carried;
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/rollback-host.ts





/** Variables that are never secrets and whose values would make the redacted output unreadable. */
const PUBLIC = /^(PATH|HOME|HOSTNAME|PORT|NODE_VERSION|YARN_VERSION|APP_VERSION|PAVED_[A-Z_]+)$/;
const MISSING = /manifest unknown|manifest .* not found|not found: manifest|repository .* not found|does not exist|name unknown/i;
/** A Docker host, asked through the same docker CLI (and so the same credentials and network) the target uses. */
class DockerRollbackHost {
    docker;
    release;
    constructor(docker, release) {
        this.docker = docker;
        this.release = release;
    }
    /**
     * `docker pull` by digest always asks the registry for the manifest, even when the image is
     * on the host, so it answers "is it still there" and, for a redeploy, fetches it at once.
     */
    async checkImage(image) {
        const ref = pinnedRef(image);
        const pulled = await this.docker.run(['pull', '--quiet', '--', ref], { allowFailure: true });
        if (pulled.code === 0)
            return { state: 'available' };
        const detail = lastLines(`${pulled.stderr}\n${pulled.stdout}`.trim(), 3);
        if (MISSING.test(detail))
            return { state: 'missing', detail };
        const present = await inspectImage(this.docker, ref);
        return { state: 'unreachable', presentOnHost: present !== undefined, detail };
    }
    /**
     * Runs the undo in the bad release's own container when it still runs (`docker exec`: its
     * configuration, secrets, volumes and network as they are), else in a one-off container of
     * its image with the configuration and volumes of its stopped container, else with neither.
     */
    async runMigrateRollback(bad, argv) {
        const container = (await listReleases(this.docker, this.release.service, this.release.environment)).find((release) => release.digest === bad.digest);
        if (container?.status === 'running') {
            const result = await this.docker.run(['exec', '--', container.id, ...argv], { allowFailure: true });
            const [details] = await inspectContainers(this.docker, [container.id]);
            return this.outcome(result, `docker exec ${container.name}`, envOf(details));
        }
        const [details] = container ? await inspectContainers(this.docker, [container.id]) : [];
        const env = envOf(details);
        // The stopped container's environment holds its secrets: it reaches docker as a deploy's does.
        return withEnvFile(envEntries(env), this.release.tempDir, async (file) => {
            const network = details?.HostConfig?.NetworkMode;
            const result = await this.docker.run([
                'run',
                '--rm',
                '--label',
                `${naming/* PAVED_LABELS */.fN.role}=migrate`,
                '--env-file',
                file,
                ...(container ? ['--volumes-from', container.id] : []),
                ...(network === 'host' ? ['--network', 'host'] : []),
                '--',
                pinnedRef(bad.image),
                ...argv,
            ], { allowFailure: true });
            return this.outcome(result, container ? `a one-off container beside ${container.name}` : `a one-off container of ${pinnedRef(bad.image)}`, env);
        });
    }
    outcome(result, how, env) {
        // Values of the release's environment may be secrets: none reaches a log or summary.
        const values = Object.entries(env)
            .filter(([name, value]) => !PUBLIC.test(name) && value.length >= 4)
            .map(([, value]) => value);
        const output = redactSecrets(`${result.stdout}${result.stderr}`.trimEnd(), values);
        return { code: result.code, output, how };
    }
}
function envOf(details) {
    const lines = details?.Config.Env ?? [];
    const env = {};
    for (const line of lines) {
        const index = line.indexOf('=');
        if (index > 0 && !/[\r\n\0]/.test(line))
            env[line.slice(0, index)] = line.slice(index + 1);
    }
    return env;
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/proxy.ts

/**
 * The proxy in front of a service: Caddy, switched live through its admin API. A change is a
 * graceful reload: requests in flight finish where they are, idle keep-alive connections are
 * closed (clients reconnect, resending an idempotent request that met the close). The admin URL
 * is reached from where the action runs (for an ssh:// host, its address); the dial addresses are
 * from Caddy's side, on the Docker host.
 */
class CaddyProxy {
    adminUrl;
    route;
    constructor(adminUrl, route) {
        this.adminUrl = adminUrl;
        this.route = route;
    }
    get upstreamsUrl() {
        return `${this.adminUrl.replace(/\/$/, '')}/id/${encodeURIComponent(this.route)}/upstreams`;
    }
    /** The dial addresses the route sends traffic to now. */
    async upstreams() {
        const response = await this.request(this.upstreamsUrl, { method: 'GET' });
        const body = (await response.json());
        return (body ?? []).map((upstream) => upstream.dial ?? '').filter(Boolean);
    }
    /** Sends all new requests to `dial`; requests already in flight finish where they are. */
    async switchTo(dial) {
        await this.setUpstreams([{ dial }]);
    }
    /** Sends new requests nowhere (the proxy answers 503), as before a first release. */
    async stopServing() {
        await this.setUpstreams([]);
    }
    async setUpstreams(upstreams) {
        await this.request(this.upstreamsUrl, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(upstreams),
        });
    }
    /**
     * Waits until Caddy has no request in flight to `dial` (its `/reverse_proxy/upstreams` view),
     * at most `timeoutMs`. Returns how many were still in flight when it stopped waiting.
     */
    async waitDrained(dial, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        let inFlight = 0;
        for (;;) {
            const response = await this.request(`${this.adminUrl.replace(/\/$/, '')}/reverse_proxy/upstreams`, {
                method: 'GET',
            });
            const hosts = (await response.json()) ?? [];
            inFlight = hosts.find((host) => host.address === dial)?.num_requests ?? 0;
            if (inFlight === 0 || Date.now() >= deadline)
                return inFlight;
            await new Promise((resolve) => setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now()))));
        }
    }
    async request(url, init) {
        let response;
        try {
            response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
        }
        catch (error) {
            throw new errors/* PlatformError */.Wk('Caddy', `The proxy admin API at ${this.adminUrl} did not answer (${error.cause ?? error.message}): ` +
                'check proxy-url, and that the runner can reach it');
        }
        if (response.status === 404 || (response.status === 500 && init.method !== 'PATCH')) {
            throw new errors/* UserError */.yo(`The proxy at ${this.adminUrl} has no handler with @id '${this.route}': give its reverse_proxy handler ` +
                `"@id": "${this.route}", or set proxy-route to the @id it has`);
        }
        if (!response.ok) {
            throw new errors/* PlatformError */.Wk('Caddy', `The proxy at ${this.adminUrl} refused ${init.method} ${url} (HTTP ${response.status}): ${(await response.text()).slice(0, 200)}`);
        }
        return response;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/switcher.ts

/** An existing Caddy whose admin API the runner reaches at proxy-url (the explicit, older setup). */
function existingCaddy(adminUrl, route) {
    const caddy = new CaddyProxy(adminUrl, route);
    return {
        kind: 'existing',
        upstreams: () => caddy.upstreams(),
        switchTo: (dial) => caddy.switchTo(dial),
        stopServing: () => caddy.stopServing(),
        waitDrained: (dial, timeoutMs) => caddy.waitDrained(dial, timeoutMs),
    };
}
/** The proxy Paved runs on the host: each call opens the admin socket's tunnel and closes it. */
function managedCaddy(proxy) {
    const route = proxy.spec.route;
    return {
        kind: 'managed',
        upstreams: () => proxy.withAdmin((admin) => admin.upstreams(route)),
        switchTo: (dial) => proxy.withAdmin((admin) => admin.switchTo(route, dial)),
        stopServing: () => proxy.withAdmin((admin) => admin.stopServing(route)),
        waitDrained: (dial, timeoutMs) => proxy.withAdmin((admin) => admin.waitDrained(dial, timeoutMs)),
    };
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/health.ts


/**
 * Waits until the container passes its health check or `timeoutMs` runs out. The container's
 * state is read every second as well, so a release that crashes fails at once instead of
 * after the whole timeout.
 */
async function waitHealthy(docker, containerId, check, timeoutMs) {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let reason = 'no answer yet';
    let lastInspect = 0;
    for (;;) {
        if (check.kind === 'http') {
            const probe = await probeHttp(check.url, check.shown ?? check.url);
            if (probe.ok)
                return { healthy: true };
            reason = probe.reason;
        }
        if (check.kind === 'healthcheck' || Date.now() - lastInspect >= 1_000) {
            lastInspect = Date.now();
            const container = await inspectRelease(docker, containerId);
            if (!container)
                return { healthy: false, reason: 'the container disappeared', exited: true };
            if (container.status === 'exited' || container.status === 'dead' || container.restartCount > 0) {
                return { healthy: false, reason: container.state, exited: true };
            }
            if (check.kind === 'healthcheck') {
                if (container.health === 'healthy')
                    return { healthy: true };
                if (container.health === 'unhealthy')
                    return { healthy: false, reason: 'its HEALTHCHECK reports unhealthy' };
                reason = `its HEALTHCHECK reports ${container.health ?? 'nothing'}`;
            }
        }
        if (Date.now() >= deadline) {
            return { healthy: false, reason: `not healthy after ${(0,action_duration/* formatDuration */.a)(timeoutMs)}: ${reason}` };
        }
        await new Promise((resolve) => setTimeout(resolve, check.kind === 'http' ? 250 : 500));
    }
}
/** `shown` is the address as the host sees it, for messages: the URL may be a tunnel's local end. */
async function probeHttp(url, shown) {
    try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2_000), redirect: 'manual' });
        await response.arrayBuffer();
        if (response.status >= 200 && response.status < 300)
            return { ok: true, reason: '' };
        return { ok: false, reason: `GET ${shown} answered ${response.status}` };
    }
    catch (error) {
        const cause = error.cause;
        return { ok: false, reason: `GET ${shown} failed (${cause?.code ?? error.message})` };
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./packages/core/src/remote/free-port.ts

/**
 * Asks the kernel for a free port on the loopback. The port is released before it is returned,
 * so another process may take it first: callers that bind it retry on another.
 */
function freeLoopbackPort() {
    return new Promise((resolve, reject) => {
        const server = (0,external_node_net_.createServer)();
        server.unref();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => {
                if (address && typeof address === 'object')
                    resolve(address.port);
                else
                    reject(new Error('The kernel gave no loopback port'));
            });
        });
    });
}

;// CONCATENATED MODULE: ./packages/core/src/remote/tunnel.ts



const ATTEMPTS = 8;
/**
 * Forwards a port on the runner's loopback to `target` through the session's master
 * (`ssh -O forward -L`), so no new SSH handshake is made and nothing of the host but SSH has to
 * be reachable. OpenSSH takes no port 0 for a multiplexed local forward, so a free port is
 * picked here and the forward retried on another if something took it in between.
 */
async function openTunnel(session, target) {
    const remote = remoteSpec(target);
    const display = `${target.host}:${target.port} on ${session.display}`;
    let lastError = '';
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const localPort = await freeLoopbackPort();
        const spec = `127.0.0.1:${localPort}:${remote}`;
        const result = await session.forward(spec);
        if (result.code === 0) {
            core/* debug */.Yz(`Tunnel 127.0.0.1:${localPort} -> ${display}`);
            let closing;
            const close = () => {
                closing ??= (async () => {
                    // The master may already be gone with the session; then so is the forward.
                    const cancelled = await session.control('cancel', '-L', spec).catch(() => undefined);
                    if (cancelled && cancelled.code !== 0)
                        core/* debug */.Yz(`Cancelling ${spec}: ${cancelled.stderr.trim()}`);
                })();
                return closing;
            };
            return { localPort, url: `http://127.0.0.1:${localPort}`, display, close, [Symbol.asyncDispose]: close };
        }
        lastError = result.stderr.trim();
        // Only a local port taken in between is worth another try; anything else will not change.
        if (!/forwarding failed|address already in use/i.test(lastError))
            break;
    }
    throw new errors/* UserError */.yo(`Could not forward a local port to ${display} through the SSH connection: ${lastError || 'no answer'}. ` +
        'Check that sshd on the host allows it (AllowTcpForwarding, AllowStreamLocalForwarding).');
}
/** Opens a tunnel for the length of `use`, and closes it whatever happens. */
async function withTunnel(session, target, use) {
    const tunnel = await openTunnel(session, target);
    try {
        return await use(tunnel);
    }
    finally {
        await tunnel.close();
    }
}
function remoteSpec(target) {
    if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65_535) {
        throw new Error(`Tunnel target port ${target.port} is not a TCP port`);
    }
    if (/^[\w.-]+$/.test(target.host) && !target.host.startsWith('-'))
        return `${target.host}:${target.port}`;
    // IPv6 in ssh's forward syntax goes in brackets.
    if (/^[0-9a-f:]+$/i.test(target.host))
        return `[${target.host}]:${target.port}`;
    throw new Error(`Tunnel target host '${target.host}' is not a host name or address`);
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/ports.ts



/** Host ports handed to releases behind a proxy; outside Linux's ephemeral range (32768+). */
const RELEASE_PORTS = { from: 20_000, to: 29_999 };
/**
 * A host port for a new release behind the proxy: not claimed by any Paved container on the
 * host (running or retained, so a retained release can start again on its own port), and
 * refusing connections from here (nothing else listens there).
 */
async function choosePort(claimed, address, random = Math.random, probe = isFree) {
    const span = RELEASE_PORTS.to - RELEASE_PORTS.from + 1;
    for (let attempt = 0; attempt < 25; attempt++) {
        const port = RELEASE_PORTS.from + Math.floor(random() * span);
        if (claimed.has(port))
            continue;
        if (await probe(address, port))
            return port;
    }
    throw new errors/* UserError */.yo(`Found no free port from ${RELEASE_PORTS.from} to ${RELEASE_PORTS.to} on ${address} after 25 tries: ` +
        'remove old containers or lower retain');
}
function knockOn(address, port, timeoutMs = 1_000) {
    return new Promise((resolve) => {
        const socket = (0,external_node_net_.connect)({ host: address, port });
        const done = (answer) => {
            socket.destroy();
            resolve(answer);
        };
        socket.setTimeout(timeoutMs, () => done('silent'));
        socket.once('connect', () => done('open'));
        socket.once('error', (error) => done(error.code === 'ECONNREFUSED' ? 'refused' : 'silent'));
    });
}
/** Free means the connection is refused; anything answering, or silence, means taken. */
async function isFree(address, port) {
    return (await knockOn(address, port)) === 'refused';
}
/**
 * A port probe run on the host, for a host reached over SSH whose ports the runner cannot see:
 * through a tunnel to the host's loopback, a port nothing listens on makes sshd refuse the
 * channel, so the tunnel closes the connection at once; a listener keeps it open (or answers).
 */
function probeOnHost(session) {
    return (_address, port) => withTunnel(session, { host: '127.0.0.1', port }, (tunnel) => closesAtOnce(tunnel.localPort));
}
function closesAtOnce(localPort) {
    return new Promise((resolve) => {
        const socket = (0,external_node_net_.connect)({ host: '127.0.0.1', port: localPort });
        const done = (free) => {
            socket.destroy();
            resolve(free);
        };
        socket.setTimeout(1_000, () => done(false));
        socket.once('data', () => done(false));
        socket.once('close', () => done(true));
        socket.once('error', () => done(true));
    });
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/reach.ts

/**
 * Runs `use` with an http:// base URL that leads to `address:port` as the host sees it (its
 * loopback, or a container on its Docker network). Over SSH that is a tunnel through the host's
 * one connection, so health endpoints never have to be reachable from the runner; a local
 * engine's addresses are the runner's own.
 */
async function withHostUrl(host, to, use) {
    if (host.session)
        return withTunnel(host.session, { host: to.address, port: to.port }, (tunnel) => use(tunnel.url));
    const address = to.address === '127.0.0.1' ? host.address : to.address;
    return use(`http://${address.includes(':') ? `[${address}]` : address}:${to.port}`);
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/switch-over.ts










/**
 * Start → health → switch on one host, shared by deploy and rollback; drain → stop → prune
 * follow in `retire()`. Until the switch, a failure removes the new container and leaves the
 * old one serving.
 */
async function switchOver(scope, hooks, previous, next) {
    const { host, placement, proxy, settings } = scope;
    if (placement.kind === 'host') {
        hooks.warning(`${host.display} has no Docker bridge network: the release shares the host's network, so its port ` +
            'is open wherever the host is. Give the engine a bridge (the default) to keep releases private.');
    }
    if (!proxy && previous) {
        hooks.warning(`No proxy for ${settings.environment}: stopping ${previous.name} before starting the new release, ` +
            'so the service is down until it is healthy. Set proxy (or proxy-url) for zero-downtime deploys.');
        await hooks.phase('stop', () => stopRelease(host.docker, previous, settings.stopTimeoutSeconds));
    }
    const port = next.port ?? (await releasePort(scope));
    const id = await hooks.phase('start', () => next.start(port));
    const dial = dialOf(placement, next.name, port);
    let switchedAt;
    try {
        const health = await hooks.phase('health', () => checkHealth(scope, next.image, id, port, hooks));
        if (!health.healthy)
            throw await unhealthy(scope, id, next.name, health.reason ?? 'unhealthy', previous);
        switchedAt = new Date();
        if (proxy) {
            await hooks.phase('switch', () => proxy.switchTo(dial));
            switchedAt = new Date();
        }
    }
    catch (error) {
        if (error instanceof targets_target/* ReleaseError */.K2 && error.details.logs !== undefined)
            throw error;
        // A switch that timed out may still have happened: never remove what takes traffic.
        const serving = proxy ? await proxy.upstreams().catch(() => []) : [];
        if (serving.includes(dial))
            throw error;
        if (!(await removeContainer(host.docker, id))) {
            hooks.warning(`Could not remove the new container ${id.slice(0, 12)}: remove it by hand`);
        }
        if (!proxy)
            await restartPrevious(host.docker, previous).catch(() => undefined);
        throw error;
    }
    const retire = async () => {
        // Retired only once the proxy has no request in flight to it: the switch moved every new one.
        if (proxy && previous?.port !== undefined) {
            const left = await hooks.phase('drain', () => proxy.waitDrained(dialOf(placement, previous.name, previous.port), settings.drainTimeoutMs));
            if (left > 0)
                hooks.warning(`${previous.name} still had ${left} request(s) in flight after drain-timeout`);
            await hooks.phase('stop', () => stopRelease(host.docker, previous, settings.stopTimeoutSeconds));
        }
        const { removed, current } = await pruneReleases(host.docker, settings, id);
        return {
            running: current ? publicView(current) : { name: next.name, running: false, state: 'gone', port },
            previous: previous ? publicView(previous) : undefined,
            switchedAt,
            downtime: !proxy && previous !== undefined,
            removed,
        };
    };
    return { name: next.name, previous: previous ? publicView(previous) : undefined, switchedAt, retire };
}
/**
 * The port a new release listens on. On the proxy's network every release has its own
 * address, so the container port serves. A host port is free when no Paved container claims
 * it and nothing answers on it, asked where the port is: from the runner for a local engine,
 * on the host for one reached over SSH.
 */
async function releasePort({ host, placement, proxy, settings }) {
    const containerPort = settings.port ?? DEFAULT_PORT;
    if (placement.kind === 'network' || !proxy)
        return containerPort;
    // Over SSH the runner cannot see the host's ports: a published port is refused by the engine
    // itself when taken; on the host's network the host is asked, through the tunnel.
    const probe = host.isSsh && placement.kind === 'published'
        ? async () => true
        : host.session && placement.kind === 'host'
            ? probeOnHost(host.session)
            : isFree;
    return choosePort(await claimedPorts(host.docker), host.address, Math.random, probe);
}
/** The release's health check, reached through the host's SSH connection when there is one. */
async function checkHealth(scope, image, id, port, hooks) {
    const { host, placement, settings } = scope;
    const path = settings.healthPath ?? DEFAULT_HEALTH_PATH;
    if (!settings.healthPath && image.hasHealthcheck) {
        hooks.info('Waiting for the release to be healthy (image HEALTHCHECK)');
        return waitHealthy(host.docker, id, { kind: 'healthcheck' }, settings.healthTimeoutMs);
    }
    const address = placement.kind === 'network' ? await addressOn(host.docker, id, placement.network) : '127.0.0.1';
    if (!address)
        return { healthy: false, reason: `it has no address on the Docker network` };
    const shown = `http://${placement.kind === 'network' ? address : host.address}:${port}${path}`;
    hooks.info(`Waiting for the release to be healthy (GET ${shown}${host.session ? ' through SSH' : ''})`);
    return withHostUrl(host, { address, port }, (base) => {
        const check = { kind: 'http', url: `${base}${path}`, shown };
        return waitHealthy(host.docker, id, check, settings.healthTimeoutMs);
    });
}
/** The new release never became healthy: keep its last words, remove it, keep the old one serving. */
async function unhealthy({ host, proxy, settings }, id, name, reason, previous) {
    const logs = redactSecrets(await containerLogs(host.docker, id), Object.values(settings.secrets));
    await host.docker.run(['rm', '--force', id], { allowFailure: true });
    const kept = proxy
        ? previous
            ? `${previous.name} keeps serving; traffic was not switched.`
            : 'Traffic was not switched.'
        : await restartPrevious(host.docker, previous);
    return new targets_target/* ReleaseError */.K2(`The new release ${name} failed its health check: ${reason}. It was removed; ${kept}` +
        (logs ? `\nLast log lines of ${name}:\n${lastLines(logs, 20)}` : `\n${name} printed nothing.`), 'health', { logs, switched: false });
}

;// CONCATENATED MODULE: ./packages/core/src/targets/docker/target.ts












/**
 * A Docker host, local or over ssh://, released to the way Kamal does it: the new container
 * starts beside the old one on its own port, must pass its health check, then the proxy's
 * upstream switches to it, the old one drains and stops, and the last `retain` releases stay
 * on the host, stopped, for a rollback in seconds.
 */
class DockerTarget {
    connect;
    settings;
    kind = 'docker';
    where;
    connecting;
    scoping;
    /**
     * `connect` opens the way to the host (its SSH connection) on first use, inside the lock phase,
     * so a host that cannot be reached fails the release before anything changes.
     */
    constructor(connect, display, settings) {
        this.connect = connect;
        this.settings = settings;
        this.where = `docker at ${display}`;
    }
    /** Connects once; later calls get the same connection. */
    async open() {
        this.connecting ??= this.connect();
        try {
            return await this.connecting;
        }
        catch (error) {
            this.connecting = undefined;
            throw error;
        }
    }
    async lock(request) {
        const { docker } = await this.open();
        return new DockerLock(docker, this.settings.service, this.settings.environment).acquire(request);
    }
    async current() {
        const { host } = await this.scope();
        const found = await this.live();
        if (!found)
            return undefined;
        // What the engine runs, not what the label claims: the manifest digests of its image ID.
        const digests = await repoDigests(host.docker, found.imageId);
        const digest = found.digest && digests.includes(found.digest) ? found.digest : digests[0];
        return { ...publicView(found), digest };
    }
    async deploy(release, hooks) {
        return (await this.switchTo(release, hooks)).retire();
    }
    /** The deploy up to the switch; the old release is retired when the caller says (a fleet: while others move). */
    async switchTo(release, hooks) {
        return this.switchIn(await this.scope(), release, hooks);
    }
    /** Pull → migrate → switch-over in `scope`, whose settings are the ones the release starts with. */
    async switchIn(scope, release, hooks) {
        const docker = scope.host.docker;
        // The pull does not depend on what runs: both at once.
        const [image, previous] = await Promise.all([
            hooks.phase('pull', () => ensureImage(docker, release.image, scope.host.display)),
            this.live(),
        ]);
        const volumes = carriedVolumes(scope.settings.volumes, previous);
        if (scope.settings.migrate)
            await hooks.phase('migrate', () => runMigration(scope, release, volumes));
        return switchOver(scope, hooks, previous, {
            image,
            start: (port) => createRelease(scope, release, port, volumes),
            name: (0,naming/* containerName */.xN)(release),
        });
    }
    /** Asked through this target's own engine connection, so the same credentials and network. */
    rollbackHost() {
        // Asked for before the lock is taken; it connects when first used, under the lock.
        const host = async () => new DockerRollbackHost((await this.open()).docker, {
            service: this.settings.service,
            environment: this.settings.environment,
            tempDir: this.settings.tempDir,
        });
        return {
            checkImage: async (image) => (await host()).checkImage(image),
            runMigrateRollback: async (bad, argv) => (await host()).runMigrateRollback(bad, argv),
        };
    }
    async rollback(release, hooks, options = {}) {
        return (await this.switchBackTo(release, hooks, options)).retire();
    }
    /** The rollback up to the switch; the release it replaces is retired when the caller says. */
    async switchBackTo(release, hooks, options = {}) {
        const scope = await this.scope();
        const releases = await this.releases();
        const previous = await this.live(releases);
        const retained = releases.find((r) => r.deploymentId === options.fromDeploymentId && r.digest === release.digest && !r.running) ??
            releases.find((r) => r.digest === release.digest && r.id !== previous?.id && r.status !== 'running');
        if (!retained?.port) {
            // Started afresh: what the rollback was not given comes from the newest release container.
            const source = previous ?? releases[0];
            if (source) {
                const { env, secrets } = scope.settings;
                const given = new Set([...Object.keys(env), ...Object.keys(secrets)]);
                const carried = await carriedEnvironment(scope.host.docker, source.id, given);
                if (Object.keys(carried).length > 0) {
                    hooks.info(`Carrying ${Object.keys(carried).join(', ')} over from ${source.name}, as the rollback was not given them`);
                    // Kept with the secrets: their values are redacted from every log line shown.
                    const settings = { ...scope.settings, secrets: { ...carried, ...secrets } };
                    return this.switchIn({ ...scope, settings }, release, hooks);
                }
            }
            return this.switchIn(scope, release, hooks);
        }
        hooks.info(`Starting retained release ${retained.name} (${retained.version ?? retained.digest}) again`);
        const docker = scope.host.docker;
        const image = await hooks.phase('pull', () => ensureImage(docker, release.image, scope.host.display));
        return switchOver(scope, hooks, previous, {
            image,
            name: retained.name,
            port: retained.port,
            start: async () => {
                await docker.run(['start', retained.id]);
                return retained.id;
            },
        });
    }
    /**
     * Takes back a release that was this host's first: the proxy is left without an upstream (it
     * answers 503, as before the release) once requests in flight have drained, and the container
     * is removed, so the host is as it was. For a fleet whose first release failed on another host.
     */
    async withdraw(name) {
        const { host, placement, proxy } = await this.scope();
        const container = (await this.releases()).find((r) => r.name === name);
        if (!container)
            return;
        if (proxy && container.port !== undefined) {
            const dial = dialOf(placement, container.name, container.port);
            if ((await proxy.upstreams()).includes(dial)) {
                await proxy.stopServing();
                await proxy.waitDrained(dial, this.settings.drainTimeoutMs);
            }
        }
        if (!(await removeContainer(host.docker, container.id))) {
            throw new Error(`could not remove ${container.name}: remove it by hand (docker rm --force ${container.name})`);
        }
    }
    /**
     * After main was killed mid-release (the post step): what serves stays, a release that never
     * took traffic is removed, one still running beside the one serving is stopped, and without a
     * proxy a stopped previous release is started again.
     */
    async settle(abandoned) {
        const { host, proxy } = await this.scope();
        const releases = await this.releases();
        const live = await this.live(releases);
        const done = [];
        const switched = live !== undefined && abandoned.digest !== undefined && live.digest === abandoned.digest;
        for (const release of releases) {
            if (release.id === live?.id)
                continue;
            if (!switched && release.deploymentId === abandoned.deploymentId) {
                if (await removeContainer(host.docker, release.id))
                    done.push(`removed ${release.name}, which never took traffic`);
            }
            else if (release.running || release.status === 'restarting') {
                // A release still running beside the one serving: the drain or stop that was cut short.
                await stopRelease(host.docker, release, this.settings.stopTimeoutSeconds);
                done.push(`stopped ${release.name}, which no longer takes traffic`);
            }
        }
        if (!live && !proxy) {
            // Without a proxy the old release stops before the new one starts: start it again.
            const previous = (await this.releases()).find((r) => r.deploymentId !== abandoned.deploymentId);
            if (previous)
                done.push(await restartPrevious(host.docker, previous));
        }
        return done;
    }
    async dispose() {
        const host = await this.connecting?.catch(() => undefined);
        await host?.close();
    }
    /**
     * The host connected, with its proxy booted (or upgraded) first when Paved runs it, and where
     * releases go. Called only under the lock; once per release.
     */
    scope() {
        this.scoping ??= (async () => {
            const host = await this.open();
            const [proxy, placement] = await Promise.all([this.bootProxy(host), this.placement(host)]);
            const scope = { host, settings: this.settings, placement, proxy };
            if (proxy?.booted)
                await this.serveRunning(scope);
            return scope;
        })().catch((error) => {
            this.scoping = undefined;
            throw error;
        });
        return this.scoping;
    }
    async bootProxy(host) {
        const spec = this.settings.managedProxy;
        if (spec) {
            if (!host.session)
                throw new Error(`The proxy Paved runs needs an SSH connection to ${host.display}`);
            const managed = await ensureManagedProxy(host.docker, spec, adminOverSsh(host.session), {
                tempDir: this.settings.tempDir,
                hostDisplay: host.display,
            });
            return { ...managedCaddy(managed), booted: managed.boot === 'created' };
        }
        return this.settings.proxyUrl ? existingCaddy(this.settings.proxyUrl, this.settings.proxyRoute) : undefined;
    }
    /** A proxy booted afresh on a host that already runs a release sends traffic to it at once. */
    async serveRunning({ proxy, placement }) {
        if (!proxy || (await proxy.upstreams()).length > 0)
            return;
        const running = (await this.releases()).find((r) => r.status === 'running' && r.port !== undefined);
        if (running)
            await proxy.switchTo(dialOf(placement, running.name, running.port));
    }
    /** Where releases go on this host: the proxy's network, a loopback port, or the host's network. */
    async placement(host) {
        if (this.settings.managedProxy)
            return { kind: 'network', network: this.settings.managedProxy.network };
        if (await hasBridge(host.docker)) {
            // A tcp:// engine's proxy is on another machine: only there must the port be on every interface.
            return { kind: 'published', bind: host.display.startsWith('tcp://') ? undefined : '127.0.0.1' };
        }
        return { kind: 'host' };
    }
    async releases() {
        const { docker } = await this.open();
        return listReleases(docker, this.settings.service, this.settings.environment);
    }
    /**
     * The release taking traffic: the proxy's upstream when there is a proxy, else the running one.
     * The listing and the proxy are asked at once.
     */
    async live(listed) {
        const { proxy, placement } = await this.scope();
        const [releases, dials] = await Promise.all([listed ?? this.releases(), proxy?.upstreams()]);
        if (dials)
            return releases.find((r) => r.port !== undefined && dials.includes(dialOf(placement, r.name, r.port)));
        return releases.find((r) => r.status === 'running' || r.status === 'restarting');
    }
}

// EXTERNAL MODULE: ./packages/core/src/targets/fleet/target.ts + 2 modules
var target = __webpack_require__(63760);
;// CONCATENATED MODULE: ./packages/core/src/kubernetes/paths.ts
/** API paths, with every name segment escaped so a configured name can never change the path. */
const seg = (value) => encodeURIComponent(value);
const namespacePath = (namespace) => `/api/v1/namespaces/${seg(namespace)}`;
const deploymentPath = (namespace, name) => `/apis/apps/v1/namespaces/${seg(namespace)}/deployments${name === undefined ? '' : `/${seg(name)}`}`;
const servicePath = (namespace, name) => `/api/v1/namespaces/${seg(namespace)}/services/${seg(name)}`;
const replicaSetsPath = (namespace, selector) => `/apis/apps/v1/namespaces/${seg(namespace)}/replicasets${selector ? `?labelSelector=${seg(selector)}` : ''}`;
const podsPath = (namespace, selector) => `/api/v1/namespaces/${seg(namespace)}/pods${selector ? `?labelSelector=${seg(selector)}` : ''}`;
const leasePath = (namespace, name) => `/apis/coordination.k8s.io/v1/namespaces/${seg(namespace)}/leases${name === undefined ? '' : `/${seg(name)}`}`;
/** matchLabels as a label selector string (Deployments created by Paved's users use matchLabels). */
function selectorOf(matchLabels) {
    return Object.entries(matchLabels ?? {})
        .map(([key, value]) => `${key}=${value}`)
        .join(',');
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/revisions.ts

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
const POD_TEMPLATE_HASH = 'pod-template-hash';
async function getDeployment(client, namespace, name) {
    return client.get(deploymentPath(namespace, name), `Deployment '${name}' in namespace '${namespace}'`);
}
/** The Deployment's ReplicaSets, newest revision first (what `kubectl rollout history` lists). */
async function revisions_listRevisions(client, deployment) {
    const namespace = deployment.metadata.namespace ?? 'default';
    const list = await client.get(replicaSetsPath(namespace, selectorOf(deployment.spec.selector.matchLabels)));
    return list.items
        .filter((rs) => rs.metadata.ownerReferences?.some((ref) => ref.controller && ref.uid === deployment.metadata.uid))
        .map((rs) => ({
        revision: Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0),
        replicaSet: rs.metadata.name,
        podTemplateHash: rs.metadata.labels?.[POD_TEMPLATE_HASH] ?? '',
        images: Object.fromEntries(rs.spec.template.spec.containers.map((c) => [c.name, c.image])),
        ...(rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION]
            ? { changeCause: rs.metadata.annotations[CHANGE_CAUSE_ANNOTATION] }
            : {}),
        replicas: rs.spec.replicas ?? 0,
        object: rs,
    }))
        .sort((a, b) => b.revision - a.revision);
}
/**
 * The ReplicaSet of the Deployment's current template: the controller gives the newest template
 * the highest revision (an undo moves the old ReplicaSet to the top), so it is the first.
 */
async function currentRevision(client, deployment) {
    const revisions = await revisions_listRevisions(client, deployment);
    const newest = revisions[0];
    // Until the controller has observed a new template, the newest ReplicaSet is still the old one.
    if (!newest || (deployment.status?.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0))
        return undefined;
    return newest;
}
/** Pods of one ReplicaSet (selected by its pod-template-hash and owner). */
async function podsOf(client, revision) {
    const namespace = revision.object.metadata.namespace ?? 'default';
    const selector = selectorOf({
        ...revision.object.spec.template.metadata?.labels,
        [POD_TEMPLATE_HASH]: revision.podTemplateHash,
    });
    const pods = await client.get(podsPath(namespace, selector));
    return pods.items.filter((pod) => pod.metadata.ownerReferences?.some((ref) => ref.uid === revision.object.metadata.uid));
}


;// CONCATENATED MODULE: ./packages/core/src/kubernetes/canary.ts



/**
 * The pod label that tells canary pods from stable ones, so SLO queries can select each
 * (`track="canary"` against `track!="canary"`: the main Deployment's pods carry `stable` from
 * their first promotion on).
 */
const TRACK_LABEL = 'paved.dev/track';
/** `<deployment>-canary`, within a Kubernetes name's 253 characters. */
function canaryName(deployment) {
    return `${deployment.slice(0, 253 - '-canary'.length)}-canary`;
}
/**
 * The canary Deployment for `main`: its pod template with the image set and `track: canary`
 * added, so the pods carry every label the Service selects and land behind it beside the
 * stable ones. Its selector adds the track to the main one's, so the two never claim each
 * other's ReplicaSets.
 */
function canaryDeployment(main, spec) {
    const template = structuredClone(main.spec.template);
    const labels = { ...template.metadata?.labels, [TRACK_LABEL]: 'canary' };
    delete labels[POD_TEMPLATE_HASH];
    template.metadata = {
        ...template.metadata,
        labels,
        annotations: { ...template.metadata?.annotations, ...spec.podAnnotations },
    };
    template.spec.containers = template.spec.containers.map((c) => c.name === spec.container ? { ...c, image: spec.image } : c);
    const selector = structuredClone(main.spec.selector);
    selector.matchLabels = { ...selector.matchLabels, [TRACK_LABEL]: 'canary' };
    return {
        metadata: {
            name: canaryName(main.metadata.name),
            labels: { ...main.metadata.labels, [TRACK_LABEL]: 'canary' },
            annotations: {
                [CHANGE_CAUSE_ANNOTATION]: spec.changeCause,
                'paved.dev/canary-of': main.metadata.name,
            },
        },
        spec: {
            ...structuredClone(main.spec),
            replicas: spec.replicas,
            selector,
            template,
            paused: false,
        },
    };
}
/** Creates the canary, or replaces the one a canary before left (its selector stays what it was). */
async function applyCanary(client, ref, wanted) {
    const name = wanted.metadata.name;
    const what = `Deployment '${name}' in namespace '${ref.namespace}'`;
    const existing = await client.request('GET', deploymentPath(ref.namespace, name), { accept: [404] });
    if (existing.status === 404) {
        const created = await client.request('POST', deploymentPath(ref.namespace), { body: wanted, what });
        return created.body;
    }
    const current = existing.body;
    if (current.metadata.annotations?.['paved.dev/canary-of'] !== ref.deployment) {
        throw new errors/* UserError */.yo(`${what} exists but is not the canary Paved made for '${ref.deployment}' (no paved.dev/canary-of annotation naming it): ` +
            'rename or remove it, or use strategy rolling. Nothing was changed.');
    }
    const replaced = {
        ...wanted,
        metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...wanted.metadata.annotations } },
        spec: { ...wanted.spec, selector: current.spec.selector },
    };
    const response = await client.request('PUT', deploymentPath(ref.namespace, name), {
        body: replaced,
        what,
    });
    return response.body;
}
/** The canary of `ref`, unless there is none or it is already being deleted. */
async function readCanary(client, ref) {
    const found = await client.request('GET', deploymentPath(ref.namespace, canaryName(ref.deployment)), {
        accept: [404],
    });
    if (found.status === 404 || found.body.metadata.deletionTimestamp)
        return undefined;
    return found.body.metadata.annotations?.['paved.dev/canary-of'] === ref.deployment ? found.body : undefined;
}
/**
 * Deletes the canary with its ReplicaSets and pods (foreground: the Deployment stays until its
 * pods are gone) and waits until it is gone, so no canary pod serves once this returns.
 * Returns false when it was still there at the timeout.
 */
async function removeCanary(client, ref, options) {
    const path = deploymentPath(ref.namespace, canaryName(ref.deployment));
    await client.request('DELETE', path, {
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' },
        accept: [404],
    });
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
        if ((await client.request('GET', path, { accept: [404] })).status === 404)
            return true;
        if (Date.now() >= deadline)
            return false;
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
    }
}
/** Whether the Service's selector picks the canary's pods too (else the canary would take no traffic). */
function serviceSelects(selector, podLabels) {
    const entries = Object.entries(selector ?? {});
    return entries.length > 0 && entries.every(([key, value]) => podLabels[key] === value);
}
/** The Service's selector; 404 names the Service. */
async function serviceSelector(client, namespace, service) {
    const found = await client.get(servicePath(namespace, service), `Service '${service}' in namespace '${namespace}'`);
    return found.spec?.selector;
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/errors.ts

/** The API server refused a request; the message is the server's own (it names the problem). */
class KubernetesApiError extends errors/* UserError */.yo {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'KubernetesApiError';
    }
}
/**
 * RBAC refused a request. The server's message names the user, verb, resource, API group and
 * namespace, which is what the cluster admin needs to grant.
 */
class KubernetesForbiddenError extends KubernetesApiError {
    constructor(status) {
        super(`The Kubernetes API refused the request: ${status.message}. ` +
            "Grant that verb on that resource to the kubeconfig's user (a Role and RoleBinding in the namespace).", status);
        this.name = 'KubernetesForbiddenError';
    }
}
/** A namespace, Deployment, container or revision named in the configuration does not exist. */
class KubernetesNotFoundError extends KubernetesApiError {
    constructor(what, status) {
        super(`${what} was not found in the cluster (${status.message || 'HTTP 404'}): check the environment's config`, status);
        this.name = 'KubernetesNotFoundError';
    }
}
/** An optimistic-concurrency write lost to another writer (HTTP 409). */
class KubernetesConflictError extends KubernetesApiError {
    constructor(status) {
        super(`The Kubernetes API reported a conflict: ${status.message}`, status);
        this.name = 'KubernetesConflictError';
    }
}
/** The API server could not be reached or kept failing: a platform problem, not the config's. */
class KubernetesUnavailableError extends errors/* PlatformError */.Wk {
    constructor(server, detail) {
        super('Kubernetes', `The Kubernetes API server ${server} is unreachable (${detail}): check that the kubeconfig's server address ` +
            'is right and that this runner can reach it (network, firewall, VPN).');
        this.name = 'KubernetesUnavailableError';
    }
}
/** The kubeconfig cannot be used; the message names the field and what it should hold. */
class KubeconfigError extends errors/* UserError */.yo {
    constructor(source, problem) {
        super(`The kubeconfig (${source}) ${problem}`);
        this.name = 'KubeconfigError';
    }
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/update.ts




/** Checks namespace, Deployment and container exist before anything is changed; names the missing one. */
async function resolveDeployment(client, ref, container) {
    const namespace = await client.request('GET', namespacePath(ref.namespace), { accept: [404, 403] });
    if (namespace.status === 404) {
        throw new KubernetesNotFoundError(`Namespace '${ref.namespace}'`, { code: 404, reason: 'NotFound', message: '' });
    }
    // 403 on the namespace itself is normal for a namespaced Role; the Deployment read decides.
    const deployment = await getDeployment(client, ref.namespace, ref.deployment);
    if (container !== undefined) {
        const names = deployment.spec.template.spec.containers.map((c) => c.name);
        if (!names.includes(container)) {
            throw new errors/* UserError */.yo(`Deployment '${ref.deployment}' in namespace '${ref.namespace}' has no container '${container}' ` +
                `(it has: ${names.join(', ')}): set 'container' in the environment's config to one of them`);
        }
    }
    return deployment;
}
/**
 * Sets one container's image (an exact digest reference) and records the change cause on the
 * Deployment, in one strategic-merge patch so the new ReplicaSet carries both.
 */
async function setImage(client, ref, container, image, changeCause, 
/** Set on the pod template with the image, so the new ReplicaSet (and a later undo to it) carries them. */
podAnnotations = {}, 
/** Added to the pod template's labels (never replacing the ones the selector needs). */
podLabels = {}) {
    if (!/@sha256:[0-9a-f]{64}$/.test(image)) {
        throw new errors/* UserError */.yo(`Image '${image}' is not pinned by digest (expected name@sha256:<64 hex>)`);
    }
    await resolveDeployment(client, ref, container);
    const templateMetadata = {
        ...(Object.keys(podAnnotations).length > 0 ? { annotations: podAnnotations } : {}),
        ...(Object.keys(podLabels).length > 0 ? { labels: podLabels } : {}),
    };
    const patch = {
        metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: changeCause } },
        spec: {
            template: {
                ...(Object.keys(templateMetadata).length > 0 ? { metadata: templateMetadata } : {}),
                spec: { containers: [{ name: container, image }] },
            },
        },
    };
    const response = await client.request('PATCH', deploymentPath(ref.namespace, ref.deployment), {
        body: patch,
        patchType: 'strategic',
        what: `Deployment '${ref.deployment}' in namespace '${ref.namespace}'`,
    });
    return response.body;
}
/**
 * What `kubectl rollout undo [--to-revision=N]` does: copy the ReplicaSet's pod template (without
 * its pod-template-hash label) back into the Deployment, with its change cause. The controller
 * then scales that ReplicaSet back up instead of making a new one. Without `toRevision`, the
 * revision before the current one.
 */
async function undoToRevision(client, ref, toRevision, 
/** Records why instead of the revision's own change cause (a rollback names its deployment). */
changeCause) {
    const deployment = await resolveDeployment(client, ref);
    const revisions = await revisions_listRevisions(client, deployment);
    const target = pickRevision(revisions, toRevision, ref);
    const template = structuredClone(target.object.spec.template);
    if (template.metadata?.labels)
        delete template.metadata.labels[POD_TEMPLATE_HASH];
    const annotations = { ...deployment.metadata.annotations };
    const cause = changeCause ?? target.object.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause)
        annotations[CHANGE_CAUSE_ANNOTATION] = cause;
    else
        delete annotations[CHANGE_CAUSE_ANNOTATION];
    const patch = [
        { op: 'replace', path: '/spec/template', value: template },
        // add, not replace: it also creates the map when the Deployment has none.
        { op: 'add', path: '/metadata/annotations', value: annotations },
    ];
    const response = await client.request('PATCH', deploymentPath(ref.namespace, ref.deployment), {
        body: patch,
        patchType: 'json',
        what: `Deployment '${ref.deployment}' in namespace '${ref.namespace}'`,
    });
    return {
        toRevision: target.revision,
        replicaSet: target.replicaSet,
        images: target.images,
        deployment: response.body,
    };
}
function pickRevision(revisions, toRevision, ref) {
    const known = revisions.map((r) => r.revision).join(', ') || 'none';
    if (toRevision === undefined) {
        const previous = revisions[1];
        if (!previous) {
            throw new errors/* UserError */.yo(`Deployment '${ref.deployment}' in namespace '${ref.namespace}' has no previous revision to undo to (revisions: ${known})`);
        }
        return previous;
    }
    const found = revisions.find((r) => r.revision === toRevision);
    if (!found) {
        throw new errors/* UserError */.yo(`Deployment '${ref.deployment}' in namespace '${ref.namespace}' has no revision ${toRevision} in its history ` +
            `(revisions kept: ${known}; see spec.revisionHistoryLimit)`);
    }
    return found;
}
/** The newest revision whose ReplicaSet ran `image` in `container`, if the history still has it. */
async function revisionRunning(client, ref, container, image) {
    const deployment = await resolveDeployment(client, ref, container);
    return (await listRevisions(client, deployment)).find((r) => r.images[container] === image);
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/running.ts



/** `deployment`, when the caller has just read it (its namespace known to exist), saves reading it again. */
async function readRunning(client, ref, deployment) {
    deployment ??= await resolveDeployment(client, ref);
    // Pods by the Deployment's selector, read beside its ReplicaSets (one round trip less than
    // asking for the current ReplicaSet's pods once it is known); its own are picked by owner.
    const [revision, listed] = await Promise.all([
        currentRevision(client, deployment),
        client.get(podsPath(deployment.metadata.namespace ?? ref.namespace, selectorOf(deployment.spec.selector.matchLabels))),
    ]);
    if (!revision)
        return undefined;
    const pods = listed.items.filter((pod) => pod.metadata.ownerReferences?.some((owner) => owner.uid === revision.object.metadata.uid));
    return {
        revision: revision.revision,
        replicaSet: revision.replicaSet,
        images: revision.images,
        annotations: { ...revision.object.spec.template.metadata?.annotations },
        pods: pods
            .filter((pod) => !pod.metadata.deletionTimestamp)
            .map((pod) => ({
            name: pod.metadata.name,
            ...(pod.spec.nodeName ? { node: pod.spec.nodeName } : {}),
            ready: pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
            imageIDs: Object.fromEntries((pod.status?.containerStatuses ?? []).map((c) => [c.name, c.imageID])),
        })),
    };
}
/**
 * Whether every pod of the current revision runs `digest` in `container`: the runtime's image ID
 * ends with the digest (runtimes prefix it with a repository or a scheme).
 */
function runsDigest(state, container, digest) {
    return state.pods.length > 0 && state.pods.every((pod) => pod.imageIDs[container]?.endsWith(digest) ?? false);
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/pod-failures.ts
const WAITING_FAILURES = new Set([
    'ErrImagePull',
    'ImagePullBackOff',
    'InvalidImageName',
    'CrashLoopBackOff',
    'CreateContainerConfigError',
    'CreateContainerError',
    'RunContainerError',
]);
/** The failures visible on pods that are not Ready; a pod still starting normally yields none. */
function podFailures(pods) {
    const failures = [];
    for (const pod of pods) {
        const name = pod.metadata.name;
        const status = pod.status ?? {};
        const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
        if (ready)
            continue;
        const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
        if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
            failures.push({ pod: name, reason: 'Unschedulable', message: scheduled.message ?? '' });
            continue;
        }
        let found = false;
        for (const container of status.containerStatuses ?? []) {
            const waiting = container.state?.waiting;
            if (waiting?.reason && WAITING_FAILURES.has(waiting.reason)) {
                const last = container.lastState?.terminated;
                const exit = last ? ` (last exit code ${last.exitCode}${last.reason ? `, ${last.reason}` : ''})` : '';
                failures.push({
                    pod: name,
                    container: container.name,
                    reason: waiting.reason,
                    message: `${waiting.message ?? ''}${exit}`.trim(),
                });
                found = true;
            }
            else if (container.state?.terminated && container.state.terminated.exitCode !== 0) {
                const t = container.state.terminated;
                failures.push({
                    pod: name,
                    container: container.name,
                    reason: t.reason ?? 'Error',
                    message: `exit code ${t.exitCode}${t.message ? `: ${t.message}` : ''}`,
                });
                found = true;
            }
            else if (container.state?.running && !container.ready) {
                failures.push({
                    pod: name,
                    container: container.name,
                    reason: 'NotReady',
                    message: 'running but not ready (readiness probe failing)',
                });
                found = true;
            }
        }
        if (!found && status.phase === 'Failed') {
            failures.push({ pod: name, reason: status.reason ?? 'Failed', message: status.message ?? '' });
        }
    }
    return failures;
}
/** One line for a record or summary, e.g. "web-7d9-abc/app: CrashLoopBackOff (back-off…)". */
function describePodFailures(failures, limit = 5) {
    const lines = failures
        .slice(0, limit)
        .map((f) => `${f.pod}${f.container ? `/${f.container}` : ''}: ${f.reason}${f.message ? ` (${f.message})` : ''}`);
    if (failures.length > limit)
        lines.push(`and ${failures.length - limit} more`);
    return lines.join('; ');
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/rollout-status.ts




/**
 * The rule `kubectl rollout status` applies to a Deployment: done once the controller has seen
 * the latest spec and every replica is updated and available with no old ones left; failed when
 * the controller reports ProgressDeadlineExceeded. Returns the rollout's outcome (never throws
 * for a failed rollout; API errors do throw).
 */
function rolloutState(deployment) {
    const status = deployment.status ?? {};
    const generation = deployment.metadata.generation ?? 0;
    if ((status.observedGeneration ?? 0) < generation) {
        return { done: false, failed: false, message: 'waiting for the controller to observe the new spec' };
    }
    const progressing = status.conditions?.find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
        return {
            done: false,
            failed: true,
            message: `exceeded its progress deadline: ${progressing.message ?? ''}`.trim(),
        };
    }
    const wanted = deployment.spec.replicas ?? 1;
    const updated = status.updatedReplicas ?? 0;
    const total = status.replicas ?? 0;
    const available = status.availableReplicas ?? 0;
    if (updated < wanted)
        return { done: false, failed: false, message: `${updated} out of ${wanted} new replicas have been updated` };
    if (total > updated)
        return { done: false, failed: false, message: `${total - updated} old replicas are pending termination` };
    if (available < updated)
        return { done: false, failed: false, message: `${available} of ${updated} updated replicas are available` };
    return { done: true, failed: false, message: `successfully rolled out (${available} available)` };
}
async function waitForRollout(client, ref, options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const intervalMs = options.intervalMs ?? 1_000;
    const deadline = now() + options.timeoutMs;
    const maxPolls = Math.ceil(options.timeoutMs / intervalMs) + 1;
    let lastMessage = '';
    let deployment;
    let polls = 0;
    // Watching sees each status the controller writes the moment it is written, as
    // `kubectl rollout status` does; without the watch verb (or with a watch that fails) it reads
    // every interval instead.
    let watching = options.watch !== false;
    const tell = (state) => {
        if (state.message !== lastMessage)
            options.onProgress?.(state.message);
        lastMessage = state.message;
    };
    const judge = async (seen) => {
        const state = rolloutState(seen);
        tell(state);
        if (state.done) {
            const revision = await currentRevision(client, seen);
            return { state: 'complete', revision: revision?.revision ?? 0, replicaSet: revision?.replicaSet ?? '', polls };
        }
        if (state.failed) {
            return {
                state: 'failed',
                message: `Deployment '${ref.deployment}' ${state.message}`,
                failures: await failuresOf(client, seen),
                polls,
            };
        }
        return undefined;
    };
    while (polls < maxPolls) {
        polls++;
        deployment = await getDeployment(client, ref.namespace, ref.deployment);
        const outcome = await judge(deployment);
        if (outcome)
            return outcome;
        if (now() + Math.min(intervalMs, 1_000) > deadline)
            break;
        if (watching) {
            const started = now();
            const seen = await watchUntilSettled(client, ref, deployment, deadline - now(), tell, options.signal).catch((error) => {
                // A Role without the watch verb, or a server that refuses watches: reading every interval still works.
                if (!(error instanceof KubernetesApiError || error instanceof KubernetesUnavailableError))
                    throw error;
                watching = false;
                return undefined;
            });
            if (seen) {
                deployment = seen;
                const settled = await judge(seen);
                if (settled)
                    return settled;
            }
            // A watch the server ended at once is not waited on again without a pause.
            if (watching && now() - started >= intervalMs)
                continue;
        }
        if (now() + intervalMs > deadline)
            break;
        await sleep(intervalMs);
    }
    return {
        state: 'timeout',
        message: `Deployment '${ref.deployment}' did not finish rolling out within ${Math.round(options.timeoutMs / 1000)} s (${lastMessage})`,
        failures: deployment ? await failuresOf(client, deployment) : [],
        polls,
    };
}
/**
 * Watches one Deployment from the version just read until the controller reports it done or
 * failed (that version is returned, to be judged by the same rule as a read), telling each new
 * progress line on the way. Undefined when the watch ended first: the caller reads again.
 */
async function watchUntilSettled(client, ref, from, remainingMs, progress, signal) {
    // Bounded by the server too, so a connection that silently died cannot outlive the deadline by much.
    const seconds = Math.max(1, Math.min(60, Math.ceil(remainingMs / 1000)));
    const query = new URLSearchParams({
        watch: '1',
        fieldSelector: `metadata.name=${ref.deployment}`,
        timeoutSeconds: String(seconds),
        ...(from.metadata.resourceVersion ? { resourceVersion: from.metadata.resourceVersion } : {}),
    });
    let settled;
    await client.watch(`${deploymentPath(ref.namespace)}?${query.toString()}`, (event) => {
        // ERROR (e.g. 410, the version read is already compacted) or DELETED: the read that follows says what holds.
        if (event.type !== 'ADDED' && event.type !== 'MODIFIED')
            return event.type !== 'BOOKMARK';
        const state = rolloutState(event.object);
        if (state.done || state.failed) {
            settled = event.object;
            return true;
        }
        progress(state);
        return false;
    }, { what: `Deployment '${ref.deployment}' in namespace '${ref.namespace}'`, ...(signal ? { signal } : {}) });
    if (signal?.aborted)
        throw new Error('rollout wait abandoned');
    return settled;
}
async function failuresOf(client, deployment) {
    const revision = await currentRevision(client, deployment);
    return revision ? podFailures(await podsOf(client, revision)) : [];
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
;// CONCATENATED MODULE: ./packages/core/src/kubernetes/client.ts



const CONTENT_TYPES = {
    merge: 'application/merge-patch+json',
    strategic: 'application/strategic-merge-patch+json',
    json: 'application/json-patch+json',
};
/**
 * A small JSON client for the Kubernetes API over node:https: it pins the kubeconfig's CA,
 * presents its client certificate or token, retries what is safe to retry, and turns the
 * server's Status answers into errors that name the problem. Counts requests for the benchmark.
 */
class KubeClient {
    connection;
    server;
    agent;
    url;
    timeoutMs;
    retries;
    retryDelayMs;
    sleep;
    count = 0;
    constructor(connection, options = {}) {
        this.connection = connection;
        for (const secret of connection.secrets)
            core/* setSecret */.Pq(secret);
        this.server = connection.server;
        this.url = new URL(connection.server);
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.retries = options.retries ?? 3;
        this.retryDelayMs = options.retryDelayMs ?? 250;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.agent = new external_node_https_.Agent({
            keepAlive: true,
            maxSockets: 4,
            ca: connection.caPem,
            cert: connection.clientCertPem,
            key: connection.clientKeyPem,
            rejectUnauthorized: !connection.insecureSkipTlsVerify,
            servername: connection.tlsServerName,
        });
    }
    /** Requests sent so far, retries included. */
    get requestCount() {
        return this.count;
    }
    async request(method, apiPath, options = {}) {
        const idempotent = method === 'GET' || method === 'HEAD';
        let lastProblem = '';
        for (let attempt = 0; attempt <= this.retries; attempt++) {
            if (attempt > 0)
                await this.sleep(this.retryDelayMs * 2 ** (attempt - 1));
            let response;
            try {
                response = await this.send(method, apiPath, options);
            }
            catch (error) {
                const code = error.code ?? error.message;
                lastProblem = String(code);
                core/* debug */.Yz(`${method} ${apiPath}: ${lastProblem} (attempt ${attempt + 1})`);
                // A write whose connection was refused never arrived; any other failure may have landed.
                if (idempotent || code === 'ECONNREFUSED')
                    continue;
                throw new KubernetesUnavailableError(this.server, `${method} ${apiPath} failed: ${lastProblem}`);
            }
            if ((response.status >= 500 || response.status === 429) && idempotent) {
                lastProblem = `HTTP ${response.status}`;
                continue;
            }
            const body = parseJson(response.text);
            if (response.status < 400 || options.accept?.includes(response.status)) {
                return { status: response.status, body: body };
            }
            throw this.failure(response.status, body, response.text, options.what ?? `${method} ${apiPath}`);
        }
        throw new KubernetesUnavailableError(this.server, `${lastProblem} after ${this.retries + 1} attempts`);
    }
    async get(apiPath, what) {
        return (await this.request('GET', apiPath, { what })).body;
    }
    /**
     * Streams a watch (`?watch=1`, one JSON event per line) until `onEvent` returns true, the
     * signal aborts or the server ends it. One request, whatever the number of events. A refusal
     * (403 for a Role without the watch verb, 410 for a resourceVersion too old) throws as any
     * request does, so the caller can fall back to reading.
     */
    async watch(apiPath, onEvent, options = {}) {
        this.count++;
        const headers = { accept: 'application/json', 'user-agent': 'paved' };
        if (this.connection.token)
            headers.authorization = `Bearer ${this.connection.token}`;
        const { signal } = options;
        if (signal?.aborted)
            return 'stopped';
        return new Promise((resolve, reject) => {
            let settled = false;
            const finish = (end) => {
                if (settled)
                    return;
                settled = true;
                signal?.removeEventListener('abort', onAbort);
                req.destroy();
                if (end instanceof Error)
                    reject(end);
                else
                    resolve(end);
            };
            const onAbort = () => finish('stopped');
            const req = (0,external_node_https_.request)({
                host: this.url.hostname.replace(/^\[|\]$/g, ''),
                port: this.url.port || 443,
                path: `${this.url.pathname.replace(/\/$/, '')}${apiPath}`,
                method: 'GET',
                headers,
                // Its socket is destroyed at the end, never returned to the keep-alive pool half-read.
                agent: this.agent,
                timeout: this.timeoutMs,
            }, (res) => {
                const status = res.statusCode ?? 0;
                if (status >= 300) {
                    const chunks = [];
                    res.on('data', (chunk) => chunks.push(chunk));
                    res.on('end', () => {
                        const text = Buffer.concat(chunks).toString('utf8');
                        finish(this.failure(status, parseJson(text), text, options.what ?? `watch ${apiPath}`));
                    });
                    return;
                }
                let buffered = '';
                res.setEncoding('utf8');
                res.on('data', (chunk) => {
                    buffered += chunk;
                    let newline;
                    while (!settled && (newline = buffered.indexOf('\n')) >= 0) {
                        const line = buffered.slice(0, newline).trim();
                        buffered = buffered.slice(newline + 1);
                        if (!line)
                            continue;
                        const event = parseJson(line);
                        if (typeof event !== 'object' || event === null || typeof event.type !== 'string')
                            continue;
                        let stop;
                        try {
                            stop = onEvent(event);
                        }
                        catch (error) {
                            finish(error);
                            return;
                        }
                        if (stop)
                            finish('stopped');
                    }
                });
                // A server that goes away mid-stream ends the watch; the read that follows finds out why.
                res.on('end', () => finish('ended'));
                res.on('error', () => finish('ended'));
                res.on('close', () => finish('ended'));
            });
            signal?.addEventListener('abort', onAbort, { once: true });
            // Idle for the client's timeout: ended, and the caller reads again.
            req.on('timeout', () => finish('ended'));
            req.on('error', (error) => {
                const code = error.code ?? error.message;
                finish(new KubernetesUnavailableError(this.server, `watch ${apiPath} failed: ${code}`));
            });
            req.end();
        });
    }
    /** Closes idle keep-alive sockets so the process can exit. */
    close() {
        this.agent.destroy();
    }
    send(method, apiPath, options) {
        this.count++;
        const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
        const headers = { accept: 'application/json', 'user-agent': 'paved' };
        if (payload) {
            headers['content-type'] = method === 'PATCH' ? CONTENT_TYPES[options.patchType ?? 'merge'] : 'application/json';
            headers['content-length'] = String(payload.length);
        }
        if (this.connection.token)
            headers.authorization = `Bearer ${this.connection.token}`;
        return new Promise((resolve, reject) => {
            const req = (0,external_node_https_.request)({
                host: this.url.hostname.replace(/^\[|\]$/g, ''),
                port: this.url.port || 443,
                path: `${this.url.pathname.replace(/\/$/, '')}${apiPath}`,
                method,
                headers,
                agent: this.agent,
                timeout: this.timeoutMs,
            }, (res) => {
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
                res.on('error', reject);
            });
            req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
            req.on('error', reject);
            req.end(payload);
        });
    }
    failure(status, body, text, what) {
        const apiStatus = {
            code: status,
            reason: field(body, 'reason') ?? '',
            message: field(body, 'message') ?? text.slice(0, 300),
        };
        if (status === 401) {
            return new KubernetesApiError(`The Kubernetes API server ${this.server} rejected the kubeconfig's credentials (401 Unauthorized): ` +
                'the token or client certificate is not valid for this cluster, or has expired', apiStatus);
        }
        if (status === 403)
            return new KubernetesForbiddenError(apiStatus);
        if (status === 404)
            return new KubernetesNotFoundError(what, apiStatus);
        if (status === 409)
            return new KubernetesConflictError(apiStatus);
        return new KubernetesApiError(`${what}: the Kubernetes API answered ${status}: ${apiStatus.message}`, apiStatus);
    }
}
function parseJson(text) {
    if (!text)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return text;
    }
}
function field(body, name) {
    if (typeof body !== 'object' || body === null)
        return undefined;
    const value = body[name];
    return typeof value === 'string' ? value : undefined;
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/kubeconfig.ts





/** Parses kubeconfig text (YAML or JSON); file references are resolved against `baseDir`. */
async function parseKubeconfig(text, options = {}) {
    const source = options.source ?? 'kubeconfig';
    const fail = (problem) => {
        throw new KubeconfigError(source, problem);
    };
    let document;
    try {
        document = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        const where = error.linePos?.[0]?.line;
        fail(`does not parse as YAML${where ? ` (line ${where})` : ''}: ${firstLine(error.message)}`);
    }
    if (!isEntry(document))
        return fail('is not a YAML mapping (expected apiVersion: v1, kind: Config, clusters, users, contexts)');
    if (document.kind !== undefined && document.kind !== 'Config')
        fail(`has kind '${String(document.kind)}', expected 'Config'`);
    const contextName = options.context ?? stringField(document['current-context']);
    if (!contextName)
        fail('has no current-context and no context was chosen: set current-context or name a context');
    const context = named(document.contexts, 'contexts', contextName, 'context', fail);
    const clusterName = stringField(context.cluster) ?? fail(`context '${contextName}' names no cluster`);
    const userName = stringField(context.user) ?? fail(`context '${contextName}' names no user`);
    const cluster = named(document.clusters, 'clusters', clusterName, 'cluster', fail);
    const user = named(document.users, 'users', userName, 'user', fail);
    const server = stringField(cluster.server) ?? fail(`cluster '${clusterName}' has no server`);
    let serverUrl;
    try {
        serverUrl = new URL(server);
    }
    catch {
        return fail(`cluster '${clusterName}' has server '${server}', which is not a URL (expected https://host:port)`);
    }
    if (serverUrl.protocol !== 'https:')
        fail(`cluster '${clusterName}' server '${server}' must use https://`);
    if (cluster['proxy-url'] !== undefined)
        fail(`cluster '${clusterName}' sets proxy-url, which Paved does not support`);
    const read = async (field, owner, what) => {
        const inline = stringField(owner[`${field}-data`]);
        if (inline)
            return decodeBase64(inline, `${what} ${field}-data`, fail);
        const file = stringField(owner[field]);
        if (!file)
            return undefined;
        const resolved = external_node_path_default().resolve(options.baseDir ?? process.cwd(), file);
        try {
            return await (0,promises_.readFile)(resolved, 'utf8');
        }
        catch (error) {
            return fail(`${what} ${field} '${file}' cannot be read: ${error.code ?? error}`);
        }
    };
    for (const unsupported of ['exec', 'auth-provider']) {
        if (user[unsupported] !== undefined) {
            fail(`user '${userName}' authenticates with ${unsupported}, which Paved does not run on the runner: ` +
                'use a kubeconfig with a token or a client certificate (e.g. a ServiceAccount token)');
        }
    }
    if (user.username !== undefined || user.password !== undefined) {
        fail(`user '${userName}' uses basic auth (username/password), which Kubernetes no longer accepts`);
    }
    const caPem = await read('certificate-authority', cluster, `cluster '${clusterName}'`);
    const clientCertPem = await read('client-certificate', user, `user '${userName}'`);
    const clientKeyPem = await read('client-key', user, `user '${userName}'`);
    let token = stringField(user.token);
    const tokenFile = stringField(user.tokenFile);
    if (!token && tokenFile) {
        try {
            token = (await (0,promises_.readFile)(external_node_path_default().resolve(options.baseDir ?? process.cwd(), tokenFile), 'utf8')).trim();
        }
        catch (error) {
            fail(`user '${userName}' tokenFile '${tokenFile}' cannot be read: ${error.code ?? error}`);
        }
    }
    if (Boolean(clientCertPem) !== Boolean(clientKeyPem)) {
        fail(`user '${userName}' has a client certificate without its key (or a key without its certificate)`);
    }
    if (!token && !clientCertPem) {
        fail(`user '${userName}' has no credentials: expected token, tokenFile or client-certificate-data and client-key-data`);
    }
    if (caPem !== undefined && !caPem.includes('-----BEGIN CERTIFICATE-----')) {
        fail(`cluster '${clusterName}' certificate-authority is not a PEM certificate`);
    }
    const namespace = stringField(context.namespace);
    const tlsServerName = stringField(cluster['tls-server-name']);
    return {
        context: contextName,
        server: server.replace(/\/+$/, ''),
        ...(caPem ? { caPem } : {}),
        insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
        ...(tlsServerName ? { tlsServerName } : {}),
        ...(clientCertPem ? { clientCertPem } : {}),
        ...(clientKeyPem ? { clientKeyPem } : {}),
        ...(token ? { token } : {}),
        ...(namespace ? { namespace } : {}),
        secrets: [token, clientKeyPem].filter((value) => Boolean(value)),
    };
}
/** Reads a kubeconfig file; relative certificate paths in it are relative to the file. */
async function loadKubeconfigFile(file, options = {}) {
    const source = options.source ?? `file ${file}`;
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (error) {
        throw new KubeconfigError(source, `cannot be read: ${error.code ?? error}`);
    }
    return parseKubeconfig(text, { ...options, source, baseDir: external_node_path_default().dirname(external_node_path_default().resolve(file)) });
}
/**
 * Writes kubeconfig text 0600 in a fresh 0700 folder under RUNNER_TEMP, for a tool that wants a
 * file. Prefer `withTemporaryKubeconfig`, which removes it on every path.
 */
async function writeTemporaryKubeconfig(text, tempRoot = process.env.RUNNER_TEMP || tmpdir()) {
    const dir = await mkdtemp(path.join(tempRoot, 'paved-kube-'));
    const file = path.join(dir, 'kubeconfig');
    await writeFile(file, text, { mode: 0o600 });
    return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}
async function withTemporaryKubeconfig(text, use, tempRoot) {
    const written = await writeTemporaryKubeconfig(text, tempRoot);
    try {
        return await use(written.path);
    }
    finally {
        await written.remove();
    }
}
function named(list, listName, name, kind, fail) {
    if (!Array.isArray(list))
        return fail(`has no ${listName} list`);
    const item = list.find((entry) => isEntry(entry) && entry.name === name);
    if (!item) {
        const known = list.map((entry) => (isEntry(entry) ? String(entry.name) : '?')).join(', ') || 'none';
        return fail(`has no ${kind} named '${name}' in ${listName} (has: ${known})`);
    }
    const body = item[kind] ?? {};
    if (!isEntry(body))
        return fail(`${kind} '${name}' has no '${kind}:' mapping`);
    return body;
}
function decodeBase64(value, what, fail) {
    const compact = value.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact))
        return fail(`${what} is not base64`);
    return Buffer.from(compact, 'base64').toString('utf8');
}
function isEntry(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function stringField(value) {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
function firstLine(message) {
    return message.split('\n')[0] ?? message;
}

;// CONCATENATED MODULE: ./packages/core/src/targets/kubernetes/connect.ts






/**
 * The cluster and user a release talks to: the kubeconfig input when given, else the runner's
 * current context (the first file of KUBECONFIG, else ~/.kube/config), as kubectl would pick it.
 * The input is parsed in memory: no other process needs it, so it never touches the disk.
 */
async function connectionFor(source) {
    const options = source.context ? { context: source.context } : {};
    if (source.kubeconfig) {
        maskCredentialLines(source.kubeconfig);
        return parseKubeconfig(source.kubeconfig, { ...options, source: "input 'kubeconfig'" });
    }
    const env = source.env ?? process.env;
    const listed = (env.KUBECONFIG ?? '').split((external_node_path_default()).delimiter).filter(Boolean);
    const home = env.HOME || external_node_os_default().homedir();
    const candidates = listed.length > 0 ? listed : [external_node_path_default().join(home, '.kube', 'config')];
    const file = candidates.find((candidate) => (0,external_node_fs_.existsSync)(candidate));
    if (!file) {
        throw new errors/* UserError */.yo(`No kubeconfig for the kubernetes target: set the kubeconfig input to a secret holding one, or give the ` +
            `runner a current context (${listed.length > 0 ? `KUBECONFIG names ${listed.join(', ')}, which do not exist` : `no KUBECONFIG and no ${candidates[0]}`}).`);
    }
    if (listed.length > 1)
        core/* info */.pq(`Using ${file}, the first existing file of KUBECONFIG`);
    return loadKubeconfigFile(file, { ...options, source: `file ${file}` });
}
/**
 * The runner masks line by line: besides the input as a whole, each credential value in it is
 * masked on its own, so a line of it quoted in an error never shows.
 */
function maskCredentialLines(text) {
    for (const match of text.matchAll(/^\s*"?(token|client-key-data|password)"?\s*:\s*"?([^"\s]+)"?/gm)) {
        if ((match[2] ?? '').length >= 8)
            core/* setSecret */.Pq(match[2]);
    }
}

;// CONCATENATED MODULE: ./packages/core/src/kubernetes/lease.ts



/** Another run holds the lock and it is not stale. Nothing was changed. */
class LeaseHeldError extends errors/* UserError */.yo {
    lease;
    holder;
    renewedAt;
    constructor(lease, holder, renewedAt) {
        super(`Lease '${lease}' is held by ${holder}${renewedAt ? ` (renewed ${renewedAt})` : ''}: another deploy or rollback ` +
            'of this service and environment is running. Wait for it, or let the lock go stale (lock-timeout).');
        this.lease = lease;
        this.holder = holder;
        this.renewedAt = renewedAt;
        this.name = 'LeaseHeldError';
    }
}
/**
 * Takes a coordination.k8s.io Lease atomically: create (409 when it exists), or replace a stale
 * one under its resourceVersion so that of two runs taking over, exactly one wins.
 */
async function acquireLease(client, options) {
    const now = options.now ?? (() => new Date());
    const stamp = () => now()
        .toISOString()
        .replace(/\.(\d{3})Z$/, '.$1000Z');
    const spec = (transitions) => ({
        holderIdentity: options.holder,
        leaseDurationSeconds: options.staleAfterSeconds,
        acquireTime: stamp(),
        renewTime: stamp(),
        leaseTransitions: transitions,
    });
    const collection = leasePath(options.namespace);
    const created = await client.request('POST', collection, {
        body: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: options.name }, spec: spec(0) },
        accept: [409],
        what: `Namespace '${options.namespace}'`,
    });
    let lease;
    let tookOverFrom;
    if (created.status !== 409) {
        lease = created.body;
    }
    else {
        const existing = await client.get(leasePath(options.namespace, options.name));
        const holder = existing.spec.holderIdentity ?? '';
        const renewed = existing.spec.renewTime ?? existing.spec.acquireTime;
        const age = renewed ? (now().getTime() - Date.parse(renewed)) / 1000 : Infinity;
        if (holder && holder !== options.holder && age < options.staleAfterSeconds) {
            const finished = await (options.holderFinished?.(holder) ?? Promise.resolve(false)).catch(() => false);
            if (!finished)
                throw new LeaseHeldError(options.name, holder, renewed);
        }
        try {
            lease = (await client.request('PUT', leasePath(options.namespace, options.name), {
                body: { ...existing, spec: spec((existing.spec.leaseTransitions ?? 0) + 1) },
            })).body;
        }
        catch (error) {
            // Someone else replaced it between our read and write: they won.
            if (error instanceof KubernetesConflictError) {
                const winner = await client.get(leasePath(options.namespace, options.name));
                throw new LeaseHeldError(options.name, winner.spec.holderIdentity ?? 'another run', winner.spec.renewTime);
            }
            throw error;
        }
        if (holder && holder !== options.holder)
            tookOverFrom = holder;
    }
    let released = false;
    return {
        name: options.name,
        ...(tookOverFrom ? { tookOverFrom } : {}),
        renew: async () => {
            lease = (await client.request('PUT', leasePath(options.namespace, options.name), {
                body: { ...lease, spec: { ...lease.spec, renewTime: stamp() } },
            })).body;
        },
        release: async () => {
            if (released)
                return;
            released = true;
            // Preconditions: delete only the lease as we last wrote it, never a successor's.
            await client.request('DELETE', leasePath(options.namespace, options.name), {
                body: {
                    kind: 'DeleteOptions',
                    apiVersion: 'v1',
                    preconditions: { resourceVersion: lease.metadata.resourceVersion },
                },
                accept: [404, 409],
            });
        },
    };
}

;// CONCATENATED MODULE: ./packages/core/src/targets/kubernetes/lock.ts



/**
 * `paved-<service>-<environment>` as a Lease name (a DNS subdomain): lower-cased, other
 * characters made "-", and a short hash of the original when that changed it, so two
 * environments that differ only in case or punctuation never share a lock.
 */
function leaseName(service, environment) {
    const wanted = `paved-${service}-${environment}`;
    let name = wanted
        .toLowerCase()
        .replace(/[^a-z0-9.-]+/g, '-')
        .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    if (name !== wanted)
        name = `${name.slice(0, 200)}-${(0,external_node_crypto_.createHash)('sha256').update(wanted).digest('hex').slice(0, 8)}`;
    return name.slice(0, 253);
}
/**
 * The deploy lock as a coordination.k8s.io Lease in the Deployment's namespace: taken
 * atomically, naming the run that holds it, renewed while the release runs so a long rollout
 * never looks stale, and taken over when older than lock-timeout or its run has finished.
 */
async function takeLeaseLock(client, where, request) {
    const name = leaseName(where.service, where.environment);
    const staleAfterSeconds = Math.max(1, Math.round(request.timeoutMs / 1000));
    let lease;
    try {
        lease = await acquireLease(client, {
            namespace: where.namespace,
            name,
            holder: request.holder,
            staleAfterSeconds,
            ...(request.holderFinished ? { holderFinished: request.holderFinished } : {}),
        });
    }
    catch (error) {
        if (!(error instanceof LeaseHeldError))
            throw error;
        const lockedAt = new Date(error.renewedAt ?? Date.now());
        throw (0,lock/* lockHeldError */.$)(`${where.service} in ${where.environment} (Lease ${where.namespace}/${name})`, { holder: error.holder, lockedAt }, request.timeoutMs);
    }
    const held = lease;
    // Renewed at a third of the stale age: one missed renewal never lets another run take over.
    const renewal = setInterval(() => {
        held.renew().catch(() => undefined);
    }, Math.max(1_000, (staleAfterSeconds * 1000) / 3));
    renewal.unref();
    return {
        holder: request.holder,
        ...(held.tookOverFrom ? { tookOverFrom: held.tookOverFrom } : {}),
        release: async () => {
            clearInterval(renewal);
            await held.release();
        },
    };
}

;// CONCATENATED MODULE: ./packages/core/src/targets/kubernetes/target.ts







/** Pod-template annotations: they travel with a revision, so an undo brings its release's facts back too. */
const RELEASE_ANNOTATIONS = {
    deploymentId: 'paved.dev/deployment-id',
    version: 'paved.dev/version',
    sha: 'paved.dev/sha',
};
/**
 * A Deployment on a Kubernetes cluster. A release sets its container's image to the exact
 * digest (the change cause naming the deployment) and waits as `kubectl rollout status` does,
 * bounded by the rollout timeout; a rollout that fails is undone to the revision that ran
 * before, and the failure names the pods' reasons. The lock is a Lease beside the Deployment.
 * A rollback returns to the ReplicaSet that ran the digest while the history keeps it.
 */
class KubernetesTarget {
    settings;
    kind = 'kubernetes';
    connection;
    namespace;
    client;
    constructor(settings) {
        this.settings = settings;
        this.namespace = settings.kubernetes.namespace;
    }
    get where() {
        const { deployment, service } = this.settings.kubernetes;
        const at = this.namespace ? `${this.namespace}/${deployment}` : deployment;
        return `kubernetes deployment ${at}${service ? ` (service ${service})` : ''}`;
    }
    /** API requests made so far (the benchmark's figure). */
    get requestCount() {
        return this.client?.requestCount ?? 0;
    }
    async lock(request) {
        const { client, ref } = await this.connect();
        return takeLeaseLock(client, { namespace: ref.namespace, service: this.settings.service, environment: this.settings.environment }, request);
    }
    /** What serves the newest release: the canary while there is one (strategy canary), else the Deployment. */
    async current() {
        const { client, ref, container } = await this.connect();
        if (this.canaryStrategy && (await readCanary(client, ref))) {
            const state = await readRunning(client, this.canaryRef(ref));
            return state ? this.describe(state, container, canaryName(ref.deployment)) : undefined;
        }
        const state = await this.readRunning({ client, ref });
        return state ? this.describe(state, container) : undefined;
    }
    /** What the Deployment runs; its namespace was checked on connecting, so only the Deployment is read. */
    async readRunning({ client, ref }) {
        return readRunning(client, ref, await getDeployment(client, ref.namespace, ref.deployment));
    }
    async deploy(release, hooks) {
        if (this.canaryStrategy) {
            return this.settings.canary === 'promote' ? this.promote(release, hooks) : this.deployCanary(release, hooks);
        }
        return this.rollingDeploy(release, hooks);
    }
    async rollingDeploy(release, hooks, podLabels = {}) {
        const connected = await this.connect();
        const { client, ref, container } = connected;
        const before = await this.readRunning(connected);
        const cause = `paved deployment ${release.deploymentId}: ${release.version} to ${release.environment}`;
        await hooks.phase('start', () => setImage(client, ref, container, release.image, cause, releaseAnnotations(release), podLabels));
        return this.rollout(connected, hooks, before);
    }
    /**
     * Puts the release up as `<deployment>-canary`: the Deployment's pod template with the image
     * set and `track: canary` added, canary-replicas pods behind the same Service. A canary that
     * does not come up is removed; the Deployment is never touched.
     */
    async deployCanary(release, hooks) {
        const { client, ref, container } = await this.connect();
        const main = await getDeployment(client, ref.namespace, ref.deployment);
        const before = await readRunning(client, ref);
        const wanted = canaryDeployment(main, {
            image: release.image,
            container,
            replicas: this.settings.kubernetes.canaryReplicas,
            changeCause: `paved deployment ${release.deploymentId}: ${release.version} canary in ${release.environment}`,
            podAnnotations: releaseAnnotations(release),
        });
        const service = this.settings.kubernetes.service;
        if (service) {
            const selector = await serviceSelector(client, ref.namespace, service);
            if (!serviceSelects(selector, wanted.spec.template.metadata?.labels ?? {})) {
                throw new errors/* UserError */.yo(`Service '${service}' in namespace '${ref.namespace}' does not select the pods of Deployment '${ref.deployment}' ` +
                    `(its selector: ${JSON.stringify(selector ?? {})}), so a canary would take no traffic: ` +
                    'set kubernetes.service to the Service in front of the Deployment. Nothing was changed.');
            }
        }
        const canary = this.canaryRef(ref);
        hooks.info(`Putting ${release.version} up as ${canary.deployment}: ${wanted.spec.replicas} pod(s) labelled ${TRACK_LABEL}=canary ` +
            `beside ${ref.deployment}'s ${main.spec.replicas ?? 1}`);
        await hooks.phase('start', () => applyCanary(client, ref, wanted));
        let outcome;
        try {
            outcome = await hooks.phase('health', () => this.waitRolledOut({ client, ref: canary, container }, hooks));
        }
        catch (error) {
            const removed = await this.removeCanaryQuietly(ref, hooks);
            if (!removed)
                hooks.warning(`The canary ${canary.deployment} could not be removed: delete it with kubectl.`);
            throw error;
        }
        if (outcome.state !== 'complete') {
            const removed = await this.removeCanaryQuietly(ref, hooks);
            throw rolloutFailed(outcome, removed
                ? `The canary was removed; ${ref.deployment} serves as before.`
                : `The canary ${canary.deployment} could not be removed: delete it with kubectl.`);
        }
        const state = await readRunning(client, canary);
        const running = state
            ? this.describe(state, container, canary.deployment)
            : { name: canary.deployment, running: false, state: 'no current revision after the rollout' };
        return {
            running,
            ...(before ? { previous: this.describe(before, container) } : {}),
            switchedAt: new Date(),
            downtime: false,
            removed: [],
        };
    }
    /**
     * Rolls the Deployment out to the digest its canary runs, through the rolling path (its pods
     * labelled `track: stable`), then removes the canary. Refused, changing nothing, when there is
     * no canary or it runs another digest.
     */
    async promote(release, hooks) {
        const { client, ref, container } = await this.connect();
        const canary = await readCanary(client, ref);
        const canaryImage = canary?.spec.template.spec.containers.find((c) => c.name === container)?.image;
        if (!canary || digestIn(canaryImage) !== release.digest) {
            throw new errors/* UserError */.yo(canary
                ? `The canary ${canaryName(ref.deployment)} runs ${canaryImage ?? 'no image'}, not ${release.image}: promote the image the canary runs. Nothing was changed.`
                : `There is no canary of Deployment '${ref.deployment}' in namespace '${ref.namespace}' to promote: deploy ${release.version} first (strategy canary puts it up as the canary), or it was rejected. Nothing was changed.`);
        }
        hooks.info(`Promoting the canary: rolling ${ref.deployment} out to ${release.digest}`);
        const result = await this.rollingDeploy(release, hooks, { [TRACK_LABEL]: 'stable' });
        const removed = await hooks.phase('stop', () => this.removeCanaryQuietly(ref, hooks));
        if (!removed)
            hooks.warning(`The canary ${canaryName(ref.deployment)} is still being deleted; it runs the same digest.`);
        return { ...result, removed: removed ? [canaryName(ref.deployment)] : [] };
    }
    /** Removes the canary (a rejection), true once it is gone. */
    async removeCanaryQuietly(ref, hooks) {
        const gone = await removeCanary(this.client, ref, { timeoutMs: this.settings.kubernetes.timeoutMs }).catch((error) => {
            hooks.warning(`Removing the canary ${canaryName(ref.deployment)} failed: ${error.message}`);
            return false;
        });
        if (gone)
            hooks.info(`Removed the canary ${canaryName(ref.deployment)}`);
        return gone;
    }
    get canaryStrategy() {
        return this.settings.kubernetes.strategy === 'canary';
    }
    canaryRef(ref) {
        return { namespace: ref.namespace, deployment: canaryName(ref.deployment) };
    }
    /**
     * With a canary up (strategy canary), a rollback rejects it: the canary is removed, and when
     * the Deployment already runs the release to return to, nothing else changes.
     */
    async rollback(release, hooks, options = {}) {
        const connected = await this.connect();
        const { client, ref, container } = connected;
        if (this.canaryStrategy) {
            const canary = await readCanary(client, ref);
            if (canary) {
                const rejected = canary.spec.template.spec.containers.find((c) => c.name === container)?.image;
                hooks.info(`Rejecting the canary ${canary.metadata.name} (${rejected ?? 'unknown image'})`);
                const removed = await hooks.phase('stop', () => this.removeCanaryQuietly(ref, hooks));
                if (!removed) {
                    throw new targets_target/* ReleaseError */.K2(`The canary ${canary.metadata.name} could not be removed within the rollout timeout: delete it with kubectl.`, 'stop', { switched: false, kind: 'platform' });
                }
                const state = await readRunning(client, ref);
                if (state && digestIn(state.images[container]) === release.digest) {
                    const running = this.describe(state, container);
                    const previous = rejected ? { name: canary.metadata.name, image: rejected, running: false } : undefined;
                    return {
                        running,
                        ...(previous ? { previous } : {}),
                        switchedAt: new Date(),
                        downtime: false,
                        removed: [canary.metadata.name],
                    };
                }
            }
        }
        const deployment = await getDeployment(client, ref.namespace, ref.deployment);
        const before = await readRunning(client, ref, deployment);
        const revisions = (await revisions_listRevisions(client, deployment)).filter((r) => r.revision !== before?.revision && digestIn(r.images[container]) === release.digest);
        const kept = revisions.find((r) => options.fromDeploymentId !== undefined &&
            r.object.spec.template.metadata?.annotations?.[RELEASE_ANNOTATIONS.deploymentId] ===
                String(options.fromDeploymentId)) ?? revisions[0];
        if (!kept) {
            hooks.info(`No ReplicaSet of ${this.where} that ran ${release.digest} is left in its revision history: rolling out to it anew`);
            return this.deploy(release, hooks);
        }
        hooks.info(`Returning ${this.where} to revision ${kept.revision} (ReplicaSet ${kept.replicaSet}), which ran it`);
        const cause = `paved deployment ${release.deploymentId}: rollback to ${release.version} in ${release.environment}`;
        await hooks.phase('start', () => undoToRevision(client, ref, kept.revision, cause));
        return this.rollout(connected, hooks, before);
    }
    async dispose() {
        if (this.client)
            core/* info */.pq(`${this.where}: ${this.client.requestCount} Kubernetes API requests`);
        this.client?.close();
    }
    /** Waits for the rollout; on anything but success, undoes it to `before` and fails naming why. */
    async rollout(connected, hooks, before) {
        const previous = before ? this.describe(before, connected.container) : undefined;
        let outcome;
        const abandoned = new AbortController();
        try {
            outcome = await hooks.phase('health', () => this.waitRolledOut(connected, hooks, abandoned.signal));
        }
        catch (error) {
            // Cancelled or the API went away for longer than the timeout: the wait stops, the undo is tried.
            abandoned.abort();
            const undone = await this.undo(connected, hooks, before).catch((undoError) => undoError);
            if (undone instanceof Error)
                hooks.warning(this.notUndone(undone));
            throw error;
        }
        if (outcome.state !== 'complete') {
            const undone = await this.undo(connected, hooks, before).catch((undoError) => undoError);
            throw rolloutFailed(outcome, undone instanceof Error ? this.notUndone(undone) : undone);
        }
        const switchedAt = new Date();
        const state = await this.readRunning(connected);
        const running = state
            ? this.describe(state, connected.container)
            : { name: this.where, running: false, state: 'no current revision after the rollout' };
        return { running, ...(previous ? { previous } : {}), switchedAt, downtime: false, removed: [] };
    }
    /**
     * `kubectl rollout status`, bounded by the rollout timeout, but patient with an API server
     * that goes away for a moment (an upgrade, a failover): it keeps asking until the timeout.
     */
    async waitRolledOut({ client, ref }, hooks, abandoned = new AbortController().signal) {
        const timeoutMs = this.settings.kubernetes.timeoutMs;
        const deadline = Date.now() + timeoutMs;
        const firstMs = this.settings.pollMs ?? 200;
        let waits = 0;
        // Quick reads while a rollout on a fast cluster finishes, then once a second.
        const sleep = () => new Promise((resolve, reject) => {
            if (abandoned.aborted)
                return reject(new Error('rollout wait abandoned'));
            const onAbort = () => {
                clearTimeout(timer);
                reject(new Error('rollout wait abandoned'));
            };
            const timer = setTimeout(() => {
                abandoned.removeEventListener('abort', onAbort);
                resolve();
            }, Math.min(1_000, firstMs * 2 ** Math.floor(waits++ / 5)));
            abandoned.addEventListener('abort', onAbort, { once: true });
        });
        let warned = false;
        for (;;) {
            try {
                return await waitForRollout(client, ref, {
                    timeoutMs: Math.max(0, deadline - Date.now()),
                    // The bound on reads comes from the shortest wait; the deadline ends it.
                    intervalMs: firstMs,
                    sleep,
                    signal: abandoned,
                    onProgress: (line) => hooks.info(`${ref.deployment}: ${line}`),
                });
            }
            catch (error) {
                if (!(error instanceof KubernetesUnavailableError) || Date.now() + 1_000 > deadline)
                    throw error;
                if (!warned) {
                    hooks.warning(`${error.message}; still waiting for the rollout until the timeout`);
                    warned = true;
                }
                await sleep();
            }
        }
    }
    /** Back to the revision that ran before (what `kubectl rollout undo --to-revision` does), waited for. */
    async undo({ client, ref }, hooks, before) {
        if (!before)
            return 'There was no earlier revision to undo to.';
        const started = performance.now();
        await undoToRevision(client, ref, before.revision);
        const back = await waitForRollout(client, ref, { timeoutMs: this.settings.kubernetes.timeoutMs, intervalMs: 500 });
        const took = (0,action_duration/* formatDuration */.a)(performance.now() - started);
        if (back.state !== 'complete') {
            return `Undone to the ReplicaSet that ran before (${before.replicaSet}), but that rollout did not complete either (${back.message}).`;
        }
        const sentence = `Undone to the ReplicaSet that ran before (${before.replicaSet}) in ${took}; it serves again.`;
        hooks.info(sentence);
        return sentence;
    }
    notUndone(error) {
        return (`The rollout could not be undone (${error.message}): the Deployment may be half rolled out. ` +
            `Run kubectl rollout undo deployment/${this.settings.kubernetes.deployment} once the cluster answers.`);
    }
    describe(state, container, deployment = this.settings.kubernetes.deployment) {
        const image = state.images[container];
        const digests = [...new Set(state.pods.map((pod) => digestIn(pod.imageIDs[container])))];
        const unready = state.pods.filter((pod) => !pod.ready).length;
        const digest = digests.length === 1 ? digests[0] : undefined;
        const problems = [
            state.pods.length === 0 ? 'no pods' : '',
            unready > 0 ? `${unready} of ${state.pods.length} pods not ready` : '',
            digests.length > 1 ? `pods run different images (${digests.map((d) => d ?? 'unknown').join(', ')})` : '',
            digests.length === 1 && !digest ? 'pods report no image digest' : '',
        ].filter(Boolean);
        const id = Number(state.annotations[RELEASE_ANNOTATIONS.deploymentId]);
        return {
            name: `${deployment} revision ${state.revision} (ReplicaSet ${state.replicaSet})`,
            ...(image ? { image } : {}),
            ...(digest ? { digest } : {}),
            ...(Number.isInteger(id) && id > 0 ? { deploymentId: id } : {}),
            ...(state.annotations[RELEASE_ANNOTATIONS.version]
                ? { version: state.annotations[RELEASE_ANNOTATIONS.version] }
                : {}),
            ...(state.annotations[RELEASE_ANNOTATIONS.sha] ? { sha: state.annotations[RELEASE_ANNOTATIONS.sha] } : {}),
            running: problems.length === 0,
            state: problems.length === 0 ? `${state.pods.length} pods ready` : problems.join('; '),
        };
    }
    /** Connects once: the kubeconfig, then the namespace, Deployment and container, checked before anything changes. */
    connect() {
        this.connection ??= (async () => {
            const { kubernetes } = this.settings;
            const connection = await connectionFor({
                ...(this.settings.kubeconfig ? { kubeconfig: this.settings.kubeconfig } : {}),
                ...(kubernetes.context ? { context: kubernetes.context } : {}),
                ...(this.settings.env ? { env: this.settings.env } : {}),
            });
            this.client = new KubeClient(connection, this.settings.client);
            this.namespace = kubernetes.namespace ?? connection.namespace ?? 'default';
            const ref = { namespace: this.namespace, deployment: kubernetes.deployment };
            const deployment = await resolveDeployment(this.client, ref, kubernetes.container);
            const names = deployment.spec.template.spec.containers.map((c) => c.name);
            const container = kubernetes.container ?? (names.length === 1 ? names[0] : undefined);
            if (!container) {
                throw new errors/* UserError */.yo(`Deployment '${ref.deployment}' in namespace '${ref.namespace}' has ${names.length} containers (${names.join(', ')}): ` +
                    "set kubernetes.container in the environment's config to the one that runs the service");
            }
            return { client: this.client, ref, container };
        })();
        return this.connection;
    }
}
/** A rollout that failed or timed out, with the pods' reasons and what was done about it (`after`). */
function rolloutFailed(outcome, after) {
    const reasons = describePodFailures(outcome.failures);
    return new targets_target/* ReleaseError */.K2(`${outcome.message.replace(/\.$/, '')}${reasons ? `. Pods: ${reasons}` : ''}. ${after}`, 'health', {
        switched: false,
        ...(reasons ? { logs: reasons.split('; ').join('\n') } : {}),
        kind: 'user',
    });
}
/** Pod-template annotations naming the release, so the ReplicaSet (and a later undo to it) carries them. */
function releaseAnnotations(release) {
    return {
        [RELEASE_ANNOTATIONS.deploymentId]: String(release.deploymentId),
        [RELEASE_ANNOTATIONS.version]: release.version,
        [RELEASE_ANNOTATIONS.sha]: release.sha,
    };
}
/** The sha256 digest at the end of an image reference or a runtime's image ID. */
function digestIn(reference) {
    return /(sha256:[0-9a-f]{64})$/.exec(reference ?? '')?.[1];
}

;// CONCATENATED MODULE: ./packages/core/src/targets/create.ts






/**
 * The target an environment names, ready to lock, deploy, report and roll back. Nothing
 * connects yet: hosts are reached in the lock phase. Every configuration mistake the target can
 * see (a proxy image not pinned, say) is refused here, before anything changes.
 */
function createTarget(environment, context) {
    const env = { ...(context.extraEnv ?? {}), ...environment.env };
    const secrets = context.secrets ?? {};
    if (environment.target === 'command') {
        return new CommandTarget({ command: environment.command ?? [], workspace: context.workspace, env, secrets });
    }
    if (environment.target === 'kubernetes' && environment.kubernetes) {
        return new KubernetesTarget({
            service: environment.service,
            environment: environment.name,
            kubernetes: environment.kubernetes,
            ...(environment.kubeconfig ? { kubeconfig: environment.kubeconfig } : {}),
            ...(context.canary ? { canary: context.canary } : {}),
        });
    }
    const settings = dockerSettings(environment, context, env, secrets);
    const proxyKey = `${environment.configKey ?? 'environment'}.proxy`;
    if (environment.fleet) {
        const fleet = environment.fleet;
        const members = fleet.hosts.map((member, index) => {
            const managedProxy = managedProxySpec(environment, proxyKey, member.proxyAdminDir);
            // The migration runs once, on the first host, before any host switches.
            const migrate = index === 0 ? settings.migrate : undefined;
            const target = new DockerTarget(() => connectDockerHost({
                host: member.host,
                sshKey: environment.sshKey,
                knownHosts: member.knownHosts,
                tempDir: context.tempDir,
            }), member.host, { ...settings, migrate, managedProxy });
            return { host: member.host, name: `h${index + 1}`, target };
        });
        return new target/* FleetTarget */.g(members, { batch: fleet.batch, pauseMs: fleet.batchPauseMs, progress: context.progress });
    }
    return new DockerTarget(() => connectDockerHost({
        host: environment.host,
        sshKey: environment.sshKey,
        knownHosts: environment.knownHosts,
        tempDir: context.tempDir,
    }), hostDisplay(environment.host), { ...settings, managedProxy: environment.proxy ? managedProxySpec(environment, proxyKey) : undefined });
}
function dockerSettings(environment, context, env, secrets) {
    return {
        service: environment.service,
        environment: environment.name,
        port: environment.port,
        healthPath: environment.healthPath,
        healthTimeoutMs: environment.healthTimeoutMs,
        drainTimeoutMs: environment.drainTimeoutMs,
        stopTimeoutSeconds: environment.stopTimeoutSeconds,
        retain: environment.retain,
        proxyUrl: environment.proxyUrl,
        proxyRoute: environment.proxyRoute,
        restart: environment.restart,
        memory: environment.memory,
        cpus: environment.cpus,
        volumes: environment.volumes,
        env,
        secrets,
        migrate: environment.migrate,
        tempDir: context.tempDir,
    };
}
/** The proxy Paved runs, for the environment's url host; a mistake names its key under `key`. */
function managedProxySpec(environment, key, adminDir) {
    const proxy = environment.proxy;
    const hostname = environment.url ? new URL(environment.url).hostname : undefined;
    const tls = proxy.tls ?? (hostname && environment.url?.startsWith('https:') ? 'auto' : 'off');
    return resolveProxySpec({
        image: proxy.image,
        name: proxy.name,
        network: proxy.network,
        httpPort: proxy['http-port'],
        httpsPort: proxy['https-port'],
        hostname: tls === 'off' ? undefined : hostname,
        tls,
        adminDir: adminDir ?? proxy['admin-dir'],
    }, key);
}

// EXTERNAL MODULE: ./packages/core/src/release/cancel.ts
var release_cancel = __webpack_require__(26093);
;// CONCATENATED MODULE: ./packages/core/src/release/post-step.ts

/** Phases from which on the target may already have switched traffic. */
const MAY_HAVE_SWITCHED = new Set(['switch', 'drain', 'stop', 'verify']);
/** Whether main stopped before the end: the only case in which the post step has work. */
function wasCutShort(state) {
    return state !== undefined && !state.finished;
}
/**
 * The post step's work when main was killed outright (SIGKILL after the runner's grace) in the
 * middle of a release. Under the lock again — taken over from this run's own lock — it asks the
 * target to leave one release running and taking traffic, closes the record, and unlocks.
 *
 * Traffic is never moved back: a release that took traffic had passed its health check first,
 * and the sequence itself finishes every phase after the switch when it is cancelled, so the
 * post step completes the same way (the old release stops) and records success when what
 * serves is the new digest. Before the switch what the release started is removed and the old
 * release keeps serving: the record says failure, cancelled during that phase. When the post
 * step cannot tell what serves, the record says error, so nobody trusts it.
 */
async function settleAbandonedRelease(request) {
    const { state, log } = request;
    if (!wasCutShort(state))
        return { action: 'nothing' };
    const phase = state.phase ?? 'start';
    log.info(`The main step was killed during ${phase}: finishing its clean-up`);
    const lock = await retakeOwnLock(request);
    try {
        const traffic = lock ? await settleTarget(request, state) : undefined;
        if (state.deploymentId === undefined)
            return { action: 'settled' };
        return { action: 'settled', ...(await closeRecord(request, state.deploymentId, phase, traffic)) };
    }
    finally {
        await lock?.release().catch((error) => {
            log.warning(`Could not release the deploy lock: ${error.message}. It goes stale after lock-timeout.`);
        });
    }
}
/**
 * Takes the environment's lock over from this run's own main step, as a holder of its own so
 * the lock code sees another run: a lock another run holds by now is left alone (undefined),
 * and with it the target.
 */
async function retakeOwnLock(request) {
    const { target, runUrl } = request;
    // The ledger is the lock of targets without one: closing the record below releases it.
    if (!target.lock)
        return { holder: runUrl, release: async () => { } };
    try {
        return await target.lock({
            holder: `${runUrl}#post`,
            timeoutMs: request.environment.lockTimeoutMs,
            holderFinished: async (holder) => holder === runUrl,
        });
    }
    catch (error) {
        if (!(error instanceof targets_target/* LockHeldError */.Rk))
            throw error;
        request.log.warning(`${error.holder} holds the deploy lock now: the post step leaves ${target.where} to it and only closes this run's record`);
        return undefined;
    }
}
async function settleTarget(request, state) {
    const { target, log } = request;
    try {
        if (target.settle && state.deploymentId !== undefined) {
            for (const line of await target.settle({ deploymentId: state.deploymentId, digest: state.digest })) {
                log.info(`${target.where}: ${line}`);
            }
        }
        const running = await target.current();
        if (!running?.running)
            return 'unknown';
        return state.digest !== undefined && running.digest === state.digest ? 'new' : 'old';
    }
    catch (error) {
        log.warning(`Could not settle ${target.where} after the cancelled release: ${error.message}`);
        return 'unknown';
    }
}
async function closeRecord(request, deploymentId, phase, traffic) {
    const { ledger, log } = request;
    const record = await ledger.get(deploymentId);
    const latest = record.statuses[0];
    // Main may have recorded the outcome just before it was killed: that record stands.
    if (latest && latest.state !== 'in_progress' && latest.state !== 'queued' && latest.state !== 'pending') {
        return { description: `deployment ${record.id} already recorded ${latest.state}` };
    }
    const [recorded, description] = outcome(phase, traffic, request.target.where);
    await ledger.setStatus(deploymentId, {
        state: recorded,
        description: description.slice(0, 140),
        environmentUrl: request.environment.url,
        logUrl: request.runUrl,
    });
    (recorded === 'success' ? log.info : log.warning)(`Recorded deployment ${deploymentId} as ${recorded}: ${description}`);
    return { recorded, description };
}
function outcome(phase, traffic, where) {
    if (traffic === undefined) {
        return ['error', `Cancelled during ${phase}; another run holds ${where} now, so what serves was not checked.`];
    }
    if (traffic === 'unknown')
        return ['error', `Cancelled during ${phase}; what serves on ${where} could not be checked.`];
    if (traffic === 'new' && MAY_HAVE_SWITCHED.has(phase)) {
        return [
            'success',
            `Cancelled during ${phase} after the switch; the post step finished it: the new release serves.`,
        ];
    }
    if (traffic === 'new')
        return ['error', `Cancelled during ${phase}, yet the new release serves on ${where}.`];
    return ['failure', `Cancelled during ${phase}; traffic was not switched: the old release keeps serving.`];
}

// EXTERNAL MODULE: ./packages/core/src/entry/post-step.ts
var post_step = __webpack_require__(27545);
;// CONCATENATED MODULE: ./packages/core/src/release/progress.ts


/**
 * Saves the sequence's progress in the step's state file. Each save is a synchronous append,
 * so what was saved before a SIGKILL is what the post step reads.
 */
function savedReleaseProgress() {
    const state = {};
    const save = (change) => {
        Object.assign(state, change);
        core/* saveState */.LZ(post_step/* RELEASE_PROGRESS_STATE */.ep, JSON.stringify(state));
    };
    return {
        phase: (name) => {
            // The line lets a person (and the cancellation tests) see which phase was cut short.
            core/* debug */.Yz(`release phase ${name} started`);
            save({ phase: name });
        },
        recorded: (deploymentId) => save({ deploymentId }),
        releasing: (digest) => save({ digest }),
        finished: () => save({ finished: true }),
    };
}
/** The progress main saved, or undefined when main saved none (it never reached the lock). */
function readReleaseProgress() {
    const saved = core/* getState */.Gu(post_step/* RELEASE_PROGRESS_STATE */.ep);
    if (!saved)
        return undefined;
    // Written by our own main step, yet read as data: only the known fields, of the known types.
    const parsed = JSON.parse(saved);
    return {
        phase: typeof parsed.phase === 'string' ? parsed.phase : undefined,
        deploymentId: typeof parsed.deploymentId === 'number' ? parsed.deploymentId : undefined,
        digest: typeof parsed.digest === 'string' && /^sha256:[a-f0-9]{64}$/.test(parsed.digest) ? parsed.digest : undefined,
        finished: parsed.finished === true,
    };
}

;// CONCATENATED MODULE: ./packages/core/src/release/step.ts










function readReleaseInputs(read) {
    return {
        environment: read.string('environment', { required: true, pattern: ENVIRONMENT_NAME, form: ENVIRONMENT_FORM }),
        config: read.path('config', { default: '.github/paved.yml', required: true }),
        ...readTargetOverrides(read),
        'github-token': read.secret('github-token'),
        'ledger-key': read.secret('ledger-key'),
        env: read.list('env', { comma: false }),
        'env-file': read.path('env-file', { mustExist: 'file' }),
        secrets: read.secretList('secrets'),
        'otlp-endpoint': read.url('otlp-endpoint'),
    };
}
/**
 * One deploy or rollback step as the action runs it: the environment resolved from the config
 * and inputs, the ledger (signing when ledger-key is set), the target with its fleet progress
 * recorded as statuses, cancellation, then each phase's timing, outputs, summary, and the error
 * to end the step with.
 */
async function runReleaseStep(options) {
    const { read, inputs } = options;
    const { environment, github, ledger, target } = openRelease(read, inputs, options);
    const cancel = (0,release_cancel/* cancellationSignal */.w6)();
    const step = {
        environment,
        github,
        ledger,
        target,
        signal: cancel.signal,
        log: { info: (message) => core/* info */.pq(message), warning: (message) => core/* warning */.$e(message) },
        holderFinished: (holder) => workflowRunFinished(github, holder),
        progress: savedReleaseProgress(),
    };
    let outcome;
    try {
        outcome = await options.run(step);
    }
    finally {
        cancel.dispose();
        await target.dispose();
    }
    const { report, error } = outcome;
    for (const phase of report.phases)
        core/* info */.pq(`phase ${phase.name}: ${Math.round(phase.ms)}ms${phase.ok ? '' : ' (failed)'}`);
    await options.report(report, step);
    await core/* summary */.z.write();
    if (error)
        throw error;
}
/**
 * The post step of deploy and rollback: when main was killed outright mid-release (SIGKILL after
 * the runner's grace), settle the target, close the record and release this run's lock. When
 * main finished it reads nothing else.
 */
async function runReleasePostStep(readInputs) {
    const state = readReleaseProgress();
    if (!wasCutShort(state))
        return;
    const read = new inputs/* InputReader */.i_();
    const { environment, github, ledger, target } = openRelease(read, readInputs(read));
    try {
        await settleAbandonedRelease({
            state,
            environment,
            target,
            ledger,
            runUrl: github.runUrl,
            log: { info: (message) => core/* info */.pq(message), warning: (message) => core/* warning */.$e(message) },
        });
    }
    finally {
        await target.dispose();
    }
}
/** The environment from the config and inputs, the ledger (signing with ledger-key) and the target. */
function openRelease(read, inputs, options = {}) {
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const config = loadPavedConfig(inputs.config, read.workspace);
    const environment = resolveEnvironment(config, inputs.environment, inputs, repository);
    options.check?.(environment);
    const github = createGitHubClient({ token: inputs['github-token'] });
    const ledger = new github_ledger/* DeploymentLedger */.t(github, { signingKey: inputs['ledger-key'] });
    const target = createTarget(environment, {
        workspace: read.workspace,
        tempDir: process.env.RUNNER_TEMP ?? external_node_os_default().tmpdir(),
        ...options.target,
        secrets: parseSecretLines(inputs.secrets, 'secrets'),
        extraEnv: inputs['env-file'] ? parseDotenv((0,external_node_fs_.readFileSync)(inputs['env-file'], 'utf8'), inputs['env-file']) : {},
        progress: (id, description) => ledger.setStatus(id, {
            state: 'in_progress',
            description,
            environmentUrl: environment.url,
            logUrl: github.runUrl,
        }),
    });
    return { environment, github, ledger, target };
}


/***/ }),

/***/ 15957:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ SshError),
/* harmony export */   S: () => (/* binding */ sshFailureOf)
/* harmony export */ });
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71189);

/** The SSH connection to a host failed: named for the person, with what to check. */
class SshError extends _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .PlatformError */ .Wk {
    failure;
    host;
    detail;
    constructor(failure, host, detail) {
        super('SSH', sshMessage(failure, host, detail));
        this.failure = failure;
        this.host = host;
        this.detail = detail;
        this.name = 'SshError';
    }
    /** The message for a release phase: what the failure left behind, in words. */
    during(phase, where, state) {
        if (this.failure === 'host-key') {
            return (`The SSH host key of ${where} does not match known-hosts, so Paved did not connect. ${state} ` +
                'If the host was rebuilt on purpose, update known-hosts (ssh-keyscan -t ed25519 <host>); otherwise find out who answers there.');
        }
        if (this.failure === 'auth') {
            return `${where} refused the SSH key. ${state} Check ssh-key and that its public key is in the deploy user's authorized_keys.`;
        }
        return `Lost the connection to ${where} during ${phase}: ${this.detail}. ${state} Check the host and re-run.`;
    }
}
/** What OpenSSH's own words on stderr (or its -E log) say went wrong. */
function sshFailureOf(said) {
    if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .*host key is known/i.test(said)) {
        return 'host-key';
    }
    if (/Permission denied/i.test(said))
        return 'auth';
    return 'lost';
}
function sshMessage(failure, host, detail) {
    if (failure === 'host-key') {
        return (`The SSH host key of ${host} does not match its known-hosts line: check known-hosts (ssh-keyscan the host) ` +
            `before trusting it (${detail})`);
    }
    if (failure === 'auth')
        return `${host} refused the SSH key: check ssh-key and the user's authorized_keys (${detail})`;
    return `Lost the SSH connection to ${host}: ${detail}`;
}


/***/ }),

/***/ 73004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  xI: () => (/* binding */ parseRollbackTo),
  II: () => (/* binding */ planRollback)
});

// UNUSED EXPORTS: findCurrentDeployment, untrustedRecord

// EXTERNAL MODULE: ./packages/core/src/action/errors.ts
var errors = __webpack_require__(71189);
// EXTERNAL MODULE: ./packages/core/src/github/record-signature.ts
var record_signature = __webpack_require__(82011);
// EXTERNAL MODULE: ./packages/core/src/github/ledger.ts
var ledger = __webpack_require__(61288);
// EXTERNAL MODULE: ./packages/core/src/targets/naming.ts
var naming = __webpack_require__(10442);
;// CONCATENATED MODULE: ./packages/core/src/rollback/history.ts
/**
 * An environment's deployments, newest first, read from the ledger only as far as a question
 * needs: listing is cheap (a request per hundred), statuses cost a request per deployment, so
 * they are read only for the deployments a question's cheap test keeps.
 */
class LazyHistory {
    trusted;
    seen = [];
    iterator;
    loaded = new Map();
    loadStatuses;
    done = false;
    reading;
    /** `trusted` filters out records that must not be acted on (it may note why). */
    constructor(source, trusted = () => true) {
        this.trusted = trusted;
        const full = Symbol.asyncIterator in source ? { entries: source } : source;
        this.iterator = full.entries[Symbol.asyncIterator]();
        this.loadStatuses = full.statuses;
        this.reading = { listed: 0, statusReads: 0, reachedDepth: false, depth: full.depth };
    }
    /**
     * The newest trusted deployment that passes `cheap` (on what the listing says) and then
     * `full` (on its statuses, read only for those that passed `cheap`).
     */
    async find(cheap, full) {
        for (let index = 0;; index++) {
            const entry = index < this.seen.length ? this.seen[index] : await this.next();
            if (!entry)
                return undefined;
            if (!cheap(entry))
                continue;
            const record = await this.withStatuses(entry);
            if (!full || full(record))
                return record;
        }
    }
    async next() {
        while (!this.done) {
            const next = await this.iterator.next();
            if (next.done) {
                this.done = true;
                const depth = this.reading.depth;
                this.reading.reachedDepth = depth !== undefined && this.reading.listed >= depth;
                return undefined;
            }
            this.reading.listed++;
            if (!this.trusted(next.value))
                continue;
            this.seen.push(next.value);
            return next.value;
        }
        return undefined;
    }
    async withStatuses(entry) {
        if (entry.statuses)
            return entry;
        const known = this.loaded.get(entry.id);
        if (known)
            return known;
        this.reading.statusReads++;
        const statuses = this.loadStatuses ? await this.loadStatuses(entry.id) : [];
        const record = { ...entry, statuses };
        this.loaded.set(entry.id, record);
        return record;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/rollback/choose.ts




function parseRollbackTo(text) {
    const value = (text ?? '').trim();
    if (value === '' || value === 'previous')
        return { kind: 'previous' };
    if (/^\d+$/.test(value))
        return { kind: 'deployment', id: Number(value) };
    if (/^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/.test(value))
        return { kind: 'image', image: value };
    throw new errors/* UserError */.yo(`'to' must be previous, a deployment ID, or an image name@sha256:<64 hex>, got '${value}'`);
}
/** Untrusted records named one by one in warnings; beyond that they are counted. */
const NAMED_IGNORED = 10;
/** A digest-pinned reference that cannot be read as an option: what a record's image must be. */
const PINNED_REFERENCE = /^[a-z0-9][a-z0-9._/:-]*@sha256:[a-f0-9]{64}$/;
/**
 * Why a record cannot be restored from, or undefined when it can: its image must be a
 * digest-pinned reference of the environment's repository, and its digest must be that image's.
 */
function untrustedRecord(record, repository) {
    const image = record.payload?.image;
    const digest = record.payload?.digest;
    if (typeof image !== 'string' || typeof digest !== 'string')
        return 'its payload names no image digest';
    if (!PINNED_REFERENCE.test(image))
        return `its image '${image.slice(0, 80)}' is not a reference pinned by digest`;
    if ((0,naming/* digestOf */.ol)(image) !== digest)
        return `its digest ${(0,naming/* shortDigest */.VK)(digest)} is not its image's`;
    if (repository && (0,naming/* repositoryOf */._M)(image) !== repository) {
        return `its image is from ${(0,naming/* repositoryOf */._M)(image).slice(0, 80)}, not ${repository}, the repository this environment deploys`;
    }
    return undefined;
}
const isPaved = (d) => Boolean(d.payload?.digest && d.payload.image);
const wentLive = (d) => d.statuses.some((s) => s.state === 'success');
/**
 * The bad deployment is the environment's current one: the newest recorded deployment of the
 * digest the target runs (a fast-path rollback restarts a container labelled with its first
 * deployment, so the label alone would point at an older record), else the deployment id the
 * target reports, else the newest deployment that went live.
 */
async function findCurrentDeployment(history, running, preferred = () => true) {
    if (running?.digest) {
        const ofRunning = (d) => isPaved(d) && d.payload?.digest === running.digest;
        const match = (await history.find((d) => ofRunning(d) && preferred(d), wentLive)) ?? (await history.find(ofRunning, wentLive));
        if (match)
            return match;
    }
    if (running?.deploymentId !== undefined) {
        const match = await history.find((d) => d.id === running.deploymentId);
        if (match)
            return match;
    }
    return ((await history.find((d) => isPaved(d) && preferred(d), wentLive)) ??
        (await history.find(isPaved, wentLive)) ??
        (await history.find(isPaved)));
}
/** Decides what to restore, or refuses with a message that says what to do; changes nothing. */
async function planRollback(input) {
    const warnings = [];
    const note = (message) => {
        warnings.push(message);
        input.warn?.(message);
    };
    const repository = input.repository ?? (input.running?.image ? (0,naming/* repositoryOf */._M)(input.running.image) : undefined);
    const key = input.ledgerKey || undefined;
    const identity = key ? undefined : input.identity || undefined;
    const records = { signed: Boolean(key), preferredCreator: identity, ignored: 0 };
    const ignored = new Set();
    const trusted = (d) => {
        // GitHub's own deployments for `environment:` jobs carry no payload: never a restore candidate.
        if (!d.payload)
            return true;
        const why = untrustedRecord(d, repository) ??
            (key ? (0,record_signature/* signatureProblem */.o1)(key, { environment: d.environment, ref: d.ref, payload: d.payload }) : undefined);
        if (why && !ignored.has(d.id)) {
            ignored.add(d.id);
            records.ignored++;
            if (records.ignored <= NAMED_IGNORED) {
                note(`Ignored deployment ${d.id} (created by ${d.creator || 'an unknown identity'}): ${why}.`);
            }
        }
        return why === undefined;
    };
    const preferred = (d) => !identity || d.creator === identity;
    const history = new LazyHistory(input.history, trusted);
    const countIgnored = () => {
        if (records.ignored > NAMED_IGNORED) {
            note(`Ignored ${records.ignored - NAMED_IGNORED} more deployments for the same kinds of reasons.`);
        }
    };
    try {
        const plan = await decide(input, { history, preferred, identity, note, repository });
        return { ...plan, warnings, reading: history.reading, records };
    }
    finally {
        countIgnored();
        input.onRead?.(history.reading, records);
    }
}
async function decide(input, { history, preferred, identity, note, repository }) {
    const bad = await findCurrentDeployment(history, input.running, preferred);
    const badDigest = bad?.payload?.digest ?? input.running?.digest;
    const current = bad
        ? `deployment ${bad.id} (${bad.payload?.version ?? (0,naming/* shortDigest */.VK)(bad.payload?.digest)})`
        : input.running
            ? `${input.running.name} (${input.running.version ?? (0,naming/* shortDigest */.VK)(input.running.digest)})`
            : undefined;
    if (!current) {
        throw new errors/* UserError */.yo(`Nothing to roll back in ${input.environment}: no deployment is recorded and the target runs nothing. ` +
            'Nothing was changed. Deploy a release first.');
    }
    let restore;
    if (input.to.kind === 'previous') {
        const candidate = (d) => d.id !== bad?.id && isPaved(d) && d.payload?.digest !== badDigest;
        const good = await history.find((d) => candidate(d) && preferred(d), ledger/* isGood */.K);
        if (!good && identity) {
            // Not restored on its own word: an attacker can bury the workflow's own records beyond
            // history-depth under forged ones, so falling back to another identity would be theirs.
            const other = await history.find(candidate, ledger/* isGood */.K);
            if (other) {
                throw new errors/* UserError */.yo(`Deployment ${other.id} (${other.payload?.version ?? (0,naming/* shortDigest */.VK)(other.payload?.digest)}) is the newest good ` +
                    `release to restore, but it was created by ${other.creator || 'an unknown identity'}, not ${identity} ` +
                    "(this workflow's identity), and records are unsigned: anyone with deployments: write can create one. " +
                    `Nothing was changed. If you trust it, name it with to: ${other.id}; set the ledger-key secret on deploy ` +
                    'and rollback so records can be verified.');
            }
        }
        if (!good?.payload) {
            const reading = history.reading;
            const within = reading.reachedDepth ? ` within the newest ${reading.depth} deployments (history-depth)` : '';
            throw new errors/* UserError */.yo(`No earlier good deployment of ${input.environment} to roll back to${within}: the current one is ${current}, and no ` +
                'other trusted deployment of another image reached success without failing afterwards. Nothing was changed. ' +
                "Deploy a fixed release, or name a release with 'to' (a deployment ID or name@sha256:…)" +
                (reading.reachedDepth ? ', or raise history-depth.' : '.'));
        }
        restore = fromRecord(good);
    }
    else if (input.to.kind === 'deployment') {
        const chosen = await input.get(input.to.id);
        if (!chosen) {
            throw new errors/* UserError */.yo(`Deployment ${input.to.id} does not exist: check the ID in the repository's deployments. Nothing was changed.`);
        }
        if (chosen.environment !== input.environment) {
            throw new errors/* UserError */.yo(`Deployment ${chosen.id} belongs to ${chosen.environment}, not ${input.environment}: name a deployment of ` +
                `${input.environment}, or an image with name@sha256:…. Nothing was changed.`);
        }
        const key = input.ledgerKey || undefined;
        const why = isPaved(chosen)
            ? (untrustedRecord(chosen, repository) ??
                (key
                    ? (0,record_signature/* signatureProblem */.o1)(key, { environment: chosen.environment, ref: chosen.ref, payload: chosen.payload })
                    : undefined))
            : undefined;
        if (why) {
            throw new errors/* UserError */.yo(`Deployment ${chosen.id} cannot be restored: ${why}. Nothing was changed. Name an image with name@sha256:… of ${repository ?? 'this environment'} instead.`);
        }
        if (!isPaved(chosen)) {
            throw new errors/* UserError */.yo(`Deployment ${chosen.id} was not recorded by Paved (its payload names no image digest), so there is no ` +
                'release to restore from it. Name an image with name@sha256:… instead. Nothing was changed.');
        }
        if (chosen.id === bad?.id || chosen.payload?.digest === badDigest) {
            throw new errors/* UserError */.yo(`Deployment ${chosen.id} is what ${input.environment} runs now; rolling back to it changes nothing. ` +
                'Name an earlier deployment, or leave to: previous. Nothing was changed.');
        }
        if (identity && chosen.creator !== identity) {
            note(`Deployment ${chosen.id} was created by ${chosen.creator || 'an unknown identity'}, not ${identity} (this ` +
                "workflow's identity), and records are unsigned; restoring it because it was named explicitly.");
        }
        if (!(0,ledger/* isGood */.K)(chosen)) {
            note(`Deployment ${chosen.id} never reached success or failed later (${chosen.statuses[0]?.state ?? 'no status'}); ` +
                'restoring it because it was named explicitly.');
        }
        restore = fromRecord(chosen);
    }
    else {
        const digest = (0,naming/* digestOf */.ol)(input.to.image);
        if (digest === badDigest) {
            throw new errors/* UserError */.yo(`${input.environment} already runs ${input.to.image}; nothing to roll back to. Nothing was changed.`);
        }
        const known = await history.find((d) => isPaved(d) && d.payload?.digest === digest);
        restore = known
            ? { ...fromRecord(known), image: input.to.image }
            : {
                image: input.to.image,
                digest,
                version: (0,naming/* imageTagOf */.n6)(input.to.image) ?? (0,naming/* shortDigest */.VK)(digest),
                sha: input.fallbackSha,
            };
    }
    // Never from the record: a payload is evidence of what happened, not a command to run. The
    // label Paved wrote on the running release's container, else Paved's own configuration.
    const migrateRollback = input.running?.migrateRollback ?? input.configuredMigrateRollback;
    return { bad, restore, migrateRollback };
}
function fromRecord(record) {
    const payload = record.payload;
    return {
        image: payload.image,
        digest: payload.digest,
        version: payload.version || (0,naming/* shortDigest */.VK)(payload.digest),
        sha: record.sha,
        deploymentId: record.id,
    };
}


/***/ }),

/***/ 80081:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j: () => (/* binding */ DEFAULT_HISTORY_DEPTH),
  e: () => (/* binding */ runRollback)
});

// EXTERNAL MODULE: ./packages/core/src/action/errors.ts
var errors = __webpack_require__(71189);
// EXTERNAL MODULE: ./packages/core/src/targets/target.ts
var targets_target = __webpack_require__(51199);
// EXTERNAL MODULE: ./packages/core/src/release/cancel.ts
var cancel = __webpack_require__(26093);
// EXTERNAL MODULE: ./packages/core/src/remote/ssh-error.ts
var ssh_error = __webpack_require__(15957);
;// CONCATENATED MODULE: ./packages/core/src/release/errors.ts


/** Phases after which traffic has switched to the new release. */
const AFTER_SWITCH = new Set(['drain', 'stop', 'verify']);
/** Phases that change nothing on the target. */
const BEFORE_CHANGE = new Set(['lock', 'plan', 'image', 'record', 'pull']);
/** What the environment looks like after a failure in `phase`, in words. */
function stateAfter(phase) {
    if (AFTER_SWITCH.has(phase))
        return 'Traffic had already switched to the new release.';
    if (BEFORE_CHANGE.has(phase))
        return 'Nothing was changed.';
    return 'Traffic was not switched: the old release keeps serving.';
}
/**
 * Any error thrown in a phase as a ReleaseError naming the phase and what state it left. Its
 * kind stays its cause's: a platform that failed is named with what to check, anything that is
 * neither the user's nor a platform's is reported as a bug, with the cause chain kept for the
 * debug log.
 */
function asReleaseError(error, phase, where) {
    // Refusals and the user's own mistakes already say what to do.
    if (error instanceof targets_target/* ReleaseError */.K2 || error instanceof targets_target/* LockHeldError */.Rk || error instanceof errors/* UserError */.yo)
        return error;
    const message = (error instanceof Error ? error.message : String(error)).trim();
    const switched = AFTER_SWITCH.has(phase);
    const state = stateAfter(phase);
    if (error instanceof ssh_error/* SshError */.D) {
        return new targets_target/* ReleaseError */.K2(error.during(phase, where, state), phase, { switched, cause: error });
    }
    if (error instanceof errors/* PlatformError */.Wk) {
        return new targets_target/* ReleaseError */.K2(`${message} (during ${phase} on ${where}). ${state}`, phase, { switched, cause: error });
    }
    return new targets_target/* ReleaseError */.K2(`${phase} failed on ${where}: ${message}. ${state}`, phase, { switched, cause: error });
}

// EXTERNAL MODULE: ./packages/core/src/targets/lock.ts
var lock = __webpack_require__(92957);
;// CONCATENATED MODULE: ./packages/core/src/release/lock.ts

const ACTIVE = new Set(['in_progress', 'queued', 'pending']);
/**
 * For targets that hold no lock of their own (the command target): the ledger is the lock.
 * A newer deployment of the environment still in progress, younger than the lock timeout and
 * from another run that has not finished, means another release is running. This is a check,
 * not an atomic lock: pair it with the workflow's `concurrency:` group for hard exclusion.
 */
async function checkLedgerLock(history, options) {
    const now = options.now ?? new Date();
    let seen = 0;
    for await (const deployment of history) {
        if (++seen > 5)
            break;
        const latest = deployment.statuses[0];
        const created = new Date(deployment.createdAt);
        if (!latest || !ACTIVE.has(latest.state))
            continue;
        if (now.getTime() - created.getTime() > options.timeoutMs)
            continue;
        if (latest.logUrl === options.runUrl)
            continue;
        const holder = latest.logUrl || `deployment ${deployment.id}`;
        if (latest.logUrl && (await finished(options, latest.logUrl))) {
            return { holder: options.runUrl, tookOverFrom: holder, release: async () => { } };
        }
        throw (0,lock/* lockHeldError */.$)(`Environment ${options.environment}`, { holder, lockedAt: created }, options.timeoutMs, now);
    }
    return { holder: options.runUrl, release: async () => { } };
}
/**
 * The one lock deploy and rollback both take for an environment: the target's own lock when it
 * has one (the docker host's lock container), else the ledger check.
 */
function acquireEnvironmentLock(target, history, options) {
    return target.lock
        ? target.lock({
            holder: options.runUrl,
            timeoutMs: options.timeoutMs,
            holderFinished: options.holderFinished ? (holder) => finished(options, holder) : undefined,
        })
        : checkLedgerLock(history(), options);
}
/** Runs `work` holding `lock` and releases it on every path; a release that fails only warns, as the lock goes stale. */
async function whileLocked(lock, warn, work) {
    try {
        return await work();
    }
    finally {
        await lock.release().catch((error) => {
            warn(`Could not release the deploy lock: ${error.message}. It goes stale after lock-timeout.`);
        });
    }
}
/** Asking GitHub is best effort: when it cannot tell, the holder is taken as still running. */
async function finished(options, holder) {
    if (!options.holderFinished || holder === options.runUrl)
        return false;
    return options.holderFinished(holder).catch(() => false);
}

;// CONCATENATED MODULE: ./packages/core/src/release/phases.ts
/** Runs `work` as the phase `name`, appended to `phases` before it starts so a failure shows where it stopped. */
async function timePhase(phases, name, work) {
    const start = performance.now();
    const timing = { name, ms: 0, ok: false };
    phases.push(timing);
    try {
        const value = await work();
        timing.ok = true;
        return value;
    }
    finally {
        timing.ms = performance.now() - start;
    }
}

;// CONCATENATED MODULE: ./packages/core/src/release/sequence.ts





/**
 * The one sequence every change of what runs goes through, deploy and rollback alike:
 * lock → plan → record `in_progress` → the target's work → verify the running digest →
 * record success or failure → unlock, on every path. Refusals come before the record, so they
 * change nothing. Once traffic has switched, GitHub refusing the success status does not fail
 * the release: it serves, so the step warns.
 */
async function runRelease(request, steps) {
    const run = await sequence(request, steps);
    // Only once the outcome is recorded and the lock released: the post step then has nothing to do.
    request.progress?.finished();
    return run;
}
async function sequence(request, steps) {
    const { environment, target, ledger, log } = request;
    const run = {
        outcome: 'refused',
        phases: [],
        warnings: [],
        recorded: false,
        switched: false,
        startedAt: Date.now(),
        totalMs: 0,
    };
    const warn = (message) => {
        run.warnings.push(message);
        log.warning(message);
    };
    const phase = (name, work) => {
        // Once traffic has moved, every later phase runs to its end even when the run is cancelled.
        const switched = run.phases.some((p) => p.name === 'switch' && p.ok);
        const signal = switched ? undefined : request.signal;
        request.progress?.phase(name);
        const timed = () => timePhase(run.phases, name, () => (0,cancel/* underSignal */.BS)(signal, name, work));
        return (request.observePhase ? request.observePhase(name, timed) : timed()).catch((error) => {
            throw asReleaseError(error, name, target.where);
        });
    };
    let lock;
    try {
        lock = await phase('lock', () => acquireEnvironmentLock(target, () => ledger.history(environment.name), {
            environment: environment.name,
            runUrl: request.runUrl,
            timeoutMs: environment.lockTimeoutMs,
            holderFinished: request.holderFinished,
        }));
    }
    catch (error) {
        return finish(run, error);
    }
    if (lock.tookOverFrom) {
        run.lockTakenOverFrom = lock.tookOverFrom;
        warn(`Took over the deploy lock held by ${lock.tookOverFrom}: that run has finished or the lock is older than lock-timeout`);
    }
    return whileLocked(lock, warn, () => locked(request, steps, run, phase, warn));
}
async function locked(request, steps, run, phase, warn) {
    const { target, ledger, log } = request;
    let plan;
    let deploymentId;
    // Settles once GitHub has taken (or refused) the in_progress status; never rejects.
    let inProgress = Promise.resolve();
    try {
        plan = await steps.plan(phase);
        run.plan = plan;
        deploymentId = await phase('record', async () => {
            const planned = await steps.record(plan);
            const id = await ledger.create(planned.deployment).catch((error) => {
                throw new targets_target/* ReleaseError */.K2(`GitHub did not record the deployment (${error.message}); nothing was changed, since an ` +
                    'unrecorded release is what Paved exists to prevent. Check that GitHub answers and the token may write deployments, then re-run.', 'record', { cause: error, kind: 'platform' });
            });
            run.deploymentId = id;
            request.progress?.recorded(id);
            // The client paces GitHub writes (github/write-pacing.ts), and a long run may have spent its
            // burst, so the in_progress status goes out while the target works instead of before: the
            // record exists already, and the final status waits for this one, keeping their order.
            inProgress = ledger
                .setStatus(id, {
                state: 'in_progress',
                description: planned.inProgress,
                environmentUrl: request.environment.url,
                logUrl: request.runUrl,
            })
                .catch((error) => warn(`GitHub did not take the in_progress status of deployment ${id} (${error.message}); ` +
                'the release went on, since the deployment itself is recorded'));
            return id;
        });
    }
    catch (error) {
        return finish(run, error);
    }
    run.outcome = 'failure';
    const hooks = {
        phase: (name, work) => phase(name, work),
        info: (message) => log.info(message),
        warning: warn,
    };
    const release = steps.release(plan, deploymentId);
    request.progress?.releasing(release.digest);
    try {
        const early = await steps.beforeWork?.(plan, deploymentId, phase);
        if (early)
            return failRecorded(request, run, deploymentId, early, warn, inProgress);
        const result = await steps.work(release, hooks);
        run.result = result;
        run.switched = true;
        await phase('verify', async () => {
            const running = await target.current();
            run.running = running;
            if (!running || !running.running || (running.digest && running.digest !== release.digest)) {
                const what = running
                    ? `${running.name} ${running.state ?? ''} with ${running.digest ?? 'an unknown digest'}`.replace(/\s+/g, ' ')
                    : 'nothing';
                throw new targets_target/* ReleaseError */.K2(steps.wrongRelease(`${target.where} runs ${what.trim()}, not ${release.digest}`), 'verify', {
                    switched: true,
                });
            }
            if (!running.digest)
                log.info(`${target.where} did not report a digest; the switch is taken as the truth`);
        });
        await steps.afterWork?.(plan, deploymentId, result, phase);
    }
    catch (error) {
        const failure = asReleaseError(error, run.phases.at(-1)?.name ?? 'start', target.where);
        if (failure instanceof targets_target/* ReleaseError */.K2) {
            run.switched ||= failure.details.switched === true;
            run.logs = failure.details.logs;
        }
        return failRecorded(request, run, deploymentId, failure, warn, inProgress);
    }
    run.outcome = 'success';
    await inProgress;
    try {
        await ledger.setStatus(deploymentId, {
            state: 'success',
            description: steps.succeeded(plan, run.result),
            environmentUrl: run.result.url ?? request.environment.url,
            logUrl: request.runUrl,
        });
        run.recorded = true;
    }
    catch (error) {
        warn(steps.unrecordedSuccess(deploymentId, error));
    }
    return finish(run);
}
async function failRecorded(request, run, deploymentId, error, warn, inProgress) {
    run.outcome = 'failure';
    await inProgress;
    await request.ledger
        .setStatus(deploymentId, {
        state: 'failure',
        description: error.message.split('\n')[0]?.slice(0, 140),
        environmentUrl: run.result?.url ?? request.environment.url,
        logUrl: request.runUrl,
    })
        .then(() => (run.recorded = true))
        .catch((statusError) => warn(`GitHub did not record the failure of deployment ${deploymentId}: ${statusError.message}`));
    return finish(run, error);
}
function finish(run, error) {
    if (error) {
        run.error = error;
        if (error instanceof targets_target/* ReleaseError */.K2) {
            run.failedPhase = error.phase;
            run.logs ??= error.details.logs;
        }
        else if (!(error instanceof targets_target/* LockHeldError */.Rk)) {
            run.failedPhase = run.phases.findLast((p) => !p.ok)?.name;
        }
    }
    run.totalMs = Date.now() - run.startedAt;
    return run;
}

// EXTERNAL MODULE: ./packages/core/src/targets/naming.ts
var naming = __webpack_require__(10442);
// EXTERNAL MODULE: ./packages/core/src/rollback/choose.ts + 1 modules
var choose = __webpack_require__(73004);
;// CONCATENATED MODULE: ./packages/core/src/rollback/flow.ts




/** How many deployments a rollback lists at most unless told otherwise: three pages. */
const DEFAULT_HISTORY_DEPTH = 300;
/**
 * One rollback through the release sequence. What it adds: the plan (the bad deployment and the
 * release to restore), the check that the restored image is still in its registry (both before
 * anything is recorded, so a refusal changes nothing), a record with `rollback_of`, the bad
 * release's migrate-rollback (before the switch by default), the target's way back (fast path:
 * restart a retained container and switch back; otherwise a redeploy) and, once restored, the
 * bad deployment marked failure.
 */
async function runRollback(request) {
    const { environment, target, ledger, log } = request;
    const report = {
        environment: environment.name,
        service: environment.service,
        where: target.where,
        outcome: 'refused',
        reason: request.reason,
        actor: request.actor,
        runUrl: request.runUrl,
        url: environment.url,
        startedAt: new Date().toISOString(),
        badMarked: false,
        phases: [],
        totalMs: 0,
        warnings: [],
    };
    const started = Date.parse(report.startedAt);
    const warn = (message) => {
        report.warnings.push(message);
        log.warning(message);
    };
    const at = request.migrateRollbackAt ?? 'before';
    const run = await runRelease({ ...request, log: { info: log.info, warning: warn } }, {
        plan: async (phase) => {
            const plan = await phase('plan', async () => {
                const running = await target.current();
                const depth = request.historyDepth ?? DEFAULT_HISTORY_DEPTH;
                const callsBefore = ledger.requestCount ?? 0;
                const plan = await (0,choose/* planRollback */.II)({
                    environment: environment.name,
                    to: request.to,
                    history: ledger.deployments && ledger.statuses
                        ? {
                            entries: ledger.deployments(environment.name, { depth }),
                            statuses: (id) => ledger.statuses(id),
                            depth,
                        }
                        : ledger.history(environment.name),
                    ledgerKey: request.ledgerKey,
                    identity: request.identity,
                    warn,
                    get: (id) => ledger.get(id).catch((error) => {
                        if (error.status === 404)
                            return undefined;
                        throw error;
                    }),
                    running,
                    fallbackSha: request.fallbackSha,
                    configuredMigrateRollback: environment.migrateRollback,
                    onRead: (reading, records) => {
                        report.history = {
                            apiCalls: (ledger.requestCount ?? 0) - callsBefore,
                            depth,
                            listed: reading.listed,
                            statusReads: reading.statusReads,
                            reachedDepth: reading.reachedDepth,
                        };
                        report.records = records;
                    },
                });
                report.from = describeBad(plan.bad, running);
                return plan;
            });
            report.to = plan.restore;
            const from = report.from;
            log.info(`Rolling back ${environment.name} from ${from.version ?? 'the current release'}` +
                `${from.deploymentId ? ` (deployment ${from.deploymentId})` : ''} to ${plan.restore.version}` +
                `${plan.restore.deploymentId ? ` (deployment ${plan.restore.deploymentId})` : ''}`);
            const refusal = await phase('image', () => checkImage(request, plan, warn));
            if (refusal)
                throw refusal;
            return plan;
        },
        record: async (plan) => ({
            deployment: rollbackRecord(request, plan),
            inProgress: `Rolling back from ${report.from?.version ?? 'the current release'} to ${plan.restore.version}`,
        }),
        beforeWork: async (plan, deploymentId, phase) => {
            report.deploymentId = deploymentId;
            report.outcome = 'failure';
            if (request.onStart) {
                await request
                    .onStart(report)
                    .catch((error) => warn(`Could not open the incident issue: ${error.message}`));
            }
            if (plan.migrateRollback && at === 'before') {
                return migrateRollback(request, plan, report, deploymentId, 'before', phase);
            }
            return undefined;
        },
        release: (plan, deploymentId) => ({
            image: plan.restore.image,
            digest: plan.restore.digest,
            version: plan.restore.version,
            sha: plan.restore.sha,
            service: environment.service,
            environment: environment.name,
            deploymentId,
        }),
        work: async (release, hooks) => {
            const result = await target.rollback(release, hooks, { fromDeploymentId: report.to?.deploymentId });
            report.restoredAt = result.switchedAt.toISOString();
            report.timeToRestoreMs = result.switchedAt.getTime() - started;
            report.fastPath = target.kind !== 'command' && result.running.deploymentId !== release.deploymentId;
            report.url = result.url ?? report.url;
            return result;
        },
        wrongRelease: (what) => `After the switch back, ${what}: the restored release crashed or the platform reverted it. ` +
            'Look at its logs; the environment needs a person.',
        afterWork: async (plan, deploymentId, _result, phase) => {
            if (plan.migrateRollback && at === 'after') {
                const failed = await migrateRollback(request, plan, report, deploymentId, 'after', phase);
                if (failed)
                    warn(`${failed.message} The restored release serves; run the undo by hand.`);
            }
            if (report.from?.wentLiveAt)
                report.badForMs = Date.now() - Date.parse(report.from.wentLiveAt);
            if (plan.bad && plan.bad.statuses[0]?.state !== 'failure') {
                const why = request.reason ? `: ${request.reason}` : '';
                await ledger
                    .setStatus(plan.bad.id, {
                    state: 'failure',
                    description: `Rolled back to ${plan.restore.version} by deployment ${deploymentId}${why}`,
                    environmentUrl: report.url,
                    logUrl: request.runUrl,
                })
                    .then(() => (report.badMarked = true))
                    .catch((error) => warn(`GitHub did not record deployment ${plan.bad?.id} as failed: ${error.message}`));
            }
        },
        succeeded: (plan) => {
            const migrated = report.migrateRollback ? `; migrate-rollback ${report.migrateRollback.outcome}` : '';
            return `Restored ${plan.restore.version}, rolling back ${report.from?.version ?? 'the bad release'}${migrated}`;
        },
        unrecordedSuccess: (id, error) => `${report.to?.version} is restored and serving, but GitHub did not record the rollback's success ` +
            `(${error.message}): deployment ${id} stays in_progress there.`,
    });
    report.phases = run.phases;
    report.deploymentId = run.deploymentId;
    report.totalMs = run.totalMs;
    if (run.outcome === 'refused') {
        report.outcome = 'refused';
    }
    else {
        report.outcome = run.outcome;
    }
    if (run.lockTakenOverFrom && !report.warnings.some((w) => w.includes(run.lockTakenOverFrom))) {
        report.warnings.push(`Took over the deploy lock held by ${run.lockTakenOverFrom}`);
    }
    if (run.error) {
        report.error = run.error.message;
        return { report, error: run.error };
    }
    const failedAfter = report.migrateRollback?.at === 'after' && report.migrateRollback.outcome === 'failure';
    if (failedAfter) {
        const error = new errors/* UserError */.yo(`The release is restored, but the bad release's migrate-rollback failed after the switch: run it by hand. ${report.migrateRollback?.output ?? ''}`.trim());
        report.error = error.message;
        return { report, error };
    }
    return { report };
}
async function checkImage(request, plan, warn) {
    if (!request.host)
        return undefined;
    const check = await request.host.checkImage(plan.restore.image);
    if (check.state === 'available')
        return undefined;
    if (check.state === 'missing') {
        return new errors/* UserError */.yo(`The release to restore, ${plan.restore.version} (${plan.restore.image}), is no longer in its registry, so it ` +
            'cannot be restored or run again. Nothing was changed. Name another release with to, or deploy a fixed one.\n' +
            check.detail);
    }
    if (check.presentOnHost) {
        warn(`The registry could not be asked about ${plan.restore.image} (${check.detail.split('\n')[0]}); the image is on the host, so the rollback goes on.`);
        return undefined;
    }
    return new errors/* UserError */.yo(`Cannot reach the registry of ${plan.restore.image} from ${request.target.where}, and the image is not on the host: ` +
        `nothing to restore from. Nothing was changed. Check the registry and re-run.\n${check.detail}`);
}
function rollbackRecord(request, plan) {
    const { environment, target } = request;
    const payload = {
        image: plan.restore.image,
        digest: plan.restore.digest,
        version: plan.restore.version,
        target: target.kind,
        previous_deployment_id: plan.bad?.id ?? null,
        service: environment.service,
        ...(plan.bad ? { rollback_of: plan.bad.id } : {}),
        ...(plan.restore.deploymentId ? { restores_deployment_id: plan.restore.deploymentId } : {}),
        ...(request.reason ? { reason: request.reason.slice(0, 1_000) } : {}),
    };
    return {
        ref: plan.restore.sha,
        environment: environment.name,
        payload,
        description: `Roll back ${environment.name} to ${plan.restore.version}${request.reason ? `: ${request.reason}` : ''}`,
        productionEnvironment: environment.production,
        transientEnvironment: environment.transient,
    };
}
/** Runs the bad release's recorded undo; returns the error to stop with when it fails. */
async function migrateRollback(request, plan, report, deploymentId, at, phase) {
    const argv = plan.migrateRollback ?? [];
    const command = (0,naming/* joinCommand */.u9)(argv);
    const started = performance.now();
    if (!request.host || !plan.bad?.payload) {
        report.migrateRollback = { command, at, outcome: 'skipped', ms: 0 };
        request.log.warning(`The bad release recorded migrate-rollback '${command}', but the ${request.target.kind} target cannot run it: ` +
            'run it by hand, or let the deploy command undo it when PAVED_ROLLBACK=true.');
        return undefined;
    }
    const bad = { image: plan.bad.payload.image, digest: plan.bad.payload.digest };
    const run = await phase('migrate-rollback', () => request.host.runMigrateRollback(bad, argv)).catch((error) => ({ code: -1, output: error.message, how: 'nowhere' }));
    const ok = run.code === 0;
    report.migrateRollback = {
        command,
        at,
        outcome: ok ? 'success' : 'failure',
        ms: performance.now() - started,
        how: run.how,
        output: run.output,
    };
    for (const line of run.output.split('\n').filter(Boolean))
        request.log.info(`migrate-rollback: ${line}`);
    await request.ledger
        .setStatus(deploymentId, {
        state: 'in_progress',
        description: `migrate-rollback of ${plan.bad.payload.version} ${ok ? 'succeeded' : `failed (exit ${run.code})`} ${at} the switch`,
        environmentUrl: report.url,
        logUrl: request.runUrl,
    })
        .catch(() => undefined);
    if (ok)
        return undefined;
    const tail = run.output.split('\n').slice(-20).join('\n');
    return new targets_target/* ReleaseError */.K2(`The bad release's migrate-rollback '${command}' failed (exit ${run.code}) in ${run.how}` +
        (at === 'before' ? '; nothing was switched, so the bad release still serves.' : '.') +
        (tail ? `\nLast lines:\n${tail}` : ''), 'migrate', { logs: run.output, switched: at === 'after' });
}
function describeBad(bad, running) {
    const chronological = [...(bad?.statuses ?? [])].reverse();
    const live = chronological.find((s) => s.state === 'success');
    const failure = bad?.statuses.find((s) => s.state === 'failure' || s.state === 'error');
    return {
        deploymentId: bad?.id ?? running?.deploymentId,
        image: bad?.payload?.image ?? running?.image,
        digest: bad?.payload?.digest ?? running?.digest,
        version: bad?.payload?.version ?? running?.version,
        sha: bad?.sha ?? running?.sha,
        creator: bad?.creator,
        wentLiveAt: live?.createdAt,
        logUrl: (live ?? chronological[0])?.logUrl || undefined,
        failure: failure?.description || undefined,
        failureLogUrl: failure?.logUrl || undefined,
        failedAt: failure?.createdAt,
        createdAt: bad?.createdAt,
    };
}


/***/ }),

/***/ 63760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  g: () => (/* binding */ FleetTarget)
});

// EXTERNAL MODULE: ./packages/core/src/targets/target.ts
var target = __webpack_require__(51199);
;// CONCATENATED MODULE: ./packages/core/src/targets/fleet/locks.ts

/**
 * Every host's lock, taken in the fleet's fixed order (so of two releases racing for the same
 * fleet, the one that has the first host has them all, instead of each holding half and both
 * giving up), after every host has answered: a host that cannot be reached refuses the release
 * before any lock is taken. The connections open at once; only the lock containers' creation is
 * in order, one engine call per host. A lock that cannot be had releases those already held.
 * Releasing needs no order, so every host's lock goes at once.
 */
async function lockEveryHost(members, request) {
    await connectEveryHost(members);
    const held = [];
    const releaseAll = async () => {
        const settled = await Promise.allSettled(held.splice(0).map((lock) => lock.release()));
        const failures = settled.flatMap((result) => result.status === 'rejected' ? [result.reason.message] : []);
        if (failures.length > 0)
            throw new Error(failures.join('; '));
    };
    try {
        for (const member of members)
            held.push(await member.target.lock(request));
    }
    catch (error) {
        await releaseAll().catch(() => undefined);
        throw error;
    }
    let released;
    return {
        holder: request.holder,
        tookOverFrom: held.find((lock) => lock.tookOverFrom)?.tookOverFrom,
        release: () => (released ??= releaseAll()),
    };
}
/** Opens every host's SSH connection at once; the first host that fails is named. */
async function connectEveryHost(members) {
    const settled = await Promise.allSettled(members.map((member) => member.target.open()));
    const failed = settled.findIndex((result) => result.status === 'rejected');
    if (failed === -1)
        return;
    const member = members[failed];
    const reason = settled[failed].reason;
    throw new target/* ReleaseError */.K2(`${member.name} (${member.host}) cannot be reached, so no host was locked or changed: ${reason.message}`, 'lock', { cause: reason, switched: false });
}

// EXTERNAL MODULE: ./packages/core/src/config/fleet.ts
var fleet = __webpack_require__(58492);
;// CONCATENATED MODULE: ./packages/core/src/targets/fleet/rollout.ts


/**
 * Releases to the hosts in batches, in the fleet's order, pausing between batches. A host's old
 * release is retired (drained, stopped, pruned) while the next batch moves, every host's at
 * once, and the release ends only when every retirement has ended. When a host fails (in its
 * switch or its retirement), no further batch starts, the hosts of its batch that did move and
 * every earlier host are switched back to what they served before (their retained release,
 * fast; on a first release, nothing: the new release is withdrawn from them), and the error
 * names the host, the phase and why: the environment never stays half on the new release.
 */
async function rollOut(members, release, hooks, report, work, options) {
    const size = (0,fleet/* hostsPerBatch */.B)(options.batch, members.length);
    const moved = [];
    // Retirements that failed, in the order they failed: a host whose old release could not be stopped.
    const retireFailures = [];
    const record = (text) => options.progress?.(release.deploymentId, text.slice(0, 140)).catch((error) => {
        hooks.warning(`GitHub did not record the fleet's progress (${error.message})`);
    });
    const fail = async (failures) => {
        // Switching a host back starts its old release again: only once its retirement has ended.
        await Promise.all(moved.map((m) => m.retired));
        await switchBack(moved, release, hooks, report);
        const failure = fleetFailure(failures[0], moved, members, report);
        await record(failure.message.split('\n')[0]);
        throw failure;
    };
    for (let first = 0; first < members.length; first += size) {
        const batch = members.slice(first, first + size);
        if (first > 0 && options.pauseMs > 0) {
            hooks.info(`Pausing ${Math.round(options.pauseMs / 1000)} s before the next batch`);
            await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
        }
        hooks.info(`Releasing ${release.version} to ${batch.map((m) => `${m.name} (${m.host})`).join(', ')}`);
        const settled = await Promise.allSettled(batch.map((member) => onHost(member, hooks, report, work, options)));
        const failures = [];
        settled.forEach((outcome, index) => {
            const member = batch[index];
            if (outcome.status === 'rejected')
                failures.push({ member, error: outcome.reason });
            else
                moved.push(retiring(member, outcome.value, hooks, report, options, retireFailures));
        });
        if (failures.length > 0 || retireFailures.length > 0)
            await fail([...failures, ...retireFailures]);
        await record(`${release.version} serves on ${moved.length} of ${members.length} hosts (${moved.map((m) => m.member.name).join(', ')})`);
    }
    await Promise.all(moved.map((m) => m.retired));
    if (retireFailures.length > 0)
        await fail(retireFailures);
    const results = moved.map((m) => ({ member: m.member, result: m.result }));
    const head = results[0].result;
    return {
        running: head.running,
        previous: head.previous,
        switchedAt: results.reduce((last, m) => (m.result.switchedAt > last ? m.result.switchedAt : last), head.switchedAt),
        url: head.url,
        downtime: results.some((m) => m.result.downtime),
        removed: results.flatMap((m) => m.result.removed.map((name) => `${name} on ${m.member.name}`)),
    };
}
/** Starts retiring a switched host's old release; a failure is kept, as the host's, for the rollout to act on. */
function retiring(member, staged, hooks, report, options, failures) {
    const progress = report.find((p) => p.name === member.name);
    const entry = { member, staged, retired: Promise.resolve() };
    entry.retired = staged
        .retire()
        .then((result) => {
        entry.result = result;
        progress.version = result.running.version;
    }, (error) => {
        progress.state = 'failed';
        const named = namedForHost(error, member, options.where);
        progress.detail = named.message.split('\n')[0];
        failures.push({ member, error: named });
    })
        .finally(() => logPhases(member, progress, hooks));
    return entry;
}
function logPhases(member, progress, hooks) {
    const timed = progress.phases.map((p) => `${p.name} ${Math.round(p.ms)}ms${p.ok ? '' : ' (failed)'}`);
    hooks.info(`${member.name} phases: ${timed.join(', ') || 'none'}`);
}
/** One host's part up to its switch, timed phase by phase for the summary; its errors name the host, not the fleet. */
async function onHost(member, hooks, report, work, options) {
    const progress = report.find((p) => p.name === member.name);
    progress.state = 'releasing';
    const hostHooks = {
        phase: async (name, run) => {
            const timing = { name, ms: 0, ok: false };
            progress.phases.push(timing);
            const started = performance.now();
            try {
                const value = await hooks.phase(name, run);
                timing.ok = true;
                return value;
            }
            finally {
                timing.ms = performance.now() - started;
            }
        },
        info: (message) => hooks.info(`${member.name}: ${message}`),
        warning: (message) => hooks.warning(`${member.name} (${member.host}): ${message}`),
    };
    try {
        const staged = await work(member, hostHooks);
        progress.state = 'switched';
        return staged;
    }
    catch (error) {
        progress.state = 'failed';
        const named = namedForHost(error, member, options.where);
        progress.detail = named.message.split('\n')[0];
        logPhases(member, progress, hooks);
        throw named;
    }
}
/** The sequence names the fleet in a phase's error; on a host, the host is what the reader needs. */
function namedForHost(error, member, fleetWhere) {
    const message = error.message.split(fleetWhere).join(member.target.where);
    if (error instanceof target/* ReleaseError */.K2) {
        return new target/* ReleaseError */.K2(message, error.phase, { ...error.details, kind: error.kind, cause: error.details.cause });
    }
    return Object.assign(error, { message });
}
/** Brings each moved host back to the release it served before, newest host first. */
async function switchBack(moved, release, hooks, report) {
    for (const { member, staged } of [...moved].reverse()) {
        const progress = report.find((p) => p.name === member.name);
        const before = staged.previous;
        const quiet = { phase: (_, run) => run(), info: () => undefined, warning: hooks.warning };
        if (before && (!before.digest || !before.image)) {
            progress.state = 'not switched back';
            progress.detail = `${before.name} has no image digest to go back to; the new release keeps serving there`;
            hooks.warning(`${member.name} (${member.host}): ${progress.detail}`);
            continue;
        }
        try {
            if (!before) {
                // Its first release: going back is serving nothing again, as every host not reached.
                await member.target.withdraw(staged.name);
                progress.state = 'switched back';
                progress.version = undefined;
                progress.detail = `it served nothing before: ${release.version} was withdrawn, the proxy has no upstream`;
                hooks.info(`${member.name}: served nothing before; ${release.version} withdrawn`);
                continue;
            }
            await member.target.rollback(earlier(release, before), quiet, { fromDeploymentId: before.deploymentId });
            progress.state = 'switched back';
            progress.version = before.version;
            hooks.info(`${member.name}: switched back to ${before.version ?? before.name}`);
        }
        catch (error) {
            progress.state = 'not switched back';
            progress.detail = error.message.split('\n')[0];
            hooks.warning(`${member.name} (${member.host}) could not be switched back: ${error.message}`);
        }
    }
}
function earlier(release, before) {
    return {
        ...release,
        image: before.image,
        digest: before.digest,
        version: before.version ?? release.version,
        sha: before.sha ?? release.sha,
        deploymentId: before.deploymentId ?? release.deploymentId,
        migrateRollback: before.migrateRollback,
    };
}
/** The release's error: which host failed, in which phase and why, and where every host stands. */
function fleetFailure(failed, moved, members, report) {
    const { member, error } = failed;
    const phase = error instanceof target/* ReleaseError */.K2 ? error.phase : 'start';
    const health = /failed its health check: (.*?)\. It was removed/s.exec(error.message)?.[1];
    const why = health ? `failed its health check: ${health}` : `failed in ${phase}: ${error.message.split('\n')[0]}`;
    const back = report.filter((p) => p.state === 'switched back').map((p) => p.name);
    const stuck = report.filter((p) => p.state === 'not switched back').map((p) => p.name);
    const untouched = members.filter((m) => !moved.some((x) => x.member === m) && m !== member).map((m) => m.name);
    const lines = [
        `${member.name} (${member.host}) ${why}`,
        `The rollout stopped: ${back.length > 0 ? `switched back ${back.join(', ')}` : 'no host had switched'}` +
            `${untouched.length > 0 ? `; not touched: ${untouched.join(', ')}` : ''}` +
            `${stuck.length > 0 ? `; NOT switched back: ${stuck.join(', ')} (see the warnings)` : ''}.`,
        error.message,
    ];
    return new target/* ReleaseError */.K2(lines.join('\n'), phase, {
        switched: stuck.length > 0,
        logs: error instanceof target/* ReleaseError */.K2 ? error.details.logs : undefined,
        cause: error instanceof target/* ReleaseError */.K2 ? error.details.cause : error,
        kind: error instanceof target/* ReleaseError */.K2 ? error.kind : undefined,
    });
}

;// CONCATENATED MODULE: ./packages/core/src/targets/fleet/target.ts


/**
 * Several Docker hosts released to as one environment, each through its own docker target (its
 * SSH connection, its proxy, its retained releases): locked together, released in batches,
 * switched back together when one fails, asked together what runs. It goes through the same
 * release sequence as a single host: one lock, one record, one verification.
 */
class FleetTarget {
    members;
    options;
    kind = 'docker';
    where;
    /** Each host's state in the last release, in fleet order: for the job summary. */
    hosts;
    constructor(members, options) {
        this.members = members;
        this.options = options;
        this.where = `the fleet of ${members.length} hosts (${members.map((m) => m.host).join(', ')})`;
        this.hosts = members.map((m) => ({ name: m.name, host: m.host, state: 'waiting', phases: [] }));
    }
    lock(request) {
        return lockEveryHost(this.members, request);
    }
    /**
     * What every host runs. The fleet runs a release only when every host serves the same
     * digest; otherwise the answer says, host by host, what runs where.
     */
    async current() {
        const all = await Promise.all(this.members.map((m) => m.target.current()));
        const [first] = all;
        if (all.every((r) => r === undefined))
            return undefined;
        if (first && all.every((r) => r?.running && r.digest === first.digest))
            return first;
        const what = all.map((r, i) => `${this.members[i].name} ${r ? `${r.version ?? r.name} (${r.digest ?? '?'})` : 'nothing'}`);
        return { ...(first ?? { name: 'the fleet' }), running: false, state: `hosts differ: ${what.join(', ')}` };
    }
    deploy(release, hooks) {
        return this.rollOut(release, hooks, (member, hostHooks) => member.target.switchTo(release, hostHooks));
    }
    rollback(release, hooks, options) {
        return this.rollOut(release, hooks, (member, hostHooks) => member.target.switchBackTo(release, hostHooks, options));
    }
    /** The registry check and migrate-rollback run once, through the first host, as the migration did. */
    rollbackHost() {
        return this.members[0].target.rollbackHost();
    }
    async dispose() {
        await Promise.allSettled(this.members.map((m) => m.target.dispose()));
    }
    rollOut(release, hooks, work) {
        for (const host of this.hosts)
            Object.assign(host, { state: 'waiting', phases: [], detail: undefined });
        return rollOut(this.members, release, hooks, this.hosts, work, { ...this.options, where: this.where });
    }
}


/***/ }),

/***/ 92957:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ lockHeldError),
/* harmony export */   Q: () => (/* binding */ isStale)
/* harmony export */ });
/* harmony import */ var _action_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46098);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51199);


/** A lock older than the timeout belongs to a run that died without releasing it. */
function isStale(lock, timeoutMs, now = new Date()) {
    const age = now.getTime() - lock.lockedAt.getTime();
    // A lock without a readable time cannot be judged; treat it as stale rather than blocking forever.
    return !Number.isFinite(age) || age > timeoutMs;
}
/** The error a second deploy gets: who holds the lock, since when, and what to do. */
function lockHeldError(what, lock, timeoutMs, now = new Date()) {
    const age = Math.max(0, now.getTime() - lock.lockedAt.getTime());
    return new _target_js__WEBPACK_IMPORTED_MODULE_0__/* .LockHeldError */ .Rk(`${what} is locked by another deploy: ${lock.holder} (since ${lock.lockedAt.toISOString()}, ${(0,_action_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(age)} ago). ` +
        `Nothing was changed. Wait for that run to finish and re-run this one; a lock older than ` +
        `lock-timeout (${(0,_action_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(timeoutMs)}) is taken over as stale.`, lock.holder);
}


/***/ }),

/***/ 10442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VK: () => (/* binding */ shortDigest),
/* harmony export */   _M: () => (/* binding */ repositoryOf),
/* harmony export */   fN: () => (/* binding */ PAVED_LABELS),
/* harmony export */   l4: () => (/* binding */ lockName),
/* harmony export */   n6: () => (/* binding */ imageTagOf),
/* harmony export */   ol: () => (/* binding */ digestOf),
/* harmony export */   u9: () => (/* binding */ joinCommand),
/* harmony export */   xN: () => (/* binding */ containerName)
/* harmony export */ });
/** Label keys on every container Paved starts; the rollback action finds releases by them. */
const PAVED_LABELS = {
    service: 'dev.paved.service',
    environment: 'dev.paved.environment',
    version: 'dev.paved.version',
    sha: 'dev.paved.sha',
    deploymentId: 'dev.paved.deployment-id',
    digest: 'dev.paved.digest',
    image: 'dev.paved.image',
    port: 'dev.paved.port',
    migrateRollback: 'dev.paved.migrate-rollback',
    role: 'dev.paved.role',
    holder: 'dev.paved.lock-holder',
    lockedAt: 'dev.paved.locked-at',
};
/** `<service>-<environment>-<deployment id>`: unique per deploy, readable in `docker ps`. */
function containerName(release) {
    return `${release.service}-${release.environment}-${release.deploymentId}`;
}
/** One lock per service and environment on a host. */
function lockName(service, environment) {
    return `paved-lock-${service}-${environment}`;
}
/** `sha256:…` of a reference pinned by digest. */
function digestOf(image) {
    const at = image.lastIndexOf('@');
    return at < 0 ? '' : image.slice(at + 1);
}
/** `registry/name` without tag or digest. */
function repositoryOf(image) {
    const withoutDigest = image.split('@')[0] ?? image;
    const slash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
}
/** The tag of `name:tag@sha256:…`, if it has one. */
function imageTagOf(image) {
    const withoutDigest = image.split('@')[0] ?? image;
    const slash = withoutDigest.lastIndexOf('/');
    const colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.slice(colon + 1) : undefined;
}
/** `sha256:0123456789ab`, for people. */
function shortDigest(digest) {
    return digest ? digest.replace(/^(sha256:[0-9a-f]{12}).*$/, '$1') : '';
}
/**
 * Joins an argv into one line that `splitCommand` splits back into the same argv: the form the
 * deployment payload and the container label keep a migrate-rollback command in.
 */
function joinCommand(argv) {
    return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'"'"'`)}'`)).join(' ');
}


/***/ }),

/***/ 51199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K2: () => (/* binding */ ReleaseError),
/* harmony export */   Rk: () => (/* binding */ LockHeldError)
/* harmony export */ });
/* unused harmony export PHASES */
/* harmony import */ var _action_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71189);

/** The phases a deploy goes through, in order; each is timed for the summary. */
const PHASES = (/* unused pure expression or super */ null && ([
    'lock',
    'record',
    'pull',
    'migrate',
    'start',
    'health',
    'switch',
    'drain',
    'stop',
    'verify',
]));
/**
 * A release (deploy or rollback) that failed in a phase, with what the summary needs: the
 * phase, whether traffic had switched, and the last log lines of a release that did not come
 * up. Its kind is its cause's: a refused connection stays a platform error, a TypeError a bug;
 * without a cause it is the release's own failure (it did not become healthy), the user's.
 */
class ReleaseError extends Error {
    phase;
    details;
    kind;
    constructor(message, phase, details = {}) {
        super(message, { cause: details.cause });
        this.phase = phase;
        this.details = details;
        this.name = 'ReleaseError';
        this.kind = details.kind ?? (details.cause === undefined ? 'user' : (0,_action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorKind */ .f8)(details.cause));
    }
}
/** Another deploy or rollback holds the lock. Nothing was changed. */
class LockHeldError extends _action_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    holder;
    constructor(message, holder) {
        super(message);
        this.holder = holder;
        this.name = 'LockHeldError';
    }
}


/***/ }),

/***/ 62480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aP: () => (/* binding */ ATTR),
/* harmony export */   wg: () => (/* binding */ pipelineAttributes),
/* harmony export */   xh: () => (/* binding */ releaseAttributes)
/* harmony export */ });
/**
 * Attribute names from OpenTelemetry's semantic conventions (deployment, CI/CD, VCS, OCI). Most
 * are still "development" there, and the conventions package advises copying those names rather
 * than importing its incubating entry point; Paved's own have the `paved.` prefix.
 */
const ATTR = {
    deploymentEnvironment: 'deployment.environment.name',
    deploymentId: 'deployment.id',
    deploymentName: 'deployment.name',
    deploymentStatus: 'deployment.status',
    pipelineName: 'cicd.pipeline.name',
    pipelineResult: 'cicd.pipeline.result',
    pipelineRunId: 'cicd.pipeline.run.id',
    pipelineRunUrl: 'cicd.pipeline.run.url.full',
    taskName: 'cicd.pipeline.task.name',
    taskRunId: 'cicd.pipeline.task.run.id',
    taskType: 'cicd.pipeline.task.type',
    vcsProvider: 'vcs.provider.name',
    vcsRepositoryName: 'vcs.repository.name',
    vcsRepositoryUrl: 'vcs.repository.url.full',
    vcsRevision: 'vcs.ref.head.revision',
    vcsRefName: 'vcs.ref.head.name',
    imageName: 'container.image.name',
    imageDigest: 'oci.manifest.digest',
    errorType: 'error.type',
    version: 'paved.release.version',
    verdict: 'paved.gate.verdict',
    score: 'paved.gate.score',
    phase: 'paved.phase',
};
function releaseAttributes(facts) {
    const attributes = {};
    const set = (key, value) => {
        if (value !== undefined && value !== '')
            attributes[key] = value;
    };
    set(ATTR.deploymentEnvironment, facts.environment);
    set(ATTR.deploymentId, facts.deploymentId === undefined ? undefined : String(facts.deploymentId));
    set(ATTR.version, facts.version);
    set(ATTR.imageName, facts.image?.split('@')[0]);
    set(ATTR.imageDigest, facts.digest ?? facts.image?.match(/@(sha256:[a-f0-9]{64})$/)?.[1]);
    if (facts.succeeded !== undefined)
        set(ATTR.deploymentStatus, facts.succeeded ? 'succeeded' : 'failed');
    set(ATTR.verdict, facts.verdict);
    set(ATTR.score, facts.score);
    return attributes;
}
/** The workflow run and the commit, from the runner's variables: the same for every span of the run. */
function pipelineAttributes(env) {
    const attributes = {};
    const set = (key, value) => {
        if (value)
            attributes[key] = value;
    };
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    set(ATTR.pipelineName, env.GITHUB_WORKFLOW);
    set(ATTR.pipelineRunId, env.GITHUB_RUN_ID);
    if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
        set(ATTR.pipelineRunUrl, `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`);
    }
    set(ATTR.taskRunId, env.GITHUB_JOB);
    if (env.GITHUB_REPOSITORY) {
        set(ATTR.vcsProvider, 'github');
        set(ATTR.vcsRepositoryName, env.GITHUB_REPOSITORY.split('/')[1]);
        set(ATTR.vcsRepositoryUrl, `${server}/${env.GITHUB_REPOSITORY}`);
    }
    set(ATTR.vcsRevision, env.GITHUB_SHA);
    set(ATTR.vcsRefName, env.GITHUB_REF_NAME);
    return attributes;
}


/***/ }),

/***/ 37151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ traced),
  r: () => (/* binding */ untraced)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 10 modules
var core = __webpack_require__(57264);
// EXTERNAL MODULE: ./packages/core/src/action/errors.ts
var errors = __webpack_require__(71189);
// EXTERNAL MODULE: ./packages/core/src/telemetry/attributes.ts
var attributes = __webpack_require__(62480);
;// CONCATENATED MODULE: ./packages/core/src/telemetry/config.ts


/**
 * The OTLP export an action's run uses, or undefined (no endpoint, or OTEL_SDK_DISABLED): the
 * input `otlp-endpoint` wins over the environment. Endpoints follow the OpenTelemetry exporter
 * variables: a base endpoint gets `/v1/traces` appended, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is
 * taken as it is. Every header value is masked before anything can log it.
 */
function resolveTraceExport(endpointInput, env = process.env, mask = core/* setSecret */.Pq) {
    if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true')
        return undefined;
    const headers = {
        ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS, 'OTEL_EXPORTER_OTLP_HEADERS'),
        ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
    };
    for (const value of Object.values(headers))
        if (value)
            mask(value);
    let url;
    if (endpointInput)
        url = withTracesPath(endpointInput);
    else if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim())
        url = parseEndpoint(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
    else if (env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim())
        url = withTracesPath(parseEndpoint(env.OTEL_EXPORTER_OTLP_ENDPOINT, 'OTEL_EXPORTER_OTLP_ENDPOINT'));
    if (!url)
        return undefined;
    // A password in the URL stays out of the log; warnings name the endpoint without it.
    if (url.password)
        mask(decodeURIComponent(url.password));
    const shown = `${url.protocol}//${url.host}${url.pathname}`;
    return { url: url.toString(), headers, shown, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'paved' };
}
function parseEndpoint(value, variable) {
    let url;
    try {
        url = new URL(value.trim());
    }
    catch {
        throw new errors/* UserError */.yo(`${variable} must be an absolute http or https URL like http://127.0.0.1:4318, got '${value}'`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new errors/* UserError */.yo(`${variable} must be an absolute http or https URL like http://127.0.0.1:4318, got '${value}'`);
    }
    return url;
}
function withTracesPath(base) {
    const url = new URL(base.toString());
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
    return url;
}
/** `key=value,key2=value2`, values percent-encoded, as the OpenTelemetry exporter variables write them. */
function parseHeaders(value, variable) {
    const headers = {};
    for (const pair of (value ?? '').split(',')) {
        if (!pair.trim())
            continue;
        const at = pair.indexOf('=');
        const key = at > 0 ? pair.slice(0, at).trim() : '';
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
            // Never echo the pair: it may hold a token.
            throw new errors/* UserError */.yo(`${variable} must be a list like 'api-key=value,other=value'; one entry has no valid header name`);
        }
        let decoded;
        try {
            decoded = decodeURIComponent(pair.slice(at + 1).trim());
        }
        catch {
            throw new errors/* UserError */.yo(`${variable}: the value of header '${key}' is not valid percent-encoding`);
        }
        headers[key] = decoded;
    }
    return headers;
}

;// CONCATENATED MODULE: ./packages/core/src/telemetry/trace.ts




/** For callers (tests, the CLI) that run an action's main without a trace. */
const untraced = {
    configure: async () => { },
    phase: (_name, work) => work(),
    annotate: () => { },
};
const TASK_TYPE = {
    deploy: 'deploy',
    rollback: 'deploy',
    'deploy-quality-gate': 'test',
};
class RunTrace {
    action;
    startedAt;
    env;
    recording;
    configured;
    facts = {};
    constructor(action, startedAt, env) {
        this.action = action;
        this.startedAt = startedAt;
        this.env = env;
    }
    configure(endpoint) {
        this.configured ??= this.start(endpoint);
        return this.configured;
    }
    async start(endpoint) {
        let target;
        try {
            target = resolveTraceExport(endpoint, this.env);
        }
        catch (error) {
            // Tracing is an observer: a malformed OpenTelemetry variable turns it off, never the release.
            core/* warning */.$e(`No trace is sent for this run: ${error.message}`);
            return;
        }
        if (!target)
            return;
        const { startRecording } = await Promise.all(/* import() */[__webpack_require__.e(169), __webpack_require__.e(466)]).then(__webpack_require__.bind(__webpack_require__, 58085));
        this.recording = startRecording(target, {
            name: this.action,
            startedAt: this.startedAt,
            attributes: {
                'cicd.pipeline.task.name': this.action,
                'cicd.pipeline.task.type': TASK_TYPE[this.action],
            },
            resource: (0,attributes/* pipelineAttributes */.wg)(this.env),
        });
    }
    phase = (name, work) => this.recording ? this.recording.phase(name, work) : work();
    annotate(facts) {
        Object.assign(this.facts, Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)));
    }
    /** Ends the root span and sends the trace; a backend that does not take it only warns. */
    async finish(error) {
        // A run that failed before it read its inputs is still traced when the environment names an endpoint.
        await this.configure(undefined).catch(() => { });
        const recording = this.recording;
        if (!recording)
            return;
        const failed = error !== undefined || process.exitCode === 1 || this.facts.succeeded === false;
        const message = error instanceof Error ? error.message.split('\n')[0] : undefined;
        recording.end({
            attributes: {
                ...(0,attributes/* releaseAttributes */.xh)(this.facts),
                'cicd.pipeline.result': failed ? 'failure' : 'success',
            },
            error: failed ? { type: error === undefined ? 'failure' : (0,errors/* errorKind */.f8)(error), message } : undefined,
        });
        const problem = await recording.flush();
        if (problem)
            core/* warning */.$e(problem);
    }
}
/**
 * Wraps an action's main so its run is one trace: the root span covers the whole run, ends with
 * its outcome, and is sent before the action exits, on every path. A failure to send is a
 * warning; the action's own outcome never changes because of tracing.
 */
function traced(action, main, env = process.env) {
    return async () => {
        const trace = new RunTrace(action, Date.now(), env);
        let failure;
        try {
            await main(trace);
        }
        catch (error) {
            failure = error ?? new Error('(nothing thrown)');
            throw error;
        }
        finally {
            await trace.finish(failure).catch((error) => {
                core/* warning */.$e(`Could not send the trace of this run: ${error.message}`);
            });
        }
    };
}


/***/ })

};
