// Katalog search worker: the typed words, and each word over the loaded shards. The analysis mirrors
// the build's exactly: the same splitting and trimming, the stop words shipped in the first file, the
// Snowball stemmer of lunr-languages (lunr's Porter stemmer for English). A word matches exactly, as a
// prefix (the word being typed: any; the others: their forms only), as a part of a compound (in the
// postings already), or with one typo (words of five letters or more); a compound it begins, or a typo,
// never weighs more per occurrence than the word itself. Part of katalog-search-worker.js (see
// katalog-search-worker-index.js).
(function (worker) {
  "use strict";
  var EXACT = 1, PREFIX = 0.35, TYPO = 0.25;
  var PHRASE_MARK = " ", ENDS_MARK = "~";  // in front of a phrase's term, of an end's key (postings.py)
  var DANISH = { ae: "æ", oe: "ø", aa: "å" };

  function trim(word) {
    return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

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
    // The last word is the one being typed; the others are whole words.
    var typing = words[words.length - 1];
    var meaningful = words.filter(function (w) { return !worker.stopwords.has(w.text); });
    if (meaningful.some(function (w) { return !w.without; })) words = meaningful;
    return words.slice(0, 30).map(function (w) {
      var stem = worker.stemmer(w.text);
      var typos = w.text.length >= 5 && w.text.length <= TYPO_MAX_LETTERS;
      var word = {
        text: w.text, stem: stem, without: w.without, exact: [stem], prefixes: [], typos: typos, whole: w !== typing
      };
      // Prefixes from three letters, as one or two would match most of the index. A whole word's are its
      // forms the stemmer left apart ("grønt" for "grøn"), in its own shard; the word being typed's are
      // the compounds it begins too.
      if (w.text.length > 2) {
        word.prefixes.push(w.text);
        if (stem.length > 2 && stem !== w.text) word.prefixes.push(stem);
      }
      // Typed without Danish letters ("aeldre", "groen", "aabne"): the word with them is the same word.
      var danish = w.text.replace(/ae|oe|aa/g, function (pair) { return DANISH[pair]; });
      if (danish !== w.text) {
        var danishStem = worker.stemmer(danish);
        if (word.exact.indexOf(danishStem) < 0) word.exact.push(danishStem);
        if (danish.length > 2) word.prefixes.push(danish, danishStem);
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
      if (variant.length >= 4 && variant !== text) stems.add(worker.stemmer(variant));
    });
    stems.delete(word.stem);
    if (typoMemo.size >= TYPO_MEMO_SIZE) typoMemo.clear();
    typoMemo.set(word.text, stems);
    return stems;
  }

  // Letters a term has beyond the word's stem when it is another word joined on, not an ending.
  var COMPOUND_REST = 4;

  // A term the typed word itself does not begin, reached through its stem alone, is another word joined
  // on the stem, not a form of the typed one: "inddragervej" for "inddragelse".
  function compound(term, word) {
    if (term.length - word.stem.length < COMPOUND_REST) return false;
    return term.lastIndexOf(word.text, 0) !== 0 || term.length - word.text.length >= COMPOUND_REST - 1;
  }

  // Two terms one after the other in a title, a keyword, a term's name or a role (" a b", postings.py;
  // sorted before every word, so no word's prefix reaches it): a bonus to the documents that hold two
  // typed words so (katalog-search-worker-rank.js).
  function phrase(first, second) {
    var term = PHRASE_MARK + first.stem + " " + second.stem;
    return { text: term, stem: term, without: false, exact: [term], prefixes: [], typos: false, phrase: true };
  }

  function startsWith(term, prefixes) {
    for (var p = 0; p < prefixes.length; p++) if (term.lastIndexOf(prefixes[p], 0) === 0) return true;
    return false;
  }

  // One word over the loaded shards: each document's best score (0: no match) and whether it matched
  // other than by a typo, in typed arrays (a common word has a posting in most documents).
  var FEW = 50;  // typos are looked for when the word itself has fewer documents than this

  // partial: the tails of common terms not fetched yet; threshold: no document outside the heads can
  // score above it (a head holds its term's best documents).
  function match(word, loaded) {
    var meta = worker.meta;
    var scores = new Float64Array(meta.count);
    var clean = new Uint8Array(meta.count);
    var matched = [], partial = [];
    var exactHit = false, found = 0, threshold = 0;
    function walk(flat, factor, typo) {
      var doc = 0, lowest = Infinity;
      for (var i = 0; i < flat.length; i += 2) {
        doc += flat[i];
        var score = factor * flat[i + 1];
        if (flat[i + 1] < lowest) lowest = flat[i + 1];
        if (scores[doc] === 0) found++;
        if (scores[doc] < score) scores[doc] = score;
        if (!typo) clean[doc] = 1;
      }
      return lowest;
    }
    function idfOf(data, t) {
      var tail = data.tails.get(t);
      var count = tail ? tail.n : data.postings[t].length / 2;
      return Math.log(1 + Math.abs((meta.count - count + 0.5) / (count + 0.5)));
    }
    // A compound the word begins, or a typo of it, counts with no more weight per occurrence than the
    // word itself: else a rare compound ("grønpanel") outranks the documents that use the word. A
    // form the stemmer left apart ("plejecentret" for "plejecenter") keeps its own.
    var cap = Infinity;
    loaded.forEach(function (data) {
      word.exact.forEach(function (term) {
        var t = data.index.get(term);
        if (t !== undefined) cap = Math.min(cap, idfOf(data, t));
      });
    });
    function add(data, t, weight) {
      var tail = data.tails.get(t);
      var own = weight === EXACT || (weight === PREFIX && !compound(data.terms[t], word));
      var idf = own ? idfOf(data, t) : Math.min(idfOf(data, t), cap);
      var factor = weight * idf / 10, typo = weight === TYPO;
      var lowest = walk(data.postings[t], factor, typo);
      if (tail && tail.postings) walk(tail.postings, factor, typo);
      else if (tail) { partial.push(tail); threshold = Math.max(threshold, factor * lowest); }
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
          if (seen[k].has(t) || !startsWith(data.terms[t], word.prefixes)) continue;
          if (word.whole && compound(data.terms[t], word)) continue;
          add(data, t, PREFIX); seen[k].add(t);
        }
      }
    });
    // The words that end with this one, which the catalogue never uses alone ("busstoppested" for
    // "stoppested"), where it found nothing else (katalog-search-worker-rank.js looks them up).
    (word.ends || []).forEach(function (term) {
      loaded.forEach(function (data, k) {
        var t = data.index.get(term);
        if (t !== undefined && !seen[k].has(t)) { add(data, t, PREFIX); seen[k].add(t); }
      });
    });
    var direct = found;  // documents the word itself matched (exactly, as a prefix, as a part or an end)
    if (word.typos && direct < FEW) {
      var stems = typoStems(word);
      loaded.forEach(function (data, k) {
        stems.forEach(function (term) {
          var u = data.index.get(term);
          if (u !== undefined && !seen[k].has(u)) { add(data, u, TYPO); seen[k].add(u); }
        });
      });
    }
    return {
      scores: scores, clean: clean, matched: matched, exactHit: exactHit, direct: direct,
      partial: partial, threshold: threshold
    };
  }

  // The terms whose shards a typo needs, fetched only when the word itself is not in the index: those a
  // typo in the first two letters could have been, as far as they can be named without guessing a
  // letter (one left out, two swapped), and every one-edit variant that keeps the first SAME_START
  // letters. In a big catalogue such a variant's term is often in another shard than the word's (a
  // common term has a shard of its own). A typo at the letters between stays found where the shards meet.
  var SAME_START = 4;

  function typoNeighbours(word) {
    var s = word.text, start = s.slice(0, SAME_START);
    var named = [s.slice(1), s.charAt(0) + s.slice(2), s.charAt(1) + s.charAt(0) + s.slice(2),
      s.charAt(0) + s.charAt(2) + s.charAt(1) + s.slice(3)].map(worker.stemmer);
    typoStems(word).forEach(function (stem) { if (stem.lastIndexOf(start, 0) === 0) named.push(stem); });
    return named;
  }

  worker.trim = trim;
  worker.parse = parse;
  worker.match = match;
  worker.phrase = phrase;
  worker.ENDS_MARK = ENDS_MARK;
  worker.typoNeighbours = typoNeighbours;
  worker.FEW = FEW;
})(katalogSearchWorker);
