import { describe, expect, it } from "vitest";
import { mergeValues, parseSet, VmTemplateError } from "../src/index.js";
import type { SetKind, Values } from "../src/index.js";
import { coalesce } from "../src/values/coalesce.js";

/*
 * Helm parity: each row is a case of Helm's own tests or a rule of its code or docs, cited by
 * where it comes from (helm/helm, pkg/strvals and pkg/cli/values, Helm 3.17+ and 4). The
 * citation is part of each test's name.
 */
const H = {
  parseSet: "strvals/parser_test.go TestParseSet",
  parseString: "strvals/parser_test.go TestParseSet (testsString, ParseString)",
  parseInto: "strvals/parser_test.go TestParseInto",
  parseIntoString: "strvals/parser_test.go TestParseIntoString",
  parseJson: "strvals/parser_test.go TestParseJSON",
  parseFile: "strvals/parser_test.go TestParseFile / TestParseIntoFile",
  setIndex: "strvals/parser_test.go TestSetIndex (negative; MaxIndex 65536)",
  nested: "strvals/parser_test.go TestParseSetNestedLevels (MaxNestedNameLevel 30)",
  literal: "strvals/literal_parser_test.go TestParseLiteral",
  literalInto: "strvals/literal_parser_test.go TestParseLiteralInto",
  literalNested: "strvals/literal_parser_test.go TestParseLiteralNestedLevels",
  typedVal: "strvals/parser.go typedVal: true/false/null in any case, an int64 not starting with 0; anything else a string",
  escape: "strvals/parser.go runesUntil: a backslash escapes the next rune, in keys too",
  value: "strvals/parser.go: a value runs to the next unescaped ',' and is read as runes",
  list: "strvals/parser.go valList/listItem: {a,b} is a list; an index with no '=' sets nothing",
  stringList: "strvals/parser.go ParseString: st=true keeps list items strings too",
  jsonValue: "strvals/parser.go ParseJSON: each value is one JSON value read by json.Decoder",
  keyIndex: "strvals/parser.go keyIndex: the index must be a decimal integer",
  typeClash: "strvals/parser.go key: a key used as a map or list where a scalar is set is an error",
  mergeValues: "cli/values/options.go MergeValues: -f files, then --set-json, --set, --set-string, --set-file, --set-literal",
  mergeCli: "cli/values/options_test.go TestMergeValuesCLI",
  mergeMaps: "chart/loader MergeMaps (options.go mergeMaps before 3.17): maps merge, anything else replaces",
  docsSetOrder: "helm install docs: --set, -f given several times, the right-most wins",
  coalesce: "chartutil/coalesce.go CoalesceValues: user values over chart defaults, null deletes a default",
};

type Row = [expression: string, expected: unknown, kind?: SetKind];
type Cited<T extends unknown[]> = [source: string, ...row: T];
// The row type is given at each call (cite<Row>(…)) so that rows are checked as tuples.
const cite = <T extends unknown[]>(source: string, rows: T[]): Cited<T>[] => rows.map((r) => [source, ...r] as Cited<T>);

const ok: Cited<Row>[] = [
  ...cite<Row>(H.parseSet, [
    ["name1=null,f=false,t=true", { name1: null, f: false, t: true }],
    ["name1=value1", { name1: "value1" }],
    ["name1=value1,name2=value2", { name1: "value1", name2: "value2" }],
    ["name1=value1,name2=value2,", { name1: "value1", name2: "value2" }],
    ["name1=,name2=value2", { name1: "", name2: "value2" }],
    ["leading_zeros=00009", { leading_zeros: "00009" }],
    ["zero_int=0", { zero_int: 0 }],
    ["long_int=1234567890", { long_int: 1234567890 }],
    ["boolean=true", { boolean: true }],
    ["is_null=null", { is_null: null }],
    ["name1=one\\,two,name2=three\\,four", { name1: "one,two", name2: "three,four" }],
    ["name1=one\\=two,name2=three\\=four", { name1: "one=two", name2: "three=four" }],
    ["name1=one two three,name2=three two one", { name1: "one two three", name2: "three two one" }],
    ["outer.inner=value", { outer: { inner: "value" } }],
    ["outer.middle.inner=value", { outer: { middle: { inner: "value" } } }],
    ["outer.inner1=value,outer.inner2=value2", { outer: { inner1: "value", inner2: "value2" } }],
    ["outer.inner1=value,outer.middle.inner=value", { outer: { inner1: "value", middle: { inner: "value" } } }],
    ["name1.name2=", { name1: { name2: "" } }],
    ["name1={value1,value2}", { name1: ["value1", "value2"] }],
    ["name1={value1,value2},name2={value1,value2}", { name1: ["value1", "value2"], name2: ["value1", "value2"] }],
    ["name1={1021,902}", { name1: [1021, 902] }],
    ["name1.name2={value1,value2}", { name1: { name2: ["value1", "value2"] } }],
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
    ["name1.name2[0].foo=bar,name1.name2[1].foo=bar", { name1: { name2: [{ foo: "bar" }, { foo: "bar" }] } }],
    ["name1.name2[1].foo=bar,name1.name2[0].foo=bar", { name1: { name2: [{ foo: "bar" }, { foo: "bar" }] } }],
    ["name1.name2[1].foo=bar", { name1: { name2: [null, { foo: "bar" }] } }],
  ]),
  ...cite<Row>(H.typedVal, [
    ["negative=-5", { negative: -5 }],
    ["plus=+5", { plus: 5 }],
    ["float=1.5", { float: "1.5" }],
    ["exp=1e3", { exp: "1e3" }],
    ["hex=0x10", { hex: "0x10" }],
    ["octalish=0777", { octalish: "0777" }],
    ["beyond_int64=9223372036854775808", { beyond_int64: "9223372036854775808" }],
    ["upper=TRUE,mixed=False,n=NULL", { upper: true, mixed: false, n: null }],
    ["yes=yes,on=on", { yes: "yes", on: "on" }],
  ]),
  ...cite<Row>(H.escape, [
    ["dotted\\.key=v", { "dotted.key": "v" }],
  ]),
  ...cite<Row>(H.value, [
    ["a=b=c", { a: "b=c" }],
    ["unicode=héllo wörld ✓", { unicode: "héllo wörld ✓" }],
  ]),
  ...cite<Row>(H.list, [
    ["empty={}", { empty: [""] }],
    ["nested[0][0]", { nested: [] }],
    ["list[1]={a,b}", { list: [null, ["a", "b"]] }],
  ]),
  ...cite<Row>(H.parseString, [
    ["long_int_string=1234567890", { long_int_string: "1234567890" }, "set-string"],
    ["boolean=true", { boolean: "true" }, "set-string"],
    ["is_null=null", { is_null: "null" }, "set-string"],
    ["zero=0", { zero: "0" }, "set-string"],
  ]),
  ...cite<Row>(H.stringList, [
    ["list={1,true}", { list: ["1", "true"] }, "set-string"],
  ]),
  ...cite<Row>(H.parseJson, [
    ['outer.inner1="1",outer.inner3=3,outer.inner4=true,outer.inner5="true"', { outer: { inner1: "1", inner3: 3, inner4: true, inner5: "true" } }, "set-json"],
    ['a={"b":"1","c":[1,2,3]},d=["x","y"]', { a: { b: "1", c: [1, 2, 3] }, d: ["x", "y"] }, "set-json"],
    ['a=,b={"aa":"1","cc":[1,2,3]},b.cc[1]=null', { a: null, b: { aa: "1", cc: [1, null, 3] } }, "set-json"],
  ]),
  ...cite<Row>(H.jsonValue, [
    ['list[0]={"k":"v"}', { list: [{ k: "v" }] }, "set-json"],
    ['s="a,b"', { s: "a,b" }, "set-json"],
  ]),
  ...cite<Row>(H.literalInto, [
    ["name=value1,name2=value2", { name: "value1,name2=value2" }, "set-literal"],
  ]),
  ...cite<Row>(H.literal, [
    ["name=a\\,b", { name: "a\\,b" }, "set-literal"],
    ["name=", { name: "" }, "set-literal"],
    ["outer.inner=value", { outer: { inner: "value" } }, "set-literal"],
    ["list[0].k=v=w", { list: [{ k: "v=w" }] }, "set-literal"],
    ["long=1234567890", { long: "1234567890" }, "set-literal"],
  ]),
  ...cite<Row>(H.literal, [
    ["name=value", { name: "value" }, "set-literal"],
    ["boolean=true", { boolean: "true" }, "set-literal"],
    ["is_null=null", { is_null: "null" }, "set-literal"],
    ["zero=0", { zero: "0" }, "set-literal"],
    ["name1=null,name2=value2", { name1: "null,name2=value2" }, "set-literal"],
    ["name1=value,,,tail", { name1: "value,,,tail" }, "set-literal"],
    ["leading_zeros=00009", { leading_zeros: "00009" }, "set-literal"],
    ["name=one two three", { name: "one two three" }, "set-literal"],
    ["outer.middle.inner=value", { outer: { middle: { inner: "value" } } }, "set-literal"],
    ["name1.name2=", { name1: { name2: "" } }, "set-literal"],
    ["name1={value1,value2}", { name1: "{value1,value2}" }, "set-literal"],
    ["list[0]=foo", { list: ["foo"] }, "set-literal"],
    ["list[0].foo=bar", { list: [{ foo: "bar" }] }, "set-literal"],
    ["list[3]=bar", { list: [null, null, null, "bar"] }, "set-literal"],
    ["noval[0]", { noval: [] }, "set-literal"],
    ["noval[0]=", { noval: [""] }, "set-literal"],
    ["nested[0][0]=1", { nested: [["1"]] }, "set-literal"],
    ["nested[1][1]=1", { nested: [null, [null, "1"]] }, "set-literal"],
    ["name1.name2[0].foo=bar", { name1: { name2: [{ foo: "bar" }] } }, "set-literal"],
    ["name1.name2[1].foo=bar", { name1: { name2: [null, { foo: "bar" }] } }, "set-literal"],
    ["]={}].", { "]": "{}]." }, "set-literal"],
    ["name=val,val", { name: "val,val" }, "set-literal"],
    ["name=val.val", { name: "val.val" }, "set-literal"],
    ["name=val=val", { name: "val=val" }, "set-literal"],
    ["name=val$val", { name: "val$val" }, "set-literal"],
    ["name=(value", { name: "(value" }, "set-literal"],
    ["name=value)", { name: "value)" }, "set-literal"],
    ["name=(value)", { name: "(value)" }, "set-literal"],
    ["name={value", { name: "{value" }, "set-literal"],
    ["name=value}", { name: "value}" }, "set-literal"],
    ["name={value}", { name: "{value}" }, "set-literal"],
    ["name=val\\val", { name: "val\\val" }, "set-literal"],
    ["name=val\\\\val", { name: "val\\\\val" }, "set-literal"],
    ["name=val\\\\\\val", { name: "val\\\\\\val" }, "set-literal"],
    ["name={val,.?*v\\0a!l)some", { name: "{val,.?*v\\0a!l)some" }, "set-literal"],
    ["name=em%GT)tqUDqz,i-\\h+Mbqs-!:.m\\\\rE=mkbM#rR}@{-k@", { name: "em%GT)tqUDqz,i-\\h+Mbqs-!:.m\\\\rE=mkbM#rR}@{-k@" }, "set-literal"],
  ]),
];

type BadRow = [expression: string, message: RegExp, kind?: SetKind];
const bad: Cited<BadRow>[] = [
  ...cite<BadRow>(H.parseSet, [
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
    ["illegal[0]name.foo=bar", /unexpected data at end of array index: "name"/],
    ["]={}].", /unable to parse key/],
  ]),
  ...cite<BadRow>(H.setIndex, [
    ["list[-1]=x", /negative -1 index not allowed/],
    ["list[65537]=x", /index of 65537 is greater than maximum supported index of 65536/],
  ]),
  ...cite<BadRow>(H.keyIndex, [
    ["list[a]=x", /error parsing index/],
  ]),
  ...cite<BadRow>(H.typeClash, [
    ["a=1,a.b=2", /unable to parse key: "a" is a number, not a map/],
    ["a=x,a[0]=y", /unable to parse key: "a" is a string, not a list/],
  ]),
  ...cite<BadRow>(H.nested, [
    [`${"a.".repeat(31)}b=1`, /nested level is greater than maximum supported nested level of 30/],
    [`a${"[0]".repeat(40)}=1`, /nested level is greater than maximum supported nested level of 30/],
  ]),
  ...cite<BadRow>(H.parseJson, [
    ['a={"b":1', /invalid JSON value/, "set-json"],
  ]),
  ...cite<BadRow>(H.jsonValue, [
    ["a=nope", /invalid JSON value/, "set-json"],
  ]),
  ...cite<BadRow>(H.literal, [
    ["name1", /key "name1" has no value/, "set-literal"],
  ]),
  ...cite<BadRow>(H.literal, [
    ["name1.name2", /key "name2" has no value/, "set-literal"],
    ["name1.=name2", /key map "name1" has no value/, "set-literal"],
    ["name1.,name2", /key ",name2" has no value/, "set-literal"],
    ["list[-30].hello=world", /negative -30 index not allowed/, "set-literal"],
    ["illegal[0]name.foo=bar", /unexpected data at end of array index: "name"/, "set-literal"],
  ]),
  ...cite<BadRow>(H.literalNested, [[`${"name.".repeat(32)}name=value`, /nested level is greater than maximum supported nested level of 30/, "set-literal"]]),
];

// Expressions parsed one after another into the same values (ParseInto and friends).
type IntoRow = [kind: SetKind, initial: Values, expressions: string[], expected: Values];
const into: Cited<IntoRow>[] = [
  ...cite<IntoRow>(H.parseInto, [
    ["set", { outer: { inner1: "overwrite", inner2: "value2" } }, ["outer.inner1=value1,outer.inner3=value3,outer.inner4=4"], { outer: { inner1: "value1", inner2: "value2", inner3: "value3", inner4: 4 } }],
    ["set", {}, ["listOuter[0][0].type=listValue", "listOuter[0][0].status=alive"], { listOuter: [[{ type: "listValue", status: "alive" }]] }],
    ["set", {}, ["listOuter[0][0].type=listValue", "listOuter[1][0].status=alive"], { listOuter: [[{ type: "listValue" }], [{ status: "alive" }]] }],
    ["set", { listOuter: [[[{ exited: "old" }]]] }, ["listOuter[0][1][0].type=listValue", "listOuter[0][0][1].status=alive"], { listOuter: [[[{ exited: "old" }, { status: "alive" }], [{ type: "listValue" }]]] }],
    ["set", { list: ["a", "b", "c"] }, ["list[1]=x"], { list: ["a", "x", "c"] }],
  ]),
  ...cite<IntoRow>(H.parseIntoString, [["set-string", { outer: { inner1: "overwrite", inner2: "value2" } }, ["outer.inner1=1,outer.inner3=3"], { outer: { inner1: "1", inner2: "value2", inner3: "3" } }]]),
  ...cite<IntoRow>(H.parseJson, [
    ["set-json", { outer: { inner1: { x: "overwrite" }, inner2: "value2", inner3: ["overwrite"] } },
      ['outer.inner1={"a":"1","b":2,"c":[1,2,3]},outer.inner3=["new value 1","new value 2"],outer.inner4={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner5=[{"A":"1","B":2,"C":[1,2,3]}]'],
      { outer: { inner1: { a: "1", b: 2, c: [1, 2, 3] }, inner2: "value2", inner3: ["new value 1", "new value 2"], inner4: { aa: "1", bb: 2, cc: [1, 2, 3] }, inner5: [{ A: "1", B: 2, C: [1, 2, 3] }] } }],
    ["set-json", { outer: { inner1: { x: "overwrite" }, inner2: "value2" } }, ['outer.inner1=,outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner3.cc[1]=null'], { outer: { inner1: null, inner2: "value2", inner3: { aa: "1", bb: 2, cc: [1, null, 3] } } }],
  ]),
  ...cite<IntoRow>(H.literalInto, [
    ["set-literal", { outer: { inner1: "overwrite", inner2: "value2" } }, ["outer.inner1=value1,outer.inner3=value3,outer.inner4=4"], { outer: { inner1: "value1,outer.inner3=value3,outer.inner4=4", inner2: "value2" } }],
    ["set-literal", {}, ["listOuter[0][0].type=listValue", "listOuter[0][0].status=alive"], { listOuter: [[{ type: "listValue", status: "alive" }]] }],
    ["set-literal", {}, ["listOuter[0][0].type=listValue", "listOuter[1][0].status=alive"], { listOuter: [[{ type: "listValue" }], [{ status: "alive" }]] }],
    ["set-literal", { listOuter: [[[{ exited: "old" }]]] }, ["listOuter[0][1][0].type=listValue", "listOuter[0][0][1].status=alive"], { listOuter: [[[{ exited: "old" }, { status: "alive" }], [{ type: "listValue" }]]] }],
  ]),
];

// --set-file: each value a path whose contents become the value (a fake reader: no disk).
const files: Record<string, string> = { path1: "value1", "a.txt": "line1\nline2\n", "b.txt": "B", "c,d.txt": "CD" };
const readFile = (p: string) => {
  if (!(p in files)) throw new Error(`${p}: no such file or directory`);
  return files[p]!;
};
const setFile: Cited<[expression: string, expected: Values]>[] = cite<[expression: string, expected: Values]>(H.parseFile, [
  ["name1=path1", { name1: "value1" }],
  ["x=a.txt", { x: "line1\nline2\n" }],
  ["x=a.txt,y=b.txt", { x: "line1\nline2\n", y: "B" }],
  ["outer.inner=b.txt", { outer: { inner: "B" } }],
  ["list[1]=b.txt", { list: [null, "B"] }],
  ["y={a.txt,b.txt}", { y: ["line1\nline2\n", "B"] }],
  ["x=c\\,d.txt", { x: "CD" }],
]);

// The whole of Helm's MergeValues: -f files (already parsed maps) and every --set kind.
type MergeRow = [what: string, sources: Parameters<typeof mergeValues>[0], expected: Values];
const merged: Cited<MergeRow>[] = [
  ...cite<MergeRow>(H.mergeMaps, [
    ["later file wins on a scalar", { files: [{ a: 1 }, { a: 2 }] }, { a: 2 }],
    ["maps merge key by key", { files: [{ m: { a: 1, b: 1 } }, { m: { b: 2, c: 2 } }] }, { m: { a: 1, b: 2, c: 2 } }],
    ["maps merge at every depth", { files: [{ m: { n: { a: 1 } } }, { m: { n: { b: 2 } } }] }, { m: { n: { a: 1, b: 2 } } }],
    ["a list replaces, never concatenates", { files: [{ l: [1, 2, 3] }, { l: [4] }] }, { l: [4] }],
    ["a scalar replaces a map", { files: [{ m: { a: 1 } }, { m: "x" }] }, { m: "x" }],
    ["a map replaces a scalar", { files: [{ m: "x" }, { m: { a: 1 } }] }, { m: { a: 1 } }],
    ["null in a later file replaces (coalescing then deletes it)", { files: [{ m: { a: 1 } }, { m: null }] }, { m: null }],
    ["three files, left to right", { files: [{ a: 1, b: 1, c: 1 }, { b: 2, c: 2 }, { c: 3 }] }, { a: 1, b: 2, c: 3 }],
    ["__proto__ in a file stays a key (the schema refuses it)", { files: [JSON.parse('{"__proto__":{"x":1},"a":1}')] }, JSON.parse('{"__proto__":{"x":1},"a":1}')],
  ]),
  ...cite<MergeRow>(H.mergeValues, [
    ["--set over -f", { files: [{ a: 1, b: 1 }], set: ["a=2"] }, { a: 2, b: 1 }],
    ["--set edits a list from -f in place", { files: [{ l: ["x", "y"] }], set: ["l[1]=z"] }, { l: ["x", "z"] }],
    ["--set adds into a map from -f", { files: [{ m: { a: 1 } }], set: ["m.b=2"] }, { m: { a: 1, b: 2 } }],
    ["--set after --set-json", { setJson: ["a=1"], set: ["a=2"] }, { a: 2 }],
    ["--set-string after --set", { set: ["a=1"], setString: ["a=2"] }, { a: "2" }],
    ["--set-file after --set-string", { setString: ["a=1"], setFile: ["a=b.txt"] }, { a: "B" }],
    ["--set-literal last of all", { files: [{ a: 0 }], setJson: ["a=1"], set: ["a=2"], setString: ["a=3"], setFile: ["a=b.txt"], setLiteral: ["a=5"] }, { a: "5" }],
    ["--set null keeps a null for coalescing to delete", { files: [{ a: 1 }], set: ["a=null"] }, { a: null }],
    ["a whole-object --set-json merges like a file", { files: [{ m: { a: 1, l: [1] } }], setJson: ['{"m":{"b":2,"l":[2]}}'] }, { m: { a: 1, b: 2, l: [2] } }],
    ["a whole-object --set-json with leading spaces", { setJson: ['  {"a":1}'] }, { a: 1 }],
  ]),
  ...cite<MergeRow>(H.docsSetOrder, [
    ["several --set: the right-most wins", { set: ["a=1", "a=2"] }, { a: 2 }],
    ["several -f: the right-most wins", { files: [{ a: "left" }, { a: "right" }] }, { a: "right" }],
  ]),
  ...cite<MergeRow>(H.mergeCli, [
    ["set-json object", { setJson: ['{"foo": {"bar": "baz"}}'] }, { foo: { bar: "baz" } }],
    ["set-json key=value", { setJson: ["foo.bar=[1,2,3]"] }, { foo: { bar: [1, 2, 3] } }],
    ["set regular value", { set: ["foo=bar"] }, { foo: "bar" }],
    ["set string value", { setString: ["foo=123"] }, { foo: "123" }],
    ["set literal value", { setLiteral: ["foo=true"] }, { foo: "true" }],
    ["multiple options", { set: ["a=foo"], setString: ["b=bar"], setJson: ['{"c": "foo1"}'], setLiteral: ["d=bar1"] }, { a: "foo", b: "bar", c: "foo1", d: "bar1" }],
  ]),
];

// Chart defaults under the user's values.
type CoalesceRow = [what: string, defaults: Values, user: Values, expected: Values];
const coalesced: Cited<CoalesceRow>[] = cite<CoalesceRow>(H.coalesce, [
  ["a user value wins", { a: 1 }, { a: 2 }, { a: 2 }],
  ["defaults fill what the user left out, at any depth", { m: { a: 1, b: 1 } }, { m: { b: 2 } }, { m: { a: 1, b: 2 } }],
  ["null deletes a default", { m: { a: 1, b: 1 } }, { m: { a: null } }, { m: { b: 1 } }],
  ["null deletes a whole default map", { m: { a: 1 } }, { m: null }, {}],
  ["a user list replaces a default list", { l: [1, 2] }, { l: [3] }, { l: [3] }],
]);

describe("Helm parity: parseSet, mergeValues and coalescing, case by case", () => {
  it.each(ok)("[%s] %s", (_source, expression, expected, kind = "set") => {
    expect(parseSet(expression, { kind })).toEqual(expected);
  });

  it.each(bad)("[%s] refuses %s", (_source, expression, message, kind = "set") => {
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

  it.each(into)("[%s] --%s into %j: %j", (_source, kind, initial, expressions, expected) => {
    const values = structuredClone(initial);
    for (const expression of expressions) parseSet(expression, { kind, into: values });
    expect(values).toEqual(expected);
  });

  it.each(setFile)("[%s] --set-file %s", (_source, expression, expected) => {
    expect(parseSet(expression, { kind: "set-file", readFile })).toEqual(expected);
  });

  it.each(merged)("[%s] %s", (_source, _what, sources, expected) => {
    expect(mergeValues(sources, { readFile })).toEqual(expected);
  });

  it.each(coalesced)("[%s] %s", (_source, _what, defaults, user, expected) => {
    expect(coalesce(defaults, user)).toEqual(expected);
  });

  it("the table holds more than 100 cited cases", () => {
    const rows = [ok, bad, into, setFile, merged, coalesced].flat();
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => Object.values(H).includes(r[0] as string))).toBe(true);
  });

  it("--set-file: a path that cannot be read is an error naming it", () => {
    expect(() => parseSet("x=missing.txt", { kind: "set-file", readFile })).toThrow(/missing.txt: no such file/);
  });

  it("--set-json: a whole object that is not valid JSON is an error (TestMergeValuesCLI \"invalid json\")", () => {
    expect(() => mergeValues({ setJson: ["{invalid"] })).toThrow(/--set-json "\{invalid": not a valid JSON object/);
  });

  it("never lets __proto__, constructor or prototype reach a prototype", () => {
    for (const kind of ["set", "set-string", "set-literal"] as const) {
      const v = parseSet("__proto__.polluted=yes", { kind });
      expect(Object.keys(v)).toEqual(["__proto__"]);
      parseSet("constructor.prototype.polluted=yes", { kind });
    }
    parseSet('__proto__={"polluted":"yes"}', { kind: "set-json" });
    const whole = mergeValues({ setJson: ['{"__proto__":{"polluted":"yes"}}'], files: [JSON.parse('{"__proto__":{"polluted":"yes"}}')] });
    expect(Object.keys(whole)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(whole)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
