import { describe, expect, it } from "vitest";
import { requestOrigin, type BaseUrlOptions } from "../../src/runtime/resource/base-url.js";

describe("requestOrigin (meta.location base)", () => {
  const proxied = { host: "internal:8080", "x-forwarded-proto": "https", "x-forwarded-host": "scim.example.com" };
  it.each<[string, BaseUrlOptions, string]>([
    ["Host header", { headers: { host: "api.example.com" } }, "http://api.example.com"],
    ["connection protocol", { headers: { host: "api.example.com" }, protocol: "https" }, "https://api.example.com"],
    ["no Host", { headers: {} }, "http://localhost"],
    ["hostile Host is not echoed", { headers: { host: 'evil.com/"><script>' } }, "http://localhost"],
    ["public URL wins over everything", { headers: proxied, trustForwarded: true, publicUrl: "https://id.example.com/" }, "https://id.example.com"],
    ["X-Forwarded-* ignored unless trusted", { headers: proxied }, "http://internal:8080"],
    ["X-Forwarded-* when trusted", { headers: proxied, trustForwarded: true }, "https://scim.example.com"],
    ["first hop of a list", { headers: { host: "h", "x-forwarded-proto": "https, http", "x-forwarded-host": "a.example.com, b" }, trustForwarded: true }, "https://a.example.com"],
    ["RFC 7239 Forwarded", { headers: { host: "h", forwarded: 'for=1.2.3.4;proto=https;host="f.example.com"' }, trustForwarded: true }, "https://f.example.com"],
    ["bad forwarded values ignored", { headers: { host: "h", "x-forwarded-proto": "javascript", "x-forwarded-host": "a b" }, trustForwarded: true }, "http://h"],
    ["IPv6 literal with port", { headers: { host: "[::1]:3000" } }, "http://[::1]:3000"],
  ])("%s", (_, options, expected) => {
    expect(requestOrigin(options)).toBe(expected);
  });
});
