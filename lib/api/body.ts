import { ApiError } from "./errors";

/**
 * Reads a JSON body of at most `maxBytes`. A declared Content-Length over the cap is refused before reading; a body
 * without one (chunked) is read as a stream and abandoned at the cap, so an oversized upload never sits in memory.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new ApiError(413, "payload_too_large", `The request body is larger than ${maxBytes} bytes. Send smaller batches.`);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) throw new ApiError(400, "invalid_json", "The request body is empty.");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks, size).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body; say where it broke without echoing what was sent.
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}
