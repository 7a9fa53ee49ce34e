// Katalog search worker: loads the prebuilt index (no index is built in the browser) and answers
// queries off the main thread. The analysis mirrors the build's exactly: the same trimmer, the
// stop words shipped in the index file, and the Snowball stemmer of lunr-languages.
/* global lunr, importScripts */
"use strict";

var index = null;
var data = null;
var stemmer = null;
var stopwords = new Set();  // a Set, not an object: "constructor" or "__proto__" are words too
var termDocs = [];  // per vocabulary, per term: the documents carrying it
var pending = null;

function trim(word) {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

// The index arrives in a compact form (field vectors only, term numbers as differences, scores
// in hundredths); this expands it to lunr's own serialization for lunr.Index.load. The postings
// have no prototype, as lunr's own: a field or document named "__proto__" is an ordinary key.
function expand(compact) {
  var postings = compact.terms.map(function (term, i) {
    var posting = Object.create(null);
    posting._index = i;
    compact.fields.forEach(function (name) { posting[name] = Object.create(null); });
    return posting;
  });
  var fieldVectors = [];
  compact.fields.forEach(function (name, f) {
    compact.vectors[f].forEach(function (flat, d) {
      var ref = compact.refs[d];
      var vector = [];
      var term = 0;
      for (var i = 0; i < flat.length; i += 2) {
        term += flat[i];
        vector.push(term, flat[i + 1] / 100);
        postings[term][name][ref] = {};
      }
      fieldVectors.push([name + "/" + ref, vector]);
    });
  });
  return {
    version: compact.version,
    fields: compact.fields,
    fieldVectors: fieldVectors,
    invertedIndex: compact.terms.map(function (term, i) { return [term, postings[i]]; }),
    pipeline: compact.pipeline
  };
}

function json(url) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
    return response.json();
  });
}

function setup(message) {
  var base = message.base;
  var downloads = Promise.all([json(message.docs), json(message.index)]);
  importScripts(base + "lunr/lunr.js");  // while the files download
  downloads.then(function (files) {
    data = files[0];
    data.lang = String(files[1].lang);
    // The language names a script to load: a language code, nothing else.
    if (!/^[a-z]{2,3}$/.test(data.lang)) throw new Error("unknown language " + data.lang);
    data.stopwords = files[1].stopwords;
    data.index = files[1].index;
    if (data.lang !== "en") {
      importScripts(base + "lunr/lunr.stemmer.support.js", base + "lunr/lunr." + data.lang + ".js");
      var snowball = lunr[data.lang].stemmer;
      stemmer = function (token) { return snowball(token); };
    } else {
      stemmer = function (token) { return lunr.stemmer(token); };
    }
    lunr.Pipeline.registerFunction(stemmer, "katalog-stemmer");
    stopwords = new Set(data.stopwords);
    index = lunr.Index.load(expand(data.index));
    termDocs = data.vocabularies.map(function (vocabulary) {
      return vocabulary.terms.map(function () { return []; });
    });
    data.docs.forEach(function (doc, d) {
      doc[4].forEach(function (keys, v) {
        keys.forEach(function (t) { termDocs[v][t].push(d); });
      });
    });
    postMessage({ type: "ready", types: data.types.map(function (t) { return t[1]; }), typeKeys: data.types.map(function (t) { return t[0]; }), vocabularies: data.vocabularies.map(function (v) {
      return { name: v.name, label: v.label, filter: v.filter, keys: v.keys, terms: v.terms };
    }) });
    if (pending) { search(pending); pending = null; }
  }).catch(function (error) {
    postMessage({ type: "error", message: String(error) });
  });
}

function words(query) {
  return lunr.tokenizer(query).map(function (token) { return trim(token.toString()); })
    .filter(function (word) { return word && !stopwords.has(word); });
}

// Marks, for one typed word, every document whose vocabulary terms (labels and synonyms) contain
// it: "aeldre" finds every entry with the theme Ældre, "Århus" every entry in Aarhus.
function markTermMatches(word, stem, bit, covered, scores) {
  data.vocabularies.forEach(function (vocabulary, v) {
    vocabulary.words.forEach(function (termWords, t) {
      var hit = termWords.some(function (w) { return w === stem || (word.length > 2 && w.indexOf(word) === 0); });
      if (!hit) return;
      termDocs[v][t].forEach(function (d) {
        if (!(covered[d] & bit)) scores[d] += 3;
        covered[d] |= bit;
      });
    });
  });
}

// lunr reads every "*" in a term as a wildcard and has no escape for it: a typed "a*a*a*a..."
// made it try every way of matching the pattern (exponential: the search hung). A typed "*" is
// an ordinary character, as in the index: lunr is asked for the terms that start with the text
// before it, and the check in `search` keeps only those that start with the whole word.
function clause(query, term, boost, prefix) {
  var star = term.indexOf("*");
  if (star === 0) return;
  if (star > 0) { term = term.slice(0, star); prefix = true; }
  query.term(term, {
    usePipeline: false, boost: boost,
    wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE
  });
}

function search(message) {
  if (!index) { pending = message; return; }
  var typed = words(String(message.query)).slice(0, 30);  // one bit per word in the masks below
  var stems = typed.map(function (word) { return stemmer(new lunr.Token(word)).toString(); });
  var results = [];
  if (typed.length) {
    results = index.query(function (query) {
      typed.forEach(function (word, i) {
        clause(query, stems[i], 10, false);
        // Prefixes while typing; from three letters, as one letter would match most of the index.
        if (word.length > 2) {
          clause(query, word, 1, true);
          if (stems[i] !== word) clause(query, stems[i], 2, true);
        }
      });
    });
  }
  // Per document: a bit for each typed word it matches, in its text or its terms, and a score.
  // Typed arrays, because a short prefix can touch thousands of documents on every keystroke.
  var count = data.docs.length;
  var covered = new Uint32Array(count);
  var scores = new Float64Array(count);
  var matchedTerms = new Set();
  results.forEach(function (result) {
    var d = parseInt(result.ref, 36);
    var terms = Object.keys(result.matchData.metadata);
    scores[d] = result.score;
    typed.forEach(function (word, i) {
      for (var k = 0; k < terms.length; k++) {
        var term = terms[k];
        if (term === stems[i] || term.indexOf(word) === 0 || term.indexOf(stems[i]) === 0) {
          covered[d] |= 1 << i;
          break;
        }
      }
    });
    terms.forEach(function (term) { matchedTerms.add(term); });
  });
  typed.forEach(function (word, i) { markTermMatches(word, stems[i], 1 << i, covered, scores); });
  // Every typed word must match (lunr ORs its clauses).
  var all = (1 << typed.length) - 1;  // at most 30 words, so the bits fit
  var hits = [];
  for (var d = 0; d < count; d++) if (all && covered[d] === all) hits.push(d);
  hits.sort(function (a, b) { return scores[b] - scores[a] || a - b; });
  postMessage({
    type: "results",
    id: message.id,
    words: typed.concat(Array.from(matchedTerms)),
    total: hits.length,
    // The header's list shows the first 200; the results page asks for every hit.
    hits: hits.slice(0, message.all ? hits.length : 200).map(function (d) {
      var doc = data.docs[d];
      var url = Array.isArray(doc[1]) ? data.prefixes[doc[1][0]] + doc[1][1] : doc[1];
      return [doc[0], url, doc[2], doc[3], doc[4]];
    })
  });
}

onmessage = function (event) {
  var message = event.data;
  if (message.type === "setup") setup(message);
  else if (message.type === "search") search(message);
};
