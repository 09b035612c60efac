import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import type { Values } from "../src/index.js";
import { envFileSafe } from "../src/render/helpers/envLine.js";
import { parseValuesYaml } from "../src/values/parseValuesYaml.js";
import { renderProblem as problem } from "./fixtures.js";

/*
 * sidecar.env is read by three parsers, and a value is written bare only when all three read it as
 * typed (README, Decisions: sidecar.env):
 * - `docker run --env-file` (tctl's reader): everything after the first `=`, verbatim;
 * - docker-compose 1.29 `env_file`: python-dotenv (compose/config/environment.py
 *   env_vars_from_file -> dotenv_values(interpolate=True)): `=` then leading whitespace eaten
 *   (_equal_sign `=[^\S\r\n]*`, Python's \s includes \x1c-\x1f), a leading quote starts a quoted
 *   value, `\s+#.*` cut and rstrip() (also \x1c-\x1f), `${...}` expanded;
 * - Compose v2 `env_file`: compose-go dotenv/parser.go extractVarValue: leading space trimmed, a
 *   leading quote starts a quoted value, `$VAR`/`${VAR}` expanded, and inline comments cut: at any
 *   `#` from compose-go 8a0daf8 ("Handle inline comments on unquoted values", 2022-01) until
 *   08a21df (#308, first in v1.6.0), at ` #` since.
 */
const compose129 = spawnSync("docker-compose", ["version", "--short"], { encoding: "utf8" });
const hasCompose129 = compose129.status === 0 && compose129.stdout.startsWith("1.");

/** What docker-compose 1.29 hands the container for each NAME=value line of an env_file. */
function composeReads(values: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "vmt-envfile-"));
  try {
    writeFileSync(join(dir, "e.env"), Object.entries(values).map(([k, v]) => `${k}=${v}\n`).join(""), "utf8");
    writeFileSync(join(dir, "docker-compose.yaml"), "services:\n  s:\n    image: busybox\n    env_file: [e.env]\n");
    const out = execFileSync("docker-compose", ["config"], { cwd: dir, encoding: "utf8", stdio: "pipe", env: { PATH: process.env.PATH, HOME: "/home/x" } });
    return (load(out) as any).services.s.environment;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Values all three readers take as typed: JSON with quotes and backslashes, '=', quotes inside, a tab inside.
const accepted: Record<string, string> = {
  JSON: `{"a":"b\\"c\\\\d","e":["f"]}`,
  EQUALS: "a=b=c",
  QUOTES_INSIDE: `a'b"c`,
  TAB_INSIDE: "a\tb",
  UNICODE: "grüße",
};

// Each refused, with what goes wrong ("v2": only Compose v2 misreads it; `docker-compose config`
// prints a '$' as '$$', so 1.29's reading of $HOME is not compared here).
const refused: Record<string, { value: string; compose129: "differs" | "same" | "v2"; why: string }> = {
  SPACE_HASH: { value: "x #y", compose129: "differs", why: "a comment for python-dotenv and compose-go" },
  CONTROL_HASH: { value: "x\u001c#y", compose129: "differs", why: "python-dotenv's \\s matches \\x1c: a comment" },
  HASH: { value: "x#y", compose129: "same", why: "compose-go 8a0daf8..08a21df cuts at any '#'" },
  TRAILING_CONTROL: { value: "x\u001f", compose129: "differs", why: "rstrip() removes \\x1f" },
  LEADING_CONTROL: { value: "\u001fx", compose129: "differs", why: "python-dotenv's '=' eats \\x1f" },
  LEADING_SPACE: { value: " x", compose129: "differs", why: "both Compose readers trim it, docker keeps it" },
  TRAILING_SPACE: { value: "x ", compose129: "differs", why: "both Compose readers trim it" },
  TRAILING_NBSP: { value: "x\u00a0", compose129: "differs", why: "rstrip() and Go's unicode.IsSpace trim it" },
  LEADING_QUOTE: { value: `"x"`, compose129: "differs", why: "a quoted value for both Compose readers" },
  BRACES: { value: "${HOME}", compose129: "differs", why: "interpolated" },
  DOLLAR: { value: "$HOME", compose129: "v2", why: "compose-go expands $VAR" },
};

describe("sidecar.env values: what Compose's env_file reads as typed", () => {
  it("envFileSafe accepts the values all three readers take literally", () => {
    for (const [k, v] of Object.entries(accepted)) expect(envFileSafe(v), k).toBe(true);
  });

  it("envFileSafe refuses every value one of the readers takes otherwise", () => {
    for (const [k, { value }] of Object.entries(refused)) expect(envFileSafe(value), k).toBe(false);
  });

  it.skipIf(!hasCompose129)("docker-compose 1.29 reads the accepted values as typed and misreads the refused ones it is cited for", () => {
    expect(composeReads(accepted)).toEqual(accepted);
    const read = composeReads(Object.fromEntries(Object.entries(refused).map(([k, { value }]) => [k, value])));
    for (const [k, { value, compose129: how }] of Object.entries(refused)) {
      if (how === "differs") expect(read[k], k).not.toBe(value);
      else if (how === "same") expect(read[k], k).toBe(value);
    }
  });
});

describe("values that reach sidecar.env bare are refused at their path when a reader would misread them", () => {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const basic = () => parseValuesYaml(readFileSync(join(root, "examples", "tctl-basic", "values.yaml"), "utf8"), "tctl-basic") as any;

  it("a proxyMetadata value ending in a control character python-dotenv strips", () => {
    const v = basic();
    v.mesh.meshConfig = { defaultConfig: { proxyMetadata: { FOO: "x\u001f" } } };
    expect(problem(v)).toMatch(/mesh\.meshConfig\.defaultConfig\.proxyMetadata\.FOO: .*\(got "x\\u001f"\)/);
  });

  it("a proxyMetadata value with '#' (Compose v2 before compose-go v1.6.0 cuts it there)", () => {
    const v = basic();
    v.mesh.meshConfig = { defaultConfig: { proxyMetadata: { FOO: "x#y" } } };
    expect(problem(v)).toMatch(/mesh\.meshConfig\.defaultConfig\.proxyMetadata\.FOO: .*'#'.*\(got "x#y"\)/);
  });

  it("a meshID ending in a control character (ISTIO_META_MESH_ID)", () => {
    const v = basic();
    v.mesh.values.global.meshID = "m\u001c";
    expect(problem(v)).toMatch(/mesh\.values\.global\.meshID: /);
  });

  it("a '#' inside PROXY_CONFIG's JSON", () => {
    const v = basic();
    v.mesh.meshConfig = { defaultConfig: { tracing: { customTags: { a: { literal: { value: "x#y" } } } } } };
    expect(problem(v)).toMatch(/mesh\.meshConfig\.defaultConfig\.tracing\.customTags\.a\.literal\.value: .*'#'/);
  });
});
