// Child process for the crash test: creates users in a loop and prints "ack <id>" only
// after each create() has resolved (committed). The parent SIGKILLs it mid-stream.
import { sqliteStore } from "../../../src/runtime/stores/sqlite/index.js";
import { storeManifest } from "../manifest.js";

const [file, mode] = process.argv.slice(2);
const store = sqliteStore({ file: file!, durability: mode === "normal" ? "normal" : "full" });
await store.open(storeManifest());
if (mode === "open-only") {
  process.stdout.write("opened\n");
  process.exit(0);
}
const t = store.tenant("crash");
for (let i = 0; ; i++) {
  const id = `${process.pid}-${i}`;
  await t.create("User", { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], id, userName: `user-${id}`, emails: [{ value: `${id}@example.com` }] });
  process.stdout.write(`ack ${id}\n`);
}
