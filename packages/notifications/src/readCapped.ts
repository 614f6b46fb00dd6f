/**
 * Reads a byte stream to its end, or cancels it and returns undefined as soon as it passes `limit`
 * bytes — whether or not a content-length announced the size, nothing past the limit is read. A
 * `contentLength` (the header's value) above the limit refuses the stream before reading any of it.
 * The handler reads request bodies with it, and the default certificate fetch responses.
 */
export async function readCapped(
  stream: ReadableStream<Uint8Array> | null,
  limit: number,
  contentLength?: string | null,
): Promise<Uint8Array | undefined> {
  if (!stream) return new Uint8Array(0);
  if (Number(contentLength ?? '0') > limit) {
    await stream.cancel().catch(() => {});
    return undefined;
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
