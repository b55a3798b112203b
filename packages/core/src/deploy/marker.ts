import { PlatformError } from '../action/errors.js';
export interface DeploymentMarker {
  service: string;
  environment: string;
  version: string;
  sha: string;
  at: Date;
}

/**
 * The deployment marker in Prometheus text format: `paved_deployment{environment,version,sha}`
 * whose value is the deploy time in seconds, so a dashboard can draw a line per deployment
 * (`changes(paved_deployment[5m]) > 0`, or the value itself as a timestamp annotation).
 */
export function markerText(marker: DeploymentMarker): string {
  const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return [
    '# HELP paved_deployment Unix time in seconds when this version took traffic.',
    '# TYPE paved_deployment gauge',
    `paved_deployment{environment="${label(marker.environment)}",version="${label(marker.version)}",sha="${label(marker.sha)}"} ${marker.at.getTime() / 1_000}`,
    '',
  ].join('\n');
}

/**
 * Pushes the marker to a Pushgateway, grouped by service and environment: each deploy replaces
 * the previous marker of its environment, and Prometheus's history keeps every one.
 */
export async function pushDeploymentMarker(pushgatewayUrl: string, marker: DeploymentMarker): Promise<void> {
  const url =
    `${pushgatewayUrl.replace(/\/$/, '')}/metrics/job/paved_deploy` +
    `/service/${encodeURIComponent(marker.service)}/environment/${encodeURIComponent(marker.environment)}`;
  const response = await fetch(url, {
    method: 'PUT',
    body: markerText(marker),
    headers: { 'content-type': 'text/plain; version=0.0.4' },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) {
    throw new PlatformError(
      'Pushgateway',
      `the Pushgateway answered HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`,
    );
  }
}
