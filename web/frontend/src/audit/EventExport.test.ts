import { describe, expect, it } from 'vitest';
import { filter, firstValueFrom } from 'rxjs';
import type { ApiFetch } from '../api/http';
import { CUT_SHORT, EventExport, type ExportState } from './EventExport';

const event = (globalPosition: number, name: string) =>
  JSON.stringify({ globalPosition, type: 'org.bunnybook.api.profile.ProfileRenamed', payload: { name } });

// a name in several bytes of UTF-8: chunks end inside a character too, and the file keeps its bytes as they were
const lines = [event(10, 'Hazel'), event(20, 'Zoë 🐰'), event(30, 'Fiver')];
const whole = [...lines, JSON.stringify({ exportComplete: true, events: 3, head: 30 })].map((l) => `${l}\n`).join('');

/** The text's bytes cut at the given offsets: mid-line and mid-character. */
function chunked(text: string, cuts: number[]): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  return [0, ...cuts].map((from, i) => bytes.slice(from, cuts[i] ?? bytes.length));
}

const byteAt = (text: string) => new TextEncoder().encode(whole.slice(0, whole.indexOf(text))).length;
// lines end at bytes 98, 201, 300 and 345; two cuts fall inside a character
const cuts = [7, 60, 150, byteAt('ë') + 1, byteAt('🐰') + 2, 250, 320];

interface Reply {
  status?: number;
  head?: number;
  chunks?: Uint8Array[];
  body?: unknown;
  /** Chunks after this many wait for `release` (for cancelling mid-way). */
  pauseAfter?: number;
}

/** A fetch answering the replies in turn, the way the browser's does: a streamed body that an abort breaks off. */
function server(replies: Reply[]) {
  const asked: { path: string; init: RequestInit }[] = [];
  const env: ApiFetch = async (path, init) => {
    init.signal?.throwIfAborted();
    asked.push({ path, init });
    const reply = replies.shift()!;
    const headers = new Headers({ 'X-Export-Head': String(reply.head ?? 30) });
    if (reply.body !== undefined) return Response.json(reply.body, { status: reply.status, headers });
    return new Response(stream([...(reply.chunks ?? [])], reply.pauseAfter, init.signal), { status: reply.status ?? 200, headers });
  };
  return { env, asked };
}

function stream(chunks: Uint8Array[], pauseAfter = Infinity, signal?: AbortSignal | null) {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      signal?.addEventListener('abort', () => {
        try {
          controller.error(new DOMException('The operation was aborted.', 'AbortError'));
        } catch {
          // already closed
        }
      });
    },
    async pull(controller) {
      if (sent >= pauseAfter) await new Promise(() => undefined); // stalls until aborted
      const next = chunks.shift();
      sent++;
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

function watch(exporter: EventExport) {
  const seen: ExportState[] = [];
  exporter.state$.subscribe((s) => seen.push(s));
  return seen;
}

describe('EventExport', () => {
  it('streams the export with the filters and hands over the whole file, its progress growing on the way', async () => {
    const { env, asked } = server([{ chunks: chunked(whole, cuts), head: 40 }]);
    const exporter = new EventExport(env);
    const seen = watch(exporter);

    const file = await exporter.start({ type: 'ProfileRenamed', actor: '' });

    expect(asked.map((a) => a.path)).toEqual(['/audit/export?type=ProfileRenamed']);
    expect(await file!.text()).toBe(whole);
    expect(exporter.value).toEqual({ status: 'done', events: 3 });
    const progress = seen.flatMap((s) => (s.status === 'running' ? [s.progress] : []));
    expect(progress).toEqual([0, 0.25, 0.5, 0.75]);
  });

  it('offers no file when the last line is not the export’s end: it was cut short', async () => {
    const { env } = server([{ chunks: chunked(lines.map((l) => `${l}\n`).join(''), [30, 90]) }]);
    const exporter = new EventExport(env);

    expect(await exporter.start({})).toBeNull();
    expect(exporter.value).toEqual({ status: 'failed', error: CUT_SHORT });
  });

  it('offers no file when the end counts other events than those received', async () => {
    const missing = [lines[0], lines[2], JSON.stringify({ exportComplete: true, events: 3, head: 30 })].map((l) => `${l}\n`);
    const { env } = server([{ chunks: chunked(missing.join(''), [50]) }]);
    const exporter = new EventExport(env);

    expect(await exporter.start({})).toBeNull();
    expect(exporter.value).toEqual({ status: 'failed', error: CUT_SHORT });
  });

  it('says why the filters were refused', async () => {
    const refused = { detail: [{ loc: ['query', 'from'], msg: 'must be between the years 1 and 9999' }] };
    const { env } = server([{ status: 422, body: refused }]);
    const exporter = new EventExport(env);

    expect(await exporter.start({ from: '+10000-01-01T00:00:00Z' })).toBeNull();
    expect(exporter.value).toEqual({ status: 'failed', error: 'from: must be between the years 1 and 9999' });
  });

  it('asks to log in again when the session is over', async () => {
    const { env } = server([{ status: 401, body: { detail: 'expired' } }]);
    const exporter = new EventExport(env);

    expect(await exporter.start({})).toBeNull();
    expect(exporter.value).toEqual({ status: 'failed', error: 'Please log in again.' });
  });

  it('says when Bunnybook cannot be reached', async () => {
    const exporter = new EventExport(() => Promise.reject(new TypeError('fetch failed')));

    expect(await exporter.start({})).toBeNull();
    expect(exporter.value).toEqual({ status: 'failed', error: 'Cannot reach Bunnybook: check your connection.' });
  });

  it('is cancelled mid-way, and offers no file', async () => {
    const { env } = server([{ chunks: chunked(whole, cuts), pauseAfter: 3 }]);
    const exporter = new EventExport(env);

    const file = exporter.start({});
    await firstValueFrom(exporter.state$.pipe(filter((s) => s.status === 'running' && s.progress === 0.333)));
    exporter.cancel();

    expect(await file).toBeNull();
    expect(exporter.value).toEqual({ status: 'cancelled' });
  });
});
