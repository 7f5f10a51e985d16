import { ScimError } from "../errors.js";
import { deadline } from "./deadlines.js";

// Reading a Node.js stream (IncomingMessage) through its events rather than its async
// iterator: the iterator allocates promises per chunk and costs more than the rest of a
// small PATCH. Duck-typed, so the kernel still imports nothing from Node. On a limit or
// timeout the stream is paused, not destroyed, so the error response can still be written.

type Listener = (...args: never[]) => void;

export interface EventStream {
  on(event: string, listener: Listener): unknown;
  removeListener(event: string, listener: Listener): unknown;
  pause(): unknown;
  readonly readableEnded?: boolean;
}

export function isEventStream(body: unknown): body is EventStream {
  const b = body as Partial<EventStream> | null;
  return typeof b?.on === "function" && typeof b.removeListener === "function" && typeof b.pause === "function";
}

export function readEventStream(stream: EventStream, maxBytes: number, timeoutMs: number, tooLarge: () => ScimError): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let done = false;
    const finish = (error?: ScimError): void => {
      if (done) return;
      done = true;
      cancel();
      stream.removeListener("data", onData);
      stream.removeListener("end", onEnd);
      stream.removeListener("error", onError);
      stream.removeListener("close", onClose);
      if (error) {
        stream.pause();
        reject(error);
      } else resolve(chunks);
    };
    const onData = (chunk: Uint8Array): void => {
      total += chunk.byteLength;
      if (total > maxBytes) finish(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish();
    const onError = (): void => finish(ScimError.badRequest("invalidSyntax", "request body was truncated or could not be read"));
    const onClose = (): void => {
      if (stream.readableEnded) finish();
      else onError();
    };
    const cancel = deadline(timeoutMs, () => finish(new ScimError(408, undefined, `request body not received within ${timeoutMs} ms`)));
    stream.on("data", onData);
    stream.on("end", onEnd);
    // An aborted request emits "close" before its end (and "error" where anyone listens).
    stream.on("error", onError);
    stream.on("close", onClose);
    if (stream.readableEnded) finish();
  });
}
