import { Store } from '../lib/store';
import { ApiError, describe } from '../api/ApiError';
import { fetchApi, type ApiFetch } from '../api/http';
import { readChunks } from '../lib/readChunks';

export type DataExportState =
  | { status: 'idle' }
  /** `bytes`: how much of the zip has arrived; its size is not known before it ends (it is written as it is read). */
  | { status: 'running'; bytes: number }
  | { status: 'done'; bytes: number }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' };

export const CUT_SHORT = 'The download was cut short before its end, so no file was saved: try again.';
export const EXPORT_PATH = '/me/export';

/**
 * A member's download of everything about them (`GET /web/me/export`, a zip streamed as the server reads it),
 * fetched rather than linked so that an expired session is renewed, a refusal is shown in words, the bytes received
 * show as progress and the member can cancel. The file is offered only when it is whole: a zip ends with its
 * directory, which a download broken off never has.
 */
export class DataExport extends Store<DataExportState> {
  private controller: AbortController | null = null;

  constructor(private readonly fetch: ApiFetch = fetchApi) {
    super({ status: 'idle' });
  }

  /** The whole zip and its file name, or null when it failed, was cut short or was cancelled. */
  async start(): Promise<{ file: Blob; name: string } | null> {
    if (this.value.status === 'running') return null;
    const controller = (this.controller = new AbortController());
    this.set({ status: 'running', bytes: 0 });
    let answered = false;
    try {
      const response = await this.fetch(EXPORT_PATH, { signal: controller.signal });
      if (!response.ok) throw await ApiError.from(response);
      answered = true;
      const chunks = await this.read(response, controller.signal);
      const file = new Blob(chunks, { type: 'application/zip' });
      if (!endsLikeAZip(new Uint8Array(await file.slice(Math.max(0, file.size - 22)).arrayBuffer()))) {
        this.set({ status: 'failed', error: CUT_SHORT });
        return null;
      }
      this.set({ status: 'done', bytes: file.size });
      return { file, name: fileName(response.headers.get('Content-Disposition')) };
    } catch (e) {
      const error = answered ? CUT_SHORT : describe(e);
      this.set(controller.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error });
      return null;
    } finally {
      this.controller = null;
    }
  }

  /** Stops a running download; nothing is saved. */
  cancel(): void {
    this.controller?.abort();
  }

  private read(response: Response, signal: AbortSignal): Promise<Uint8Array<ArrayBuffer>[]> {
    let bytes = 0;
    return readChunks(response, signal, (chunk) => {
      bytes += chunk.byteLength;
      this.set({ status: 'running', bytes });
    });
  }
}

/** A zip's last 22 bytes are its end-of-directory record (no comment is written), signature PK\x05\x06. */
function endsLikeAZip(tail: Uint8Array): boolean {
  return tail.length === 22 && tail[0] === 0x50 && tail[1] === 0x4b && tail[2] === 0x05 && tail[3] === 0x06;
}

/** The name the server gave the file (`filename*=UTF-8''…` or `filename="…"`), else a plain one. */
export function fileName(disposition: string | null): string {
  const encoded = disposition?.match(/filename\*=UTF-8''([^;]+)/i)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // a malformed name: fall through to the plain one
    }
  }
  return disposition?.match(/filename="([^"]+)"/i)?.[1] ?? 'bunnybook-data.zip';
}

/** "1.2 MB" and the like, for the bytes received so far. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
