import * as core from '@actions/core';
import { UserError } from '../action/index.js';

/** Where a trace goes: the OTLP/HTTP traces URL and the headers sent with it. */
export interface TraceExport {
  /** The full traces URL (…/v1/traces). */
  url: string;
  headers: Record<string, string>;
  /** The endpoint as a warning may name it: no credentials, no query. */
  shown: string;
  serviceName: string;
}

/**
 * The OTLP export an action's run uses, or undefined (no endpoint, or OTEL_SDK_DISABLED): the
 * input `otlp-endpoint` wins over the environment. Endpoints follow the OpenTelemetry exporter
 * variables: a base endpoint gets `/v1/traces` appended, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is
 * taken as it is. Every header value is masked before anything can log it.
 */
export function resolveTraceExport(
  endpointInput: URL | undefined,
  env: NodeJS.ProcessEnv = process.env,
  mask: (secret: string) => void = core.setSecret,
): TraceExport | undefined {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return undefined;
  const headers = {
    ...parseHeaders(env.OTEL_EXPORTER_OTLP_HEADERS, 'OTEL_EXPORTER_OTLP_HEADERS'),
    ...parseHeaders(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS, 'OTEL_EXPORTER_OTLP_TRACES_HEADERS'),
  };
  for (const value of Object.values(headers)) if (value) mask(value);

  let url: URL | undefined;
  if (endpointInput) url = withTracesPath(endpointInput);
  else if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim())
    url = parseEndpoint(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  else if (env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim())
    url = withTracesPath(parseEndpoint(env.OTEL_EXPORTER_OTLP_ENDPOINT, 'OTEL_EXPORTER_OTLP_ENDPOINT'));
  if (!url) return undefined;
  // A password in the URL stays out of the log; warnings name the endpoint without it.
  if (url.password) mask(decodeURIComponent(url.password));
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  return { url: url.toString(), headers, shown, serviceName: env.OTEL_SERVICE_NAME?.trim() || 'paved' };
}

function parseEndpoint(value: string, variable: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UserError(`${variable} must be an absolute http or https URL like http://127.0.0.1:4318, got '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`${variable} must be an absolute http or https URL like http://127.0.0.1:4318, got '${value}'`);
  }
  return url;
}

function withTracesPath(base: URL): URL {
  const url = new URL(base.toString());
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return url;
}

/** `key=value,key2=value2`, values percent-encoded, as the OpenTelemetry exporter variables write them. */
export function parseHeaders(value: string | undefined, variable: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    if (!pair.trim()) continue;
    const at = pair.indexOf('=');
    const key = at > 0 ? pair.slice(0, at).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      // Never echo the pair: it may hold a token.
      throw new UserError(
        `${variable} must be a list like 'api-key=value,other=value'; one entry has no valid header name`,
      );
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      throw new UserError(`${variable}: the value of header '${key}' is not valid percent-encoding`);
    }
    headers[key] = decoded;
  }
  return headers;
}
