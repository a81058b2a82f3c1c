// Fails when the TypeScript import graph of src/, media/ and local-cognito/ has a circle, type-only imports
// included. Why type-only too: a circle of types still ties the modules' meanings together, and the bundler
// follows the value edges that ride along (a circle through profiles → signInFlow is how dist/hover.js came
// to carry the SRP module). Uses the compiler we already have (no madge/dpdm dependency): each file's
// import/export/require specifiers from ts.preProcessFile, resolved with ts.resolveModuleName, then
// Tarjan's strongly connected components; every component of more than one file (or a file importing
// itself) is a circle, printed with one path around it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { root } from './lib.mjs';

const roots = ['src', 'media', 'local-cognito'];
const compilerOptions = { moduleResolution: ts.ModuleResolutionKind.Node10, resolveJsonModule: true };

function listFiles(folder) {
  const out = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'out' && name !== 'node_modules') out.push(...listFiles(path));
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

export function importGraph(rootFolders = roots) {
  const files = rootFolders.flatMap((folder) => listFiles(resolve(root, folder)));
  const inGraph = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(fileName, file, compilerOptions, ts.sys).resolvedModule;
      if (resolved && inGraph.has(resolved.resolvedFileName)) targets.add(resolved.resolvedFileName);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Strongly connected components with more than one member, or a self-import (Tarjan). */
export function findCircles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const circles = [];
  const visit = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) circles.push(component);
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return circles;
}

/** One path around a component, for the message: a breadth-first walk back to its start. */
function pathAround(graph, component) {
  const members = new Set(component);
  const start = component[component.length - 1];
  const previous = new Map();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]));
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return component;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = importGraph();
  const circles = findCircles(graph);
  if (circles.length === 0) {
    console.log(`no import circles among ${graph.size} files`);
  } else {
    for (const component of circles) {
      console.error(`import circle: ${pathAround(graph, component).map((file) => relative(root, file)).join(' → ')}`);
    }
    console.error(`${circles.length} import circle(s): break each (move the shared piece to its own file).`);
    process.exit(1);
  }
}
