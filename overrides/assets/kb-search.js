/* The header search box: a prebuilt lunr index, loaded on first use, over http:// and from file://.
 *
 * Loads (once, on first focus or KBSearch.open): lunr.js, lunr.stemmer.support.js,
 * lunr.pt.js, kb-search-pipeline.js and kb-search-quick.js (codes and titles),
 * then kb-search-full.js (all text, snippets) in the background; each is a
 * <script>, since file:// refuses fetch. Keys: "/" focuses the box, arrows move
 * through results, Enter opens the selected result or, with none selected, the page of
 * a known code (any spelling, or inside pasted text: KB.match, the rule of kb-match.js);
 * an unknown code gets "not in this knowledge base" with the closest codes instead, and
 * words select the first result. Esc closes.
 * window.KBSearch.open(query, {focus}) fills the box and shows its results;
 * window.KBSearch.results(query) resolves to the full-text results (go/ and 404 list them inline).
 */
(function () {
  "use strict";

  var me = document.currentScript;
  var ASSETS = me && me.src ? me.src.replace(/[^\/]*$/, "") : "assets/";
  var ROOT = ASSETS.replace(/assets\/$/, "");
  var MAX_RESULTS = 10;
  var UI = {
    label: ["Pesquisar", "Search"],
    placeholder: ["Pesquisar códigos e erros", "Search codes and errors"],
    results: ["Resultados da pesquisa", "Search results"],
    loading: ["Carregando o índice de pesquisa…", "Loading the search index…"],
    failed: ["A pesquisa não está disponível.", "Search is unavailable."],
    none: ["Nenhum resultado para", "No results for"],
    one: ["1 resultado", "1 result"],
    many: ["resultados", "results"],
    shown: ["Mostrando", "Showing"],
    of: ["de", "of"],
    showAll: ["Mostrar todos os {n} resultados", "Show all {n} results"],
    topic: ["Tópico", "Topic"],
    category: ["Categoria", "Category"],
    page: ["Página", "Page"],
    noCode: ["sem código", "no code"],
  };
  var KIND_LABEL = { t: "topic", g: "category", p: "page", e: "noCode" };

  var state = {
    status: "idle",   /* idle, loading, quick, full, failed */
    index: null,
    docs: [],
    codes: [],
    groups: [],
    snippets: null,
    hits: [],
    active: -1,
    loading: null,
    all: false,       /* "show all N results" was chosen for this query */
    missing: "",      /* the query that Enter found no known code in */
    matched: null,    /* the known code the query means (KB.match), shown first */
  };
  var timings = { start: 0, quick: 0, full: 0 };
  var form, input, panel, statusLine, list, notice;

  function lang() { return document.documentElement.getAttribute("data-kb-lang") === "en" ? "en" : "pt-BR"; }
  function t(key) { return UI[key][lang() === "en" ? 1 : 0]; }
  function now() { return window.performance ? performance.now() : Date.now(); }

  /* ---- loading ---------------------------------------------------------- */
  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = ASSETS + name;
      tag.async = false;   /* run in the order added */
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + name)); };
      document.head.appendChild(tag);
    });
  }

  function useIndex(data, status) {
    state.index = window.lunr.Index.load(data.index);
    termCache = Object.create(null);
    termCacheSize = 0;
    state.status = status;
    timings[status] = now();
    form.setAttribute("data-state", status);
    run();
  }

  function load() {
    if (state.loading) { return state.loading; }
    state.status = "loading";
    form.setAttribute("data-state", "loading");
    timings.start = now();
    var first = ["lunr/lunr.js", "lunr/lunr.stemmer.support.js", "lunr/lunr.pt.js",
                 "kb-search-pipeline.js", "kb-search-quick.js"].map(loadScript);
    state.loading = Promise.all(first).then(function () {
      var quick = window.KB_SEARCH_QUICK;
      state.docs = quick.docs;
      state.groups = quick.groups;
      state.codes = quick.docs.map(function (doc) { return doc[2]; });
      useIndex(quick, "quick");
      return loadScript("kb-search-full.js");
    }).then(function () {
      state.snippets = window.KB_SEARCH_FULL.snippets;
      useIndex(window.KB_SEARCH_FULL, "full");
    }).catch(function (error) {
      if (!state.index) {
        state.status = "failed";
        form.setAttribute("data-state", "failed");
        render();
      }
      if (window.console) { console.warn("search: " + error.message); }
    });
    render();
    return state.loading;
  }

  /* ---- searching -------------------------------------------------------- */
  var LARGE = 2000;
  var pending = null;

  /* Codes answered from the code table's shards (KB.codes) while the index loads: a code, or the start of one,
   * gets its pages at once; the index's results replace them when it is ready. */
  var codeHits = { query: null, hits: [] };
  var CODE_QUERY = /^[^\s]{2,}$/;

  function lookUpCodes(query) {
    var text = query.trim();
    if (state.index || !window.KB || !window.KB.codes || !CODE_QUERY.test(text)) { return; }
    window.KB.codes(text).then(function (part) {
      if (state.index || input.value.trim() !== text) { return; }
      var keys = Object.keys(part.codes).sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
      codeHits = { query: text, hits: keys.slice(0, MAX_RESULTS).map(function (key) {
        var path = part.codes[key];
        var entry = part.entries[path] || { c: [], t: ["", ""] };
        var shown = (entry.c || []).filter(function (c) { return c.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase() === key; })[0];
        return { path: path, code: shown || key, title: entry.t || ["", ""] };
      }) };
      render();
    }, function () { /* no shard: the index will answer */ });
  }

  function codeNode(hit, n, which) {
    var option = document.createElement("a");
    option.id = "kb-search-option-" + n;
    option.className = "kb-search-result kb-search-result--code";
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", "false");
    option.href = url(hit.path);
    var head = document.createElement("span");
    head.className = "kb-search-head";
    head.appendChild(span("kb-search-code", hit.code));
    head.appendChild(span("kb-search-title", hit.title[which === "en" ? 1 : 0] || hit.title[0] || ""));
    option.appendChild(head);
    return option;
  }

  function run() {
    clearTimeout(pending);
    pending = null;
    var query = input.value;
    if (!state.index) { lookUpCodes(query); }
    var prefer = lang() === "en" ? "en" : "pt";
    state.hits = state.index && query.trim() ? window.KBSearchText.search(state.index, state.codes, query, prefer) : [];
    state.matched = window.KB && window.KB.match && query.trim() ? window.KB.match(query) : null;
    if (state.matched && state.index) { promote(state.matched); }
    state.active = -1;
    state.all = false;
    if (state.missing !== query) { state.missing = ""; }
    render();
    form.setAttribute("data-query", state.index ? query : "");
  }

  /** The page of the code the query means goes first, marked with how it matched. */
  function promote(m) {
    var target = String(m.target).split("#")[0];
    var at = -1;
    for (var i = 0; i < state.docs.length; i++) { if (state.docs[i][0] === target) { at = i; break; } }
    if (at < 0) { return; }
    var ref = at.toString(36);
    var hits = state.hits.filter(function (h) { return h.ref !== ref; });
    hits.unshift({ ref: ref, score: 0, match: m });
    state.hits = hits;
  }

  /** Search on every keystroke; with a large index (broad words take long), once typing pauses. */
  function schedule() {
    if (state.docs.length <= LARGE) { run(); return; }
    clearTimeout(pending);
    pending = setTimeout(run, 150);
  }

  /** The index's terms for a word in one language, remembered: results repeat the same words. */
  var termCache = Object.create(null);
  var termCacheSize = 0;
  function termsOf(word, which) {
    var key = which + " " + word;
    if (!(key in termCache)) {
      if (termCacheSize > 20000) { termCache = Object.create(null); termCacheSize = 0; }
      termCache[key] = window.KBSearchText.terms(state.index, word, which);
      termCacheSize++;
    }
    return termCache[key];
  }

  /** DOM nodes of `text` with the words that match the query marked. */
  function highlight(text, query, which) {
    var T = window.KBSearchText;
    var fragment = document.createDocumentFragment();
    if (!T || !state.index) { fragment.appendChild(document.createTextNode(text)); return fragment; }
    var qwords = T.queryWords(query);
    var wanted = Object.create(null);
    var prefix = "";
    qwords.forEach(function (word, n) {
      var own = termsOf(word, which);
      if (!own.length) { return; }   /* a stop word of this language ("to", "due", "de"): never marked */
      wanted[T.fold(word)] = true;
      own.forEach(function (term) { wanted[term] = true; });
      if (n === qwords.length - 1 && word.length >= 3) { prefix = T.fold(word); }
    });
    var pattern = new RegExp(T.WORD_SOURCE, "gi");
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var word = T.normalize(match[0]);
      var hit = wanted[T.fold(word)] || (prefix && T.fold(word).indexOf(prefix) === 0) ||
        termsOf(word, which).some(function (term) { return wanted[term] === true; });
      if (!hit) { continue; }
      fragment.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.appendChild(mark);
      last = match.index + match[0].length;
    }
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  /** The code of a document that the query names or starts (an alias such as 400094), else its first code. */
  function matchedCode(codes, query) {
    var T = window.KBSearchText;
    var words = T.queryWords(query).map(T.fold);
    for (var i = 0; i < codes.length; i++) {
      var folded = T.fold(T.normalize(codes[i]));
      if (words.indexOf(folded) >= 0) { return codes[i]; }
    }
    for (var j = 0; j < codes.length; j++) {
      var f = T.fold(T.normalize(codes[j]));
      if (words.some(function (w) { return w.length >= 2 && f.indexOf(w) === 0; })) { return codes[j]; }
    }
    return codes[0];
  }

  /** The code with the part that the query typed marked (FsFreeze in UserErrorFsFreezeFailed). */
  function markCode(code, query) {
    var fragment = document.createDocumentFragment();
    var T = window.KBSearchText;
    var folded = T.fold(code.toLowerCase());
    var best = "";
    T.queryWords(query).forEach(function (word) {
      word = T.fold(word);
      if (word.length > best.length && folded.indexOf(word) >= 0) { best = word; }
    });
    var at = best ? folded.indexOf(best) : -1;
    if (at < 0) { fragment.appendChild(document.createTextNode(code)); return fragment; }
    var mark = document.createElement("mark");
    mark.textContent = code.slice(at, at + best.length);
    fragment.appendChild(document.createTextNode(code.slice(0, at)));
    fragment.appendChild(mark);
    fragment.appendChild(document.createTextNode(code.slice(at + best.length)));
    return fragment;
  }

  function span(cls, content) {
    var node = document.createElement("span");
    node.className = cls;
    if (typeof content === "string") { node.textContent = content; } else { node.appendChild(content); }
    return node;
  }

  function url(path) { return ROOT + path; }

  function resultNode(hit, n, query, which) {
    var at = parseInt(hit.ref, 36);
    var doc = state.docs[at];
    var option = document.createElement("a");
    option.id = "kb-search-option-" + n;
    option.className = "kb-search-result";
    option.setAttribute("role", "option");
    option.setAttribute("aria-selected", n === state.active ? "true" : "false");
    option.setAttribute("data-ref", hit.ref);
    option.href = url(doc[0]);
    var head = document.createElement("span");
    head.className = "kb-search-head";
    head.appendChild(doc[2].length ? span("kb-search-code", markCode(doc[2][0], query))
      : span("kb-search-kind", t(KIND_LABEL[doc[1]] || "page")));
    var named = hit.match ? hit.match.code : doc[2].length ? matchedCode(doc[2], query) : "";
    var how = hit.match && window.KB.explain ? window.KB.explain(hit.match) : null;
    if (how) {
      head.appendChild(span("kb-search-via", window.KB.both(how[0], how[1])));
    } else if (named && named !== doc[2][0]) {
      head.appendChild(span("kb-search-via", window.KB.both([[named], " é outro código deste erro"],
                                                            [[named], " is another code of this error"])));
    }
    head.appendChild(span("kb-search-title", highlight(doc[3][which === "en" ? 1 : 0], query, which)));
    option.appendChild(head);
    if (state.snippets && state.snippets[at]) {
      var text = state.snippets[at][which === "en" ? 1 : 0];
      if (text) { option.appendChild(span("kb-search-snippet", highlight(text, query, which))); }
    }
    option.appendChild(span("kb-search-group", state.groups[doc[4]][which === "en" ? 1 : 0]));
    return option;
  }

  function limit() { return state.all ? state.hits.length : MAX_RESULTS; }

  function render() {
    if (!form) { return; }
    var query = input.value.trim();
    var which = lang() === "en" ? "en" : "pt";
    list.textContent = "";
    var message = "";
    if (state.status === "failed") {
      message = t("failed");
    } else if (!state.index) {
      message = query ? t("loading") : "";
    } else if (query && !state.hits.length) {
      message = t("none") + " \u201c" + query + "\u201d";
    } else if (query) {
      message = state.hits.length === 1 ? t("one")
        : (state.hits.length > limit() ? t("shown") + " " + limit() + " " + t("of") + " " : "") + state.hits.length + " " + t("many");
    }
    statusLine.textContent = message;
    statusLine.setAttribute("lang", lang());
    notice.hidden = !(state.missing && state.missing === input.value && window.KB && window.KB.notFound);
    if (!notice.hidden) { window.KB.notFound(notice, query, { results: false }); }
    var shown = state.hits.slice(0, limit());
    for (var n = 0; n < shown.length; n++) { list.appendChild(resultNode(shown[n], n, query, which)); }
    if (!state.index && state.status !== "failed" && codeHits.query === query) {
      shown = codeHits.hits;
      for (var m = 0; m < shown.length; m++) { list.appendChild(codeNode(shown[m], m, which)); }
    }
    if (shown.length < state.hits.length) {
      var all = document.createElement("button");
      all.type = "button";
      all.className = "kb-search-all";
      all.textContent = t("showAll").replace("{n}", String(state.hits.length));
      all.addEventListener("click", function () { state.all = true; render(); input.focus(); });
      list.appendChild(all);
    }
    list.hidden = !shown.length;
    if (state.active >= 0) { input.setAttribute("aria-activedescendant", "kb-search-option-" + state.active); }
    else { input.removeAttribute("aria-activedescendant"); }
  }

  /* ---- panel and keys --------------------------------------------------- */
  function isOpen() { return !panel.hidden; }

  function show() {
    panel.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    panel.hidden = true;
    input.setAttribute("aria-expanded", "false");
    state.active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function move(step) {
    if (pending !== null) { run(); }
    var count = Math.min(state.hits.length, limit());
    if (!count) { return; }
    show();
    state.active = state.active + step;
    if (state.active >= count) { state.active = 0; }
    if (state.active < -1) { state.active = count - 1; }
    render();
    var node = document.getElementById("kb-search-option-" + state.active);
    if (node && node.scrollIntoView) { node.scrollIntoView({ block: "nearest" }); }
  }

  function go(path) { window.location.href = url(path); }

  function enter() {
    if (pending !== null) { run(); }
    if (state.active >= 0 && state.hits[state.active]) {
      go(state.docs[parseInt(state.hits[state.active].ref, 36)][0]);
      return;
    }
    var query = input.value;
    var finish = function () {
      var known = window.KB && window.KB.match ? window.KB.match(query) : null;
      if (known) { window.KB.open(known); return; }
      if (!query.trim()) { return; }
      show();
      if (codeShaped(query)) {
        state.missing = query;   /* an unknown code never opens another error's page */
        render();
      } else if (state.hits.length) {
        move(1);                 /* words: select the first result; Enter again opens it */
      }
    };
    /* Enter is a lookup: the whole code table (a code anywhere in pasted text) loads now if it has not. */
    if (window.KB && window.KB.codeTable && !window.KB_DATA) { window.KB.codeTable().then(finish, finish); }
    else { finish(); }
  }

  function codeShaped(query) { return !!(window.KBMatch && window.KBMatch.codeShaped(query)); }

  function onKey(event) {
    if (event.key === "ArrowDown" || event.key === "Down") { event.preventDefault(); move(1); }
    else if (event.key === "ArrowUp" || event.key === "Up") { event.preventDefault(); move(-1); }
    else if (event.key === "Enter") { event.preventDefault(); enter(); }
    else if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      if (isOpen()) { close(); } else { input.blur(); }
    }
  }

  function editable(node) {
    return node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  function onDocumentKey(event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) { return; }
    event.preventDefault();
    input.focus();
    input.select();
  }

  function labels() {
    input.setAttribute("placeholder", t("placeholder"));
    input.setAttribute("aria-label", t("label"));
    list.setAttribute("aria-label", t("results"));
    input.setAttribute("lang", lang());
  }

  function build() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) { return false; }
    form = document.createElement("form");
    form.className = "kb-search";
    form.setAttribute("role", "search");
    form.setAttribute("data-state", "idle");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    input = document.createElement("input");
    input.id = "kb-search-input";
    input.type = "search";
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "kb-search-results");
    input.setAttribute("aria-keyshortcuts", "/");
    panel = document.createElement("div");
    panel.className = "kb-search-panel";
    panel.hidden = true;
    statusLine = document.createElement("p");
    statusLine.className = "kb-search-status";
    statusLine.setAttribute("role", "status");
    list = document.createElement("div");
    list.id = "kb-search-results";
    list.className = "kb-search-results";
    list.setAttribute("role", "listbox");
    notice = document.createElement("div");
    notice.className = "kb-search-missing";
    notice.setAttribute("role", "status");
    notice.hidden = true;
    panel.appendChild(notice);
    panel.appendChild(statusLine);
    panel.appendChild(list);
    form.appendChild(input);
    form.appendChild(panel);
    inner.insertBefore(form, inner.querySelector(".kb-toggle, .md-header__source"));
    labels();

    input.addEventListener("focus", function () { load(); if (input.value.trim()) { show(); } });
    input.addEventListener("input", function () { load(); show(); schedule(); });
    input.addEventListener("keydown", onKey);
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    document.addEventListener("keydown", onDocumentKey);
    document.addEventListener("click", function (event) {
      if (isOpen() && !form.contains(event.target)) { close(); }
    });
    document.addEventListener("kb:lang", function () { labels(); render(); });
    return true;
  }

  window.KBSearch = {
    /** Fill the box with `query`, load the index and show the results; {focus: false} leaves the focus alone. */
    open: function (query, options) {
      if (!form) { return; }
      input.value = query === undefined || query === null ? "" : String(query);
      if (!options || options.focus !== false) { input.focus(); }
      load();
      show();
      run();
    },
    /** Resolves to every full-text result of `query` as {path, code, title: [pt, en]}, once the full index is in. */
    results: function (query) {
      if (!form) { return Promise.resolve([]); }
      return load().then(function () {
        if (!state.index || !String(query).trim()) { return []; }
        var prefer = lang() === "en" ? "en" : "pt";
        return window.KBSearchText.search(state.index, state.codes, String(query), prefer).map(function (hit) {
          var doc = state.docs[parseInt(hit.ref, 36)];
          return { path: doc[0], code: doc[2][0] || "", title: doc[3] };
        });
      });
    },
    /** idle, loading, quick (codes and titles), full (all text) or failed. */
    state: function () { return state.status; },
    /** Milliseconds (performance.now) when loading started and when each index was ready. */
    timings: timings,
  };

  build();
})();
