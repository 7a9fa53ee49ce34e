// Katalog search worker: what a result shows. The title, type and places and summary from its row, and
// then the passage of its page that matched best, with the heading it is under; in each, the words that
// match the query marked, as [[text, marked?], ...] (the page puts the marked parts in <mark>, as text).
// Part of katalog-search-worker.js (see katalog-search-worker-index.js).
(function (worker) {
  "use strict";
  var trim = worker.trim;

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
      var hit = (heads.has(lower.slice(0, 2)) && terms.has(worker.stemmer(lower))) || words.some(function (w) {
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

  worker.marker = marker;
  worker.shown = shown;
  worker.withPassage = withPassage;
})(katalogSearchWorker);
