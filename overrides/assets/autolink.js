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
 * It loads the matching rule (assets/kb-match.js, the knowledge base's own) and the published
 * code table (assets/kb-data.js) with script tags, so it works from any origin without CORS.
 * Matching is whole-word and case-sensitive (KBMatch.codesIn): a code is linked where it is
 * written exactly as the knowledge base writes it (UserErrorFsFreezeFailed, 320001), or as an
 * error number that spells one (0x80070005 = -2147024891), never inside a longer word or
 * number; the cost grows with the text only. Text is left alone inside <a>, <pre>,
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

  function addScript(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = false;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + tag.src)); };
      (document.head || document.documentElement).appendChild(tag);
    });
  }

  /** The matching rule and code table of the knowledge base at ``base``, loaded once per page. */
  var tables = (window.KBAutolink && window.KBAutolink._tables) || {};
  function loadTable() {
    if (tables[base]) { return tables[base]; }
    var rule = window.KBMatch ? Promise.resolve() : addScript(base + "assets/kb-match.js");
    tables[base] = Promise.all([rule, addScript(base + "assets/kb-data.js")]).then(function () {
      if (!window.KB_DATA || !window.KB_DATA.codes || !window.KBMatch) {
        throw new Error("no code table in " + base + "assets/kb-data.js");
      }
      return window.KB_DATA;
    });
    return tables[base];
  }

  /** Folded code → {path, title}, for the codes the rule may find. */
  function targets(data, match) {
    var out = new Map();
    var entries = data.entries || {};
    match.codes.forEach(function (path, key) {
      var entry = Object.prototype.hasOwnProperty.call(entries, path) ? entries[path] : null;
      var titles = (entry && entry.t) || [];
      out.set(key, { path: path, title: (english ? titles[1] : titles[0]) || "" });
    });
    return out;
  }

  function skipped(node) {
    var parent = node.parentElement;
    if (!parent || parent.isContentEditable) { return true; }
    return parent.closest(SKIP) !== null;
  }

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
  function linkNode(text, ready) {
    var value = text.nodeValue;
    if (!value || !text.parentNode) { return 0; }  // the host removed it meanwhile
    var found = window.KBMatch.codesIn(ready.match, value);
    if (!found.length) { return 0; }
    var fragment = document.createDocumentFragment();
    var last = 0;
    var made = 0;
    found.forEach(function (hit) {
      var target = ready.table.get(hit[2]);
      if (!target) { return; }
      if (hit[0] > last) { fragment.appendChild(document.createTextNode(value.slice(last, hit[0]))); }
      var piece = value.slice(hit[0], hit[1]);
      var link = document.createElement("a");
      link.href = base + target.path + (english ? "?lang=en" : "");
      link.className = "kb-autolink";
      link.setAttribute("data-kb-code", piece);
      if (target.title) { link.title = target.title; }
      link.textContent = piece;
      fragment.appendChild(link);
      last = hit[1];
      made += 1;
    });
    if (last === 0) { return 0; }
    if (last < value.length) { fragment.appendChild(document.createTextNode(value.slice(last))); }
    text.parentNode.replaceChild(fragment, text);
    return made;
  }

  /** Link the codes in the text under ``root``, a slice at a time; resolves to how many links were made. */
  function linkText(root, ready) {
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
        made += linkNode(nodes[i++], ready);
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
        var match = window.KBMatch.table(data);
        return { match: match, table: targets(data, match) };
      });
    }
    return prepared;
  }

  /** Scan ``root`` (default: the script's scope, else the body); resolves to the number of links made. */
  function run(root) {
    return Promise.all([prepare(), whenReady()]).then(function (results) {
      var ready = results[0];
      var roots = root ? [root] : scope ? Array.prototype.slice.call(document.querySelectorAll(scope)) : [document.body];
      return roots.reduce(function (sum, r) {
        return sum.then(function (total) {
          return r ? linkText(r, ready).then(function (made) { return total + made; }) : total;
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
