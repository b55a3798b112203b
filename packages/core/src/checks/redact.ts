export const REDACTED = '***';

/**
 * Replaces secret values wherever they appear. The runner masks its log, but not the report
 * file or the job summary, and a service may echo a request header back in its body.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  return (text) => values.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/** A URL fit for logs and reports: any password in it is redacted. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = REDACTED;
    return parsed.toString();
  } catch {
    return url;
  }
}
