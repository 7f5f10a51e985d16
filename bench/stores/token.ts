/** Bearer token shared by the bench's server processes and its client. */
export const TOKEN = "bench-token-0123456789";
