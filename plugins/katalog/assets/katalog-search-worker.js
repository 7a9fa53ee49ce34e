// Katalog search worker: loads the prebuilt lunr index (no index is built in the browser)
// and answers queries off the main thread. The analysis mirrors the build's exactly:
// the same trimmer, the stop words shipped in the index file, and the Snowball stemmer.
/* global lunr, importScripts */
"use strict";

var index = null;
var docs = null;
var stemmer = null;
var stopwords = {};
var pending = null;

function trim(word) {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

function setup(message) {
  var base = message.base;
  importScripts(base + "lunr/lunr.js");
  fetch(message.index).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.json();
  }).then(function (data) {
    if (data.lang !== "en") {
      importScripts(base + "lunr/lunr.stemmer.support.js", base + "lunr/lunr." + data.lang + ".js");
      var snowball = lunr[data.lang].stemmer;
      stemmer = function (token) { return snowball(token); };
    } else {
      stemmer = function (token) { return lunr.stemmer(token); };
    }
    data.stopwords.forEach(function (word) { stopwords[word] = true; });
    var trimmer = function (token) {
      var word = trim(token.toString());
      return word ? token.update(function () { return word; }) : undefined;
    };
    var stopFilter = function (token) { return stopwords[token.toString()] ? undefined : token; };
    lunr.Pipeline.registerFunction(trimmer, "katalog-trimmer");
    lunr.Pipeline.registerFunction(stopFilter, "katalog-stopwords");
    lunr.Pipeline.registerFunction(stemmer, "katalog-stemmer");
    index = lunr.Index.load(data.index);
    docs = data.docs;
    postMessage({ type: "ready", types: data.types, facets: data.facets });
    if (pending) { search(pending); pending = null; }
  }).catch(function (error) {
    postMessage({ type: "error", message: String(error) });
  });
}

function words(query) {
  return lunr.tokenizer(query).map(function (token) { return trim(token.toString()); })
    .filter(function (word) { return word && !stopwords[word]; });
}

function search(message) {
  if (!index) { pending = message; return; }
  var typed = words(message.query);
  var stems = typed.map(function (word) { return stemmer(new lunr.Token(word)).toString(); });
  var results = [];
  if (typed.length) {
    results = index.query(function (query) {
      typed.forEach(function (word, i) {
        query.term(stems[i], { usePipeline: false, boost: 10 });
        query.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 1 });
        if (stems[i] !== word) {
          query.term(stems[i], { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 2 });
        }
      });
    });
  }
  // Every typed word must match (lunr ORs its clauses): keep results whose matched terms cover each.
  var matchedTerms = {};
  var all = results.filter(function (result) {
    var terms = Object.keys(result.matchData.metadata);
    var covers = typed.every(function (word, i) {
      return terms.some(function (term) { return term === stems[i] || term.indexOf(word) === 0 || term.indexOf(stems[i]) === 0; });
    });
    if (covers) terms.forEach(function (term) { matchedTerms[term] = true; });
    return covers;
  });
  postMessage({
    type: "results",
    id: message.id,
    words: typed.concat(Object.keys(matchedTerms)),
    total: all.length,
    hits: all.slice(0, 200).map(function (result) { return docs[parseInt(result.ref, 16)]; })
  });
}

onmessage = function (event) {
  var message = event.data;
  if (message.type === "setup") setup(message);
  else if (message.type === "search") search(message);
};
