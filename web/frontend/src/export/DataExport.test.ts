import { describe, expect, it } from 'vitest';
import type { ApiFetch } from '../api/http';
import { CUT_SHORT, DataExport, fileName, size, type DataExportState } from './DataExport';

/** A zip's bytes as far as the check goes: some entries, then the 22-byte end-of-directory record. */
const end = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
const entries = new TextEncoder().encode('PK\x03\x04…profile.json…posts.json…');
const zip = new Uint8Array([...entries, ...end]);

interface Reply {
  status?: number;
  chunks?: Uint8Array[];
  body?: unknown;
  disposition?: string;
}

function server(reply: Reply) {
  const asked: string[] = [];
  const env: ApiFetch = async (path, init) => {
    init.signal?.throwIfAborted();
    asked.push(path);
    if (reply.body !== undefined) return Response.json(reply.body, { status: reply.status });
    const chunks = [...(reply.chunks ?? [])];
    const headers = new Headers(reply.disposition ? { 'Content-Disposition': reply.disposition } : {});
    return new Response(new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    }), { status: reply.status ?? 200, headers });
  };
  return { env, asked };
}

function watch(exporter: DataExport) {
  const seen: DataExportState[] = [];
  exporter.state$.subscribe((s) => seen.push(s));
  return seen;
}

describe('DataExport', () => {
  it('downloads the whole zip under the name the server gave it, the bytes received growing on the way', async () => {
    const { env, asked } = server({
      chunks: [zip.slice(0, 10), zip.slice(10, 30), zip.slice(30)],
      disposition: "attachment; filename=\"bunnybook-Hazel-2026-12-03.zip\"; filename*=UTF-8''bunnybook-Hazel-2026-12-03.zip",
    });
    const exporter = new DataExport(env);
    const seen = watch(exporter);

    const done = await exporter.start();

    expect(asked).toEqual(['/me/export']);
    expect(done!.name).toBe('bunnybook-Hazel-2026-12-03.zip');
    expect(new Uint8Array(await done!.file.arrayBuffer())).toEqual(zip);
    expect(exporter.value).toEqual({ status: 'done', bytes: zip.length });
    expect(seen.flatMap((s) => (s.status === 'running' ? [s.bytes] : []))).toEqual([0, 10, 30, zip.length]);
  });

  it('offers no file when the download broke off before the zip’s end', async () => {
    const { env } = server({ chunks: [entries] });
    const exporter = new DataExport(env);

    expect(await exporter.start()).toBeNull();
    expect(exporter.value).toEqual({ status: 'failed', error: CUT_SHORT });
  });

  it('says why it was refused', async () => {
    const { env } = server({ status: 429, body: { detail: 'Too Many Requests' } });
    const exporter = new DataExport(env);

    expect(await exporter.start()).toBeNull();
    expect(exporter.value.status).toBe('failed');
  });

  it('reads the server’s file name, encoded or plain, and falls back to a plain one', () => {
    expect(fileName("attachment; filename*=UTF-8''bunnybook-Zo%C3%AB.zip")).toBe('bunnybook-Zoë.zip');
    expect(fileName('attachment; filename="bunnybook-Fiver.zip"')).toBe('bunnybook-Fiver.zip');
    expect(fileName(null)).toBe('bunnybook-data.zip');
  });

  it('tells sizes the way people read them', () => {
    expect(size(512)).toBe('512 bytes');
    expect(size(2048)).toBe('2.0 kB');
    expect(size(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
