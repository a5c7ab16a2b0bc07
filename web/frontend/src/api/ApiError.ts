/** A refused request, with what the server said in words a member can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Invalid fields by name (422 bodies name each, 409 the taken one), e.g. { username: 'username already taken' }. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Reads the Bunnybook error bodies: {detail: "…"}, {detail: [{loc, msg}]} (422) and {message, code} (409, 400). */
  static async from(response: Response): Promise<ApiError> {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    return ApiError.of(response.status, body);
  }

  static of(status: number, body: unknown): ApiError {
    const fields: Record<string, string> = {};
    let message = FALLBACK[status] ?? `Something went wrong (${status}).`;
    if (body && typeof body === 'object') {
      const { detail, message: said, error } = body as { detail?: unknown; message?: unknown; error?: { field?: unknown } };
      if (Array.isArray(detail)) {
        for (const item of detail as { loc?: unknown[]; msg?: string }[]) {
          const field = String(item.loc?.[item.loc.length - 1] ?? 'request');
          fields[field] = item.msg ?? 'invalid value';
        }
        message = Object.entries(fields).map(([field, why]) => `${field}: ${why}`).join('; ');
      } else if (typeof said === 'string') {
        message = READABLE[said] ?? said;
        if (typeof error?.field === 'string') fields[error.field] = message;
      } else if (typeof detail === 'string' && status !== 401 && status !== 403 && status !== 404) {
        message = detail;
      }
    }
    return new ApiError(status, message, fields);
  }
}

const FALLBACK: Record<number, string> = {
  401: 'Please log in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found: it may have been deleted.',
  413: 'That is too big to send.',
  429: 'Too many attempts: wait a moment and try again.',
  503: 'The server is busy: try again in a moment.',
};

const READABLE: Record<string, string> = {
  UnexpectedRelationshipState: 'That no longer fits: your friendship changed meanwhile.',
};

/** A message for any error thrown by an action, for showing next to the control that failed. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return 'Cannot reach Bunnybook: check your connection.';
  return 'Something went wrong.';
}
