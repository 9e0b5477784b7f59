import v8 from "node:v8";
import { setHeapGrowingFactor } from "@/lib/startup/heap-growth";

// What the factor does to memory is measured by `npm run bench:sweep` (peak RSS): V8's collector is too sensitive to
// timing and allocation-site feedback for a test to assert heap sizes. Here: when it applies and what it sets.
describe("setHeapGrowingFactor (lib/startup/heap-growth.ts)", () => {
  const execArgv = process.execArgv;
  let setFlags: jest.SpyInstance;
  beforeEach(() => {
    setFlags = jest.spyOn(v8, "setFlagsFromString").mockImplementation(() => undefined);
  });
  afterEach(() => {
    setFlags.mockRestore();
    process.execArgv = execArgv;
  });

  it("sets the old generation's growing factor to 2x", () => {
    process.execArgv = ["--enable-source-maps"];
    setHeapGrowingFactor();
    expect(setFlags).toHaveBeenCalledWith("--heap-growing-percent=100");
  });

  it.each(["--heap-growing-percent=300", "--heap_growing_percent=50"])("keeps an operator's own %s", (flag) => {
    process.execArgv = ["--enable-source-maps", flag];
    setHeapGrowingFactor();
    expect(setFlags).not.toHaveBeenCalled();
  });
});
