import net from "node:net";

/**
 * A TCP proxy in front of a real server, that a test can cut, freeze and restore while the code under test keeps its
 * own connections (pool) through it:
 * - cut(): every open connection is closed and new ones are refused (the port stops listening);
 * - freeze(): connections stay open and new ones are accepted, but no byte moves either way (a silent network);
 * - restore(): normal again; bytes held back by a freeze are delivered.
 */
export interface TcpProxy {
  port: number;
  cut(): Promise<void>;
  freeze(): void;
  restore(): Promise<void>;
  /** Connections open through the proxy right now. */
  open(): number;
  close(): Promise<void>;
}

/** `port`: where to listen (default: any free port). */
export async function startTcpProxy(target: { host: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket }>();
  let frozen = false;
  const held: (() => void)[] = []; // connections accepted while frozen: joined to the target on restore

  const join = (pair: { client: net.Socket; upstream?: net.Socket }) => {
    const upstream = net.connect(target);
    pair.upstream = upstream;
    const end = () => {
      pair.client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on("error", end).on("close", end);
    pair.client.on("close", end);
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
  };

  const server = net.createServer((client) => {
    const pair: { client: net.Socket; upstream?: net.Socket } = { client };
    pairs.add(pair);
    client.on("error", () => pairs.delete(pair));
    if (!frozen) return join(pair);
    client.pause();
    client.on("close", () => pairs.delete(pair));
    held.push(() => {
      if (!client.destroyed) join(pair);
    });
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await listen(listenPort);
  const port = (server.address() as net.AddressInfo).port;
  const stopListening = () =>
    new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));

  // pipe() resumes a paused source when the other side drains: unpipe to really hold the bytes, pipe again to release.
  const hold = (hold: boolean) => {
    for (const { client, upstream } of pairs) {
      if (!upstream) continue; // accepted while frozen: joined on restore
      if (hold) {
        client.unpipe(upstream).pause();
        upstream.unpipe(client).pause();
      } else {
        client.pipe(upstream);
        upstream.pipe(client);
      }
    }
  };

  const cut = async () => {
    const closed = stopListening();
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream?.destroy();
    }
    pairs.clear();
    held.length = 0;
    await closed;
  };

  return {
    port,
    cut,
    freeze() {
      frozen = true;
      hold(true);
    },
    async restore() {
      frozen = false;
      hold(false);
      for (const release of held.splice(0)) release();
      if (!server.listening) await listen(port);
    },
    open: () => pairs.size,
    close: cut,
  };
}
