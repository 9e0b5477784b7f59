import { ApiError } from "./errors";

/**
 * 413 for a body over the cap. `Connection: close` because the rest of the upload is never read: on a kept-alive
 * connection the unread bytes would be taken for the next request.
 */
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError(
    413,
    "payload_too_large",
    `The request body is larger than ${maxBytes} bytes. Send smaller batches.`,
    undefined,
    { connection: "close" },
  );

/**
 * Reads a body of at most `maxBytes` as UTF-8 text. A declared Content-Length over the cap is refused before reading;
 * a body without one (chunked) is read as a stream and abandoned at the cap, so an oversized upload never sits in memory.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw payloadTooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
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
