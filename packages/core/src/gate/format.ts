/** Numbers as a person reads them in a sentence: three significant digits, exponents when tiny or huge. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e5 || abs < 1e-3) return value.toExponential(2);
  return String(Number(value.toPrecision(3)));
}

/** A fraction as a signed percentage: 0.523 → "+52.3%". */
export function formatChange(fraction: number): string {
  if (!Number.isFinite(fraction)) return fraction > 0 ? '+∞%' : fraction < 0 ? '−∞%' : 'n/a';
  const percent = fraction * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(digits)}%`;
}

export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 1e-4) return p.toExponential(1);
  return String(Number(p.toPrecision(2)));
}
