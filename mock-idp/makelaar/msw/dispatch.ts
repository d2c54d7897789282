// Runs one fetch Request through an Express app in memory, without a socket
// or a port, and returns its answer as a fetch Response. The msw handlers use
// it so unit tests talk to a real makelaar app, not to canned answers.
import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import type { Express } from "express";

export async function dispatchToApp(app: Express, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = Buffer.from(await request.arrayBuffer());
  const req = new IncomingMessage(new Socket());
  req.method = request.method;
  req.url = url.pathname + url.search;
  req.headers = { host: url.host };
  request.headers.forEach((value, name) => {
    req.headers[name] = value;
  });
  if (body.length > 0 || request.method === "POST") {
    req.headers["content-length"] = String(body.length);
  }
  req.push(body);
  req.push(null);

  return new Promise<Response>((resolve) => {
    const res = new ServerResponse(req);
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              String(chunk),
              typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
            ),
      );
    };
    // Capture what Express writes instead of sending it to a socket.
    res.write = ((chunk: unknown, encoding?: unknown) => {
      collect(chunk, encoding);
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, encoding?: unknown) => {
      collect(chunk, encoding);
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
      }
      const status = res.statusCode;
      const nullBody = status === 204 || status === 304 || request.method === "HEAD";
      resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status, headers }));
      res.emit("finish");
      return res;
    }) as typeof res.end;
    app(req, res);
  });
}
