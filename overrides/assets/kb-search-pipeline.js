/* Search terms and search steps, shared by the browser and node.
 *
 * The twin of build_tools/search/terms.py and search/query.py, which build the
 * index this file queries: the same words, the same pipeline functions under
 * the same labels (every label the index names must be registered before
 * lunr.Index.load), the same clauses and the same ordering of results.
 *
 * Needs lunr.js, lunr.stemmer.support.js and lunr.pt.js loaded first.
 * Browser: sets window.KBSearchText. Node: require(...)(lunr) returns it.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    root.KBSearchText = factory(root.lunr);
  }
})(this, function (lunr) {
  "use strict";

  var LETTERS = "a-z\\u00df-\\u00f6\\u00f8-\\u024f";
  var WORD_CHARS = "0-9_" + LETTERS;
  var WORD_SOURCE = "\\.?[" + WORD_CHARS + "]+(?:\\.[" + WORD_CHARS + "]+)*\\+*";
  var STEMMABLE = new RegExp("^[" + LETTERS + "]+$");
  var CODE_FIELD = "c";
  var FIELD_LANG = { tp: "pt", bp: "pt", te: "en", be: "en" };
  var MAX_WORDS = 12;
  var MAX_WORD = 64;
  var CODE_EXACT_BOOST = 3;
  var PREFIX_BOOST = 0.5;
  var MIN_CODE_PREFIX = 2;
  var MIN_TEXT_PREFIX = 3;

  /* ---- words ------------------------------------------------------------ */
  function normalize(text) { return String(text).normalize("NFC").toLowerCase(); }

  function fold(text) { return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }

  function words(text) { return normalize(text).match(new RegExp(WORD_SOURCE, "g")) || []; }

  var CAMEL = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

  function camelSplit(text) {
    return String(text).replace(/[A-Za-z0-9]+/g, function (run) { return run.match(CAMEL).join(" "); });
  }

  function queryWords(text) {
    var seen = [];
    var all = words(text);
    for (var i = 0; i < all.length && seen.length < MAX_WORDS; i++) {
      var word = all[i].slice(0, MAX_WORD);
      if (seen.indexOf(word) < 0) { seen.push(word); }
    }
    return seen;
  }

  /* ---- pipeline functions (labels as in search_text.PIPELINE) ------------ */
  function applies(token, lang) {
    var fields = token.metadata && token.metadata.fields;
    if (!fields || !fields.length) { return true; }
    for (var i = 0; i < fields.length; i++) {
      if (FIELD_LANG[fields[i]] === lang) { return true; }
    }
    return false;
  }

  function nonEmpty(token) { return token.toString() ? token : undefined; }

  function stop(lang, filter) {
    return function (token) { return applies(token, lang) ? filter(token) : token; };
  }

  function stem(lang, stemmer) {
    return function (token) {
      if (applies(token, lang) && STEMMABLE.test(token.toString())) { token = stemmer(token); }
      return nonEmpty(token);
    };
  }

  function foldToken(token) { return nonEmpty(token.update(fold)); }

  var PIPELINE = [
    ["kb-stop-pt", stop("pt", lunr.pt.stopWordFilter)],
    ["kb-stop-en", stop("en", lunr.stopWordFilter)],
    ["kb-stem-pt", stem("pt", lunr.pt.stemmer)],
    ["kb-stem-en", stem("en", lunr.stemmer)],
    ["kb-fold", foldToken],
  ];
  for (var p = 0; p < PIPELINE.length; p++) {
    if (!lunr.Pipeline.registeredFunctions[PIPELINE[p][0]]) {
      lunr.Pipeline.registerFunction(PIPELINE[p][1], PIPELINE[p][0]);
    }
  }

  /** The terms a word becomes in the fields of one language ("pt" or "en"), as the index's pipeline makes them. */
  function terms(index, word, lang) {
    var fields = index.fields.filter(function (f) { return FIELD_LANG[f] === lang; });
    return index.pipeline.runString(word, { fields: fields });
  }

  /* ---- search ------------------------------------------------------------ */
  function clauses(word, last, fields) {
    var folded = fold(word);
    var trailing = lunr.Query.wildcard.TRAILING;
    var out = [];
    if (fields.indexOf(CODE_FIELD) >= 0) {
      out.push({ term: folded, fields: [CODE_FIELD], usePipeline: false, boost: CODE_EXACT_BOOST });
      if (folded.length >= MIN_CODE_PREFIX) {
        out.push({ term: folded, fields: [CODE_FIELD], usePipeline: false, wildcard: trailing });
      }
    }
    ["pt", "en"].forEach(function (lang) {
      var langFields = fields.filter(function (f) { return FIELD_LANG[f] === lang; });
      if (langFields.length) { out.push({ term: word, fields: langFields, usePipeline: true }); }
    });
    var textFields = fields.filter(function (f) { return Object.prototype.hasOwnProperty.call(FIELD_LANG, f); });
    if (last && textFields.length && folded.length >= MIN_TEXT_PREFIX) {
      out.push({ term: folded, fields: textFields, usePipeline: false, boost: PREFIX_BOOST, wildcard: trailing });
    }
    return out;
  }

  /** Whether a matched (term, field) pair is one that a word's clauses look for. */
  function matcher(index, word, last) {
    var folded = fold(word);
    var wanted = { pt: Object.create(null), en: Object.create(null) };
    ["pt", "en"].forEach(function (lang) {
      terms(index, word, lang).forEach(function (term) { wanted[lang][term] = true; });
    });
    return function (term, field) {
      if (field === CODE_FIELD) {
        return term === folded || (folded.length >= MIN_CODE_PREFIX && term.indexOf(folded) === 0);
      }
      var lang = FIELD_LANG[field];
      if (!lang) { return false; }
      return wanted[lang][term] === true || (last && folded.length >= MIN_TEXT_PREFIX && term.indexOf(folded) === 0);
    };
  }

  /** How many of the words a result matched, read from its match data. */
  function coverage(result, matchers) {
    var metadata = result.matchData.metadata;
    var count = 0;
    matchers.forEach(function (matches) {
      var hit = Object.keys(metadata).some(function (term) {
        return Object.keys(metadata[term]).some(function (field) { return matches(term, field); });
      });
      if (hit) { count++; }
    });
    return count;
  }

  /** 1 when a result matched in a field of language `lang` or in the code field, else 0. */
  function inLanguage(result, lang) {
    var metadata = result.matchData.metadata;
    return Object.keys(metadata).some(function (term) {
      return Object.keys(metadata[term]).some(function (field) { return field === CODE_FIELD || FIELD_LANG[field] === lang; });
    }) ? 1 : 0;
  }

  var foldedCodes = Object.create(null);
  function foldedCode(code) {
    if (!(code in foldedCodes)) { foldedCodes[code] = fold(normalize(code)); }
    return foldedCodes[code];
  }

  function run(index, clauseList) {
    return index.query(function (query) {
      clauseList.forEach(function (clause) {
        var copy = {};
        for (var key in clause) { copy[key] = clause[key]; }
        query.clause(copy);
      });
    });
  }

  /**
   * Every document matching `text`, best first, as [{ref, score}].
   * `codes[n]` are the codes of the document whose ref is n in base 36.
   * User input never reaches lunr's query parser, so no input can throw. When
   * nothing matches, CamelCase words are cut into pieces and searched again.
   * `prefer` ("pt" or "en", optional): among results that match as many words,
   * those matching in that language (or by code) come first; both are searched.
   */
  function search(index, codes, text, prefer) {
    var query = queryWords(text);
    if (!query.length) { return []; }
    var perWord = query.map(function (word, n) { return clauses(word, n === query.length - 1, index.fields); });
    var results = run(index, [].concat.apply([], perWord));
    if (!results.length) {
      var split = camelSplit(text);
      return split !== String(text) ? search(index, codes, split, prefer) : [];
    }
    var matchers = query.length > 1 ? query.map(function (word, n) { return matcher(index, word, n === query.length - 1); }) : [];
    var folded = Object.create(null);
    query.forEach(function (word) { folded[fold(word)] = true; });
    var rank = results.map(function (r) {
      var own = codes[parseInt(r.ref, 36)] || [];
      var exact = own.some(function (code) { return folded[foldedCode(code)] === true; }) ? 1 : 0;
      return { ref: r.ref, score: r.score, exact: exact, cover: matchers.length ? coverage(r, matchers) : 1,
               inLang: prefer ? inLanguage(r, prefer) : 0 };
    });
    rank.sort(function (a, b) {
      return (b.exact - a.exact) || (b.cover - a.cover) || (b.inLang - a.inLang) || (b.score - a.score) ||
        (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
    });
    return rank.map(function (r) { return { ref: r.ref, score: r.score }; });
  }

  return {
    WORD_SOURCE: WORD_SOURCE,
    normalize: normalize,
    fold: fold,
    words: words,
    queryWords: queryWords,
    terms: terms,
    search: search,
  };
});
