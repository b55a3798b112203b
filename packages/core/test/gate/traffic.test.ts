import { longestRange, promqlSyntaxError } from '../../src/gate/promql.js';
import { inferTraffic } from '../../src/gate/traffic.js';

describe('traffic read off an objective by its syntax tree', () => {
  it('takes the denominator of a ratio', () => {
    expect(
      inferTraffic(
        'sum(rate(http_requests_total{service="x",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="x"}[1m]))',
      ),
    ).toEqual({ query: 'sum(rate(http_requests_total{service="x"}[1m]))', source: 'ratio-denominator' });
  });

  it('finds the ratio inside 1 - (...) and keeps a denominator with a by clause whole', () => {
    expect(inferTraffic('1 - (sum(rate(ok_total[5m])) / sum by (job) (rate(all_total[5m])))')?.query).toBe(
      'sum(sum by (job) (rate(all_total[5m])))',
    );
  });

  it('turns increase into a per-second rate', () => {
    expect(inferTraffic('sum(increase(errors_total[5m])) / sum(increase(requests_total[5m]))')?.query).toBe(
      'sum(increase(requests_total[5m])) / 300',
    );
  });

  it('narrows a classic histogram to its +Inf bucket, wherever the matchers are', () => {
    expect(
      inferTraffic(
        'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="x"}[1m])))',
      ),
    ).toEqual({
      query: 'sum(sum by (le) (rate(http_request_duration_seconds_bucket{service="x", le="+Inf"}[1m])))',
      source: 'histogram-count',
    });
    expect(inferTraffic('histogram_quantile(0.9, sum by (le) (rate(d_bucket[1m])))')?.query).toBe(
      'sum(sum by (le) (rate(d_bucket{le="+Inf"}[1m])))',
    );
    expect(inferTraffic('histogram_quantile(0.9, sum by (le) (rate(d_bucket{}[1m])))')?.query).toBe(
      'sum(sum by (le) (rate(d_bucket{le="+Inf"}[1m])))',
    );
  });

  it('counts a native histogram with histogram_count', () => {
    expect(inferTraffic('histogram_quantile(0.99, sum(rate(request_duration_seconds[1m])))')?.query).toBe(
      'histogram_count(sum(rate(request_duration_seconds[1m])))',
    );
  });

  it('finds nothing where nothing counts requests, whatever the text looks like', () => {
    expect(inferTraffic('avg(process_resident_memory_bytes{job="x"})')).toBeUndefined();
    expect(inferTraffic('sum(node_memory_used) / sum(node_memory_total)')).toBeUndefined();
    // The words are in a label value, not in the tree: no ratio, no histogram.
    expect(inferTraffic('up{note="rate(x[1m]) / histogram_quantile"}')).toBeUndefined();
    // A query that does not parse carries no traffic: Prometheus will say what is wrong with it.
    expect(inferTraffic('sum(rate(e[1m])) / sum(rate(r[1m])')).toBeUndefined();
  });
});

describe('PromQL syntax', () => {
  it('says where a query stops parsing', () => {
    expect(promqlSyntaxError('sum(rate(x[1m]))')).toBeUndefined();
    expect(promqlSyntaxError('sum(rate(x[1m])')).toMatch(/ends too early/);
    expect(promqlSyntaxError('sum(rate(x[1m])) / / 2')).toMatch(/character/);
  });

  it('reads ranges from the tree, not from text inside strings', () => {
    expect(longestRange('rate(x{path="/a[5m]"}[1m])')).toBe(60_000);
    expect(longestRange('max_over_time(rate(x[30s])[1h30m:15s])')).toBe(5_400_000);
  });
});
