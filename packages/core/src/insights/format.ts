import { formatDuration } from '../action/duration.js';
import type { Band } from './bands.js';

export const BAND_LABEL: Record<Band, string> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

export function band(value: Band | undefined): string {
  return value ? BAND_LABEL[value] : 'not rated (no data)';
}

export function duration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const day = 86_400_000;
  if (ms >= 2 * day) return `${(ms / day).toFixed(1)}d`;
  return formatDuration(ms);
}

export function percent(rate: number | undefined): string {
  return rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
}

export function rate(value: number): string {
  return value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2);
}
