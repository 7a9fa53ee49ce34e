// Katalog search worker: answers queries off the main thread from the index in pieces
// (core/search/index.py describes the files). It fetches the small first file, then per query only
// the shards that hold the typed words' terms (all at once), then the files of result rows the shown
// results are in (a few, kept), and posts the list; then the passages of the shown results, and the
// filters' data once a first result is out. A newer query of the same page part makes an older one
// stop where it is, and its passages' downloads are cancelled. The analysis mirrors the build's exactly: the same
// splitting and trimming, the stop words shipped in the first file, the Snowball stemmer of
// lunr-languages (lunr's Porter stemmer for English). Scores are lunr's BM25 per field, summed with
// the field boosts at build time; here they are multiplied by lunr's idf and by how a word matched:
// exactly, as a prefix while typing, as a part of a compound (in the postings already), or with one
// typo (words of five letters or more). Every typed word must match, as with lunr's "+word";
// "-word" leaves out what matches it.
/* global lunr, importScripts, AbortController */
"use strict";

var meta = null;
var base = null;        // the search folder's address
var stemmer = null;
var stopwords = new Set();  // a Set, not an object: "constructor" or "__proto__" are words too
var shards = new Map();     // shard file -> promise of {terms, postings (decoded lazily)}
var rowFiles = new Map();   // row file number -> promise of its rows
var latest = new Map();     // channel (a part of the page) -> the id of its newest query
var cancel = new Map();     // channel -> AbortController of its passages' downloads
var facets = null;          // promise of the filters' data
var facetData = null;
var ready = null;
var last = null;            // the last query's ranking, for "more" and for filters: {key, ranked}
var EXACT = 1, PREFIX = 0.35, TYPO = 0.25;

function json(url, signal) {
  return fetch(url, signal ? { signal: signal } : {}).then(function (response) {
    if (!response.ok) throw new Error("HTTP " + response.status + " " + url);
    return response.json();
  });
}

function trim(word) {
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

var LUNR_CODES = { da: "da", sv: "sv", nb: "no", nn: "no", no: "no", en: "en" };

function loadStemmer(scripts, lang) {
  if (lang !== "en") {
    importScripts(scripts + "lunr/lunr.stemmer.support.js", scripts + "lunr/lunr." + lang + ".js");
    var snowball = lunr[lang].stemmer;
    return function (word) { return snowball(new lunr.Token(word)).toString(); };
  }
  return function (word) { return lunr.stemmer(new lunr.Token(word)).toString(); };
}

function setup(message) {
  base = new URL("search/", message.base);
  var first = json(message.index);
  // While the first file downloads: lunr and the stemmer of the page's language, which is the index's
  // language on a Katalog site (checked below).
  importScripts(message.base + "lunr/lunr.js");
  var guess = LUNR_CODES[String(message.lang || "").toLowerCase().split("-")[0]];
  if (guess) stemmer = loadStemmer(message.base, guess);
  ready = first.then(function (data) {
    meta = data;
    // The language names a script to load: a language code, nothing else.
    if (!/^[a-z]{2,3}$/.test(String(meta.lang))) throw new Error("unknown language " + meta.lang);
    if (meta.lang !== guess) stemmer = loadStemmer(message.base, meta.lang);
    stopwords = new Set(meta.stopwords);
    postMessage({
      type: "ready", types: meta.types.map(function (t) { return t[1]; }),
      typeKeys: meta.types.map(function (t) { return t[0]; }),
      vocabularies: meta.filters.map(function (f) {
        return { name: f.name, label: f.label, filter: true, keys: f.keys, terms: f.terms };
      })
    });
  });
  ready.catch(function (error) { postMessage({ type: "error", message: String(error) }); });
}

// --- the index's pieces ----------------------------------------------------------------------------

function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }  // UTF-16 code units, as the build sorts

// The number of the shard a term is in: the last whose first term is not after it.
function shardOf(term) {
  var low = 0, high = meta.shards.length - 1, found = 0;
  while (low <= high) {
    var mid = (low + high) >> 1;
    if (compare(meta.shards[mid][0], term) <= 0) { found = mid; low = mid + 1; } else high = mid - 1;
  }
  return found;
}

function shard(number) {
  var name = meta.shards[number][1];
  if (!shards.has(name)) {
    shards.set(name, json(new URL(name, base).href).then(function (data) {
      var index = new Map();
      data.t.forEach(function (term, i) { index.set(term, i); });
      return { terms: data.t, postings: data.p, index: index };
    }));
  }
  return shards.get(name);
}

// The shards a word's terms can be in: its exact terms', and every shard a prefix reaches into.
function shardsFor(word) {
  var wanted = new Set();
  word.exact.forEach(function (term) { wanted.add(shardOf(term)); });
  word.prefixes.forEach(function (prefix) {
    var from = shardOf(prefix);
    for (var s = from; s < meta.shards.length; s++) {
      if (s > from && meta.shards[s][0].slice(0, prefix.length) !== prefix) break;
      wanted.add(s);
    }
  });
  return Array.from(wanted);
}

// --- the query ----------------------------------------------------------------------------------

// Words as the build makes them: split on white space and hyphens, lower-case, trimmed. A word typed
// with a "-" in front is one to leave out. Stop words are dropped unless the query is nothing else.
function parse(text) {
  var words = [];
  String(text).toLowerCase().split(/\s+/).forEach(function (chunk) {
    var without = chunk.charAt(0) === "-" && chunk.length > 1;
    (without ? chunk.slice(1) : chunk).split("-").forEach(function (raw) {
      var word = trim(raw);
      // One letter would match most of the index (a digit is a word: "5. klasse").
      if (word && (word.length > 1 || /\p{N}/u.test(word))) words.push({ text: word, without: without });
    });
  });
  var meaningful = words.filter(function (w) { return !stopwords.has(w.text); });
  if (meaningful.some(function (w) { return !w.without; })) words = meaningful;
  return words.slice(0, 30).map(function (w) {
    var stem = stemmer(w.text);
    var typos = w.text.length >= 5 && w.text.length <= TYPO_MAX_LETTERS;
    var word = { text: w.text, stem: stem, without: w.without, exact: [stem], prefixes: [], typos: typos };
    // Prefixes while typing; from three letters, as one or two would match most of the index.
    if (w.text.length > 2) {
      word.prefixes.push(w.text);
      if (stem.length > 2 && stem !== w.text) word.prefixes.push(stem);
    }
    return word;
  });
}

var ALPHABET = "abcdefghijklmnopqrstuvwxyzæøåäöé";
var typoMemo = new Map();
// A word's one-edit variants grow with its length times the alphabet: a pasted 10,000-letter "word"
// would make 660,000 strings of 10,000 letters and take the tab down. Danish compounds stay under this.
var TYPO_MAX_LETTERS = 40;
var TYPO_MEMO_SIZE = 200;

// The stems of every word one edit away from the typed one (a letter left out, added, replaced, or
// two neighbours swapped), but its own: "samskabelze" gives the stem of "samskabelse". Stemmed after
// the edit, since a typo often changes what the stemmer cuts off.
function typoStems(word) {
  var known = typoMemo.get(word.text);
  if (known) return known;
  var text = word.text, variants = new Set();
  for (var i = 0; i <= text.length; i++) {
    var head = text.slice(0, i), tail = text.slice(i);
    if (tail) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
    for (var a = 0; a < ALPHABET.length; a++) {
      var letter = ALPHABET.charAt(a);
      variants.add(head + letter + tail);
      if (tail) variants.add(head + letter + tail.slice(1));
    }
  }
  var stems = new Set();
  variants.forEach(function (variant) {
    if (variant.length >= 4 && variant !== text) stems.add(stemmer(variant));
  });
  stems.delete(word.stem);
  if (typoMemo.size >= TYPO_MEMO_SIZE) typoMemo.clear();
  typoMemo.set(word.text, stems);
  return stems;
}

function startsWith(term, prefixes) {
  for (var p = 0; p < prefixes.length; p++) if (term.lastIndexOf(prefixes[p], 0) === 0) return true;
  return false;
}

// One word over the loaded shards: each document's best score (0: no match) and whether it matched
// other than by a typo, in typed arrays (a common word has a posting in most documents).
var FEW = 50;  // typos are looked for when the word itself has fewer documents than this

function match(word, loaded) {
  var scores = new Float64Array(meta.count);
  var clean = new Uint8Array(meta.count);
  var matched = [];
  var exactHit = false, found = 0;
  function add(data, t, weight) {
    var flat = data.postings[t];
    var count = flat.length / 2;
    var idf = Math.log(1 + Math.abs((meta.count - count + 0.5) / (count + 0.5)));
    var factor = weight * idf / 10, typo = weight === TYPO, doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc += flat[i];
      var score = factor * flat[i + 1];
      if (scores[doc] === 0) found++;
      if (scores[doc] < score) scores[doc] = score;
      if (!typo) clean[doc] = 1;
    }
    matched.push(data.terms[t]);
  }
  var seen = loaded.map(function () { return new Set(); });
  loaded.forEach(function (data, k) {
    word.exact.forEach(function (term) {
      var t = data.index.get(term);
      if (t !== undefined) { add(data, t, EXACT); seen[k].add(t); exactHit = true; }
    });
    if (word.prefixes.length) {
      for (var t = 0; t < data.terms.length; t++) {
        if (!seen[k].has(t) && startsWith(data.terms[t], word.prefixes)) { add(data, t, PREFIX); seen[k].add(t); }
      }
    }
  });
  if (word.typos && found < FEW) {
    var stems = typoStems(word);
    loaded.forEach(function (data, k) {
      stems.forEach(function (term) {
        var u = data.index.get(term);
        if (u !== undefined && !seen[k].has(u)) { add(data, u, TYPO); seen[k].add(u); }
      });
    });
  }
  return { scores: scores, clean: clean, matched: matched, exactHit: exactHit, found: found };
}

// The words a typo in the first two letters could have been, as far as they can be named without
// guessing a letter (one left out, two swapped): their shards are fetched only when the word itself
// is not in the index. A typo after the second letter stays in the shards the word needs anyway.
function typoNeighbours(word) {
  var s = word.text;
  return [s.slice(1), s.charAt(0) + s.slice(2), s.charAt(1) + s.charAt(0) + s.slice(2),
    s.charAt(0) + s.charAt(2) + s.charAt(1) + s.slice(3)].map(stemmer);
}

function rank(words) {
  var positive = words.filter(function (w) { return !w.without; });
  var needed = new Set();
  words.forEach(function (word) { shardsFor(word).forEach(function (s) { needed.add(s); }); });
  var loads = Array.from(needed).map(shard);
  return Promise.all(loads).then(function (loaded) {
    var answers = words.map(function (word) { return match(word, loaded); });
    var more = new Set();
    words.forEach(function (word, i) {
      if (word.typos && !answers[i].exactHit && answers[i].found < FEW) {
        typoNeighbours(word).forEach(function (term) { if (term.length >= 4) more.add(shardOf(term)); });
        needed.forEach(function (s) { more.delete(s); });
      }
    });
    if (!more.size) return answers;
    return Promise.all(Array.from(more).map(shard)).then(function (extra) {
      var all = loaded.concat(extra);
      return words.map(function (word, i) {
        return word.typos && !answers[i].exactHit && answers[i].found < FEW ? match(word, all) : answers[i];
      });
    });
  }).then(function (answers) {
    var count = meta.count, hits = [];
    var total = new Float64Array(count), typos = new Uint8Array(count);
    for (var doc = 0; doc < count; doc++) {
      var sum = 0, missed = 0, ok = positive.length > 0;
      for (var i = 0; i < answers.length && ok; i++) {
        var score = answers[i].scores[doc];
        if (words[i].without) { if (score > 0) ok = false; continue; }
        if (score === 0) { ok = false; continue; }
        sum += score;
        if (!answers[i].clean[doc]) missed++;
      }
      if (ok) { total[doc] = sum; typos[doc] = missed; hits.push(doc); }
    }
    // Documents with fewer typed words matched only through a typo come first, then by score.
    hits.sort(function (a, b) { return typos[a] - typos[b] || total[b] - total[a] || a - b; });
    var matched = [];
    answers.forEach(function (answer, i) { if (!words[i].without) matched = matched.concat(answer.matched); });
    return { ranked: hits, positive: positive, matched: matched };
  });
}

// --- what a result shows --------------------------------------------------------------------------

function rowOf(doc) {
  var number = Math.floor(doc / meta.rowSize);
  if (!rowFiles.has(number)) {
    var loading = json(new URL(meta.rows + number + ".json", base).href);
    loading.catch(function () { rowFiles.delete(number); });  // asked again next time
    rowFiles.set(number, loading);
  }
  return rowFiles.get(number).then(function (rows) { return rows[doc - number * meta.rowSize]; });
}

// Does a word of the text match the query? Its stem is a matched term, it starts with a typed word,
// or (a compound) it holds a typed word of four letters or more.
function marker(words, matched) {
  var terms = new Set(matched);
  var heads = new Set(matched.map(function (term) { return term.slice(0, 2); }));
  var known = new Map();
  return function (token) {
    var lower = token.toLowerCase();
    if (known.has(lower)) return known.get(lower);
    // Stemmed only when it could be a matched term: stemming every word of a passage is slow.
    var hit = (heads.has(lower.slice(0, 2)) && terms.has(stemmer(lower))) || words.some(function (w) {
      return lower.lastIndexOf(w.text, 0) === 0 || (w.text.length >= 4 && lower.indexOf(w.text) > 0) ||
        (w.stem.length >= 4 && lower.indexOf(w.stem) > 0);
    });
    known.set(lower, hit);
    return hit;
  };
}

// A text as [[text, marked?], ...]: the page puts the marked parts in <mark>, as text.
function segments(text, isHit) {
  var out = [];
  String(text).split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
    if (!part) return;
    var hit = i % 2 === 1 && isHit(part);
    if (out.length && out[out.length - 1][1] === hit) out[out.length - 1][0] += part;
    else out.push([part, hit]);
  });
  return out;
}

var WINDOW = 28;  // words in a passage

// The passage with the most matched words, cut around its densest part; and its heading.
function passage(sections, isHit) {
  var best = null;
  (sections || []).forEach(function (section) {
    var tokens = String(section[2]).split(/\s+/);
    var flags = tokens.map(function (token) { return isHit(trim(token)); });
    var count = flags.filter(Boolean).length;
    if (!count) return;
    var start = 0, bestStart = 0, inWindow = 0, most = -1;
    for (var i = 0; i < tokens.length; i++) {
      if (flags[i]) inWindow++;
      if (i - start + 1 > WINDOW) { if (flags[start]) inWindow--; start++; }
      if (inWindow > most) { most = inWindow; bestStart = start; }
    }
    var first = flags.indexOf(true);
    if (first >= 0 && first < bestStart) bestStart = Math.max(0, Math.min(bestStart, first - 4));
    var score = most + (section[0] ? 0.5 : 0) + count / 100;
    if (!best || score > best.score) best = { score: score, section: section, tokens: tokens, start: bestStart };
  });
  if (!best) return null;
  var from = Math.max(0, best.start - (best.start > 0 ? 3 : 0));
  var text = best.tokens.slice(from, from + WINDOW).join(" ");
  return {
    heading: String(best.section[0]), anchor: String(best.section[1]),
    text: (from > 0 ? "… " : "") + text + (from + WINDOW < best.tokens.length ? " …" : "")
  };
}

// A result as the list shows it: title, address, type and places, and the summary until the passage.
function shown(doc, row, isHit) {
  return {
    doc: doc, title: segments(row[0], isHit), url: String(row[1]), info: String(row[2] || ""),
    passage: segments(row[3], isHit), heading: "", anchor: ""
  };
}

// The passage that matched, with its heading, or null to keep the summary.
function withPassage(sections, isHit) {
  var found = passage(sections, isHit);
  return found && { passage: segments(found.text, isHit), heading: found.anchor ? found.heading : "", anchor: found.anchor };
}

// --- filters ---------------------------------------------------------------------------------------

function loadFacets() {
  if (!facets) {
    facets = json(new URL(meta.facets, base).href).then(function (data) { facetData = data; return data; });
  }
  return facets;
}

// filters: {type: key, <vocabulary>: key}; a document passes when it has every chosen one.
function chosen(filters) {
  var out = [];
  if (filters.type) {
    var t = meta.types.findIndex(function (pair) { return pair[0] === filters.type; });
    out.push({ group: -1, value: t });
  }
  meta.filters.forEach(function (f, v) {
    var key = filters[f.name];
    if (key) out.push({ group: v, value: f.keys.indexOf(key) });
  });
  return out;
}

function passes(doc, want, skip) {
  for (var i = 0; i < want.length; i++) {
    if (want[i].group === skip) continue;
    var ok = want[i].group < 0 ? facetData.type[doc] === want[i].value
      : facetData.v[want[i].group][doc].indexOf(want[i].value) >= 0;
    if (!ok) return false;
  }
  return true;
}

// Per filter, per option: how many of the results have it, with the other filters as chosen.
function counts(ranked, want) {
  var types = meta.types.map(function () { return 0; });
  var vocab = meta.filters.map(function (f) { return f.keys.map(function () { return 0; }); });
  ranked.forEach(function (doc) {
    if (facetData.type[doc] >= 0 && passes(doc, want, -1)) types[facetData.type[doc]]++;
    meta.filters.forEach(function (f, v) {
      if (!passes(doc, want, v)) return;
      facetData.v[v][doc].forEach(function (t) { vocab[v][t]++; });
    });
  });
  var out = { type: types };
  meta.filters.forEach(function (f, v) { out[f.name] = vocab[v]; });
  return out;
}

// --- answering ------------------------------------------------------------------------------------

function search(message) {
  var channel = String(message.channel || "");
  latest.set(channel, message.id);
  if (cancel.has(channel)) cancel.get(channel).abort();
  var control = new AbortController();
  cancel.set(channel, control);
  function stale() { return latest.get(channel) !== message.id; }
  ready.then(function () {
    var words = parse(message.query);
    var key = JSON.stringify(words.map(function (w) { return [w.text, w.without]; }));
    var ranking = last && last.key === key ? Promise.resolve(last.value) : rank(words);
    return ranking.then(function (value) {
      last = { key: key, value: value };
      if (stale()) return null;
      var want = chosen(message.filters || {});
      return (want.length > 0 && !facetData ? loadFacets() : Promise.resolve()).then(function () {
        return stale() ? null : answer(message, value, want, control.signal, stale);
      });
    });
  }).catch(function (error) {
    if (error && error.name === "AbortError") return;
    postMessage({ type: "error", id: message.id, message: String(error) });
  });
}

// The list from the rows (the first `early` of them posted as soon as they are in), then the passages
// of the shown results, then the filters' counts.
function answer(message, value, want, signal, stale) {
  var hits = want.length ? value.ranked.filter(function (doc) { return passes(doc, want, null); }) : value.ranked;
  var limit = Math.max(1, Math.min(Number(message.limit) || 20, 1000));
  var isHit = marker(value.positive, value.matched);
  var docs = hits.slice(0, limit);
  var rows = docs.map(rowOf);
  var items = rows.map(function (row, i) { return row.then(function (r) { return shown(docs[i], r, isHit); }); });
  var early = Math.min(Number(message.early) || 0, items.length);
  if (early > 0 && early < items.length) {
    Promise.all(items.slice(0, early)).then(function (first) {
      if (!stale()) postMessage({ type: "results", id: message.id, total: hits.length, hits: first, partial: true, counts: null });
    });
  }
  return Promise.all(items).then(function (list) {
    if (stale()) return null;
    postMessage({
      type: "results", id: message.id, total: hits.length, hits: list,
      counts: facetData ? counts(value.ranked, want) : null
    });
    if (!facetData && value.ranked.length) {
      loadFacets().then(function () {
        if (!stale()) postMessage({ type: "counts", id: message.id, counts: counts(value.ranked, want) });
      });
    }
    return Promise.all(rows).then(function (loaded) {
      var asked = [];
      loaded.forEach(function (row, i) {
        if (row[4]) asked.push(json(new URL(meta.passages + docs[i] + ".json", base).href, signal).then(function (sections) {
          var found = withPassage(sections, isHit);
          return found && { index: i, passage: found.passage, heading: found.heading, anchor: found.anchor };
        }).catch(function () { return null; }));  // cancelled, or missing: the summary stays
      });
      return Promise.all(asked);
    }).then(function (found) {
      var passages = found.filter(Boolean);
      if (passages.length && !stale()) postMessage({ type: "passages", id: message.id, passages: passages });
    });
  });
}

onmessage = function (event) {
  var message = event.data;
  if (message.type === "setup") setup(message);
  else if (message.type === "search") search(message);
};
