import { ApiError } from './ApiError';

/** How renewing the session went: `refused` (401) ends it, `failed` (unreachable, busy) keeps it for a retry. */
export type Renewal = 'renewed' | 'refused' | 'failed';
export type Refresher = () => Promise<Renewal>;

let refresher: Refresher = async () => 'refused';

/** Installed by the session service, which owns refreshing. */
export function onUnauthorized(refresh: Refresher): void {
  refresher = refresh;
}

/**
 * After a 401: renews the session; true when the request may be repeated, false when the session is over. Throws
 * when the session could not be renewed for now, so the member reads that, not "log in again".
 */
async function renewedAfter401(): Promise<boolean> {
  const renewal = await refresher();
  if (renewal === 'failed') throw new ApiError(503, 'Cannot renew your session right now: try again in a moment.');
  return renewal === 'renewed';
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Fetches `/web` + `path` with the session cookies (the UI never sees a token). A 401 on a member's request first
 * renews the session, then asks once more; the caller reads the answer (whole, or streamed as the export does).
 */
/** How a download fetches an API path; tests pass their own. */
export type ApiFetch = (path: string, init: RequestInit) => Promise<Response>;

export async function fetchApi(path: string, init: RequestInit = {}): Promise<Response> {
  const ask = () => fetch(`/web${path}`, { ...init, credentials: 'same-origin' });
  const response = await ask();
  if (response.status !== 401 || path.startsWith('/login') || !(await renewedAfter401())) return response;
  void response.body?.cancel().catch(() => undefined);
  init.signal?.throwIfAborted();
  return ask();
}

async function request<T>(method: string, path: string, body?: unknown, headers: HeadersRecord = {}): Promise<T> {
  const response = await fetchApi(path, {
    method,
    headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await ApiError.from(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

type HeadersRecord = Record<string, string>;

/** The Bunnybook API's JSON endpoints, through `fetchApi`: a refusal is thrown as an ApiError. */
export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: HeadersRecord) => request<T>('POST', path, body, headers),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown, query?: Query) => request<T>('PATCH', withQuery(path, query), body),
  delete: <T = void>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};
