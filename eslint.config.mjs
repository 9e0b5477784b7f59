// ESLint over the whole repository: typescript-eslint's strict type-checked rules, React's hooks rules, the Next.js
// rules, and eslint-config-prettier last so no stylistic rule fights Prettier. `npm run lint` fails on any warning.
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "coverage/**",
      ".data/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    ...reactHooks.configs.flat.recommended,
    // Server-side tests render no React: their Jest helpers named use* (useTestDb, useDbHandle) are not hooks.
    ignores: ["tests/{unit,integration,helpers,e2e}/**"],
  },
  nextPlugin.configs.recommended,
  nextPlugin.configs["core-web-vitals"],
  {
    name: "patchbay/tuning",
    rules: {
      // Numbers read naturally in messages (`${count} checks`); other non-strings still need an explicit String().
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `onChange={(e) => setValue(e.target.value)}` and `if (err) return callback(err)` in a void function are idioms;
      // a void result used as a value (assigned, passed, in a condition) is still reported.
      "@typescript-eslint/no-confusing-void-expression": [
        "error",
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
    },
  },
  {
    // One way to link: components/ui/link.tsx (Next.js's Link without prefetching; it says why).
    name: "patchbay/links",
    files: ["app/**", "components/**", "lib/**"],
    ignores: ["components/ui/link.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "next/link", message: "Use Link from @/components/ui/link (no prefetching; see there)." }] },
      ],
    },
  },
  {
    name: "patchbay/tests",
    files: ["tests/**"],
    rules: {
      // A wrong `result!.field` fails the test at that line, which is the check a test wants; guards would only add noise.
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // Plain JavaScript (config files, the test runner, the PGlite worker) is outside tsconfig: lint without types.
    name: "patchbay/javascript",
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
