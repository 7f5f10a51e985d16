import { Command, CommanderError, Option } from "commander";
import { parseFramework, resolveConfig, UsageError, type ConfigFlags } from "./config.js";
import { runCheck } from "./commands/check.js";
import { runGenerate } from "./commands/generate.js";
import { runInit } from "./commands/init.js";
import { EXIT, processIo, type Io } from "./commands/io.js";
import { runValidate } from "./commands/validate.js";
import { runWatch } from "./commands/watch.js";
import { version } from "./version.js";

// The scim-gen command line: the only code that writes files (DESIGN.md). Returns the
// exit code: 0 ok, 1 schema problems or stale output, 2 usage errors.

interface Flags extends ConfigFlags {
  readonly watch?: boolean;
}

function inputOptions(cmd: Command): Command {
  return cmd
    .option("-c, --config <file>", "config file (default: ./scim-gen.config.json)")
    .option("-s, --schemas <patterns...>", "schema files, directories or globs (overrides config)")
    .option("-r, --resource-types <patterns...>", "resource type files, directories or globs (overrides config)")
    .option("--core <names>", 'built-in schemas: "all", "none" or a list such as User,Group,EnterpriseUser');
}

function outputOptions(cmd: Command): Command {
  return inputOptions(cmd)
    .option("-o, --out <dir>", "output directory (overrides config)")
    .addOption(new Option("-f, --framework <name>", "also emit server.<framework>.ts and handler stubs").choices(["express", "fastify", "hono", "node"]))
    .option("--runtime-import <specifier>", 'module the generated code imports the kernel from (default "scim-gen/runtime")');
}

export async function run(argv: readonly string[], io: Io = processIo, cwd = process.cwd()): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("scim-gen")
    .description("SCIM 2.0 (RFC 7643/7644) code generator: schemas in, typed models, validators, manifest and server stubs out.")
    .version(version(), "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError("(run scim-gen --help for usage)");

  outputOptions(program.command("generate").description("generate code from the schemas").option("-w, --watch", "regenerate when a schema changes")).action(async (flags: Flags) => {
    code = flags.watch ? await runWatch(() => resolveConfig(flags, cwd), io) : await runGenerate(resolveConfig(flags, cwd), io);
  });
  outputOptions(program.command("watch").description("generate, then regenerate whenever a schema changes")).action(async (flags: Flags) => {
    code = await runWatch(() => resolveConfig(flags, cwd), io);
  });
  outputOptions(program.command("check").description("exit 1 when the generated files are out of date (for CI)")).action(async (flags: Flags) => {
    code = await runCheck(resolveConfig(flags, cwd), io);
  });
  inputOptions(program.command("validate").description("check the schemas only; writes nothing")).action((flags: Flags) => {
    code = runValidate(resolveConfig({ ...flags, out: flags.config === undefined ? "." : undefined }, cwd), io);
  });
  program
    .command("init")
    .description("write scim-gen.config.json and an example custom extension schema")
    .addOption(new Option("-f, --framework <name>", "framework to generate a server for").choices(["express", "fastify", "hono", "node"]))
    .option("--force", "overwrite existing files")
    .action((flags: { framework?: string; force?: boolean }) => {
      const framework = parseFramework(flags.framework, "--framework");
      code = runInit(cwd, { ...(framework ? { framework } : {}), ...(flags.force ? { force: true } : {}) }, io);
    });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof UsageError) {
      io.err(`scim-gen: ${e.message}`);
      return EXIT.usage;
    }
    throw e;
  }
}

export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2));
}
