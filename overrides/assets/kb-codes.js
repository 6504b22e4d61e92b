/* The code table, loaded on demand: KB.codes(text) and KB.codeTable().
 *
 * Pages load only assets/kb-code-index.js (window.KB_CODE_INDEX: the list of shards,
 * about 1 KiB at 10,000 errors). The table itself is cut into shards by the leading
 * characters of the folded codes (build_tools/search/code_shards.py); each shard is a script
 * (file:// refuses fetch) that adds itself to window.KB_CODE_SHARDS.
 *
 *   KB.codes(text)  -> Promise of { codes: {folded code: site path}, entries: {site path:
 *                      {c: codes, t: [pt, en]}}, complete: bool } holding every code that
 *                      starts with fold(text) (complete is false when more than MAX_SHARDS
 *                      shards would be needed; a whole code always needs one);
 *   KB.codeTable()  -> Promise of the whole table (assets/kb-data.js, window.KB_DATA):
 *                      for lookups that need all of it (source anchors, closest codes).
 * Load after kb-code-index.js, before the scripts that look codes up.
 */
(function () {
  "use strict";

  var KB = window.KB = window.KB || {};
  var me = document.currentScript;
  var ASSETS = me && me.src ? me.src.replace(/[^\/]*$/, "") : "assets/";
  var INDEX = window.KB_CODE_INDEX || { shards: [], directoryUrls: true };
  var MAX_SHARDS = 4;
  var END = "$";
  var loading = {};

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /** The shard's file, as code_shards.file_name writes it. */
  function fileName(key) {
    var out = "c-";
    for (var ch of key) {
      if (/^[a-z0-9-]$/.test(ch)) { out += ch; } else {
        var hex = ch.codePointAt(0).toString(16);
        out += "_" + "0000".slice(Math.min(4, hex.length)) + hex;
      }
    }
    return out + ".js";
  }

  function loadScript(src, ready) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.async = true;
      tag.onload = function () { var value = ready(); if (value) { resolve(value); } else { reject(new Error("no data in " + src)); } };
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }

  function shard(key) {
    if (!loading[key]) {
      loading[key] = loadScript(ASSETS + "kb-codes/" + fileName(key), function () {
        return (window.KB_CODE_SHARDS || {})[key];
      });
      loading[key].catch(function () { delete loading[key]; });
    }
    return loading[key];
  }

  /** Shard keys that may hold a code starting with `prefix`: first the one that would hold `prefix` itself. */
  function keysFor(prefix) {
    var home = function (key) { return key === prefix + END || (key.slice(-1) !== END && prefix.indexOf(key) === 0); };
    return INDEX.shards.filter(home).concat(INDEX.shards.filter(function (key) {
      if (home(key)) { return false; }
      if (key.slice(-1) === END) {
        var base = key.slice(0, -1);
        return base.indexOf(prefix) === 0 || prefix === base;
      }
      return key.indexOf(prefix) === 0;
    }));
  }

  KB.codes = function (text) {
    var prefix = fold(String(text || "").trim());
    var keys = prefix ? keysFor(prefix) : [];
    var complete = keys.length <= MAX_SHARDS;
    return Promise.all(keys.slice(0, MAX_SHARDS).map(shard)).then(function (parts) {
      var out = { codes: {}, entries: {}, complete: complete };
      parts.forEach(function (part) {
        Object.keys(part.codes).forEach(function (code) {
          if (code.indexOf(prefix) === 0) { out.codes[code] = part.codes[code]; }
        });
        Object.keys(part.entries).forEach(function (path) { out.entries[path] = part.entries[path]; });
      });
      return out;
    });
  };

  var whole = null;
  KB.codeTable = function () {
    if (window.KB_DATA) { return Promise.resolve(window.KB_DATA); }
    if (!whole) {
      whole = loadScript(ASSETS + "kb-data.js", function () { return window.KB_DATA; });
      whole.catch(function () { whole = null; });
    }
    return whole;
  };

  KB.directoryUrls = INDEX.directoryUrls !== false;
})();
