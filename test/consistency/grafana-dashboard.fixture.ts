// Type-checks the example dashboard against Grafana's published schema package (npm run typecheck
// and test/consistency/grafana-dashboard.test.ts compile it). JSON imports widen string literals to
// string, so the few schema fields typed as literal unions are checked as strings here and their
// values by the test's runtime checks.
import type { Dashboard } from '@grafana/schema';
import dashboard from '../../examples/grafana/paved-releases.json' with { type: 'json' };

/** The schema with every string literal union widened to string, as a JSON import is typed. */
type AsJson<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends ReadonlyArray<infer Item>
        ? Array<AsJson<Item>>
        : T extends object
          ? { [Key in keyof T]: AsJson<T[Key]> }
          : T;

export const checked = dashboard satisfies AsJson<Dashboard>;
