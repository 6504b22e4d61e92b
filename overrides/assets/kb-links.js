/* "Link to this error": a menu next to an error's codes that copies a ready link
 * (a rich link for editors that paste HTML, plain URL, Markdown, MediaWiki, HTML),
 * optionally with ?lang=en.
 *
 * Links are absolute: against site_url when the build has one (meta kb-site-url), else
 * against the published address the build knows (meta kb-hosted-url, an offline bundle
 * built with SITE_URL), else against where this copy of the site is (http:// or file://);
 * from file:// the menu says which of the last two the links point at.
 * Plain script after kb.js; needs window.KB (copyText, lang, and codes from kb-codes.js: the entry's
 * record comes from the code table's shards).
 */
(function () {
  "use strict";

  var KB = window.KB || {};
  var DATA = window.KB_DATA || { codes: {}, entries: {} };

  var TEXT = {
    open: ["Link para este erro", "Link to this error"],
    code: ["Código", "Code"],
    english: ["Link para a versão em inglês", "Link to the English version"],
    copied: ["Copiado", "Copied"],
    failed: ["Não foi possível copiar; selecione o texto e copie:", "Could not copy; select the text and copy it:"],
    url: ["Endereço (URL)", "Plain URL"],
    rich: ["Link formatado", "Rich link"],
    local: ["Estes links apontam para esta cópia no seu computador (file://) e só funcionam nela.",
            "These links point at this copy on your computer (file://) and work only here."],
    hosted: ["Estes links apontam para o site publicado:", "These links point at the published site:"],
  };
  /* The rich link puts text/html and text/plain on the clipboard together: editors that paste
   * HTML (Confluence, Teams, Word, Google Docs) get a link, plain-text fields get the URL.
   * Confluence's old wiki markup ([label|url]) is not offered: today's editor reads the rich link. */
  var FORMATS = [
    { id: "rich", name: null, label: TEXT.rich },
    { id: "url", name: null, label: TEXT.url },
    { id: "markdown", name: "Markdown" },
    { id: "mediawiki", name: "MediaWiki" },
    { id: "html", name: "HTML" },
  ];

  function metaContent(name) {
    var node = document.querySelector('meta[name="' + name + '"]');
    return node ? node.getAttribute("content") || "" : "";
  }

  function lang() { return KB.lang ? KB.lang() : (document.documentElement.getAttribute("data-kb-lang") || "pt-BR"); }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /** Both languages of a label, as the two elements CSS chooses from. */
  function bilingual(pair, tag) {
    var wrap = document.createDocumentFragment();
    ["pt-BR", "en"].forEach(function (code, n) {
      var el = document.createElement(tag || "span");
      el.className = n ? "kb-en" : "kb-pt";
      el.setAttribute("lang", code);
      el.textContent = pair[n];
      wrap.appendChild(el);
    });
    return wrap;
  }

  /* ---- link text --------------------------------------------------------- */

  /** The site's root as an absolute URL: site_url if configured, else this copy's own location. */
  function hostedBase() {
    var configured = metaContent("kb-site-url") || metaContent("kb-hosted-url");
    return /^https?:\/\/[^/]/i.test(configured) ? configured.replace(/\/?$/, "/") : "";
  }

  function siteBase() {
    if (hostedBase()) { return hostedBase(); }
    var root = (metaContent("kb-root") || ".").replace(/\/?$/, "/");
    return new URL(root, location.href).href;
  }
  KB.siteBase = siteBase;

  /** Characters that end or break a link in wiki markup, percent-encoded (the URL stays equivalent). */
  function safeUrl(url) {
    return url.replace(/[()[\]|<>"' ]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  function htmlEscape(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var WRITERS = {
    url: function (url) { return url; },
    /* < > & are escaped too: Markdown readers pass raw HTML through, so a title must not become markup there. */
    markdown: function (url, label) { return "[" + label.replace(/[\\[\]*_`<>&]/g, "\\$&") + "](" + url + ")"; },
    mediawiki: function (url, label) { return "[" + url + " " + label.replace(/\]/g, "&#93;") + "]"; },
    rich: function (url) { return url; },
    html: function (url, label) { return '<a href="' + htmlEscape(url) + '">' + htmlEscape(label) + "</a>"; },
  };

  /** The text one format copies, for a site path and a label. */
  function linkText(format, path, label, english) {
    var url = safeUrl(new URL(path, siteBase()).href) + (english ? "?lang=en" : "");
    return WRITERS[format](url, label);
  }
  KB.linkText = linkText;

  /** The linking page: snippets show this site's real address where there is one (not file://),
   *  links to data files follow the build's layout, copy buttons copy the snippet as shown. */
  function fillLinkingPage() {
    var i;
    var links = document.querySelectorAll("a[data-kb-site-path]");
    for (i = 0; i < links.length; i++) {
      if (KB.siteUrl) { links[i].setAttribute("href", KB.siteUrl(links[i].getAttribute("data-kb-site-path"))); }
    }
    if (/^https?:/i.test(metaContent("kb-site-url")) || /^https?:$/.test(location.protocol)) {
      var nodes = document.querySelectorAll("[data-kb-base-url]");
      for (i = 0; i < nodes.length; i++) { nodes[i].textContent = siteBase(); }
    }
    var copies = document.querySelectorAll("[data-kb-copy-from]");
    for (i = 0; i < copies.length; i++) {
      var source = document.getElementById(copies[i].getAttribute("data-kb-copy-from"));
      if (source) { copies[i].setAttribute("data-copy", source.textContent); }
    }
  }
  fillLinkingPage();

  /* ---- the menu ---------------------------------------------------------- */

  var entryMeta = document.querySelector('meta[name="kb-entry"]');
  if (!entryMeta) { return; }
  var pagePath = entryMeta.getAttribute("data-kb-path") || "";

  /** This entry's record and the pages of its codes: from the shards of its id and its codes (KB.codes). */
  function entryData() {
    if (!KB.codes) { return Promise.resolve({ entry: DATA.entries && DATA.entries[pagePath], codes: DATA.codes || {} }); }
    return KB.codes(entryMeta.getAttribute("content") || "").then(function (own) {
      var entry = own.entries[pagePath];
      if (!entry) { return { entry: null, codes: {} }; }
      return Promise.all((entry.c || []).map(KB.codes)).then(function (parts) {
        var codes = {};
        parts.forEach(function (part) { Object.keys(part.codes).forEach(function (k) { codes[k] = part.codes[k]; }); });
        return { entry: entry, codes: codes };
      });
    });
  }

  entryData().then(function (found) { if (found.entry) { menu(found.entry, found.codes); } }, function (error) {
    if (window.console) { console.warn("link menu: " + error.message); }
  });

  function menu(entry, codePaths) {
  var directoryUrls = KB.directoryUrls !== undefined ? KB.directoryUrls : DATA.directoryUrls !== false;

  /** The codes a reader can link with: this entry's own, each at its permanent URL (other codes redirect). */
  var choices = [];
  (entry.c || []).forEach(function (code) {
    if (codePaths[fold(code)] !== pagePath) { return; }
    choices.push({ code: code, path: "errors/" + code + (directoryUrls ? "/" : ".html") });
  });

  /** What a rich link pastes as HTML: a link whose text is the code (in <code>) or the title. */
  function richHtml(url, label, isCode) {
    var text = htmlEscape(label);
    return '<a href="' + htmlEscape(url) + '">' + (isCode ? "<code>" + text + "</code>" : text) + "</a>";
  }

  var state = { choice: 0, english: lang() === "en", touched: false };

  function current() {
    if (choices.length) { return { path: choices[state.choice].path, label: choices[state.choice].code, isCode: true }; }
    var titles = entry.t || ["", ""];
    return { path: pagePath, label: (lang() === "en" ? titles[1] : titles[0]) || titles[0] || pagePath, isCode: false };
  }

  var widget = document.createElement("div");
  widget.className = "kb-links";
  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "kb-links-toggle";
  toggle.id = "kb-links-toggle";
  toggle.setAttribute("aria-expanded", "false");
  toggle.setAttribute("aria-controls", "kb-links-panel");
  toggle.appendChild(bilingual(TEXT.open));
  widget.appendChild(toggle);

  var panel = document.createElement("div");
  panel.className = "kb-links-panel";
  panel.id = "kb-links-panel";
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-labelledby", "kb-links-toggle");
  panel.hidden = true;
  widget.appendChild(panel);

  if (choices.length > 1) {
    var fieldset = document.createElement("fieldset");
    fieldset.className = "kb-links-codes";
    var legend = document.createElement("legend");
    legend.appendChild(bilingual(TEXT.code));
    fieldset.appendChild(legend);
    choices.forEach(function (choice, n) {
      var label = document.createElement("label");
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "kb-links-code";
      radio.value = choice.code;
      radio.checked = n === 0;
      radio.addEventListener("change", function () { if (radio.checked) { state.choice = n; refresh(); } });
      var code = document.createElement("code");
      code.textContent = choice.code;
      label.appendChild(radio);
      label.appendChild(code);
      fieldset.appendChild(label);
    });
    panel.appendChild(fieldset);
  }

  var englishLabel = document.createElement("label");
  englishLabel.className = "kb-links-lang";
  var englishBox = document.createElement("input");
  englishBox.type = "checkbox";
  englishBox.id = "kb-links-en";
  englishBox.checked = state.english;
  englishBox.addEventListener("change", function () {
    state.english = englishBox.checked;
    state.touched = true;
    refresh();
  });
  englishLabel.appendChild(englishBox);
  englishLabel.appendChild(document.createTextNode(" "));
  englishLabel.appendChild(bilingual(TEXT.english));
  var suffix = document.createElement("code");
  suffix.textContent = "?lang=en";
  englishLabel.appendChild(document.createTextNode(" "));
  englishLabel.appendChild(suffix);
  panel.appendChild(englishLabel);

  var list = document.createElement("ul");
  list.className = "kb-links-formats";
  var buttons = FORMATS.map(function (format) {
    var item = document.createElement("li");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-links-copy";
    button.setAttribute("data-kb-format", format.id);
    var name = document.createElement("span");
    name.className = "kb-links-name";
    name.appendChild(format.name ? document.createTextNode(format.name) : bilingual(format.label));
    var preview = document.createElement(format.id === "rich" ? "span" : "code");
    preview.className = "kb-links-preview";
    button.appendChild(name);
    button.appendChild(preview);
    button.addEventListener("click", function () { copy(format, button); });
    item.appendChild(button);
    list.appendChild(item);
    return button;
  });
  panel.appendChild(list);

  /* From file://, say where the links lead: this copy only, or the published site. */
  if (location.protocol === "file:") {
    var where = document.createElement("p");
    where.className = "kb-links-where";
    if (hostedBase()) {
      where.appendChild(bilingual(TEXT.hosted));
      where.appendChild(document.createTextNode(" "));
      var hostedCode = document.createElement("code");
      hostedCode.textContent = hostedBase();
      where.appendChild(hostedCode);
    } else {
      where.appendChild(bilingual(TEXT.local));
    }
    panel.insertBefore(where, list);
  }

  var status = document.createElement("div");
  status.className = "kb-links-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  panel.appendChild(status);

  function refresh() {
    var link = current();
    buttons.forEach(function (button) {
      var format = button.getAttribute("data-kb-format");
      var text = linkText(format, link.path, link.label, state.english);
      button.setAttribute("data-copy-text", text);
      var preview = button.querySelector(".kb-links-preview");
      if (format === "rich") {
        /* A rich link shows as what it pastes: the label, underlined like a link. */
        button.setAttribute("data-copy-html", richHtml(text, link.label, link.isCode));
        preview.textContent = link.label;
        preview.setAttribute("title", text);
      } else {
        preview.textContent = text;
      }
    });
  }

  function copy(format, button) {
    var text = button.getAttribute("data-copy-text");
    status.textContent = "";
    status.removeAttribute("data-kb-copied");
    var done = function () {
      status.appendChild(bilingual(TEXT.copied));
      status.appendChild(document.createTextNode(": "));
      status.appendChild(format.name ? document.createTextNode(format.name) : bilingual(format.label));
      status.setAttribute("data-kb-copied", text);
    };
    var failed = function () {
      status.appendChild(bilingual(TEXT.failed));
      var field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "kb-links-fallback";
      field.setAttribute("aria-label", TEXT.failed[lang() === "en" ? 1 : 0]);
      field.value = text;
      status.appendChild(field);
      field.focus();
      field.select();
    };
    if (format.id === "rich") { copyRich(button.getAttribute("data-copy-html"), text).then(done, failed); return; }
    if (!KB.copyText) { failed(); return; }
    KB.copyText(text).then(done, failed);
  }

  /** text/html and text/plain on the clipboard at once: the async clipboard where it may write,
   *  else the copy event of a user-initiated copy command (any page, file:// included). */
  function copyRich(markup, plain) {
    if (navigator.clipboard && navigator.clipboard.write && window.ClipboardItem && window.isSecureContext) {
      var item = new window.ClipboardItem({
        "text/html": new Blob([markup], { type: "text/html" }),
        "text/plain": new Blob([plain], { type: "text/plain" }),
      });
      return navigator.clipboard.write([item]).catch(function () { return copyByEvent(markup, plain); });
    }
    return copyByEvent(markup, plain);
  }

  function copyByEvent(markup, plain) {
    return new Promise(function (resolve, reject) {
      var filled = false;
      var onCopy = function (event) {
        event.clipboardData.setData("text/html", markup);
        event.clipboardData.setData("text/plain", plain);
        event.preventDefault();
        filled = true;
      };
      document.addEventListener("copy", onCopy);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.removeEventListener("copy", onCopy);
      if (ok && filled) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function open() {
    refresh();
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    keepOnScreen();
  }

  /** The panel opens under its toggle; where that would cross the right edge it moves left, never past the left one. */
  function keepOnScreen() {
    panel.style.left = "";
    var margin = 8;
    var box = panel.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var shift = Math.max(0, box.right - (width - margin));
    shift = Math.min(shift, Math.max(0, box.left - margin));
    if (shift > 0) { panel.style.left = -shift + "px"; }
  }

  window.addEventListener("resize", function () { if (!panel.hidden) { keepOnScreen(); } });

  function close(focusToggle) {
    if (panel.hidden) { return; }
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    status.textContent = "";
    if (focusToggle) { toggle.focus(); }
  }

  toggle.addEventListener("click", function () {
    if (panel.hidden) { open(); } else { close(false); }
  });

  /** Esc closes from anywhere in the widget; arrow keys, Home and End move between the formats. */
  widget.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      if (!panel.hidden) { event.preventDefault(); close(true); }
      return;
    }
    var keys = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last" };
    if (!(event.key in keys) || panel.hidden) { return; }
    var at = buttons.indexOf(document.activeElement);
    if (at < 0 && document.activeElement !== toggle) { return; }
    var step = keys[event.key];
    var next = step === "first" ? 0 : step === "last" ? buttons.length - 1
      : at < 0 ? (step > 0 ? 0 : buttons.length - 1) : (at + step + buttons.length) % buttons.length;
    event.preventDefault();
    buttons[next].focus();
  });

  document.addEventListener("click", function (event) {
    if (!panel.hidden && !widget.contains(event.target)) { close(false); }
  });

  document.addEventListener("kb:lang", function (event) {
    if (!state.touched) {
      state.english = event.detail === "en";
      englishBox.checked = state.english;
    }
    refresh();
  });

  var codes = document.querySelector(".kb-codes");
  if (codes) {
    codes.appendChild(widget);
  } else {
    var holder = document.createElement("div");
    holder.className = "kb-codes kb-codes--none";
    holder.appendChild(widget);
    var heading = document.querySelector(".md-content h1");
    if (heading && heading.parentNode) { heading.parentNode.insertBefore(holder, heading.nextSibling); }
  }
  refresh();
  }
})();
