/**
 * The API reference as a server-rendered page: each operation of the OpenAPI document (lib/openapi/document) with its
 * parameters, request and response schemas as field tables, and its examples as curl commands. No script: plain
 * HTML that works at phone width (tables scroll on their own).
 */
import { TableScroll } from "@/components/ui/table-scroll";
import { API_OPERATIONS, buildOpenApiDocument, exampleCurl } from "@/lib/openapi/document";

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
};
type Media = { schema: JsonSchema; examples?: Record<string, { summary?: string; value: unknown }> };
type ReferenceOperation = {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  description: string;
  auth: string;
  parameters: { name: string; in: string; required: boolean; description?: string; schema: JsonSchema }[];
  requestBody?: { description?: string; content: Record<string, Media> };
  responses: Record<string, { description: string; content: Record<string, Media> }>;
  samples: { label: string; source: string; status: number }[];
};

type Row = { name: string; type: string; required: boolean; notes: string };

const MAX_DEPTH = 6;

/** A schema as one line of type text, resolving `$ref` to the named schema. */
function typeOf(schema: JsonSchema, resolve: (ref: string) => JsonSchema): string {
  if (schema.$ref) return schema.$ref.split("/").pop() ?? "object";
  if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, resolve)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const base = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  if (base === "array" && schema.items) return `${typeOf(schema.items, resolve)}[]`;
  if (base === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object")
    return `map of ${typeOf(schema.additionalProperties, resolve)}`;
  return schema.format ? `${base} (${schema.format})` : base;
}

function notesOf(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.description) parts.push(schema.description);
  if (schema.enum) parts.push(`One of: ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}.`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}.`);
  if (schema.maximum !== undefined) parts.push(`≤ ${schema.maximum}.`);
  if (schema.minLength !== undefined && schema.minLength > 0) parts.push(`At least ${schema.minLength} characters.`);
  if (schema.maxLength !== undefined) parts.push(`At most ${schema.maxLength} characters.`);
  if (schema.minItems !== undefined) parts.push(`At least ${schema.minItems} items.`);
  if (schema.maxItems !== undefined) parts.push(`At most ${schema.maxItems} items.`);
  if (schema.default !== undefined) parts.push(`Default ${JSON.stringify(schema.default)}.`);
  return parts.join(" ");
}

/** The fields of a schema, nested ones as `a.b` and array items as `a[].b`. */
function schemaRows(schema: JsonSchema, resolve: (ref: string) => JsonSchema, prefix = "", depth = 0): Row[] {
  const target = schema.$ref ? resolve(schema.$ref) : schema;
  const inner = target.anyOf?.find((s) => s.type !== "null") ?? target;
  const object = inner.$ref ? resolve(inner.$ref) : inner;
  if (depth > MAX_DEPTH) return [];
  if (object.type === "array" && object.items) return schemaRows(object.items, resolve, `${prefix}[]`, depth + 1);
  if (!object.properties) return [];
  return Object.entries(object.properties).flatMap(([name, prop]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const row: Row = {
      name: path,
      type: typeOf(prop, resolve),
      required: (object.required ?? []).includes(name),
      notes: notesOf(prop.$ref ? { ...resolve(prop.$ref), ...prop } : prop),
    };
    return [row, ...schemaRows(prop, resolve, path, depth + 1)];
  });
}

function FieldTable({ caption, rows }: { caption: string; rows: Row[] }) {
  if (!rows.length) return null;
  return (
    <TableScroll label={caption} className="mt-2">
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Field
            </th>
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              Required
            </th>
            <th scope="col" className="px-3 py-2">
              Description
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} className="border-t border-slate-100 align-top">
              <th scope="row" className="px-3 py-2 font-mono text-xs font-normal">
                {r.name}
              </th>
              <td className="px-3 py-2 font-mono text-xs">{r.type}</td>
              <td className="px-3 py-2">{r.required ? "Yes" : "No"}</td>
              <td className="px-3 py-2 text-slate-700">{r.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A scrollable code block: focusable so a keyboard can scroll it, and a region named for what it holds (axe's
 * landmark-unique: every region's name must differ). */
const Code = ({ label, children }: { label: string; children: string }) => (
  <pre
    className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100"
    tabIndex={0}
    role="region"
    aria-label={label}
  >
    <code>{children}</code>
  </pre>
);

const AUTH: Record<(typeof API_OPERATIONS)[number]["security"], string> = {
  apiToken: "an API token: Authorization: Bearer pbk_…",
  inboundClient: "the Inbound API client id and secret (HTTP Basic, or in the body)",
  inboundToken: "an Inbound API token: Authorization: Bearer pbt_…",
  public: "none",
};

type Document = {
  paths: Record<
    string,
    Record<
      string,
      Omit<ReferenceOperation, "method" | "path" | "auth" | "samples" | "parameters"> & {
        parameters?: ReferenceOperation["parameters"];
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
};

/** The document's operations, in the order of API_OPERATIONS, with their examples as curl commands. */
function referenceOperations() {
  const doc = buildOpenApiDocument() as unknown as Document;
  const resolve = (ref: string): JsonSchema => doc.components.schemas[ref.split("/").pop() ?? ""] ?? {};
  const operations: ReferenceOperation[] = API_OPERATIONS.map((op) => ({
    ...doc.paths[op.path][op.method],
    parameters: doc.paths[op.path][op.method].parameters ?? [],
    method: op.method,
    path: op.path,
    auth: AUTH[op.security],
    samples: op.examples.map((e) => ({ label: e.summary, status: e.status, source: exampleCurl(op, e) })),
  }));
  return { operations, resolve };
}

export function ApiReference() {
  const { operations, resolve } = referenceOperations();
  return (
    <>
      <nav aria-label="Operations" className="mb-8 rounded-lg border border-slate-200 bg-white p-4">
        <ul className="space-y-1 text-sm">
          {operations.map((op) => (
            <li key={op.operationId}>
              <a href={`#${op.operationId}`} className="text-brand-700 hover:underline">
                <span className="font-mono text-xs uppercase">{op.method}</span>{" "}
                <span className="break-all font-mono text-xs">{op.path}</span> · {op.summary}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map((op) => (
        <section
          key={op.operationId}
          id={op.operationId}
          aria-labelledby={`${op.operationId}-title`}
          className="mb-8 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        >
          <h2 id={`${op.operationId}-title`} className="text-lg font-semibold">
            {op.summary}
          </h2>
          <p className="mt-1 break-all font-mono text-sm">
            <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold uppercase">{op.method}</span>
            {op.path}
          </p>
          <p className="mt-2 text-sm text-slate-700">{op.description}</p>
          <p className="mt-1 text-sm text-slate-600">Authentication: {op.auth}</p>

          {op.parameters.length ? (
            <>
              <h3 className="mt-4 font-medium">Parameters</h3>
              <FieldTable
                caption={`Parameters of ${op.summary}`}
                rows={op.parameters.map((p) => ({
                  name: `${p.name} (${p.in})`,
                  type: typeOf(p.schema, resolve),
                  required: p.required,
                  notes: notesOf({ ...p.schema, description: p.description }),
                }))}
              />
            </>
          ) : null}

          {op.requestBody ? (
            <>
              <h3 className="mt-4 font-medium">Request body</h3>
              <p className="mt-1 text-sm text-slate-600">
                {op.requestBody.description} As {Object.keys(op.requestBody.content).join(" or ")}.
              </p>
              <FieldTable
                caption={`Request body of ${op.summary}`}
                rows={schemaRows(Object.values(op.requestBody.content)[0].schema, resolve)}
              />
            </>
          ) : null}

          <h3 className="mt-4 font-medium">Responses</h3>
          {Object.entries(op.responses).map(([status, response]) => (
            <div key={status} className="mt-3">
              <h4 className="text-sm font-semibold">
                {status} <span className="font-normal text-slate-700">{response.description}</span>
              </h4>
              <FieldTable
                caption={`Response ${status} of ${op.summary}`}
                rows={schemaRows(response.content["application/json"].schema, resolve)}
              />
            </div>
          ))}

          <h3 className="mt-4 font-medium">Examples</h3>
          {op.samples.map((s) => {
            const response = Object.entries(op.responses).find(([status]) => status === String(s.status))?.[1];
            const example = Object.values(response?.content["application/json"].examples ?? {}).find(
              (e) => e.summary === s.label,
            );
            return (
              <div key={s.label} className="mt-3">
                <h4 className="text-sm font-semibold">
                  {s.label} → {s.status}
                </h4>
                <Code label={`${op.summary}, ${s.label}: request`}>{s.source}</Code>
                {example ? (
                  <Code label={`${op.summary}, ${s.label}: response`}>{JSON.stringify(example.value, null, 2)}</Code>
                ) : null}
              </div>
            );
          })}
        </section>
      ))}
    </>
  );
}
