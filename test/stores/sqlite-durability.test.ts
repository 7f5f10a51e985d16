import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { LATEST, migrate, sqliteStore } from "../../src/runtime/stores/sqlite/index.js";
import { scimError } from "./contract.js";
import { storeManifest } from "./manifest.js";

// SQLite-only guarantees: migrations from an older file, a refused newer file, WAL, a busy
// file as 503, two processes migrating one file at once, and no acknowledged write lost
// when the writer is killed with SIGKILL.

const dir = mkdtempSync(join(tmpdir(), "scim-sqlite-dur-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WRITER = new URL("./support/sqlite-writer.ts", import.meta.url).pathname;
const child = (file: string, mode: string) => spawn(process.execPath, ["--import", "tsx", WRITER, file, mode], { stdio: ["ignore", "pipe", "inherit"] });

describe("sqlite store: files, migrations, durability", () => {
  it("opens a file made at the previous migration level and upgrades it in place", async () => {
    const file = join(dir, "v1.db");
    const old = new Database(file);
    expect(migrate(old, LATEST - 1)).toBe(LATEST - 1);
    const at = "2020-01-01T00:00:00.000Z";
    old.prepare("INSERT INTO scim_resource (tenant, type, id, version, created, last_modified, data) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run("t", "User", "u1", 3, at, at, JSON.stringify({ id: "u1", userName: "Old.Timer" }));
    old.prepare("INSERT INTO scim_unique (tenant, type, attr, value, id) VALUES ('t', 'User', 'userName', 'sold.timer', 'u1')").run();
    old.close();

    const store = sqliteStore({ file });
    await store.open(storeManifest());
    const t = store.tenant("t");
    expect(await t.get("User", "u1")).toMatchObject({ version: 3, created: at, data: { userName: "Old.Timer" } });
    const e = await scimError(t.create("User", { id: "u2", userName: "OLD.TIMER" }));
    expect(e.status).toBe(409);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST);
    expect(db.prepare("SELECT user_name FROM scim_resource WHERE id = 'u1'").get()).toEqual({ user_name: "Old.Timer" });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("refuses a file from a newer scim-gen", async () => {
    const file = join(dir, "future.db");
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST + 1}`);
    db.close();
    await expect(sqliteStore({ file }).open(storeManifest())).rejects.toThrow(/newer/);
  });

  it("a write blocked by another process's lock past busy_timeout is 503, and works once the lock is gone", async () => {
    const file = join(dir, "busy.db");
    const store = sqliteStore({ file, busyTimeoutMs: 50 });
    await store.open(storeManifest());
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE");
    const t = store.tenant("t");
    const e = await scimError(t.create("User", { id: "u1", userName: "a" }));
    expect(e.status).toBe(503);
    other.exec("ROLLBACK");
    other.close();
    await t.create("User", { id: "u1", userName: "a" });
    await store.close();
  });

  it("two processes opening one new file at once migrate it exactly once", async () => {
    const file = join(dir, "race.db");
    const codes = await Promise.all(
      [0, 1, 2].map(() => new Promise<number | null>((resolve) => child(file, "open-only").on("exit", resolve))),
    );
    expect(codes).toEqual([0, 0, 0]);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST);
    db.close();
  }, 60_000);

  it("SIGKILL mid-stream loses no acknowledged write", async () => {
    const file = join(dir, "crash.db");
    const acked: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const p = child(file, "full");
      let buf = "";
      p.stdout!.on("data", (chunk: Buffer) => {
        buf += chunk.toString();
        let nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line.startsWith("ack ")) acked.push(line.slice(4));
        }
        if (acked.length >= 300) p.kill("SIGKILL");
      });
      p.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`writer exited without SIGKILL (${signal})`))));
    });
    const store = sqliteStore({ file });
    await store.open(storeManifest());
    const t = store.tenant("crash");
    const missing: string[] = [];
    for (const id of acked) if (!(await t.get("User", id))) missing.push(id);
    expect(missing).toEqual([]);
    const total = (await t.list("User", { startIndex: 1, count: 0 })).totalResults;
    expect(total).toBeGreaterThanOrEqual(acked.length);
    await store.close();
  }, 60_000);
});
