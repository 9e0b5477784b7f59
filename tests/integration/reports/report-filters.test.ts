import { filtersToParams, parseReportFilters } from "@/lib/sync-reports/filters";

const NOW = new Date("2025-03-10T15:30:00Z");
const parse = (q: string) => parseReportFilters(new URLSearchParams(q), NOW);
const CONNECTOR = "0f8e7c6b-5a49-4382-9170-6f5e4d3c2b1a";

describe("parseReportFilters", () => {
  it("defaults to the last 5 UTC days including today, as [start, end)", () => {
    const f = parse("");
    expect(f).toMatchObject({ from: "2025-03-06", to: "2025-03-10", notices: [] });
    expect(f.start.toISOString()).toBe("2025-03-06T00:00:00.000Z");
    expect(f.end.toISOString()).toBe("2025-03-11T00:00:00.000Z");
  });

  it("takes explicit dates, and fills the missing end with 5 days (never past today)", () => {
    expect(parse("from=2025-03-01&to=2025-03-03")).toMatchObject({ from: "2025-03-01", to: "2025-03-03", notices: [] });
    expect(parse("from=2025-02-01")).toMatchObject({ from: "2025-02-01", to: "2025-02-05" });
    expect(parse("from=2025-03-09")).toMatchObject({ from: "2025-03-09", to: "2025-03-10" });
    expect(parse("to=2025-02-01")).toMatchObject({ from: "2025-01-28", to: "2025-02-01" });
  });

  it("allows exactly 15 days and clamps a wider range to the 15 days up to its end date, saying so", () => {
    expect(parse("from=2025-02-24&to=2025-03-10")).toMatchObject({ from: "2025-02-24", to: "2025-03-10", notices: [] });
    const wide = parse("from=2025-01-01&to=2025-03-10");
    expect(wide).toMatchObject({ from: "2025-02-24", to: "2025-03-10" });
    expect(wide.notices).toEqual([expect.stringContaining("at most 15 days")]);
    expect((wide.end.getTime() - wide.start.getTime()) / 86_400_000).toBe(15);
  });

  it("swaps a reversed range and reports dates that do not exist", () => {
    const reversed = parse("from=2025-03-08&to=2025-03-02");
    expect(reversed).toMatchObject({ from: "2025-03-02", to: "2025-03-08" });
    expect(reversed.notices[0]).toMatch(/swapped/);
    const bad = parse("from=2025-02-30&to=yesterday");
    expect(bad).toMatchObject({ from: "2025-03-06", to: "2025-03-10" });
    expect(bad.notices).toHaveLength(2);
    expect(bad.notices[0]).toContain('"2025-02-30" is not a date');
  });

  it("bounds dates to 2000-2100 and ignores a search with control characters, saying so", () => {
    const far = parse("to=9999-12-31");
    expect(far).toMatchObject({ from: "2025-03-06", to: "2025-03-10" });
    expect(far.notices).toEqual([expect.stringContaining("outside 2000–2100")]);
    expect(parse("from=1999-12-31&to=2000-01-02")).toMatchObject({ from: "2000-01-01", to: "2000-01-02" });
    expect(parse("from=2100-12-30&to=2100-12-31")).toMatchObject({ from: "2100-12-30", to: "2100-12-31", notices: [] });
    for (const q of ["%00", "a%1B%5B31m", "a%0Ab"]) {
      const f = parse(`q=${q}`);
      expect(f.q).toBeUndefined();
      expect(f.notices).toEqual([expect.stringContaining("search text contained control characters")]);
    }
    expect(parse("q=Cafe%CC%81").q).toBe("Café");
    expect(parse(`q=${"😀".repeat(250)}`).q).toBe("😀".repeat(200));
  });

  it("keeps known statuses, systems and well-formed ids; drops anything else", () => {
    expect(
      parse(`status=failed&system=shopify&connector=${CONNECTOR.toUpperCase()}&service=${CONNECTOR}&q=%20ord-1%20`),
    ).toMatchObject({
      status: "failed",
      systemId: "shopify",
      connectorId: CONNECTOR,
      serviceId: CONNECTOR,
      q: "ord-1",
    });
    const junk = parse("status=exploded&system=nope&connector=1%20or%201=1&service=x&q=");
    expect([junk.status, junk.systemId, junk.connectorId, junk.serviceId, junk.q]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(parse(`q=${"x".repeat(500)}`).q).toHaveLength(200);
  });

  it("reads Next's searchParams objects the same way as URLSearchParams", () => {
    expect(parseReportFilters({ from: ["2025-03-01", "2025-01-01"], status: "ok" }, NOW)).toMatchObject({
      from: "2025-03-01",
      to: "2025-03-05",
      status: "ok",
    });
  });

  it("round-trips through filtersToParams with the dates made explicit", () => {
    const f = parse(`status=pending&system=netsuite&connector=${CONNECTOR}&q=a%26b`);
    const again = parseReportFilters(filtersToParams(f), new Date("2025-04-30T00:00:00Z"));
    expect({ ...again, start: undefined, end: undefined }).toEqual({ ...f, start: undefined, end: undefined });
    expect(filtersToParams(f, { before: "42" }).get("before")).toBe("42");
  });
});
