import { parentPort, workerData } from "node:worker_threads";
import { format } from "./format.js";

// Formats a share of the files on a second core (see formatAll in format.ts).
const jobs = workerData as Array<{ path: string; contents: string }>;
const results: string[] = [];
for (const job of jobs) results.push(await format(job.path, job.contents));
parentPort?.postMessage(results);
