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
      const rows = section
        .split("\n")
        .filter((line) => line.startsWith("|"))
        .map((line) =>
          line
            .split("|")
            .slice(1, -1)
            .map((cell) => cell.trim()),
        );
      for (const authType of system.authTypes) {
        if (!section.includes(`Auth type \`${authType.id}\``)) missing.push(`${system.id}: auth type ${authType.id}`);
        for (const field of authType.fields) {
          // A table row: | `key` | label | secret | kind | notes |, cells padded to the column's width.
          const cells = rows.find((row) => row[0] === `\`${field.key}\``);
          if (!cells) missing.push(`${system.id}: field ${field.key}`);
          else if (cells[2] !== (field.secret ? "yes" : "no")) missing.push(`${system.id}: ${field.key} secret flag`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
