import http from "node:http";
import net from "node:net";
import { installForbiddenMethodGuard } from "@/lib/http/forbidden-methods";

/** One raw request on a fresh connection; the whole answer (the server closes after it). */
function raw(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () =>
      socket.write(`${head}\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    let text = "";
    socket.on("data", (d) => (text += d.toString("latin1")));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

describe("installForbiddenMethodGuard", () => {
  const seen: string[] = [];
  // Stands in for Next.js, which answers a method it cannot turn into a Request with a 500.
  const server = http.createServer((req, res) => {
    seen.push(req.method ?? "");
    res.writeHead(req.method === "TRACE" ? 500 : 200).end("from the app");
  });
  let port = 0;
  beforeAll(async () => {
    installForbiddenMethodGuard();
    installForbiddenMethodGuard(); // idempotent: one guard, not two
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("answers TRACE itself with a 405 naming the allowed methods; the app never sees it", async () => {
    const answer = await raw(port, "TRACE /login HTTP/1.1");
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer).toMatch(/\r\nallow: GET, HEAD, POST\r\n/i);
    expect(answer).toMatch(/This method is not allowed\.\n$/);
    expect(seen).toEqual([]);
  });

  it("passes every other method to the app", async () => {
    for (const method of ["GET", "POST", "PATCH", "OPTIONS"])
      expect(await raw(port, `${method} /login HTTP/1.1`)).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\nfrom the app\r\n/);
    expect(seen).toEqual(["GET", "POST", "PATCH", "OPTIONS"]);
  });
});
