import type { NextFunction, Request, Response } from "express";
import type { Kernel } from "../http/kernel.js";
import { NodeScimRequest, type NodeAdapterOptions } from "./node.js";

// Express 5 adapter: a middleware that hands the untouched request stream to the kernel.
// Mount it before any body parser; if one already ran with express.raw(), its bytes are used.

export function expressMiddleware(kernel: Kernel, options: NodeAdapterOptions = {}): (req: Request, res: Response, next: NextFunction) => void {
  const coalesce = options.coalesceWrites ?? true;
  return (req, res, next) => {
    if (!kernel.owns(req.originalUrl, req.headers)) return next();
    const raw: unknown = req.body;
    const body = raw instanceof Uint8Array ? raw : undefined;
    const request = new NodeScimRequest(req, res, req.originalUrl, body, coalesce);
    kernel.handle(request).then((r) => request.send(r), next);
  };
}
