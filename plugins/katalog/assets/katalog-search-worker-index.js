// Katalog search worker: the index's pieces (core/search/index.py describes the files). setup fetches
// the small first file and loads lunr and the stemmer of the index's language meanwhile; then the
// shards a query's words need (the terms and their postings) and the files of result rows are fetched
// when first asked for, and kept. First of the worker's files after katalog-common.js (the build joins
// them into katalog-search-worker.js, render/site_files.py): it makes katalogSearchWorker, the one
// object they share.
/* exported katalogSearchWorker */
var katalogSearchWorker = (function () {
  "use strict";
  var json = katalogCommon.json;
  var worker = {
    meta: null,             // the first file
    base: null,             // the search folder's address
    stemmer: null,
    stopwords: new Set(),   // a Set, not an object: "constructor" or "__proto__" are words too
    ready: null             // promise of the first file, lunr and the stemmer
  };
  var shards = new Map();   // shard file -> promise of {terms, postings (decoded lazily)}
  var rowFiles = new Map(); // row file number -> promise of its rows
  var tailFiles = new Map(); // tail file name -> promise of its postings
  var inlineRows = new Map(); // document number -> its row, from the shards loaded

  var LUNR_CODES = { da: "da", sv: "sv", nb: "no", nn: "no", no: "no", en: "en" };

  function loadStemmer(scripts, lang) {
    if (lang !== "en") {
      importScripts(scripts + "lunr/lunr.stemmer.support.js", scripts + "lunr/lunr." + lang + ".js");
      var snowball = lunr[lang].stemmer;
      return function (word) { return snowball(new lunr.Token(word)).toString(); };
    }
    return function (word) { return lunr.stemmer(new lunr.Token(word)).toString(); };
  }

  worker.setup = function (message) {
    worker.base = new URL("search/", message.base);
    var first = json(message.index);
    // While the first file downloads: lunr and the stemmer of the page's language, which is the index's
    // language on a Katalog site (checked below).
    importScripts(message.base + "lunr/lunr.js");
    var guess = LUNR_CODES[String(message.lang || "").toLowerCase().split("-")[0]];
    if (guess) worker.stemmer = loadStemmer(message.base, guess);
    worker.ready = first.then(function (data) {
      var meta = worker.meta = data;
      // The language names a script to load: a language code, nothing else.
      if (!/^[a-z]{2,3}$/.test(String(meta.lang))) throw new Error("unknown language " + meta.lang);
      if (meta.lang !== guess) worker.stemmer = loadStemmer(message.base, meta.lang);
      worker.stopwords = new Set(meta.stopwords);
      postMessage({
        type: "ready", types: meta.types.map(function (t) { return t[1]; }),
        typeKeys: meta.types.map(function (t) { return t[0]; }),
        vocabularies: meta.filters.map(function (f) {
          return { name: f.name, label: f.label, filter: true, keys: f.keys, terms: f.terms };
        })
      });
    });
    worker.ready.catch(function (error) { postMessage({ type: "error", message: String(error) }); });
  };

  function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }  // UTF-16 code units, as the build sorts

  // The number of the shard a term is in: the last whose first term is not after it.
  worker.shardOf = function (term) {
    var meta = worker.meta;
    var low = 0, high = meta.shards.length - 1, found = 0;
    while (low <= high) {
      var mid = (low + high) >> 1;
      if (compare(meta.shards[mid][0], term) <= 0) { found = mid; low = mid + 1; } else high = mid - 1;
    }
    return found;
  };

  worker.shard = function (number) {
    var name = worker.meta.shards[number][1];
    if (!shards.has(name)) {
      shards.set(name, json(new URL(name, worker.base).href).then(function (data) {
        var index = new Map();
        data.t.forEach(function (term, i) { index.set(term, i); });
        // A common term's postings here are its best documents; the others are in its tail's file.
        var tails = new Map();
        (data.x || []).forEach(function (x) { tails.set(x[0], { n: x[1], name: x[2], postings: null }); });
        // The rows of each term's best documents: a query of one word shows its first results from them.
        (data.r || []).forEach(function (r) { inlineRows.set(r[0], r.slice(1)); });
        return { terms: data.t, postings: data.p, index: index, tails: tails };
      }));
    }
    return shards.get(name);
  };

  // The shards a word's terms can be in: its exact terms' and its ends' (the words that end with it, where
  // it found nothing else), and every shard a prefix reaches into (a whole word's forms too: a shard may
  // end between a word and its forms, and which terms a word matches must not hang on where the
  // catalogue's shards happen to end).
  worker.shardsFor = function (word) {
    var meta = worker.meta;
    var wanted = new Set();
    word.exact.concat(word.ends || []).forEach(function (term) { wanted.add(worker.shardOf(term)); });
    word.prefixes.forEach(function (prefix) {
      var from = worker.shardOf(prefix);
      for (var s = from; s < meta.shards.length; s++) {
        if (s > from && meta.shards[s][0].slice(0, prefix.length) !== prefix) break;
        wanted.add(s);
      }
    });
    return Array.from(wanted);
  };

  // A file's JSON, kept in files (key -> promise) once asked for. signal: the asking query's; a newer
  // query cancels the download, and a download another query cancelled is made again.
  function kept(files, key, url, signal) {
    if (!files.has(key)) {
      var loading = json(url, { signal: signal });
      loading.catch(function () { if (files.get(key) === loading) files.delete(key); });  // asked again next time
      files.set(key, loading);
    }
    return files.get(key).then(null, function (error) {
      if (error && error.name === "AbortError" && !(signal && signal.aborted)) return kept(files, key, url, signal);
      throw error;
    });
  }

  // The tails' files: the postings of common terms beyond their best documents.
  worker.loadTails = function (tails, signal) {
    return Promise.all(tails.map(function (tail) {
      return kept(tailFiles, tail.name, new URL(tail.name, worker.base).href, signal).then(function (postings) {
        tail.postings = postings;
      });
    }));
  };

  // A result's row: title, address, type and places, summary, whether it has passages.
  worker.rowOf = function (doc, signal) {
    if (inlineRows.has(doc)) return Promise.resolve(inlineRows.get(doc));
    var meta = worker.meta;
    var number = Math.floor(doc / meta.rowSize);
    var url = new URL(meta.rows + number + ".json", worker.base).href;
    return kept(rowFiles, number, url, signal).then(function (rows) { return rows[doc - number * meta.rowSize]; });
  };

  return worker;
})();
