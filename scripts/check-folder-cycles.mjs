#!/usr/bin/env node
// Folder cycles: reads dependency-cruiser's JSON (`depcruise ... -T json`) on stdin, collapses every module of app/,
// components/, lib/ and db/ to its folder (lib/*.ts root files are folder `lib`), and reports each strongly connected
// component of the folder graph that holds more than one folder, with one import per folder edge as evidence.
// dependency-cruiser's own `circular` rule works module by module, so lib/a/x -> lib/b/y -> lib/a/z (no module
// cycle) would pass it. Exits 1 when a folder cycle exists, 2 when the input is not a cruise result.
import path from "node:path";

const SCOPE = /^(app|components|lib|db)\//;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Folder graph: folder -> (folder -> example imports "from -> to"). Self-edges (imports inside a folder) are dropped. */
function folderGraph(modules) {
  const graph = new Map();
  for (const mod of modules) {
    if (!SCOPE.test(mod.source)) continue;
    const from = path.posix.dirname(mod.source);
    if (!graph.has(from)) graph.set(from, new Map());
    for (const dep of mod.dependencies) {
      if (!SCOPE.test(dep.resolved)) continue;
      const to = path.posix.dirname(dep.resolved);
      if (to === from) continue;
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${mod.source} -> ${dep.resolved}`);
      if (!graph.has(to)) graph.set(to, new Map());
    }
  }
  return graph;
}

/** Tarjan's strongly connected components, iterative so a deep graph cannot overflow the stack. */
function stronglyConnected(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [{ node: root, next: [...graph.get(root).keys()], i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.next.length) {
        const child = frame.next[frame.i++];
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ node: child, next: [...graph.get(child).keys()], i: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(child)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.sort());
      }
    }
  }
  return components;
}

async function main() {
  let cruise;
  try {
    cruise = JSON.parse(await readStdin());
  } catch {
    console.error("check-folder-cycles: stdin is not JSON; pipe `depcruise ... -T json` into it");
    process.exit(2);
  }
  if (!Array.isArray(cruise?.modules)) {
    console.error("check-folder-cycles: no `modules` in the input; pipe `depcruise ... -T json` into it");
    process.exit(2);
  }
  const graph = folderGraph(cruise.modules);
  const cycles = stronglyConnected(graph).filter((component) => component.length > 1);
  if (cycles.length === 0) {
    console.log(`folder cycles: none (${graph.size} folders in app, components, lib, db)`);
    return;
  }
  for (const component of cycles) {
    console.log(`folder cycle: ${component.join(", ")}`);
    const members = new Set(component);
    for (const from of component) {
      for (const [to, imports] of graph.get(from)) {
        if (!members.has(to)) continue;
        const more = imports.length > 1 ? ` (+${imports.length - 1} more)` : "";
        console.log(`  ${from} -> ${to}: ${imports[0]}${more}`);
      }
    }
  }
  console.log(`x ${cycles.length} folder cycle(s) in app, components, lib, db`);
  process.exitCode = 1;
}

await main();
