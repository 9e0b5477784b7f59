import { NextRequest } from "next/server";
import { services, syncRuns } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { csvCell, REPORT_CSV_HEADER } from "@/lib/sync-reports/csv";
import { getSystem } from "@/lib/systems";
import { useTestDb } from "../../helpers/db";
import { createConnector, createMember, createOrganisation } from "../../helpers/factories";

let current: SessionUser | null = null;
jest.mock("@/lib/auth/session", () => ({ getCurrentUser: () => Promise.resolve(current) }));

import { GET } from "@/app/(app)/sync-reports/export/route";

const db = useTestDb();
const day = new Date().toISOString().slice(0, 10);
const BULK = 2_345; // more than two of the export's 1,000-row batches
let user: SessionUser;

/** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    cell = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell || row.length) throw new Error("the last record does not end with CRLF");
  return rows;
}

beforeAll(async () => {
  const org = await createOrganisation(db(), "CSV");
  user = await createMember(db(), org.orgId, "read_only");
  const other = await createOrganisation(db(), "CSV other");
  const conn = (orgId: string, systemId: string, name: string) =>
    createConnector(db(), orgId, { systemId, authType: "token", credentials: { k: "v" }, name }).then((c) => c.id);
  const [svc] = await db()
    .insert(services)
    .values({
      orgId: org.orgId,
      name: '@SUM(A1) orders, "EU"',
      sourceConnectorId: await conn(org.orgId, "shopify", "Shop, UK"),
      destinationConnectorId: await conn(org.orgId, "netsuite", "ERP"),
    })
    .returning();
  const [theirs] = await db()
    .insert(services)
    .values({
      orgId: other.orgId,
      name: "Theirs",
      sourceConnectorId: await conn(other.orgId, "shopify", "S"),
      destinationConnectorId: await conn(other.orgId, "netsuite", "N"),
    })
    .returning();
  const at = (i: number) => new Date(Date.parse(`${day}T00:00:00Z`) + i * 1000);
  await db()
    .insert(syncRuns)
    .values([
      {
        orgId: org.orgId,
        serviceId: svc.id,
        externalId: '=HYPERLINK("http://evil")',
        startedAt: at(BULK + 3),
        finishedAt: at(BULK + 4),
        status: "failed",
        pulledCount: 3,
        pushedCount: 1,
        errorMessage: 'Line one, with "quotes"\r\nline two\n+cmd',
      },
      {
        orgId: org.orgId,
        serviceId: svc.id,
        externalId: "-2+3",
        startedAt: at(BULK + 2),
        status: "pending",
        errorMessage: "@risk",
      },
      {
        orgId: org.orgId,
        serviceId: svc.id,
        externalId: "plain-1",
        startedAt: at(BULK + 1),
        finishedAt: at(BULK + 1),
        status: "ok",
        pulledCount: 5,
        pushedCount: 5,
      },
      ...Array.from({ length: BULK }, (_, i) => ({
        orgId: org.orgId,
        serviceId: svc.id,
        externalId: `bulk-${String(i).padStart(5, "0")}`,
        startedAt: at(i),
        status: i % 2 ? ("ok" as const) : ("failed" as const),
      })),
      { orgId: other.orgId, serviceId: theirs.id, externalId: "bulk-99999", startedAt: at(5), status: "failed" },
    ]);
});

const download = async (query: string) => {
  const res = await GET(new NextRequest(`http://localhost/sync-reports/export?${query}`));
  const text = await res.text();
  return { res, rows: res.status === 200 ? parseCsv(text.replace(/^\uFEFF/, "")) : [] };
};

describe("csvCell", () => {
  it("quotes per RFC 4180 and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    for (const lead of ["=", "+", "-", "@", "\t"]) expect(csvCell(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(csvCell("=A1,B1")).toBe(`"'=A1,B1"`);
    expect([csvCell(null), csvCell(undefined), csvCell(0), csvCell(42)]).toEqual(["", "", "0", "42"]);
  });
});

describe("GET /sync-reports/export", () => {
  beforeEach(() => (current = user));

  it("sends to sign-in without a session", async () => {
    current = null;
    const { res } = await download("status=failed");
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toContain("/login?callbackUrl=%2Fsync-reports%3Fstatus%3Dfailed");
  });

  it("streams every matching row of every page, newest first, with a header and attachment headers", async () => {
    const { res, rows } = await download("");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="sync-report_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(rows[0]).toEqual(REPORT_CSV_HEADER);
    expect(rows).toHaveLength(1 + BULK + 3);
    expect(rows.every((r) => r.length === REPORT_CSV_HEADER.length)).toBe(true);
    expect(rows.slice(1, 5).map((r) => r[0])).toEqual([
      '\'=HYPERLINK("http://evil")',
      "'-2+3",
      "plain-1",
      `bulk-${String(BULK - 1).padStart(5, "0")}`,
    ]);
    expect(rows.at(-1)![0]).toBe("bulk-00000");
    expect(rows.some((r) => r[0] === "bulk-99999")).toBe(false); // another organisation's
  });

  it("writes the fields as the page shows them, escaped", async () => {
    const { rows } = await download("q=%3DHYP");
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(REPORT_CSV_HEADER.map((h, i) => [h, rows[1][i]]));
    expect(row).toMatchObject({
      Status: "Failed",
      Service: '\'@SUM(A1) orders, "EU"',
      Environment: "live",
      "Source connector": "Shop, UK",
      "Source system": getSystem("shopify")!.name,
      "Destination system": getSystem("netsuite")!.name,
      Pulled: "3",
      Pushed: "1",
      Error: 'Line one, with "quotes"\r\nline two\n+cmd',
    });
    expect(row["Started (UTC)"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it("honours the filters exactly as the page does", async () => {
    const failed = await download("status=failed");
    expect(failed.rows).toHaveLength(1 + 1 + Math.ceil(BULK / 2));
    expect(failed.rows.slice(1).every((r) => r[1] === "Failed")).toBe(true);
    expect((await download("q=plain")).rows.map((r) => r[0])).toEqual(["Sync id", "plain-1"]);
    expect((await download("system=veeqo")).rows).toHaveLength(1);
  });
});
