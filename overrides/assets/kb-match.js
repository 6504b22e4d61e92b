/* Which known error code a piece of text means: the browser's copy of build_tools/terminal/code_match.py.
 *
 * The same steps, in the same order, with the same results (tests/test_match_parity.py runs
 * a few hundred inputs through both in Chromium): the whole text as a code in any case, as a
 * source anchor, as a number (decimal, hex, negative 32-bit, HRESULT <-> Win32); a JSON error
 * envelope (innermost known code); the words of the text (after most "details"/"inner"
 * markers, else the first). suggest() gives the closest known codes by edits and by
 * CamelCase pieces. Every table is a Map: no text typed by a reader is looked up on an
 * object's prototype. Browser: window.KBMatch; node: module.exports.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) { module.exports = factory(); } else { root.KBMatch = factory(); }
})(this, function () {
  "use strict";

  var TOKEN = /[0-9A-Za-z_\u00c0-\u024f.-]+/g;
  var TOKEN_WHOLE = /^[0-9A-Za-z_\u00c0-\u024f.-]+$/;
  var CAMEL = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
  var NESTING = new Set(["details", "innererror", "innererrors", "inner", "innerexception", "innerexceptions"]);
  var CODE_KEYS = new Set(["code", "errorcode", "error_code", "statuscode", "hresult"]);
  var WHITESPACE = " \t\n\r\f\v\u001c\u001d\u001e\u001f\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004" +
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var MAX_JSON_DEPTH = 64;
  var MAX_SUGGESTIONS = 5;
  var MAX_QUERY_CODES = 4;
  var WIN32_FACILITY = 0x80070000;
  var TWO_31 = 2147483648;
  var TWO_32 = 4294967296;
  var TWO_53 = 9007199254740992;

  function fold(text) { return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }

  /** Python's str.strip(chars): one pass from each end (no regex on long runs). */
  function strip(text, chars) {
    var start = 0, end = text.length;
    while (start < end && chars.indexOf(text.charAt(start)) >= 0) { start++; }
    while (end > start && chars.indexOf(text.charAt(end - 1)) >= 0) { end--; }
    return text.slice(start, end);
  }
  function trim(text) { return strip(String(text), WHITESPACE); }

  /* ---- numbers ------------------------------------------------------------ */
  function digits(text) { var s = text.replace(/^0+/, ""); return s || "0"; }

  function numberValues(key) {
    var values = [];
    if (/^-?[0-9]+$/.test(key)) {
      var negative = key.charAt(0) === "-";
      var d = digits(negative ? key.slice(1) : key);
      if (d.length <= 10) {
        var value = negative ? -parseInt(d, 10) : parseInt(d, 10);
        if (value < 0 && value >= -TWO_31) { values.push(value + TWO_32); }
        else if (value >= 0 && value < TWO_32) { values.push(value); }
      }
    }
    var hexed = /^0x([0-9a-f]+)$/.exec(key);
    var h = hexed ? digits(hexed[1]) : (/^[0-9a-f]{8}$/.test(key) ? key : "");
    if (h && h.length <= 8) {
      var hv = parseInt(h, 16);
      if (values.indexOf(hv) < 0) { values.push(hv); }
    }
    return values;
  }

  function isDigits(text) { return /^[0-9]+$/.test(text); }

  function isErrorNumber(key) {
    if (!numberValues(key).length) { return false; }
    if (key.indexOf("0x") === 0 || key.charAt(0) === "-" || (/^[0-9a-f]{8}$/.test(key) && !isDigits(key))) { return true; }
    return isDigits(key) && digits(key).length <= 10 && parseInt(digits(key), 10) >= TWO_31;
  }

  function hex8(value) { var s = value.toString(16).toUpperCase(); return "0x" + "00000000".slice(s.length) + s; }

  /** Other spellings of a numeric code (as code_match.spellings). */
  function spellings(code) {
    var values = numberValues(fold(code));
    if (!values.length) { return []; }
    var value = values[0];
    var out = [hex8(value), String(value)];
    if (value >= TWO_31) { out.push(String(value - TWO_32)); }
    if (value - (value % 65536) === WIN32_FACILITY) { out.push("Win32 " + (value % 65536)); }
    else if (value > 0 && value <= 0xFFFF) { out.push("HRESULT " + hex8(WIN32_FACILITY + value)); }
    return out.filter(function (s) { return fold(s) !== fold(code); });
  }

  /* ---- the table ------------------------------------------------------------ */
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function sortedKeys(map) { return Array.from(map.keys()).sort(); }

  /** Known codes from a data object: `codes` (folded code -> path), `entries[].c` or `errors[].codes`, `anchors`. */
  function Table(data) {
    data = data || {};
    var codes = new Map(), anchors = new Map(), written = new Map();
    var rawCodes = data.codes && typeof data.codes === "object" ? data.codes : {};
    Object.keys(rawCodes).forEach(function (k) { if (typeof rawCodes[k] === "string") { codes.set(k, rawCodes[k]); } });
    var rawAnchors = data.anchors && typeof data.anchors === "object" ? data.anchors : {};
    Object.keys(rawAnchors).forEach(function (k) { if (typeof rawAnchors[k] === "string") { anchors.set(k, rawAnchors[k]); } });
    var lists = [];
    (Array.isArray(data.errors) ? data.errors : []).forEach(function (e) {
      if (e && typeof e === "object" && Array.isArray(e.codes)) { lists.push(e.codes); }
    });
    var entries = data.entries && typeof data.entries === "object" && !Array.isArray(data.entries) ? data.entries : {};
    Object.keys(entries).forEach(function (k) {
      var e = entries[k];
      if (e && typeof e === "object" && Array.isArray(e.c)) { lists.push(e.c); }
    });
    lists.forEach(function (list) {
      list.forEach(function (code) {
        if (typeof code === "string" && codes.has(fold(code)) && !written.has(fold(code))) { written.set(fold(code), code); }
      });
    });
    var byValue = new Map();
    sortedKeys(codes).forEach(function (key) {
      var values = numberValues(key);
      if (values.length) {
        if (!byValue.has(values[0])) { byValue.set(values[0], []); }
        byValue.get(values[0]).push(key);
      }
    });
    this.codes = codes;
    this.anchors = anchors;
    this.written = written;
    this.byValue = byValue;
    this._pieces = null;
    this.common = new Set();
  }

  Table.prototype.shown = function (key) { return this.written.has(key) ? this.written.get(key) : key; };

  Table.prototype.pieces = function () {
    if (this._pieces === null) {
      var self = this;
      this._pieces = sortedKeys(this.codes).map(function (key) { return [key, self.shown(key), codePieces(self.shown(key))]; });
      var counts = new Map();
      this._pieces.forEach(function (row) {
        row[2].forEach(function (piece) { counts.set(piece, (counts.get(piece) || 0) + 1); });
      });
      var common = Math.max(3, Math.floor(this._pieces.length / 10));
      counts.forEach(function (count, piece) { if (count > common) { self.common.add(piece); } });
    }
    return this._pieces;
  };

  function codePieces(code) {
    var out = [];
    (String(code).match(CAMEL) || []).forEach(function (piece) {
      piece = fold(piece);
      if (out.indexOf(piece) < 0) { out.push(piece); }
    });
    return out;
  }

  /* ---- resolving -------------------------------------------------------------- */
  function result(table, key, via, spelled, relation, found) {
    return { code: table.shown(key), key: key, target: table.codes.get(key), via: via, spelled: spelled,
             relation: relation || "same", found: found || [table.shown(key)] };
  }

  function byNumber(table, key, whole) {
    var values = numberValues(key), i, v;
    for (i = 0; i < values.length; i++) {
      if (table.byValue.has(values[i])) { return [table.byValue.get(values[i])[0], "same"]; }
    }
    for (i = 0; i < values.length; i++) {
      v = values[i];
      if (v - (v % 65536) === WIN32_FACILITY && table.byValue.has(v % 65536)) { return [table.byValue.get(v % 65536)[0], "win32"]; }
    }
    for (i = 0; whole && i < values.length; i++) {
      v = values[i];
      if (v > 0 && v <= 0xFFFF && table.byValue.has(WIN32_FACILITY + v)) { return [table.byValue.get(WIN32_FACILITY + v)[0], "hresult"]; }
    }
    return null;
  }

  /** The known code `text` means, or null: {code, key, target, via, spelled, relation, found}. */
  function resolve(table, text) {
    var raw = trim(text === undefined || text === null ? "" : text);
    if (!raw) { return null; }
    var bare = raw.charAt(0) === "#" ? raw.slice(1) : raw;
    var key = fold(bare);
    if (table.codes.has(key)) { return result(table, key, "code", bare); }
    if (table.anchors.has(bare)) {
      return { code: "", key: "", target: table.anchors.get(bare), via: "anchor", spelled: bare, relation: "same", found: [] };
    }
    if (TOKEN_WHOLE.test(bare)) {
      var numbered = byNumber(table, strip(key, "."), true);
      if (numbered) { return result(table, numbered[0], "number", bare, numbered[1]); }
    }
    return fromJson(table, raw) || best(table, candidates(table, raw, 0), "text");
  }

  function candidates(table, text, depth) {
    var out = [];
    var pattern = new RegExp(TOKEN.source, "g");
    for (var m = pattern.exec(text); m; m = pattern.exec(text)) {
      var token = strip(m[0], ".");
      var folded = fold(token);
      if (NESTING.has(folded)) { depth++; continue; }
      var forms = [folded].concat(folded.split(/[.-]/).filter(function (p) { return p && p !== folded; }));
      for (var i = 0; i < forms.length; i++) {
        if (table.codes.has(forms[i])) { out.push([depth, 0, forms[i], token, "same"]); break; }
        if (isErrorNumber(forms[i])) {
          var numbered = byNumber(table, forms[i], false);
          if (numbered) { out.push([depth, 0, numbered[0], token, numbered[1]]); break; }
        }
      }
    }
    return out;
  }

  function best(table, found, via) {
    if (!found.length) { return null; }
    var top = found[0];
    for (var i = 1; i < found.length; i++) {
      if (found[i][0] > top[0] || (found[i][0] === top[0] && found[i][1] > top[1])) { top = found[i]; }
    }
    var seen = [];
    found.forEach(function (c) { var s = table.shown(c[2]); if (seen.indexOf(s) < 0) { seen.push(s); } });
    return result(table, top[2], via, top[3], top[4], seen);
  }

  function jsonDepthOk(text) {
    var depth = 0, inString = false, escaped = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (inString) {
        if (escaped) { escaped = false; } else if (c === "\\") { escaped = true; } else if (c === '"') { inString = false; }
      } else if (c === '"') { inString = true; }
      else if (c === "{" || c === "[") { depth++; if (depth > MAX_JSON_DEPTH) { return false; } }
      else if (c === "}" || c === "]") { depth--; }
    }
    return true;
  }

  function parseJson(text) {
    var start = text.indexOf("{"), end = text.lastIndexOf("}");
    if (start < 0 || end <= start) { return null; }
    var candidate = text.slice(start, end + 1);
    if (!jsonDepthOk(candidate)) { return null; }
    try { return JSON.parse(candidate); } catch (e) { return null; }
  }

  function scalar(value) {
    if (typeof value === "string") { return value; }
    if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) < TWO_53) { return String(value); }
    return null;
  }

  function walk(table, value, depth, out) {
    if (Array.isArray(value)) {
      value.forEach(function (item) { walk(table, item, depth, out); });
    } else if (value !== null && typeof value === "object") {
      depth++;
      Object.keys(value).sort().forEach(function (name) {
        var item = value[name];
        if (CODE_KEYS.has(fold(name))) {
          var spelled = scalar(item);
          if (spelled !== null) {
            var key = fold(trim(spelled));
            if (table.codes.has(key)) { out.push([depth, 1, key, trim(spelled), "same"]); return; }
            var numbered = byNumber(table, key, false);
            if (numbered) { out.push([depth, 1, numbered[0], trim(spelled), numbered[1]]); return; }
          }
        }
        walk(table, item, depth, out);
      });
    } else if (typeof value === "string") {
      var inner = trim(value).charAt(0) === "{" ? parseJson(value) : null;
      if (inner !== null) { walk(table, inner, depth, out); }
      else { Array.prototype.push.apply(out, candidates(table, value, depth)); }
    }
  }

  function fromJson(table, text) {
    var data = parseJson(text);
    if (data === null) { return null; }
    var found = [];
    walk(table, data, 0, found);
    return best(table, found, "json");
  }

  /** Known codes in running text as [start, end, folded code] (as code_match.codes_in): what autolink.js links. */
  function codesIn(table, text) {
    var out = [];
    var pattern = new RegExp(TOKEN.source, "g");
    text = String(text);
    for (var m = pattern.exec(text); m; m = pattern.exec(text)) {
      var token = m[0], start = m.index;
      var whole = strip(token, ".");
      var lead = 0;
      while (lead < token.length && token.charAt(lead) === ".") { lead++; }
      var offset = start + lead;
      var found = written(table, whole);
      if (found !== null) { out.push([offset, offset + whole.length, found]); continue; }
      var at = start;
      token.split(/([.-])/).forEach(function (part) {
        if (part && part !== "." && part !== "-") {
          var key = written(table, part);
          if (key !== null) { out.push([at, at + part.length, key]); }
        }
        at += part.length;
      });
    }
    return out;
  }

  function written(table, word) {
    var key = fold(word);
    if (table.codes.has(key) && table.written.get(key) === word) { return key; }
    var numbered = isErrorNumber(key) ? byNumber(table, key, false) : null;
    return numbered ? numbered[0] : null;
  }

  /** Whether some word of `text` is written like an error code (as code_match.code_shaped). */
  function codeShaped(text) {
    var tokens = String(text === undefined || text === null ? "" : text).match(TOKEN) || [];
    return tokens.some(function (token) {
      token = strip(token, ".");
      return ((token.match(CAMEL) || []).length >= 3 && /[A-Z]/.test(token.slice(1))) || token.indexOf("_") >= 0 ||
        /^(?:0[xX][0-9A-Fa-f]+|-?[0-9]{3,}|[0-9A-Fa-f]{8})$/.test(token);
    });
  }

  /* ---- suggestions -------------------------------------------------------------- */
  function distance(a, b, bound) {
    if (Math.abs(a.length - b.length) > bound) { return bound + 1; }
    var previous2 = [], previous = [], i, j;
    for (j = 0; j <= b.length; j++) { previous.push(j); }
    for (i = 1; i <= a.length; i++) {
      var current = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          value = Math.min(value, previous2[j - 2] + 1);
        }
        current.push(value);
        low = Math.min(low, value);
      }
      if (low > bound) { return bound + 1; }
      previous2 = previous;
      previous = current;
    }
    return previous[b.length] <= bound ? previous[b.length] : bound + 1;
  }

  function typoBound(key) { return key.length <= 5 ? 1 : key.length <= 12 ? 2 : 3; }

  function queryCodes(text) {
    var raw = trim(text === undefined || text === null ? "" : text).replace(/^#+/, "");
    var tokens = (raw.match(TOKEN) || []).map(function (t) { return strip(t, "."); })
      .filter(function (t) { return t.length >= 3; });
    if (tokens.length <= 1) { return tokens; }
    var out = [];
    tokens.forEach(function (t) {
      var shaped = (t.match(CAMEL) || []).length >= 3 || t.indexOf("_") >= 0 || fold(t).indexOf("0x") === 0 ||
        (isDigits(t) && t.length >= 3);
      if (shaped && out.indexOf(t) < 0) { out.push(t); }
    });
    return out.slice(0, MAX_QUERY_CODES);
  }

  function compare(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }

  /** The known codes closest to the code-shaped words of `text`, as written, best first. */
  function suggest(table, text, limit) {
    limit = limit === undefined ? MAX_SUGGESTIONS : limit;
    var words = queryCodes(text);
    if (!words.length) { return []; }
    var folded = words.map(fold);
    var pieces = words.map(codePieces);
    var near = [], shared = [];
    table.pieces().forEach(function (row) {
      var key = row[0], shown = row[1], ownPieces = row[2];
      var close = [];
      folded.forEach(function (q) { var d = distance(q, key, typoBound(q)); if (d <= typoBound(q)) { close.push(d); } });
      if (close.length) { near.push([Math.min.apply(null, close), key, shown]); return; }
      var top = [0, 0, 0];
      pieces.forEach(function (wanted) {
        var both = ownPieces.filter(function (p) { return wanted.indexOf(p) >= 0 && p.length >= 2; });
        var rare = both.filter(function (p) { return !table.common.has(p); });
        var score = [rare.length, rare.reduce(function (s, p) { return s + p.length; }, 0), both.length];
        if (compare(score, top) > 0) { top = score; }
      });
      if (top[0] >= 2 || top[1] >= 6) { shared.push([-top[0], -top[1], -top[2], key, shown]); }
    });
    near.sort(compare);
    shared.sort(compare);
    var out = near.map(function (r) { return r[2]; }).concat(shared.map(function (r) { return r[4]; }));
    return out.filter(function (code, n) { return out.indexOf(code) === n; }).slice(0, limit);
  }

  return {
    fold: fold,
    Table: Table,
    table: function (data) { return new Table(data); },
    resolve: resolve,
    suggest: suggest,
    codeShaped: codeShaped,
    codesIn: codesIn,
    spellings: spellings,
    numberValues: numberValues,
    own: own,
  };
});
