/** GitHub's error body: `status` is a string in real responses. */
export interface GitHubErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: unknown[];
}

export const REST_DOCUMENTATION_URL = 'https://docs.github.com/rest';

/** Thrown by handlers and validation; the server turns it into GitHub's error shape. */
export class HttpError extends Error {
  readonly body: GitHubErrorBody;

  constructor(
    readonly status: number,
    message: string,
    options: { errors?: unknown[]; documentationUrl?: string; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.headers = options.headers ?? {};
    this.body = {
      message,
      documentation_url: options.documentationUrl ?? REST_DOCUMENTATION_URL,
      status: String(status),
      ...(options.errors ? { errors: options.errors } : {}),
    };
  }

  readonly headers: Record<string, string>;
}

export const notFound = (documentationUrl?: string): HttpError => new HttpError(404, 'Not Found', { documentationUrl });

export const validationFailed = (message: string, errors?: unknown[], documentationUrl?: string): HttpError =>
  new HttpError(422, message, { errors, documentationUrl });
