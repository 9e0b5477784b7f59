// Validates an OpenAPI document read from stdin with @seriousme/openapi-schema-validator and prints
// `{ valid, version, errors? }` as JSON. A script because the validator is an ES module only, which Jest's CommonJS
// runtime cannot load (tests/integration/api/openapi.test.ts runs it as a child process).
import { Validator } from "@seriousme/openapi-schema-validator";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const validator = new Validator();
const result = await validator.validate(JSON.parse(Buffer.concat(chunks).toString("utf8")));
process.stdout.write(JSON.stringify({ ...result, version: validator.version }));
