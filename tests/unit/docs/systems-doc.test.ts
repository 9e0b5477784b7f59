import { readFileSync } from "node:fs";
import path from "node:path";
import { listSystems } from "@/lib/systems";

// docs/systems.md is where every system's fields, probe and vendor evidence are explained: a system or a credential
// field the page does not mention is a gap this test names.
const doc = readFileSync(path.join(process.cwd(), "docs/systems.md"), "utf8");

describe("docs/systems.md", () => {
  it("has a section for every system, with each auth type and credential field key", () => {
    const missing: string[] = [];
    for (const system of listSystems()) {
      const section = doc.split(`<a id="${system.id}"></a>`)[1]?.split('<a id="')[0];
      if (!section) {
        missing.push(system.id);
        continue;
      }
      for (const authType of system.authTypes) {
        if (!section.includes(`Auth type \`${authType.id}\``)) missing.push(`${system.id}: auth type ${authType.id}`);
        for (const field of authType.fields) {
          const row = section.split("\n").find((line) => line.startsWith(`| \`${field.key}\` |`));
          if (!row) missing.push(`${system.id}: field ${field.key}`);
          else if (!row.includes(`| ${field.secret ? "yes" : "no"} |`)) missing.push(`${system.id}: ${field.key} secret flag`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
