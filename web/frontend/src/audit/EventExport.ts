import { Store } from '../lib/store';
import { ApiError, describe } from '../api/ApiError';
import { fetchApi, type ApiFetch, type Query } from '../api/http';
import { readChunks } from '../lib/readChunks';
import { auditApi } from './auditApi';

export type ExportState =
  | { status: 'idle' }
  /** `progress` (0–1) is the last position read against the export's head; null when the head is unknown. */
  | { status: 'running'; progress: number | null }
  | { status: 'done'; events: number }
  | { status: 'failed'; error: string }
  | { status: 'cancelled' };

export const CUT_SHORT = 'The export was cut short before its end, so no file was saved: try again.';

/**
 * The NDJSON export of the events matching the filters, streamed with fetch rather than a link so that an expired
 * session is renewed, a refusal is shown in words, progress can be followed and the auditor can cancel. The file is
 * offered only when its last line says it is whole; its bytes are kept as received, never as one big string.
 */
export class EventExport extends Store<ExportState> {
  private controller: AbortController | null = null;

  constructor(private readonly fetch: ApiFetch = fetchApi) {
    super({ status: 'idle' });
  }

  /** Exports the events matching `query`: the whole file, or null when it failed, was cut short or was cancelled. */
  async start(query: Query): Promise<Blob | null> {
    if (this.value.status === 'running') return null;
    const controller = (this.controller = new AbortController());
    this.set({ status: 'running', progress: 0 });
    let answered = false;
    try {
      const response = await this.fetch(auditApi.exportPath(query), { signal: controller.signal });
      if (!response.ok) throw await ApiError.from(response);
      answered = true;
      const { chunks, tail } = await this.read(response, controller.signal);
      const events = wholeExport(tail);
      if (events === null) {
        this.set({ status: 'failed', error: CUT_SHORT });
        return null;
      }
      this.set({ status: 'done', events });
      return new Blob(chunks, { type: 'application/x-ndjson' });
    } catch (e) {
      // a stream broken off once answered is a cut-short export, whatever error the browser gives it
      const error = answered ? CUT_SHORT : describe(e);
      this.set(controller.signal.aborted ? { status: 'cancelled' } : { status: 'failed', error });
      return null;
    } finally {
      this.controller = null;
    }
  }

  /** Stops a running export; nothing is saved. */
  cancel(): void {
    this.controller?.abort();
  }

  private async read(response: Response, signal: AbortSignal): Promise<{ chunks: Uint8Array<ArrayBuffer>[]; tail: LineTail }> {
    const head = Number(response.headers.get('X-Export-Head'));
    const tail = new LineTail();
    const chunks = await readChunks(response, signal, (chunk) => {
      if (tail.push(chunk)) this.progressed(positionOf(tail.last), head);
    });
    tail.end();
    return { chunks, tail };
  }

  /** Moves the bar only when it shows a change (a tenth of a percent), not once per chunk. */
  private progressed(position: number | null, head: number): void {
    const current = this.value;
    if (current.status !== 'running' || position === null) return;
    const progress = head > 0 ? Math.min(1, Math.floor((position / head) * 1000) / 1000) : null;
    if (progress !== current.progress) this.set({ status: 'running', progress });
  }
}

/** Follows NDJSON a chunk at a time, keeping only what the export checks: how many lines, and the last whole one. */
class LineTail {
  private readonly decoder = new TextDecoder();
  private partial = '';
  lines = 0;
  last: string | null = null;

  /** True when the chunk completed at least one line. */
  push(chunk: Uint8Array): boolean {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      this.partial = text;
      return false;
    }
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.lines++;
    this.last = text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
    this.partial = text.slice(end + 1);
    return true;
  }

  /** A last line without its newline still counts. */
  end(): void {
    const text = this.partial + this.decoder.decode();
    if (text) {
      this.lines++;
      this.last = text;
    }
    this.partial = '';
  }
}

function parse(line: string | null): Record<string, unknown> | null {
  if (line === null) return null;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function positionOf(line: string | null): number | null {
  const position = parse(line)?.globalPosition;
  return typeof position === 'number' ? position : null;
}

/** The number of events when the last line is the export's end and counts the lines before it; else null. */
function wholeExport(tail: LineTail): number | null {
  const end = parse(tail.last);
  const events = tail.lines - 1;
  return end?.exportComplete === true && end.events === events ? events : null;
}
