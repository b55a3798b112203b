/**
 * DORA performance bands. Source: Accelerate State of DevOps Report 2023 (DORA, Google Cloud),
 * chapter 1 "How do you compare?", the software delivery performance table:
 *
 *   cluster  deployment frequency                 lead time for changes        change failure rate  failed deployment recovery time
 *   Elite    on demand (multiple deploys per day) less than one day           5%                   less than one hour
 *   High     between once per day and once/week   between one day and a week  10%                  less than one day
 *   Medium   between once per week and once/month between a week and a month 15%                  between one day and one week
 *   Low      between once per week and once/month between a week and a month 64%                  between one month and six months
 *
 * The report gives clusters, not cut-offs; Paved reads each row's upper edge as the threshold:
 *   frequency  Elite ≥ 1 per day, High ≥ 1 per week, Medium ≥ 1 per month (30 days), else Low
 *   lead time  Elite < 1 day, High < 1 week, Medium < 1 month (30 days), else Low   (on the median)
 *   CFR        Elite ≤ 5 %, High ≤ 10 %, Medium ≤ 15 %, else Low
 *   restore    Elite < 1 hour, High < 1 day, Medium < 1 week, else Low             (on the median)
 * A figure with no data gets no band: no releases is not elite stability.
 */
export type Band = 'elite' | 'high' | 'medium' | 'low';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const BAND_SOURCE = 'DORA, Accelerate State of DevOps Report 2023, software delivery performance clusters';

export function frequencyBand(perDay: number): Band {
  if (perDay >= 1) return 'elite';
  if (perDay >= 1 / 7) return 'high';
  if (perDay >= 1 / 30) return 'medium';
  return 'low';
}

export function leadTimeBand(medianMs: number | undefined): Band | undefined {
  if (medianMs === undefined) return undefined;
  if (medianMs < DAY) return 'elite';
  if (medianMs < 7 * DAY) return 'high';
  if (medianMs < 30 * DAY) return 'medium';
  return 'low';
}

export function failureRateBand(rate: number | undefined): Band | undefined {
  if (rate === undefined) return undefined;
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

export function restoreBand(medianMs: number | undefined): Band | undefined {
  if (medianMs === undefined) return undefined;
  if (medianMs < HOUR) return 'elite';
  if (medianMs < DAY) return 'high';
  if (medianMs < 7 * DAY) return 'medium';
  return 'low';
}

export const BAND_THRESHOLDS = {
  frequency: 'Elite ≥ 1/day · High ≥ 1/week · Medium ≥ 1/month',
  leadTime: 'Elite < 1 day · High < 1 week · Medium < 1 month',
  changeFailureRate: 'Elite ≤ 5% · High ≤ 10% · Medium ≤ 15%',
  timeToRestore: 'Elite < 1 hour · High < 1 day · Medium < 1 week',
} as const;
