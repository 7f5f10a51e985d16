// Bulk (RFC 7644 §3.7): BulkRequest parsing with limits, bulkId references in dependency
// order, failOnErrors, and the BulkResponse; operations run through the kernel's pipeline.
export { readBulk, BULK_REQUEST, BULK_RESPONSE, type BulkLimits, type BulkOperation, type ParsedBulk } from "./request.js";
export { runBulk, type BulkDoor, type BulkOpRequest, type BulkRun } from "./run.js";
export { plan, referencesOf, substitute } from "./references.js";
