export interface ScrapeJob {
  jobName: string;
  /** host:port targets on loopback. */
  targets: string[];
  metricsPath?: string;
  /** Keep the job/instance labels a target reports (the Pushgateway needs this). */
  honorLabels?: boolean;
  /** Labels added to every series of these targets, e.g. `{ environment: 'staging' }`. */
  labels?: Record<string, string>;
}

/** The Prometheus configuration, as JSON (which Prometheus reads as YAML). */
export function prometheusConfig(scrapeIntervalSeconds: number, jobs: readonly ScrapeJob[]): string {
  const interval = `${scrapeIntervalSeconds}s`;
  return JSON.stringify(
    {
      global: { scrape_interval: interval, evaluation_interval: interval },
      scrape_configs: jobs.map((job) => ({
        job_name: job.jobName,
        metrics_path: job.metricsPath ?? '/metrics',
        honor_labels: job.honorLabels ?? false,
        scrape_interval: interval,
        scrape_timeout: interval,
        static_configs: [{ targets: job.targets, ...(job.labels ? { labels: job.labels } : {}) }],
      })),
    },
    null,
    2,
  );
}
