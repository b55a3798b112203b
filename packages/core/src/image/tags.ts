import { InputError } from '../action/errors.js';
import { branchOf, isDefaultBranch, isPullRequest, revisionOf, tagOf, type BuildGitContext } from './git-context.js';

/**
 * Tag rules in docker/metadata-action's language, one per line:
 * `type=sha`, `type=ref,event=branch|tag|pr`, `type=semver,pattern={{version}}`, `type=raw,value=x`,
 * `type=schedule`, `type=edge`, each with `enable=`, `prefix=`, `suffix=` and `priority=`.
 * Pure: the git context comes in as a plain object, so every event can be tested from a table.
 */
export type TagRuleType = 'sha' | 'ref' | 'semver' | 'raw' | 'schedule' | 'edge';

export interface TagRule {
  type: TagRuleType;
  /** The line as written, for error messages. */
  source: string;
  attrs: Record<string, string>;
  priority: number;
}

export type LatestMode = 'auto' | 'true' | 'false';

export interface ComputedTags {
  /** Tags without the image name, highest priority first, de-duplicated. */
  tags: string[];
  /** The semver version when a semver rule matched the pushed tag. */
  version?: string;
}

const TYPES: readonly TagRuleType[] = ['sha', 'ref', 'semver', 'raw', 'schedule', 'edge'];

// metadata-action's priorities: the first tag is the image's "version", so order matters.
const DEFAULT_PRIORITY: Record<TagRuleType, number> = {
  schedule: 1000,
  semver: 900,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100,
};

const ALLOWED_KEYS: Record<TagRuleType, readonly string[]> = {
  sha: ['format'],
  ref: ['event'],
  semver: ['pattern', 'value'],
  raw: ['value'],
  schedule: ['pattern'],
  edge: ['branch'],
};
const COMMON_KEYS = ['type', 'enable', 'prefix', 'suffix', 'priority'];

const RULE_FORMS =
  'type=sha | type=ref,event=branch|tag|pr | type=semver,pattern={{version}} | type=raw,value=<tag> | type=schedule | type=edge';

function ruleError(source: string, why: string): InputError {
  return new InputError('tags', `Input 'tags' has a rule that does not parse: '${source}': ${why}. Use ${RULE_FORMS}.`);
}

/** Parses the rule lines; every problem names the input 'tags' and the rule. */
export function parseTagRules(lines: readonly string[]): TagRule[] {
  return lines.map(parseTagRule);
}

export function parseTagRule(line: string): TagRule {
  const source = line.trim();
  const attrs: Record<string, string> = {};
  for (const part of source.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw ruleError(source, `'${part.trim()}' is not key=value`);
    const key = part.slice(0, eq).trim().toLowerCase();
    if (key in attrs) throw ruleError(source, `'${key}' is given twice`);
    attrs[key] = part.slice(eq + 1).trim();
  }
  const type = attrs.type as TagRuleType | undefined;
  if (!type) throw ruleError(source, 'it has no type=');
  if (!TYPES.includes(type)) throw ruleError(source, `unknown type '${type}'`);
  for (const key of Object.keys(attrs)) {
    if (!COMMON_KEYS.includes(key) && !ALLOWED_KEYS[type].includes(key)) {
      throw ruleError(source, `type=${type} has no '${key}' attribute`);
    }
  }
  if (type === 'ref' && !['branch', 'tag', 'pr'].includes(attrs.event ?? '')) {
    throw ruleError(source, 'type=ref needs event=branch, event=tag or event=pr');
  }
  if (type === 'raw' && !attrs.value) throw ruleError(source, 'type=raw needs value=<tag>');
  if (type === 'semver') {
    if (!attrs.pattern) throw ruleError(source, 'type=semver needs pattern=, e.g. {{version}} or {{major}}.{{minor}}');
    const unknown = [...attrs.pattern.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
      .map((m) => m[1])
      .filter((name) => !['version', 'major', 'minor', 'patch', 'raw'].includes(name ?? ''));
    if (unknown.length > 0) throw ruleError(source, `unknown placeholder {{${unknown[0]}}} in pattern`);
  }
  if (type === 'sha' && attrs.format !== undefined && !['short', 'long'].includes(attrs.format)) {
    throw ruleError(source, 'format= must be short or long');
  }
  if (attrs.enable !== undefined && !/^(true|false|\{\{\s*is_(not_)?default_branch\s*\}\})$/.test(attrs.enable)) {
    throw ruleError(source, 'enable= must be true, false, {{is_default_branch}} or {{is_not_default_branch}}');
  }
  let priority = DEFAULT_PRIORITY[type];
  if (attrs.priority !== undefined) {
    if (!/^\d+$/.test(attrs.priority)) throw ruleError(source, 'priority= must be a whole number');
    priority = Number(attrs.priority);
  }
  return { type, source, attrs, priority };
}

/**
 * The tags the rules give for this run. `latest` is added by `latest=true`, or with `auto` on
 * a push (or dispatch, or schedule) to the default branch.
 */
export function computeTags(
  rules: readonly TagRule[],
  git: BuildGitContext,
  options: { latest?: LatestMode; now?: Date } = {},
): ComputedTags {
  const now = options.now ?? new Date();
  const produced: { tag: string; priority: number; order: number }[] = [];
  let version: string | undefined;
  rules.forEach((rule, order) => {
    if (!enabled(rule, git)) return;
    const raw = valueOf(rule, git, now);
    if (raw === undefined) return;
    if (rule.type === 'semver' && raw !== '') version ??= semverOf(git)?.version;
    const prefix =
      rule.attrs.prefix ??
      (rule.type === 'sha' ? 'sha-' : rule.type === 'ref' && rule.attrs.event === 'pr' ? 'pr-' : '');
    const tag = sanitizeTag(`${expand(prefix, git, now)}${raw}${expand(rule.attrs.suffix ?? '', git, now)}`);
    if (tag) produced.push({ tag, priority: rule.priority, order });
  });
  const latest = options.latest ?? 'auto';
  if (latest === 'true' || (latest === 'auto' && isDefaultBranch(git))) {
    produced.push({ tag: 'latest', priority: 0, order: rules.length });
  }
  produced.sort((a, b) => b.priority - a.priority || a.order - b.order);
  return { tags: [...new Set(produced.map((p) => p.tag))], version };
}

function enabled(rule: TagRule, git: BuildGitContext): boolean {
  const enable = rule.attrs.enable?.replace(/\s+/g, '');
  if (enable === undefined || enable === 'true') return true;
  if (enable === 'false') return false;
  if (enable === '{{is_default_branch}}') return isDefaultBranch(git);
  return !isDefaultBranch(git);
}

/** The rule's value for this run, or undefined when the rule does not apply to this event. */
function valueOf(rule: TagRule, git: BuildGitContext, now: Date): string | undefined {
  switch (rule.type) {
    case 'sha': {
      const sha = revisionOf(git);
      return rule.attrs.format === 'long' ? sha : sha.slice(0, 7);
    }
    case 'ref':
      if (rule.attrs.event === 'branch') return isPullRequest(git) ? undefined : branchOf(git);
      if (rule.attrs.event === 'tag') return tagOf(git);
      return isPullRequest(git) ? prNumberOf(git) : undefined;
    case 'semver': {
      const semver = semverOf(git, rule.attrs.value);
      if (!semver) return undefined;
      const pattern = rule.attrs.pattern ?? '{{version}}';
      // A pre-release must not move the major or minor line, only its own exact version.
      if (semver.prerelease && !/\{\{\s*(version|raw)\s*\}\}/.test(pattern)) return undefined;
      // 0.x versions promise nothing between minors; a bare {{major}} of 0 would be misleading.
      if (semver.major === '0' && pattern.replace(/\s+/g, '') === '{{major}}') return undefined;
      return pattern.replace(/\{\{\s*(version|major|minor|patch|raw)\s*\}\}/g, (_, name: string) =>
        name === 'version' ? semver.version : name === 'raw' ? semver.raw : semver[name as 'major' | 'minor' | 'patch'],
      );
    }
    case 'raw':
      return expand(rule.attrs.value ?? '', git, now);
    case 'schedule':
      return git.eventName === 'schedule' ? expand(rule.attrs.pattern ?? 'nightly', git, now) : undefined;
    case 'edge': {
      const branch = branchOf(git);
      if (isPullRequest(git) || !branch) return undefined;
      const wanted = rule.attrs.branch;
      return (wanted ? branch === wanted : isDefaultBranch(git)) ? 'edge' : undefined;
    }
  }
}

function prNumberOf(git: BuildGitContext): string | undefined {
  if (git.prNumber !== undefined) return String(git.prNumber);
  return /^refs\/pull\/(\d+)\//.exec(git.ref)?.[1];
}

interface Semver {
  raw: string;
  version: string;
  major: string;
  minor: string;
  patch: string;
  prerelease?: string;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** The pushed git tag (or `value=`) read as semver; `v1.2.3` counts, `release-1` does not. */
export function semverOf(git: BuildGitContext, value?: string): Semver | undefined {
  const raw = value || tagOf(git);
  if (!raw) return undefined;
  const match = SEMVER.exec(raw);
  if (!match) return undefined;
  const [, major = '', minor = '', patch = '', prerelease, build] = match;
  const version = `${major}.${minor}.${patch}${prerelease ? `-${prerelease}` : ''}${build ? `+${build}` : ''}`;
  return { raw, version, major, minor, patch, prerelease };
}

/** `{{branch}}`, `{{tag}}`, `{{sha}}`, `{{base_ref}}` and `{{date 'YYYYMMDD'}}` in raw values, prefixes and suffixes. */
function expand(text: string, git: BuildGitContext, now: Date): string {
  return text.replace(/\{\{\s*(\w+)(?:\s+'([^']*)')?\s*\}\}/g, (whole, name: string, format?: string) => {
    switch (name) {
      case 'branch':
        return branchOf(git) ?? '';
      case 'tag':
        return tagOf(git) ?? '';
      case 'sha':
        return revisionOf(git).slice(0, 7);
      case 'date':
        return formatDate(now, format ?? 'YYYYMMDD');
      default:
        return whole;
    }
  });
}

function formatDate(date: Date, format: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const parts: Record<string, string> = {
    YYYY: String(date.getUTCFullYear()),
    MM: pad(date.getUTCMonth() + 1),
    DD: pad(date.getUTCDate()),
    HH: pad(date.getUTCHours()),
    mm: pad(date.getUTCMinutes()),
    ss: pad(date.getUTCSeconds()),
  };
  return format.replace(/YYYY|MM|DD|HH|mm|ss/g, (token) => parts[token] ?? token);
}

/**
 * A valid docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. Other characters (a branch's `/`)
 * become `-`, as metadata-action does; a leading `.` or `-` is dropped; at most 128 characters.
 */
export function sanitizeTag(tag: string): string {
  return tag
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
}
