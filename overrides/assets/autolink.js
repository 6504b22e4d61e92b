/* autolink.js: turns every known Azure VM backup error code in another site's page into a
 * link to its page in this knowledge base. Copy into the host page:
 *
 *   <script src="https://errors.example.org/assets/autolink.js"
 *           data-kb-base="https://errors.example.org/" defer></script>
 *
 * Attributes of the script tag:
 *   data-kb-base   the knowledge base's root URL (default: the folder above this script)
 *   data-kb-lang   "en" opens the English version of each page (?lang=en)
 *   data-kb-scope  CSS selector of the part of the page to scan (default: the whole body)
 *
 * It loads the published code table (assets/kb-data.js) with a script tag, so it works
 * from any origin without CORS. Matching is whole-word and case-sensitive: a code is
 * linked where it is written exactly as the knowledge base writes it (UserErrorFsFreezeFailed,
 * 320001), never inside a longer word or number. Text is left alone inside <a>, <pre>,
 * <script>, <style>, <textarea>, <input>, <select>, <button>, <noscript>, <template>,
 * <title>, <svg>, anything editable (contenteditable) and anything marked
 * data-kb-autolink="off". Inline <code> is linked: wikis usually write codes that way.
 * Running it again changes nothing (its own links are <a>); KBAutolink.run(element)
 * rescans content that the host adds later and resolves to the number of links made.
 * Long pages are scanned in slices of a few milliseconds, so the host page stays responsive.
 */
(function () {
  "use strict";

  var SKIP = "a, pre, script, style, textarea, input, select, option, button, noscript, template, " +
    "title, svg, math, iframe, object, [contenteditable], [data-kb-autolink='off']";
  var WORD = /[\p{L}\p{N}_]/u;

  var script = document.currentScript;
  var base = resolveBase(script);
  var english = script && (script.getAttribute("data-kb-lang") || "").toLowerCase() === "en";
  var scope = script && script.getAttribute("data-kb-scope");

  function resolveBase(tag) {
    var given = tag && tag.getAttribute("data-kb-base");
    var from = tag && tag.src ? tag.src : location.href;
    var url = new URL(given || "../", given ? location.href : from).href;
    return url.replace(/[?#].*$/, "").replace(/\/?$/, "/");
  }

  /** The code table of the knowledge base at ``base``, loaded once per page. */
  var tables = (window.KBAutolink && window.KBAutolink._tables) || {};
  function loadTable() {
    if (tables[base]) { return tables[base]; }
    tables[base] = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = base + "assets/kb-data.js";
      tag.async = true;
      tag.onload = function () {
        if (window.KB_DATA && window.KB_DATA.codes) { resolve(window.KB_DATA); } else {
          reject(new Error("no code table in " + tag.src));
        }
      };
      tag.onerror = function () { reject(new Error("could not load " + tag.src)); };
      (document.head || document.documentElement).appendChild(tag);
    });
    return tables[base];
  }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /** Code as written → {path, title}; only codes that have a page. */
  function targets(data) {
    var out = {};
    var entries = data.entries || {};
    Object.keys(entries).forEach(function (entryPath) {
      (entries[entryPath].c || []).forEach(function (code) {
        var path = data.codes[fold(code)];
        if (path && !Object.prototype.hasOwnProperty.call(out, code)) {
          var titles = (entries[path] || entries[entryPath]).t || [];
          out[code] = { path: path, title: (english ? titles[1] : titles[0]) || "" };
        }
      });
    });
    return out;
  }

  function pattern(codes) {
    var sorted = codes.slice().sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); });
    var escaped = sorted.map(function (c) { return c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return new RegExp(escaped.join("|"), "gu");
  }

  function skipped(node) {
    var parent = node.parentElement;
    if (!parent || parent.isContentEditable) { return true; }
    return parent.closest(SKIP) !== null;
  }

  function isWordChar(ch) { return !!ch && WORD.test(ch); }

  var SLICE_MS = 8;
  /** Call ``step`` until it returns false, giving the host page the main thread back every SLICE_MS. */
  function inSlices(step) {
    return new Promise(function (resolve, reject) {
      function slice() {
        try {
          var until = Date.now() + SLICE_MS;
          for (var n = 1; ; n++) {
            if (!step()) { resolve(); return; }
            if (n % 32 === 0 && Date.now() >= until) { break; }
          }
          setTimeout(slice, 0);
        } catch (error) { reject(error); }
      }
      slice();
    });
  }

  /** Link the codes in one text node; returns how many links were made. */
  function linkNode(text, table, regex) {
    var value = text.nodeValue;
    if (!value || !text.parentNode) { return 0; }  // the host removed it meanwhile
    var pieces = [];
    var last = 0;
    regex.lastIndex = 0;
    for (var m = regex.exec(value); m; m = regex.exec(value)) {
      var end = m.index + m[0].length;
      if (isWordChar(value.charAt(m.index - 1)) || isWordChar(value.charAt(end))) {
        regex.lastIndex = m.index + 1;
        continue;
      }
      pieces.push(value.slice(last, m.index), m[0]);
      last = end;
    }
    if (!pieces.length) { return 0; }
    pieces.push(value.slice(last));
    var made = 0;
    var fragment = document.createDocumentFragment();
    pieces.forEach(function (piece, n) {
      if (n % 2 === 0) {
        if (piece) { fragment.appendChild(document.createTextNode(piece)); }
        return;
      }
      var target = table[piece];
      var link = document.createElement("a");
      link.href = base + target.path + (english ? "?lang=en" : "");
      link.className = "kb-autolink";
      link.setAttribute("data-kb-code", piece);
      if (target.title) { link.title = target.title; }
      link.textContent = piece;
      fragment.appendChild(link);
      made += 1;
    });
    text.parentNode.replaceChild(fragment, text);
    return made;
  }

  /** Link the codes in the text under ``root``, a slice at a time; resolves to how many links were made. */
  function linkText(root, table, regex) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var made = 0;
    var i = 0;
    return inSlices(function () {
      var node = walker.nextNode();
      if (!node) { return false; }
      if (node.nodeValue && !skipped(node)) { nodes.push(node); }
      return true;
    }).then(function () {
      return inSlices(function () {
        if (i >= nodes.length) { return false; }
        made += linkNode(nodes[i++], table, regex);
        return true;
      });
    }).then(function () { return made; });
  }

  function whenReady() {
    return new Promise(function (resolve) {
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () { resolve(); }, { once: true });
      } else { resolve(); }
    });
  }

  var prepared = null;
  function prepare() {
    if (!prepared) {
      prepared = loadTable().then(function (data) {
        var table = targets(data);
        var codes = Object.keys(table);
        return { table: table, regex: codes.length ? pattern(codes) : null };
      });
    }
    return prepared;
  }

  /** Scan ``root`` (default: the script's scope, else the body); resolves to the number of links made. */
  function run(root) {
    return Promise.all([prepare(), whenReady()]).then(function (results) {
      var ready = results[0];
      var roots = root ? [root] : scope ? Array.prototype.slice.call(document.querySelectorAll(scope)) : [document.body];
      if (!ready.regex) { return 0; }
      return roots.reduce(function (sum, r) {
        return sum.then(function (total) {
          return r ? linkText(r, ready.table, ready.regex).then(function (made) { return total + made; }) : total;
        });
      }, Promise.resolve(0));
    });
  }

  var api = { run: run, base: base, _tables: tables };
  api.ready = run().catch(function (error) {
    if (window.console) { console.warn("autolink.js: " + error.message); }
    return 0;
  });
  window.KBAutolink = api;
})();
