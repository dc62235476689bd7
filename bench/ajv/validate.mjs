// Validates an NDJSON file with Ajv (draft 2020-12, ajv-formats) against the
// schema authlink embeds (`authlink schema --profile api`): JSON.parse and a
// compiled validate per line, as a Node.js service would. Prints the counts.
//
//   node validate.mjs schema.json links.ndjson
import { readFileSync, createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, dataPath] = process.argv.slice(2);
// The api schema's organization_id is a string or a number: a union type,
// which Ajv's strict mode otherwise warns about.
const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
// x-secret marks the members that are secrets: an annotation, no rule.
ajv.addKeyword("x-secret");
if (!ajv.formats.double) {
  ajv.addFormat("double", { type: "number", validate: (n) => Number.isFinite(n) });
}
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

let valid = 0, invalid = 0;
const lines = createInterface({ input: createReadStream(dataPath), crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === "") continue;
  let ok = false;
  try {
    ok = validate(JSON.parse(line));
  } catch {
    ok = false;
  }
  if (ok) valid++; else invalid++;
}
console.error(`ajv: ${valid + invalid} payloads: ${valid} valid, ${invalid} invalid`);
