import { ApiError } from "./errors";

/**
 * 413 for a body over the cap. `Connection: close` because the rest of a long upload is never read (see dropTheRest):
 * on a kept-alive connection the unread bytes would be taken for the next request.
 */
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    "payload_too_large",
    `The request body is larger than ${maxBytes} bytes. Send smaller batches.`,
    undefined,
    { connection: "close" },
  );

/** How much of an upload past the cap is still read, and for how long (see dropTheRest). */
export const DRAIN_BYTES = 1024 * 1024;
const DRAIN_MS = 2_000;

/**
 * Reads and drops the rest of an upload refused at the cap, up to DRAIN_BYTES more or DRAIN_MS, before the 413 goes
 * out. A client still sending when the server closes the connection gets a reset, and a client that meets the reset
 * while writing (Node's sockets, many HTTP clients) never reads the 413 already in its buffer; cancelling the body
 * instead made the server drop the connection, at times before the 413 was written. An upload longer than that is
 * cut off and may see only the reset. Dropped chunks are not kept.
 */
async function dropTheRest(reader: ReadableStreamDefaultReader<Uint8Array>) {
  const deadline = Date.now() + DRAIN_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    for (let dropped = 0; dropped <= DRAIN_BYTES;) {
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), Math.max(0, deadline - Date.now()));
      });
      const next = await Promise.race([reader.read(), timeout]);
      clearTimeout(timer);
      if (!next || next.done) return;
      dropped += next.value.byteLength;
    }
  } catch {
    // The client went away: nothing left to read.
  } finally {
    clearTimeout(timer);
    try {
      reader.releaseLock(); // a read still pending is given up
    } catch {
      // Older stream implementations refuse to release with a read pending; the request ends with the response.
    }
  }
}

/**
 * Reads a body of at most `maxBytes` as UTF-8 text. A declared Content-Length over the cap is refused without keeping
 * any of it; a body without one (chunked) is read as a stream and refused at the cap. Either way the rest is dropped
 * as it arrives (dropTheRest), so an oversized upload never sits in memory.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (request.body) await dropTheRest(request.body.getReader());
    throw payloadTooLarge(maxBytes);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await dropTheRest(reader);
      throw payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

export const isJsonType = (request: Request) =>
  /^application\/(.+\+)?json\b/i.test(request.headers.get("content-type") ?? "");

/** Parses JSON without echoing the parser's message, which quotes the body. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

/** Reads a JSON body of at most `maxBytes` (see readBodyText). */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!isJsonType(request))
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  if (!request.body) throw new ApiError(400, "invalid_json", "The request body is empty.");
  return parseJsonText(await readBodyText(request, maxBytes));
}
