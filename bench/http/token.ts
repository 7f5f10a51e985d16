export const TOKEN = "bench-token-0123456789";
