#!/usr/bin/env node
// Copied unchanged (but for this note) from the project's shared scoring harness,
// shared/bench/readability_worker.js, so that bench/extraction runs the anchor exactly as
// the shared harness does. Keep the two in step when the shared one changes.
// bench/extraction/extractors.py starts it; "bench/extraction.py" below is the
// shared harness, whose role bench/extraction plays here.
// Long-lived Readability.js worker for bench/extraction.py.
//
// Protocol: one JSON object per line on stdin, {"html": "...", "url": "..."|null};
// one JSON object per line on stdout with Readability's fields plus "ms", the
// time spent inside this process on JSDOM parsing + Readability.parse().
// Modules are resolved through NODE_PATH (set by the Python side to the
// node_modules folder that bench/setup.sh fills).
"use strict";

const readline = require("node:readline");
const { performance } = require("node:perf_hooks");
const { Readability } = require("@mozilla/readability");
const { JSDOM, VirtualConsole } = require("jsdom");

const FALLBACK_URL = "http://fakehost/test/page.html";

function versionOf(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch (err) {
    return null;
  }
}

function extract(html, url) {
  // A silent console: jsdom otherwise prints every CSS it cannot parse.
  const virtualConsole = new VirtualConsole();
  const dom = new JSDOM(html, { url: url || FALLBACK_URL, virtualConsole });
  try {
    const article = new Readability(dom.window.document).parse();
    return article || {};
  } finally {
    dom.window.close();
  }
}

function write(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

write({
  ready: true,
  versions: {
    "@mozilla/readability": versionOf("@mozilla/readability"),
    jsdom: versionOf("jsdom"),
    node: process.versions.node,
  },
});

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  if (!line.trim()) return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (err) {
    write({ error: `bad request: ${err.message}`, ms: 0 });
    return;
  }
  const t0 = performance.now();
  try {
    const a = extract(request.html || "", request.url);
    const ms = performance.now() - t0;
    write({
      ms,
      title: a.title ?? null,
      byline: a.byline ?? null,
      excerpt: a.excerpt ?? null,
      siteName: a.siteName ?? null,
      publishedTime: a.publishedTime ?? null,
      content: a.content ?? null,
      textContent: a.textContent ?? null,
    });
  } catch (err) {
    write({ error: String((err && err.stack) || err), ms: performance.now() - t0 });
  }
});
