import { randomBytes } from "node:crypto";
import { checkSystem } from "@/lib/checks/check-system";
import { listSystems } from "@/lib/systems";
import { parseCredentials } from "@/lib/systems/schema";
import type { AuthTypeDef, CredentialField } from "@/lib/health/contract";
import { htmlDec, json, leakedIn, url } from "@/tests/helpers/secret-leaks";
import { failingLookup } from "@/tests/helpers/fake-systems";
import { startEmulator, type Emulator } from "@/tests/helpers/vendor-mock";

/**
 * Every HTTP system in the registry against a vendor that echoes everything it received (header values, query,
 * body) in the places error texts and names are read from, in several encodings and with each status a probe
 * reads text for. A probe that puts vendor text into a message without handing it to the engine's redaction
 * would show a piece of a secret here. New systems are covered without writing anything.
 */

const rand = (n: number) => randomBytes(n).toString("base64url").replace(/[-_]/g, "x").slice(0, n);
// Candidates tried in order until the field rules accept them; secrets get fresh random values of several shapes.
const TEXT = [
  "demo",
  "demo-retail",
  "1234567",
  "10020",
  "10020-140",
  "ct05072",
  "1.6",
  "ck_demo0123",
  "customscript_patchbay",
  "customdeploy1",
  "DEMO",
  "demo_1",
  "1",
  "api",
  "wms.peoplevox.net",
];
const URLS = [
  "https://vendor.example.com",
  "https://vendor.example.com/api/",
  "https://vendor.example.com:50000/b1s/v1",
  "https://vendor.example.com:7048/DynamicsNAV110/ODataV4/Company('CRONUS')/Customer",
];
const HOSTS = ["vendor.example.com"];
const guid = () => [8, 4, 4, 4, 12].map((n) => randomBytes(n).toString("hex").slice(0, n)).join("-");
const secretCandidates = () => [
  `Zq9!${rand(10)}#wV5$`,
  `${rand(14)}7Kp2`,
  guid(),
  randomBytes(16).toString("hex"),
  `cs_${rand(20)}`,
  `ck_${rand(20)}`,
  `sbx_${rand(20)}`,
];

function candidates(field: CredentialField): string[] {
  if (field.secret) return secretCandidates();
  const preset = [field.defaultValue, field.options?.[0]?.value].filter(
    (v): v is string => typeof v === "string" && v !== "",
  );
  const byKind =
    field.kind === "url"
      ? URLS
      : field.kind === "host"
        ? HOSTS
        : field.kind === "number"
          ? ["443", "22", "1"]
          : [...TEXT, guid()];
  return [...preset, ...byKind, ...URLS, ...HOSTS];
}

/** Field values the rules accept, or undefined when no candidate fits some field. */
function sampleCredentials(authType: AuthTypeDef): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  const options = Object.fromEntries(authType.fields.map((f) => [f.key, candidates(f)]));
  for (const f of authType.fields) values[f.key] = options[f.key][0];
  for (let round = 0; round < 20; round++) {
    const parsed = parseCredentials(authType, values);
    if (parsed.ok) return values;
    for (const key of Object.keys(parsed.fieldErrors)) {
      const list = options[key] as string[] | undefined;
      if (!list || list.length < 2) return undefined;
      list.shift();
      values[key] = list[0];
    }
  }
  return undefined;
}

const ECHOES: [string, (s: string) => string][] = [
  ["verbatim", (s) => s],
  ["upper", (s) => s.toUpperCase()],
  ["base64 at offset 1", (s) => Buffer.from(`x${s}`).toString("base64")],
  ["url-encoded", url],
  ["json-escaped", json],
  ["html entities", htmlDec],
  ["cut after 12", (s) => s.slice(0, 12)],
];

const xml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

describe("no system puts an echoed secret into its messages", () => {
  let emu: Emulator;
  let status = 401;
  let encode: (s: string) => string = (s) => s;
  beforeAll(async () => {
    emu = await startEmulator((req, res) => {
      const query = new URL(req.path, "http://x").searchParams;
      const material = [...Object.values(req.headers).map(String), ...query.values(), req.body].filter(
        (v) => v.length >= 8,
      );
      const said = material.map(encode).join(" | ");
      if (/xml|soap/i.test(req.headers["content-type"] ?? "") || /wsdl/i.test(req.path)) {
        res.writeHead(status === 200 ? 500 : status, { "content-type": "text/xml" });
        const e = xml(said);
        res.end(
          `<?xml version="1.0"?><Envelope><Body><Fault><faultcode>${e}</faultcode><faultstring>${e}</faultstring></Fault>` +
            `<AuthenticateResult><ResponseId>-1</ResponseId><ErrorCode>${e}</ErrorCode><Detail>${e}</Detail></AuthenticateResult></Body></Envelope>`,
        );
        return;
      }
      const errorObject = { message: said, code: said, name: said, data: { message: said, name: said } };
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          message: said,
          Message: said,
          error: status === 200 ? undefined : said,
          error_description: said,
          error_codes: [said],
          errors: [{ message: said, code: said }],
          Error: said,
          Description: said,
          detail: said,
          error_message: said,
          CallStatus: { Success: false, Code: 401, Message: said, ErrorMessage: said },
          name: said,
          shop: { name: said },
          data: { shop: { name: said }, shops: [], message: said },
          company: { name: said },
          retailer: { name: said },
          account: { name: said },
          store: { name: said },
          project: { name: said },
          Version: said,
          SessionId: undefined,
          result: undefined,
          ...(status === 200 ? {} : { code: 105001, fault: errorObject, jsonrpc: "2.0", id: 1 }),
        }),
      );
    });
  });
  afterAll(() => emu.close());

  // Platform-managed systems (the Inbound API) make no outgoing request; SSH keys need a real key pair (the SFTP
  // tests cover that probe's messages with a real server).
  const cases = listSystems()
    .filter((system) => !system.platformManaged)
    .flatMap((system) => system.authTypes.filter((a) => a.id !== "ssh-key").map((authType) => ({ system, authType })));

  it.each(cases.map((c) => [`${c.system.id}/${c.authType.id}`, c] as const))(
    "%s",
    async (_name, { system, authType }) => {
      const credentials = sampleCredentials(authType);
      if (!credentials)
        throw new Error(`No sample credentials fit the field rules of ${system.id}/${authType.id}: add a candidate.`);
      const secrets = authType.fields
        .filter((f) => f.secret)
        .map((f) => credentials[f.key])
        .filter((v) => v && v.length >= 8);
      for (const s of [401, 400, 403, 200]) {
        for (const [name, e] of ECHOES) {
          status = s;
          encode = e;
          const result = await checkSystem(
            { system, authType: authType.id, credentials },
            { dispatcher: emu.dispatcher, timeoutMs: 2000, lookup: failingLookup("ENOTFOUND") },
          );
          const leaked = leakedIn([result.message, result.hint], secrets).filter((p) => p.length >= 8);
          // Named by status and echo, with the texts, so a failure says where the piece came out.
          expect({
            status: s,
            echo: name,
            leaked: leaked.slice(0, 2),
            ...(leaked.length ? { message: result.message, hint: result.hint } : {}),
          }).toEqual({ status: s, echo: name, leaked: [] });
        }
      }
    },
  );
});
