import { describe, expect, it } from "vitest";
import { parseSet, VmTemplateError } from "../src/index.js";
import type { SetKind } from "../src/index.js";

// Rows from Helm's pkg/strvals parser_test.go and literal_parser_test.go (TestParseSet,
// TestParseInto, TestParseJSON, TestParseLiteral…) and the `--set` rules of Helm's docs.
type Row = [expression: string, expected: unknown, kind?: SetKind];

const ok: Row[] = [
  ["name1=null,f=false,t=true", { name1: null, f: false, t: true }],
  ["name1=value1", { name1: "value1" }],
  ["name1=value1,name2=value2", { name1: "value1", name2: "value2" }],
  ["name1=value1,name2=value2,", { name1: "value1", name2: "value2" }],
  ["name1=,name2=value2", { name1: "", name2: "value2" }],
  ["leading_zeros=00009", { leading_zeros: "00009" }],
  ["zero_int=0", { zero_int: 0 }],
  ["long_int=1234567890", { long_int: 1234567890 }],
  ["negative=-5", { negative: -5 }],
  ["plus=+5", { plus: 5 }],
  ["float=1.5", { float: "1.5" }],
  ["exp=1e3", { exp: "1e3" }],
  ["hex=0x10", { hex: "0x10" }],
  ["octalish=0777", { octalish: "0777" }],
  ["beyond_int64=9223372036854775808", { beyond_int64: "9223372036854775808" }],
  ["boolean=true", { boolean: true }],
  ["upper=TRUE,mixed=False,n=NULL", { upper: true, mixed: false, n: null }],
  ["yes=yes,on=on", { yes: "yes", on: "on" }],
  ["is_null=null", { is_null: null }],
  ["name1=one\\,two,name2=three\\,four", { name1: "one,two", name2: "three,four" }],
  ["name1=one\\=two,name2=three\\=four", { name1: "one=two", name2: "three=four" }],
  ["name1=one two three,name2=three two one", { name1: "one two three", name2: "three two one" }],
  ["outer.inner=value", { outer: { inner: "value" } }],
  ["outer.middle.inner=value", { outer: { middle: { inner: "value" } } }],
  ["outer.inner1=value,outer.inner2=value2", { outer: { inner1: "value", inner2: "value2" } }],
  ["outer.inner1=value,outer.middle.inner=value", { outer: { inner1: "value", middle: { inner: "value" } } }],
  ["name1.name2=", { name1: { name2: "" } }],
  ["dotted\\.key=v", { "dotted.key": "v" }],
  ["a=b=c", { a: "b=c" }],
  ["name1={value1,value2}", { name1: ["value1", "value2"] }],
  ["name1={value1,value2},name2={value1,value2}", { name1: ["value1", "value2"], name2: ["value1", "value2"] }],
  ["name1={1021,902}", { name1: [1021, 902] }],
  ["name1.name2={value1,value2}", { name1: { name2: ["value1", "value2"] } }],
  ["empty={}", { empty: [""] }],
  ["list[0]=foo", { list: ["foo"] }],
  ["list[0].foo=bar", { list: [{ foo: "bar" }] }],
  ["list[0].foo=bar,list[0].hello=world", { list: [{ foo: "bar", hello: "world" }] }],
  ["list[0]=foo,list[1]=bar", { list: ["foo", "bar"] }],
  ["list[0]=foo,list[1]=bar,", { list: ["foo", "bar"] }],
  ["list[0]=foo,list[3]=bar", { list: ["foo", null, null, "bar"] }],
  ["noval[0]", { noval: [] }],
  ["noval[0]=", { noval: [""] }],
  ["nested[0][0]=1", { nested: [[1]] }],
  ["nested[1][1]=1", { nested: [null, [null, 1]] }],
  ["nested[0][0]", { nested: [] }],
  ["name1.name2[0].foo=bar,name1.name2[1].foo=bar", { name1: { name2: [{ foo: "bar" }, { foo: "bar" }] } }],
  ["name1.name2[1].foo=bar,name1.name2[0].foo=bar", { name1: { name2: [{ foo: "bar" }, { foo: "bar" }] } }],
  ["name1.name2[1].foo=bar", { name1: { name2: [null, { foo: "bar" }] } }],
  ["list[1]={a,b}", { list: [null, ["a", "b"]] }],
  ["unicode=héllo wörld ✓", { unicode: "héllo wörld ✓" }],
  // --set-string never types
  ["long_int_string=1234567890", { long_int_string: "1234567890" }, "set-string"],
  ["boolean=true", { boolean: "true" }, "set-string"],
  ["is_null=null", { is_null: "null" }, "set-string"],
  ["zero=0", { zero: "0" }, "set-string"],
  ["list={1,true}", { list: ["1", "true"] }, "set-string"],
  // --set-json: each value one JSON value; an empty value is null
  ['outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"', { outer: { inner1: "1", inner3: 3, inner4: true, inner5: "true" } }, "set-json"],
  ['a={"b":"1","c":[1,2,3]},d=["x","y"]', { a: { b: "1", c: [1, 2, 3] }, d: ["x", "y"] }, "set-json"],
  ['a=,b={"aa":"1","cc":[1,2,3]},b.cc[1]=null', { a: null, b: { aa: "1", cc: [1, null, 3] } }, "set-json"],
  ['list[0]={"k":"v"}', { list: [{ k: "v" }] }, "set-json"],
  ['s="a,b"', { s: "a,b" }, "set-json"],
  // --set-literal: no escapes, no commas; the rest of the string is the value
  ["name=value1,name2=value2", { name: "value1,name2=value2" }, "set-literal"],
  ["name=a\\,b", { name: "a\\,b" }, "set-literal"],
  ["name=", { name: "" }, "set-literal"],
  ["outer.inner=value", { outer: { inner: "value" } }, "set-literal"],
  ["list[0].k=v=w", { list: [{ k: "v=w" }] }, "set-literal"],
  ["long=1234567890", { long: "1234567890" }, "set-literal"],
];

const bad: [expression: string, message: RegExp, kind?: SetKind][] = [
  ["name1=value1,,,,name2=value2,", /key "" has no value \(cannot end with ,\)/],
  ["name1,name2=", /key "name1" has no value \(cannot end with ,\)/],
  ["name1,name2=value2", /key "name1" has no value/],
  ["name1,name2=value2\\", /key "name1" has no value/],
  ["name1,name2", /key "name1" has no value/],
  ["name1", /key "name1" has no value/],
  ["name1.name2", /key "name2" has no value/],
  ["name1.name2,name1.name3", /key "name2" has no value/],
  ["name1.=name2", /key map "name1" has no value/],
  ["name1.,name2", /key "" has no value/],
  ["name1={1021,902", /list must terminate with '}'/],
  ["name={1,2", /list must terminate with '}'/],
  ["list[0].foo=bar,list[-30].hello=world", /negative -30 index not allowed/],
  ["list[0]=foo,list[-20]=bar", /negative -20 index not allowed/],
  ["list[-1]=x", /negative -1 index not allowed/],
  ["illegal[0]name.foo=bar", /unexpected data at end of array index: "name"/],
  ["list[a]=x", /error parsing index/],
  ["list[65537]=x", /index of 65537 is greater than maximum supported index of 65536/],
  ["]={}].", /unable to parse key/],
  ["a=1,a.b=2", /unable to parse key: "a" is a number, not a map/],
  ["a=x,a[0]=y", /unable to parse key: "a" is a string, not a list/],
  [`${"a.".repeat(31)}b=1`, /nested level is greater than maximum supported nested level of 30/],
  [`a${"[0]".repeat(40)}=1`, /nested level is greater than maximum supported nested level of 30/],
  ['a={"b":1', /invalid JSON value/, "set-json"],
  ["a=nope", /invalid JSON value/, "set-json"],
  ["name1", /key "name1" has no value/, "set-literal"],
];

describe("parseSet (Helm's strvals grammar)", () => {
  it.each(ok)("%s", (expression, expected, kind = "set") => {
    expect(parseSet(expression, { kind })).toEqual(expected);
  });

  it.each(bad)("refuses %s", (expression, message, kind = "set") => {
    let error: unknown;
    try {
      parseSet(expression, { kind });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VmTemplateError);
    expect((error as VmTemplateError).code).toBe("SET_PARSE");
    expect((error as VmTemplateError).problems[0]!.message).toMatch(message);
    expect((error as VmTemplateError).problems[0]!.message).toContain(JSON.stringify(expression));
  });

  it("parses into existing values, editing lists and maps in place (ParseInto)", () => {
    const into = { outer: { inner1: "overwrite", inner2: "value2" }, list: ["a", "b", "c"] };
    parseSet("outer.inner1=value1,outer.inner3=value3,outer.inner4=4,list[1]=x", { into });
    expect(into).toEqual({ outer: { inner1: "value1", inner2: "value2", inner3: "value3", inner4: 4 }, list: ["a", "x", "c"] });
  });

  it("merges nested list items over two expressions (TestParseInto)", () => {
    const into = { listOuter: [[[{ exited: "old" }]]] };
    parseSet("listOuter[0][1][0].type=listValue", { into });
    parseSet("listOuter[0][0][1].status=alive", { into });
    expect(into).toEqual({ listOuter: [[[{ exited: "old" }, { status: "alive" }], [{ type: "listValue" }]]] });
  });

  it("--set-file reads each value as a file path", () => {
    const files: Record<string, string> = { "a.txt": "line1\nline2\n", "b.txt": "B" };
    const readFile = (p: string) => {
      if (!(p in files)) throw new Error(`${p}: no such file or directory`);
      return files[p]!;
    };
    expect(parseSet("x=a.txt,y={a.txt,b.txt}", { kind: "set-file", readFile })).toEqual({ x: "line1\nline2\n", y: ["line1\nline2\n", "B"] });
    expect(() => parseSet("x=missing.txt", { kind: "set-file", readFile })).toThrow(/missing.txt: no such file/);
  });

  it("never lets __proto__, constructor or prototype reach a prototype", () => {
    for (const kind of ["set", "set-string", "set-literal"] as const) {
      const v = parseSet("__proto__.polluted=yes", { kind });
      expect(Object.keys(v)).toEqual(["__proto__"]);
      parseSet("constructor.prototype.polluted=yes", { kind });
    }
    parseSet('__proto__={"polluted":"yes"}', { kind: "set-json" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
