import semver from 'semver';
import { UserError } from '../action/errors.js';

/** One release in a distribution's index, its version cleaned to semver. */
export interface ReleaseCandidate {
  version: string;
  /** Node's LTS codename, when the release line is LTS. */
  lts?: string;
  stable: boolean;
}

const LATEST = new Set(['latest', 'node', 'current', 'stable']);

/** `v24` → `24`, `24.x` stays: semver ranges take both, but not the leading v on partial versions. */
export function normalizeVersionSpec(spec: string): string {
  return spec.trim().replace(/^v(?=\d)/, '');
}

/** True when the spec can be matched against a local tool cache (a semver version or range). */
export function isSemverSpec(spec: string): boolean {
  return semver.validRange(normalizeVersionSpec(spec)) !== null;
}

/**
 * The newest release matching the spec: a version, a semver range (`24`, `22.x`, `>=20 <23`),
 * `latest`/`node`, or Node's `lts/*` and `lts/<codename>`. Unstable releases only match a spec
 * that names one exactly. Throws a UserError naming the newest releases when nothing matches.
 */
export function pickRelease(
  candidates: readonly ReleaseCandidate[],
  rawSpec: string,
  context: { runtime: string; source: string; index: string },
): string {
  const spec = normalizeVersionSpec(rawSpec);
  const stable = candidates.filter((c) => c.stable);
  let picked: string | undefined;
  const lower = spec.toLowerCase();
  if (LATEST.has(lower)) {
    picked = newest(stable);
  } else if (lower === 'lts/*' || lower === 'lts') {
    picked = newest(stable.filter((c) => c.lts));
  } else if (lower.startsWith('lts/')) {
    const codename = lower.slice(4);
    picked = newest(stable.filter((c) => c.lts?.toLowerCase() === codename));
  } else if (semver.valid(spec) && candidates.some((c) => c.version === semver.clean(spec))) {
    picked = semver.clean(spec) ?? undefined;
  } else if (semver.validRange(spec)) {
    picked =
      semver.maxSatisfying(
        stable.map((c) => c.version),
        spec,
      ) ?? undefined;
  } else {
    throw new UserError(
      `${context.runtime} version '${rawSpec}' (from ${context.source}) is not a version or range: ` +
        `write it like 24, 24.1.0, 22.x or >=20${context.runtime === 'Node.js' ? ', lts/*' : ''}.`,
    );
  }
  if (picked) return picked;
  const recent = [...new Set(stable.map((c) => c.version))].sort(semver.rcompare).slice(0, 5).join(', ');
  throw new UserError(
    `${context.runtime} '${rawSpec}' (from ${context.source}) does not exist in ${context.index}` +
      `${recent ? `; the newest releases there are ${recent}` : ''}. Pick an existing version, or check the mirror.`,
  );
}

function newest(candidates: readonly ReleaseCandidate[]): string | undefined {
  return candidates.map((c) => c.version).sort(semver.rcompare)[0];
}
