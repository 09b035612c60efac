// `npm run bench` is not run by the suite (speed is measured, not asserted), so its inputs are
// held here to what the bench claims they are: a fleet that renders, and bad-keys files that give
// exactly one error per key. A schema change once made the error-reporting bench stop with
// "exit 1, 1001 error lines" (a new required field) unnoticed.
import { describe, expect, it } from "vitest";
import { render } from "../src/index.js";
// @ts-expect-error: plain ESM scripts without declarations
import { fleetValues } from "../scripts/bench/fleetValues.mjs";
// @ts-expect-error: plain ESM scripts without declarations
import { errorReporting } from "../scripts/bench/errors.mjs";

describe("npm run bench inputs", () => {
  it("the fleet values render", () => {
    expect(render({ values: fleetValues(10) }).files.length).toBeGreaterThan(10);
  });

  it("each bad-keys file gives one error line per key, exit 1", () => {
    const results = errorReporting({ sizes: [10, 100], runs: 1 });
    expect(results.map((r: { kind: string; keys: number }) => `${r.kind}:${r.keys}`)).toEqual(["names:10", "names:100", "unknown:10", "unknown:100"]);
  }, 60_000);
});
