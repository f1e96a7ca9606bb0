// Validates YAML (and JSON) documents against a JSON Schema with ajv, the way
// an editor would check a gtctl spec against `gtctl schema --format jsonschema`.
//
//   node tools/jsonschema/validate.mjs [--json] SCHEMA.json FILE...
//
// Every document of every file (YAML `---` streams included) is validated.
// Text output: one line per document, "FILE#N: ok" or "FILE#N: invalid", then
// the errors. --json prints one array of
//   {"file", "doc", "valid", "errors": [{"instancePath", "keyword", "message", "params"}]}.
// Exit status: 0 all valid, 1 some document invalid or unreadable, 2 usage
// or a schema ajv cannot compile (every pattern is compiled then, with the
// "u" flag).
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const json = args[0] === "--json";
if (json) args.shift();
if (args.length < 1) {
  console.error("usage: validate.mjs [--json] SCHEMA.json FILE...");
  process.exit(2);
}
const [schemaPath, ...files] = args;

let validate;
try {
  // strict: unknown keywords, ignored keywords and ambiguous types are
  // schema errors, not silently dropped constraints.
  const ajv = new Ajv({ strict: true, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
} catch (e) {
  console.error(`validate.mjs: schema ${schemaPath}: ${e.message}`);
  process.exit(2);
}

const results = [];
for (const file of files) {
  let docs;
  try {
    docs = parseAllDocuments(readFileSync(file, "utf8"));
  } catch (e) {
    results.push({ file, doc: 0, valid: false, errors: [{ instancePath: "", keyword: "read", message: e.message, params: {} }] });
    continue;
  }
  if (docs.length === 0) {
    // An empty file holds no spec; gtctl lint says GT1000 too.
    results.push({ file, doc: 0, valid: false, errors: [{ instancePath: "", keyword: "empty", message: "the file holds no document", params: {} }] });
    continue;
  }
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      results.push({ file, doc: i, valid: false, errors: doc.errors.map((e) => ({ instancePath: "", keyword: "parse", message: e.message, params: {} })) });
      return;
    }
    const valid = validate(doc.toJS({ maxAliasCount: 100 }));
    results.push({ file, doc: i, valid, errors: valid ? [] : validate.errors.map(({ instancePath, keyword, message, params }) => ({ instancePath, keyword, message, params })) });
  });
}

if (json) {
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
} else {
  for (const r of results) {
    console.log(`${r.file}#${r.doc}: ${r.valid ? "ok" : "invalid"}`);
    for (const e of r.errors) console.log(`  ${e.instancePath || "/"}: ${e.keyword}: ${e.message}`);
  }
}
process.exit(results.every((r) => r.valid) ? 0 : 1);
