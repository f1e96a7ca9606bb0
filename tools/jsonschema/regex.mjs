// Matches strings against ECMA-262 patterns compiled as JSON Schema
// validators compile "pattern" (new RegExp(p, "u"), unanchored search), so a
// Go test can compare them with the RE2 originals.
//
//   echo '{"patterns": ["^a+$"], "inputs": ["aa", "b"]}' | node tools/jsonschema/regex.mjs
//   → {"results": [{"matches": [true, false]}]}   (or {"error": "..."} for a pattern)
import { readFileSync } from "node:fs";

const { patterns, inputs } = JSON.parse(readFileSync(0, "utf8"));
const results = patterns.map((p) => {
  let re;
  try {
    re = new RegExp(p, "u");
  } catch (e) {
    return { error: e.message };
  }
  return { matches: inputs.map((s) => re.test(s)) };
});
process.stdout.write(JSON.stringify({ results }) + "\n");
