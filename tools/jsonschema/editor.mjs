// Shows what an editor shows: validates YAML files with yaml-language-server
// (the language server of the VS Code YAML extension and of most editors'
// YAML support) against a JSON Schema, as if `yaml.schemas` mapped the schema
// to every file.
//
//   node tools/jsonschema/editor.mjs SCHEMA.json FILE...
//
// Prints one JSON line per file: {"file", "diagnostics": [{"line", "severity", "message"}]}
// (line 1-based; severity 1 error, 2 warning, 3 information, 4 hint).
// The schema is served from memory: nothing is fetched.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import yls from "yaml-language-server";
import { TextDocument } from "vscode-languageserver-textdocument";

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath) {
  console.error("usage: editor.mjs SCHEMA.json FILE...");
  process.exit(2);
}
const schemaText = readFileSync(schemaPath, "utf8");
const schemaURI = pathToFileURL(schemaPath).href;

const ls = yls.getLanguageService({
  schemaRequestService: async (uri) => {
    if (uri === schemaURI) return schemaText;
    throw new Error(`editor.mjs fetches nothing (asked for ${uri})`);
  },
  workspaceContext: { resolveRelativePath: (rel, resource) => new URL(rel, resource).href },
  clientCapabilities: {},
});
ls.configure({ validate: true, hover: false, completion: false, schemas: [{ uri: schemaURI, fileMatch: ["*"] }] });

for (const file of files) {
  const doc = TextDocument.create(pathToFileURL(file).href, "yaml", 1, readFileSync(file, "utf8"));
  const diagnostics = await ls.doValidation(doc, false);
  const out = diagnostics.map((d) => ({ line: d.range.start.line + 1, severity: d.severity, message: d.message }));
  process.stdout.write(JSON.stringify({ file, diagnostics: out }) + "\n");
}
