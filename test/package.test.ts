// Issue 13, seen 6 and 7: the package as a user gets it. `npm pack` makes the tarball; a CommonJS
// project, an ESM project and a TypeScript (nodenext, CommonJS) project install it with `npm ci
// --offline` and use both entry points and the command. Offline: the consumer's lockfile takes
// the runtime dependencies' entries (version, resolved, integrity) from this repository's, so npm
// finds every tarball in the cache `npm ci` filled here, and asks the registry for nothing.
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE_SET } from "./fixtures.js";

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
let work: string;
let tarball: string;

function sh(cwd: string, command: string, args: string[], input?: string) {
  const r = spawnSync(command, args, { cwd, input, encoding: "utf8", timeout: 120_000, env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
  // npm's own notices about this machine's configuration are not the product's output.
  return { status: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "").replace(/^npm warn .*\n/gm, "") };
}

/** A project that depends on the tarball only, installed offline from the npm cache. */
function consumer(name: string, type: "module" | "commonjs"): string {
  const dir = join(work, name);
  mkdirSync(dir);
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; link?: boolean }> };
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  const packages: Record<string, unknown> = {
    "": { name, dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: spec, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path.startsWith("node_modules/") && !entry.dev && !entry.link) packages[path] = entry;
  }
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type, dependencies: { [pkg.name]: spec } }, null, 2));
  writeFileSync(join(dir, "package-lock.json"), JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }, null, 2));
  const install = sh(dir, "npm", ["ci", "--offline", "--ignore-scripts"]);
  expect(install.status, install.stderr).toBe(0);
  return dir;
}

const ESM_USE = `
import { render, mergeValues, validateValues, VmTemplateError } from "vm-template";
import { readValuesFile } from "vm-template/fs";
const values = mergeValues({ files: [readValuesFile("values.yaml")] });
console.log(render({ values }).files.map((f) => f.path).join(","));
console.log(validateValues({}).ok, new VmTemplateError("USAGE", []).code);
`;
const CJS_USE = ESM_USE.replace('import { render, mergeValues, validateValues, VmTemplateError } from "vm-template";', 'const { render, mergeValues, validateValues, VmTemplateError } = require("vm-template");').replace('import { readValuesFile } from "vm-template/fs";', 'const { readValuesFile } = require("vm-template/fs");');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "vm-template-package-"));
  // dist/ is built (npm test's pretest); --ignore-scripts: packing must not build again.
  const pack = sh(root, "npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work]);
  expect(pack.status, pack.stderr).toBe(0);
  tarball = join(work, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A consumer project holding the ratings-vm example's values.yaml, for a script to render. */
function consumerWithValues(name: string, type: "module" | "commonjs"): string {
  const dir = consumer(name, type);
  writeFileSync(join(dir, "values.yaml"), readFileSync(join(root, "examples", "ratings-vm", "values.yaml")));
  return dir;
}

/** What ESM_USE and CJS_USE print: the rendered file names, then how a bad call fails. */
const USE_OUTPUT = "docker-compose.yaml,hosts,kustomization.yaml,sidecar.env,sidecar.yaml,workloadentry.yaml\nfalse USAGE\n";

describe("the packed tarball", () => {
  it("holds what a user needs and no contributor matters", () => {
    const list = sh(work, "tar", ["-tzf", tarball]).stdout.split("\n").map((l) => l.replace(/^package\//, ""));
    for (const f of ["package.json", "README.md", "bin/vm-template.js", "dist/cli.cjs", "dist/src/index.js", "dist/src/index.d.ts", "dist/vm-template.schema.json", "templates/values.yaml", "schemas/values.schema.json"]) expect(list, f).toContain(f);
    expect(list.some((f) => f.startsWith("test/") || f.startsWith("examples/") || f.startsWith("src/"))).toBe(false);
  });

  it("works from an ESM project: import of both entry points, and npx vm-template", () => {
    const dir = consumerWithValues("esm-consumer", "module");
    writeFileSync(join(dir, "use.js"), ESM_USE);
    const r = sh(dir, process.execPath, ["use.js"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(USE_OUTPUT);
    expect(sh(dir, "npx", ["--no-install", "vm-template", "--version"]).stdout).toBe(`${pkg.version}\n`);
  }, 120_000);

  it("works from a CommonJS project: require() of both entry points (Node 20.19+ loads ESM from CommonJS)", () => {
    const dir = consumerWithValues("cjs-consumer", "commonjs");
    writeFileSync(join(dir, "use.js"), CJS_USE);
    const r = sh(dir, process.execPath, ["use.js"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(USE_OUTPUT);
  }, 120_000);

  // A Node project in TypeScript has @types/node (vm-template/fs's declarations name Buffer).
  it("type-checks and runs in a TypeScript nodenext CommonJS project", () => {
    const dir = consumerWithValues("ts-consumer", "commonjs");
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, typeRoots: [join(root, "node_modules", "@types")], types: ["node"], lib: ["es2022"], outDir: "out" }, files: ["use.ts"] }));
    writeFileSync(join(dir, "use.ts"), [
      'import { render, mergeValues, type RenderedFile } from "vm-template";',
      'import { readValuesFile } from "vm-template/fs";',
      'const files: RenderedFile[] = render({ values: mergeValues({ files: [readValuesFile("values.yaml")] }) }).files;',
      'if (files.length !== 6) throw new Error(`got ${files.length} files`);',
      "",
    ].join("\n"));
    const tsc = sh(dir, process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(readFileSync(join(dir, "out", "use.js"), "utf8")).toContain('require("vm-template")');
    const r = sh(dir, process.execPath, [join("out", "use.js")]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);

  it("takes a new user from npx vm-template init to a render, the README's first steps", () => {
    const dir = consumer("project", "commonjs");
    const withoutAppId = BASE_SET.filter((s) => !s.startsWith("global.sidecar.appId=")).flatMap((s) => ["--set", s]);
    const init = sh(dir, "npx", ["--no-install", "vm-template", "init", ...withoutAppId]);
    expect(init.status, init.stderr).toBe(0);
    const schemaLine = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(dir, "vm-template.yaml"), "utf8"))!;
    expect(schemaLine[1]).toBe("node_modules/vm-template/dist/vm-template.schema.json");
    expect(existsSync(join(dir, schemaLine[1]!))).toBe(true);
    const r = sh(dir, "npx", ["--no-install", "vm-template", "--set", "global.sidecar.appId=bookinfo"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("# Source: vm-template/docker-compose.yaml\n");
  }, 120_000);
});
