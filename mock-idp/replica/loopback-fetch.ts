// A fetch for server-to-server calls inside the harness (the SP resolving an
// artifact at the makelaar): it dials the harness's own listener and names the
// real host, trusting only the harness's TEST certificate.
import { request } from "node:https";

export function loopbackFetch(options: {
  readonly port: number;
  readonly address?: string;
  /** The harness's TLS certificate (PEM): the only one trusted. */
  readonly certificatePem: string;
}): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== "https:") {
      return Promise.reject(new Error(`loopbackFetch: only https URLs, got ${url.href}`));
    }
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== "string") {
      return Promise.reject(new Error("loopbackFetch: only string bodies are supported"));
    }
    return new Promise<Response>((resolve, reject) => {
      const outgoing = request(
        {
          host: options.address ?? "127.0.0.1",
          port: options.port,
          servername: url.hostname,
          ca: options.certificatePem,
          method: init?.method ?? "GET",
          path: url.pathname + url.search,
          headers: { ...headers, host: url.hostname },
          timeout: 15_000,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
          incoming.on("error", reject);
          incoming.on("end", () => {
            const responseHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              if (value !== undefined) responseHeaders.set(name, String(value));
            }
            resolve(
              new Response(Buffer.concat(chunks), {
                status: incoming.statusCode ?? 502,
                headers: responseHeaders,
              }),
            );
          });
        },
      );
      outgoing.on("timeout", () =>
        outgoing.destroy(new Error(`loopbackFetch: ${url.href} timed out`)),
      );
      outgoing.on("error", reject);
      outgoing.end(body ?? undefined);
    });
  }) as typeof fetch;
}
