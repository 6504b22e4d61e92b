/* The doors to an error page: go/?code=, the header search's Enter, 404.html, and what a page says on arrival.
 *
 * Every door asks assets/kb-match.js (the twin of build_tools/terminal/code_match.py) which known
 * code a text means. A page opens only for a known code; otherwise the reader gets
 * "X is not in this knowledge base", the closest codes, what the knowledge base covers,
 * a search of Microsoft Learn and the full-text results, inline. When a code was found
 * another way (an alias, another spelling of a number, inside pasted text) the page it
 * opens says so. An error page with a numeric code lists the code's other spellings.
 * Load after kb.js (KB.siteUrl, KB.lang) and kb-match.js.
 */
(function () {
  "use strict";

  var KB = window.KB = window.KB || {};
  var EMPTY = { codes: {}, anchors: {}, entries: {} };
  /** The code table: on the lookup and 404 pages it is there at once; elsewhere KB.codeTable() loads it on use. */
  function data() { return window.KB_DATA || EMPTY; }
  var NOTE_KEY = "kb-found";
  var LEARN = "https://learn.microsoft.com/search/?terms=";
  var table = null;

  function codeTable() {
    if (table === null && window.KBMatch && window.KB_DATA) { table = window.KBMatch.table(window.KB_DATA); }
    return table;
  }
  function match(text) { var t = codeTable(); return t ? window.KBMatch.resolve(t, text) : null; }
  function suggest(text) { var t = codeTable(); return t ? window.KBMatch.suggest(t, text) : []; }
  KB.match = match;
  KB.suggest = suggest;
  /** The site path a text means (a code in any spelling, a source anchor, pasted text holding a code), or null. */
  KB.findCode = function (text) { var m = match(text); return m ? m.target : null; };

  function entryOf(path) {
    var entries = data().entries || {};
    var key = String(path).split("#")[0];
    return Object.prototype.hasOwnProperty.call(entries, key) ? entries[key] : null;
  }

  /* ---- small DOM helpers: text only ----------------------------------------------- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  /** Both languages side by side; the stylesheet shows the active one. Parts are strings or [code] for <code>. */
  function both(pt, en) {
    var fragment = document.createDocumentFragment();
    [[pt, "pt-BR", "kb-pt"], [en, "en", "kb-en"]].forEach(function (side) {
      var span = el("span", side[2]);
      span.setAttribute("lang", side[1]);
      side[0].forEach(function (part) {
        span.appendChild(typeof part === "string" ? document.createTextNode(part) : el("code", "", part[0]));
      });
      fragment.appendChild(span);
    });
    return fragment;
  }

  /* ---- what a page says when it was reached another way ------------------------------ */
  /** [pt parts, en parts] telling how `m` was found, or null when the text was simply the code. */
  function explain(m) {
    var spelled = [m.spelled], code = [m.code];
    if (m.via === "anchor") { return null; }
    if (m.via === "code") {
      var entry = entryOf(m.target);
      if (!entry) { return null; }
      var codes = (entry.c || []).map(window.KBMatch.fold);
      if (codes.indexOf(m.key) < 0) {
        return [[code, " saiu dos artigos; esta página o substitui."], [code, " left the articles; this page replaced it."]];
      }
      if (codes[0] !== m.key) {
        return [[code, " é outro código deste erro."], [code, " is another code of this error."]];
      }
      return null;
    }
    if (m.via === "number") {
      if (m.relation === "win32") {
        return [[spelled, " é um HRESULT que contém o erro Win32 ", code, "."],
                [spelled, " is an HRESULT that wraps Win32 error ", code, "."]];
      }
      if (m.relation === "hresult") {
        return [["O erro Win32 ", spelled, " está contido no HRESULT ", code, "."],
                ["Win32 error ", spelled, " is wrapped by HRESULT ", code, "."]];
      }
      return [[spelled, " é outra grafia de ", code, "."], [spelled, " is another spelling of ", code, "."]];
    }
    var others = m.found.length > 1 ? m.found.join(", ") : "";
    return [["Código encontrado no texto colado: ", code,
             others ? " (o mais interno dos " + m.found.length + " códigos conhecidos: " + others + ")." : "."],
            ["Code found in the pasted text: ", code,
             others ? " (the innermost of " + m.found.length + " known codes: " + others + ")." : "."]];
  }

  KB.explain = explain;
  KB.both = both;

  /** Leave a note for the page of a match to show, when the code was found another way. */
  function remember(m) {
    var note = explain(m);
    try {
      if (note) { sessionStorage.setItem(NOTE_KEY, JSON.stringify({ target: m.target, note: note })); }
      else { sessionStorage.removeItem(NOTE_KEY); }
    } catch (e) { /* storage off: the page opens without the note */ }
  }
  KB.remember = remember;

  /** Open the page of a match (with its note). */
  KB.open = function (m) {
    remember(m);
    location.assign(KB.siteUrl(m.target));
  };

  function samePage(path) {
    try { return new URL(KB.siteUrl(path).split("#")[0], location.href).pathname === location.pathname; } catch (e) { return false; }
  }

  function showNote() {
    var stored = null;
    try { stored = JSON.parse(sessionStorage.getItem(NOTE_KEY) || "null"); } catch (e) { stored = null; }
    if (!stored || typeof stored.target !== "string" || !Array.isArray(stored.note) || !samePage(stored.target)) { return; }
    try { sessionStorage.removeItem(NOTE_KEY); } catch (e) { /* nothing to clean */ }
    var heading = document.querySelector("article h1");
    if (!heading) { return; }
    var p = el("p", "kb-found-note");
    p.setAttribute("role", "status");
    var clean = function (parts) {
      return (Array.isArray(parts) ? parts : []).map(function (x) { return Array.isArray(x) ? [String(x[0])] : String(x); });
    };
    p.appendChild(both(clean(stored.note[0]), clean(stored.note[1])));
    heading.parentNode.insertBefore(p, heading.nextSibling);
  }

  /** "HRESULT 0x80070005 = Win32 5 = ..." under the codes of an error page whose code is a number. */
  function showSpellings() {
    var meta = document.querySelector('meta[name="kb-entry"]');
    var codes = document.querySelector(".kb-codes");
    if (!meta || !codes || !window.KBMatch) { return; }
    /* the page's own codes, as it shows them (the code table is not loaded on a plain page view) */
    var own = Array.prototype.map.call(codes.querySelectorAll(".kb-code > code"), function (c) { return c.textContent; });
    var after = codes;
    own.forEach(function (code) {
      var other = window.KBMatch.spellings(code);
      if (!other.length) { return; }
      var p = el("p", "kb-spellings");
      p.appendChild(both(["Outras grafias: ", [code], " = " + other.join(" = ")],
                         ["Other spellings: ", [code], " = " + other.join(" = ")]));
      after.parentNode.insertBefore(p, after.nextSibling);
      after = p;
    });
  }

  /* ---- not found ------------------------------------------------------------------------ */
  function scopeLine() {
    var scope = data().scope || {};
    var p = el("p", "kb-scope");
    var n = function (key) { return String(scope[key] || 0); };
    var sources = scope.sources === 1;
    p.appendChild(both(
      ["Esta base de conhecimento cobre " + n("errors") + " erros, " + n("codes") + " códigos de erro e " + n("topics") +
       " tópicos, de " + n("sources") + (sources ? " artigo" : " artigos") + " de origem sobre backup de VMs do Azure."],
      ["This knowledge base covers " + n("errors") + " errors, " + n("codes") + " error codes and " + n("topics") +
       " topics, from " + n("sources") + (sources ? " source article" : " source articles") + " on Azure VM backup."]));
    return p;
  }

  function codeLink(code, extra) {
    var t = codeTable();
    var path = t ? t.codes.get(window.KBMatch.fold(code)) : null;
    var entry = path ? entryOf(path) : null;
    var a = el("a", "kb-suggestion");
    a.href = KB.siteUrl(path || "");
    a.appendChild(el("code", "", code));
    if (entry && entry.t) {
      a.appendChild(document.createTextNode(" "));
      a.appendChild(both([entry.t[0] || ""], [entry.t[1] || entry.t[0] || ""]));
    }
    if (extra) { a.addEventListener("click", extra); }
    return a;
  }

  /**
   * Fill `box` with the not-found answer for `query`: the message, the closest codes, the scope,
   * a Microsoft Learn search (offline: a note that it needs the internet) and, unless
   * options.results is false, the full-text results as they arrive.
   */
  KB.notFound = function (box, query, options) {
    options = options || {};
    box.textContent = "";
    var missing = el("p", "kb-missing");
    missing.appendChild(both([[query], " não está nesta base de conhecimento."], [[query], " is not in this knowledge base."]));
    box.appendChild(missing);
    var close = suggest(query);
    if (close.length) {
      var p = el("p", "kb-suggestions-title");
      p.appendChild(both(["Códigos mais próximos:"], ["Closest codes:"]));
      box.appendChild(p);
      var list = el("ul", "kb-suggestions");
      close.forEach(function (code) { var li = el("li"); li.appendChild(codeLink(code)); list.appendChild(li); });
      box.appendChild(list);
    }
    box.appendChild(scopeLine());
    var learn = el("p", "kb-learn");
    var a = el("a");
    a.href = LEARN + encodeURIComponent(query);
    a.rel = "noopener noreferrer";
    a.appendChild(both(["Pesquisar ", [query], " no Microsoft Learn"], ["Search Microsoft Learn for ", [query]]));
    learn.appendChild(a);
    if (location.protocol === "file:") {
      learn.appendChild(document.createTextNode(" "));
      learn.appendChild(both(["(precisa de internet; este pacote funciona sem ela)"],
                             ["(needs the internet; this bundle works without it)"]));
    }
    box.appendChild(learn);
    if (options.results === false || !window.KBSearch || !window.KBSearch.results) { return; }
    var section = el("div", "kb-text-results");
    section.setAttribute("aria-live", "polite");
    box.appendChild(section);
    window.KBSearch.results(query).then(function (hits) {
      var head = el("p", "kb-text-results-title");
      head.appendChild(both([hits.length ? "Resultados da pesquisa de texto (" + hits.length + "):" : "A pesquisa de texto não encontrou nada."],
                            [hits.length ? "Full-text search results (" + hits.length + "):" : "The full-text search found nothing."]));
      section.appendChild(head);
      var ul = el("ul", "kb-text-results-list");
      hits.forEach(function (hit) {
        var li = el("li");
        var link = el("a");
        link.href = KB.siteUrl(hit.path);
        if (hit.code) { link.appendChild(el("code", "", hit.code)); link.appendChild(document.createTextNode(" ")); }
        link.appendChild(both([hit.title[0] || ""], [hit.title[1] || hit.title[0] || ""]));
        li.appendChild(link);
        ul.appendChild(li);
      });
      section.appendChild(ul);
      section.setAttribute("data-count", String(hits.length));
    });
  };

  /* ---- go/?code= -------------------------------------------------------------------------- */
  function withLang(url) {
    var found = /[?&]lang=(en|pt-br|pt)(?:[&#]|$)/i.exec(location.search);
    return found ? url.replace(/(#|$)/, (url.indexOf("?") < 0 ? "?" : "&") + "lang=" + found[1] + "$1") : url;
  }
  KB.withLang = withLang;

  function goPage() {
    var box = document.getElementById("kb-go");
    if (!box) { return; }
    var params = new URLSearchParams(location.search);
    var query = params.get("code") || params.get("q") || location.hash.replace(/^#/, "");
    var input = document.getElementById("kb-go-code");
    var result = document.getElementById("kb-go-result");
    if (!query) {
      result.textContent = "";
      var p = el("p");
      p.appendChild(both(["Digite um código de erro, por exemplo UserErrorFsFreezeFailed ou 320001, ou cole uma linha de log."],
                         ["Type an error code, for example UserErrorFsFreezeFailed or 320001, or paste a log line."]));
      result.appendChild(p);
      result.appendChild(scopeLine());
      return;
    }
    input.value = query;
    var m = match(query);
    if (m !== null) {
      remember(m);
      location.replace(withLang(KB.siteUrl(m.target)));
      return;
    }
    KB.notFound(result, query);
  }

  showNote();
  showSpellings();
  goPage();
})();
