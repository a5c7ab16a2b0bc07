/**
 * Reads a streamed answer's body to its end, a chunk at a time, as received (never joined into one big string), so
 * a download can show progress. Aborting `signal` cancels the read at once, even while it waits on a stalled stream,
 * rather than at the stream's next chunk.
 */
export async function readChunks(
  response: Response,
  signal: AbortSignal,
  onChunk: (chunk: Uint8Array<ArrayBuffer>) => void,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  if (!response.body) return chunks;
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      chunks.push(value);
      onChunk(value);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return chunks;
}
