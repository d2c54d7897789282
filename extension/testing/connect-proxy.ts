// A tiny HTTP CONNECT proxy that sends every tunnel to one local port. Firefox
// has no --host-resolver-rules; pointed at this proxy it reaches the replica
// harness under the real host names, port-less, as Chromium does.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo, type Socket } from "node:net";

export interface ConnectProxy {
  readonly port: number;
  /** Host names the browser asked to reach, in order. */
  readonly requestedHosts: string[];
  stop(): Promise<void>;
}

export async function startConnectProxy(
  targetPort: number,
  targetHost = "127.0.0.1",
): Promise<ConnectProxy> {
  const requestedHosts: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    res
      .writeHead(405, { "content-type": "text/plain" })
      .end("This proxy only tunnels (CONNECT).\n");
  });
  server.on("connect", (req, client: Socket, head: Buffer) => {
    requestedHosts.push((req.url ?? "").replace(/:\d+$/, ""));
    const upstream = connect(targetPort, targetHost, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    port: (server.address() as AddressInfo).port,
    requestedHosts,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
