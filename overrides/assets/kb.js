/* The knowledge base's page behaviour: language toggle, copy buttons, source-anchor redirects
 * (code lookup is kb-lookup.js). Plain script, loaded at the end of <body>; works over http:// and from file://,
 * and never waits for Material's instant navigation (document$).
 */
(function () {
  "use strict";

  var KB = window.KB = window.KB || {};
  var root = document.documentElement;
  var EMPTY = { codes: {}, anchors: {}, entries: {} };
  /** The whole code table when this page has it (go/, 404.html, or after KB.codeTable()); else empty. */
  function table() { return window.KB_DATA || EMPTY; }
  var NAV_EN = window.KB_NAV_EN || {};
  var meta = document.querySelector('meta[name="kb-root"]');
  var ROOT = meta ? meta.getAttribute("content") || "." : ".";
  var UI = {
    toggle: { "pt-BR": "English", en: "Português" },
    toggleLabel: { "pt-BR": "Mostrar esta página em inglês", en: "Show this page in Portuguese" },
    copied: { "pt-BR": "Copiado", en: "Copied" },
    copyFailed: { "pt-BR": "Não foi possível copiar", en: "Could not copy" },
  };

  function lang() { return root.getAttribute("data-kb-lang") === "en" ? "en" : "pt-BR"; }

  /* ---- site paths ------------------------------------------------------ */
  function siteUrl(path) {
    var base = ROOT.replace(/\/?$/, "/");
    var directoryUrls = KB.directoryUrls !== undefined ? KB.directoryUrls : table().directoryUrls !== false;
    if (!path) { return directoryUrls ? base : base + "index.html"; }
    return base + path;
  }
  KB.siteUrl = siteUrl;

  /* ---- language -------------------------------------------------------- */
  var ptTitle = root.getAttribute("data-kb-title-pt") || document.title;
  var enTitleMeta = document.querySelector('meta[name="kb-title-en"]');

  function translateChrome(to) {
    var nodes = document.querySelectorAll(
      ".md-nav__link .md-ellipsis, .md-nav__title, .md-header__topic .md-ellipsis, .md-tabs__link, .md-footer__title .md-ellipsis, .md-skip"
    );
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.querySelector(".kb-pt")) { continue; }  /* the build wrote it in both languages */
      if (!node.hasAttribute("data-kb-pt")) {
        var text = node.textContent.trim();
        if (!Object.prototype.hasOwnProperty.call(NAV_EN, text)) { continue; }
        node.setAttribute("data-kb-pt", text);
      }
      var pt = node.getAttribute("data-kb-pt");
      var value = to === "en" ? NAV_EN[pt] : pt;
      if (node.children.length === 0) { node.textContent = value; } else {
        for (var c = 0; c < node.childNodes.length; c++) {
          if (node.childNodes[c].nodeType === 3 && node.childNodes[c].textContent.trim()) {
            node.childNodes[c].textContent = " " + value + " ";
          }
        }
      }
      node.setAttribute("lang", to);
    }
    /* Landmark and button names (aria-label) and tooltips (title) that the theme wrote in Portuguese. */
    ["aria-label", "title"].forEach(function (attr) {
      var labelled = document.querySelectorAll("[" + attr + "]");
      for (var j = 0; j < labelled.length; j++) {
        var el = labelled[j];
        var keep = "data-kb-pt-" + attr;
        if (!el.hasAttribute(keep)) {
          var label = el.getAttribute(attr);
          if (!Object.prototype.hasOwnProperty.call(NAV_EN, label)) { continue; }
          el.setAttribute(keep, label);
        }
        var ptLabel = el.getAttribute(keep);
        el.setAttribute(attr, to === "en" ? NAV_EN[ptLabel] : ptLabel);
      }
    });
  }

  /** TOC labels: each heading carries its English label in data-kb-en, its Portuguese one is the TOC's own. */
  function translateToc(to) {
    var links = document.querySelectorAll('.md-nav--secondary a.md-nav__link[href^="#"]');
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      var label = link.querySelector(".md-ellipsis") || link;
      if (!target || !target.hasAttribute("data-kb-en") || label.querySelector(".kb-pt")) { continue; }
      if (!link.hasAttribute("data-kb-pt")) { link.setAttribute("data-kb-pt", label.textContent.trim()); }
      label.textContent = to === "en" ? target.getAttribute("data-kb-en") : link.getAttribute("data-kb-pt");
      link.setAttribute("lang", to);
    }
  }

  /** The page title that the header shows once the page is scrolled. */
  function translateHeaderTitle(to) {
    var meta = document.querySelector('meta[name="kb-page-title-en"]');
    var topics = document.querySelectorAll('.md-header__topic[data-md-component="header-topic"] .md-ellipsis');
    for (var i = 0; meta && i < topics.length; i++) {
      var node = topics[i];
      if (node.querySelector(".kb-pt")) { continue; }
      if (!node.hasAttribute("data-kb-pt")) { node.setAttribute("data-kb-pt", node.textContent.trim()); }
      node.textContent = to === "en" ? meta.getAttribute("content") : node.getAttribute("data-kb-pt");
      node.setAttribute("lang", to);
    }
  }

  function setLang(to, remember) {
    to = to === "en" ? "en" : "pt-BR";
    root.setAttribute("data-kb-lang", to);
    root.setAttribute("lang", to);
    if (remember) {
      try { localStorage.setItem("kb-lang", to); } catch (e) { /* private mode */ }
      keepInAddress(to);
    }
    document.title = to === "en" && enTitleMeta ? enTitleMeta.getAttribute("content") : ptTitle;
    translateChrome(to);
    translateToc(to);
    translateHeaderTitle(to);
    var toggles = document.querySelectorAll(".kb-toggle");
    for (var i = 0; i < toggles.length; i++) {
      if (!toggles[i].querySelector(".kb-pt")) {
        toggles[i].textContent = UI.toggle[to];
        toggles[i].setAttribute("lang", to === "en" ? "pt-BR" : "en");
      }
      toggles[i].setAttribute("aria-label", UI.toggleLabel[to]);
      toggles[i].setAttribute("title", UI.toggleLabel[to]);
    }
    var ev;
    try { ev = new CustomEvent("kb:lang", { detail: to }); } catch (e) {
      ev = document.createEvent("CustomEvent"); ev.initCustomEvent("kb:lang", false, false, to);
    }
    document.dispatchEvent(ev);
  }
  /** The choice goes into the address too (?lang=), so that a reload or a copied address keeps it. */
  function keepInAddress(to) {
    if (!window.history || !history.replaceState || typeof URL !== "function") { return; }
    try {
      var url = new URL(location.href);
      url.searchParams.set("lang", to);
      history.replaceState(history.state, "", url.href);
    } catch (e) { /* an address that cannot be rewritten: storage still keeps the choice */ }
  }

  KB.lang = lang;
  KB.setLang = setLang;

  /** The switch is in the page's HTML (see ui.toggle_button); pages without it get one here. */
  function addToggle() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) { return; }
    var button = inner.querySelector(".kb-toggle");
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "kb-toggle";
      button.id = "kb-lang-toggle";
      inner.insertBefore(button, inner.querySelector(".md-header__source"));
    }
    button.addEventListener("click", function () { setLang(lang() === "en" ? "pt-BR" : "en", true); });
    button.setAttribute("data-kb-ready", "");
  }

  /* ---- copy buttons ---------------------------------------------------- */
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }
  KB.copyText = copyText;

  function flash(button, key) {
    var status = button.querySelector(".kb-copy-status");
    if (!status) {
      status = document.createElement("span");
      status.className = "kb-copy-status";
      status.setAttribute("role", "status");
      button.parentNode.insertBefore(status, button.nextSibling);
    }
    status.textContent = UI[key][lang()];
    status.setAttribute("lang", lang());
    clearTimeout(button._kbTimer);
    button._kbTimer = setTimeout(function () { status.textContent = ""; }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".kb-copy") : null;
    if (!button) { return; }
    copyText(button.getAttribute("data-copy")).then(
      function () { flash(button, "copied"); },
      function () { flash(button, "copyFailed"); }
    );
  });

  /* ---- addresses ------------------------------------------------------ */
  function withLang(url) {
    var match = /[?&]lang=(en|pt-br|pt)(?:[&#]|$)/i.exec(location.search);
    return match ? url.replace(/(#|$)/, (url.indexOf("?") < 0 ? "?" : "&") + "lang=" + match[1] + "$1") : url;
  }

  /** A link written against the source article (index.html#<anchor>) lands on the page that replaced it. */
  function sourceAnchor() {
    var hash = location.hash.replace(/^#/, "");
    try { hash = decodeURIComponent(hash); } catch (e) { /* a malformed %-escape: use the hash as written */ }
    if (!hash || document.getElementById(hash)) { return; }
    var follow = function (data) {
      if (Object.prototype.hasOwnProperty.call(data.anchors || {}, hash)) {
        location.replace(withLang(siteUrl(data.anchors[hash])));
      }
    };
    if (KB.codeTable) { KB.codeTable().then(follow, function () { /* no table: stay on this page */ }); }
    else { follow(table()); }
  }

  addToggle();
  setLang(lang(), false);
  /* The theme adds some labelled buttons (code copy) after this script: label them too. */
  window.addEventListener("load", function () { translateChrome(lang()); });
  sourceAnchor();
})();
