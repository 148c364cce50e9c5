#!/usr/bin/env node
// Copied unchanged (but for this note) from the project's shared scoring harness,
// shared/bench/defuddle_worker.js, so that bench/extraction runs the anchor exactly as
// the shared harness does. Keep the two in step when the shared one changes.
// bench/extraction/extractors.py starts it; "bench/extraction.py" below is the
// shared harness, whose role bench/extraction plays here.
// Long-lived Defuddle worker for bench/extraction.py.
//
// Protocol: one JSON object per line on stdin,
//   {"html": "...", "url": "..."|null, "markdown": true|false};
// one JSON object per line on stdout with Defuddle's metadata fields, and
// "markdown" (its contentMarkdown) when asked for, else "content" (its HTML),
// plus "ms": the time spent inside this process on parsing the page with
// linkedom + Defuddle() (+ its Markdown conversion when asked for).
//
// The page is parsed as Defuddle's own test suite does (its linkedom-compat
// helper: linkedom plus the two polyfills Defuddle expects), and fetch is
// replaced by one that always fails, as in that suite, so that no extractor
// reaches the network and every page takes the local DOM path.
//
// Modules come from the node_modules folder named by NODE_PATH (set by the
// Python side to the folder that bench/setup_defuddle.sh fills).  defuddle's
// "./node" export is import-only, so its CommonJS files are loaded by path.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");
const { performance } = require("node:perf_hooks");

const FALLBACK_URL = "https://example.com/";
const MODULES = (process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean)[0]
  || path.join(process.cwd(), "node_modules");

// Everything Defuddle (or a dependency) prints would corrupt the protocol on
// stdout: keep the real writer for replies and send console output to stderr,
// or drop it unless DEFUDDLE_WORKER_VERBOSE is set.
const out = process.stdout.write.bind(process.stdout);
const verbose = Boolean(process.env.DEFUDDLE_WORKER_VERBOSE);
for (const level of ["log", "info", "warn", "error", "debug", "trace"]) {
  console[level] = verbose ? (...args) => process.stderr.write(args.join(" ") + "\n") : () => {};
}

const { Defuddle } = require(path.join(MODULES, "defuddle", "dist", "node.js"));
const { parseLinkedomHTML } = require(
  path.join(MODULES, "defuddle", "dist", "utils", "linkedom-compat.js"));

function versionOf(name) {
  try {
    const pkg = path.join(MODULES, ...name.split("/"), "package.json");
    return JSON.parse(fs.readFileSync(pkg, "utf8")).version;
  } catch (err) {
    return null;
  }
}

const offlineFetch = () => Promise.reject(new Error("network disabled in the benchmark"));
// A rejected fetch that an extractor does not await must not end the worker.
process.on("unhandledRejection", () => {});

async function extract(html, url, markdown) {
  const pageUrl = url || FALLBACK_URL;
  const doc = parseLinkedomHTML(html, pageUrl);
  const options = { fetch: offlineFetch };
  if (markdown) options.separateMarkdown = true;
  return Defuddle(doc, pageUrl, options);
}

function write(obj) {
  out(JSON.stringify(obj) + "\n");
}

write({
  ready: true,
  versions: {
    defuddle: versionOf("defuddle"),
    linkedom: versionOf("linkedom"),
    turndown: versionOf("turndown"),
    node: process.versions.node,
  },
});

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (err) {
    write({ error: `bad request: ${err.message}`, ms: 0 });
    return;
  }
  const markdown = request.markdown !== false;
  const t0 = performance.now();
  try {
    const r = await extract(request.html || "", request.url, markdown);
    const ms = performance.now() - t0;
    const reply = {
      ms,
      title: r.title || null,
      author: r.author || null,
      published: r.published || null,
      site: r.site || null,
      description: r.description || null,
      domain: r.domain || null,
      language: r.language || null,
      wordCount: r.wordCount ?? null,
      parseTime: r.parseTime ?? null,
    };
    if (markdown) reply.markdown = r.contentMarkdown ?? "";
    else reply.content = r.content ?? "";
    write(reply);
  } catch (err) {
    write({ error: String((err && err.stack) || err), ms: performance.now() - t0 });
  }
}

// Defuddle is async: requests are answered one at a time, in order.
let queue = Promise.resolve();
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  queue = queue.then(() => handle(line));
});
rl.on("close", () => {
  queue.then(() => process.exit(0));
});
