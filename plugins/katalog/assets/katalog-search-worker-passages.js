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
  var BEFORE = 3;   // words shown before the first matched word of a passage

  function hasHit(text, isHit) {
    return String(text).split(/\s+/).some(function (token) { return isHit(trim(token)); });
  }

  // The window of WINDOW words of a section, starting BEFORE words ahead of one of its matched words,
  // that holds the most of them: {most, hits, text}, or null where none matched.
  function bestWindow(section, isHit) {
    var tokens = String(section[2]).split(/\s+/);
    var hits = [];
    tokens.forEach(function (token, i) { if (isHit(trim(token))) hits.push(i); });
    if (!hits.length) return null;
    var from = 0, most = 0, first = 0;
    hits.forEach(function (hit) {
      var start = Math.max(0, hit - BEFORE);
      while (hits[first] < start) first++;
      var inWindow = 0;
      for (var k = first; k < hits.length && hits[k] < start + WINDOW; k++) inWindow++;
      if (inWindow > most) { most = inWindow; from = start; }
    });
    var text = tokens.slice(from, from + WINDOW).join(" ");
    return {
      most: most, hits: hits.length,
      text: (from > 0 ? "… " : "") + text + (from + WINDOW < tokens.length ? " …" : "")
    };
  }

  // The passage with the most matched words, and its heading. The page's vocabulary terms and keywords
  // (a section marked with a fourth item: per term "Tema: Ældre" and its other words a line each, apart
  // by an empty line) only where nothing else matched, not the title, the summary nor any other
  // section: then each that matched, as "Tema: Ældre" or "Tema: Ældre (seniorer)", the reason it was found.
  function passage(sections, isHit, rowMatched) {
    var best = null, labels = null;
    (sections || []).forEach(function (section) {
      if (section[3]) { labels = section; return; }
      var found = bestWindow(section, isHit);
      if (!found) return;
      var score = found.most + (section[0] ? 0.5 : 0) + found.hits / 100;
      if (!best || score > best.score) best = { score: score, section: section, text: found.text };
    });
    if (best) return { heading: String(best.section[0]), anchor: String(best.section[1]), text: best.text };
    if (!labels || rowMatched) return null;
    var terms = [];
    String(labels[2]).split("\n\n").forEach(function (block) {
      var lines = block.split("\n");
      if (hasHit(lines[0], isHit)) { terms.push(lines[0]); return; }
      for (var i = 1; i < lines.length; i++) {
        if (hasHit(lines[i], isHit)) { terms.push(lines[0] + " (" + lines[i] + ")"); return; }
      }
    });
    return terms.length ? { heading: "", anchor: "", text: terms.join(" · "), reason: true } : null;
  }

  // A result as the list shows it: title, address, type and places, and the summary until the passage.
  function shown(doc, row, isHit) {
    return {
      doc: doc, title: segments(row[0], isHit), url: String(row[1]), info: String(row[2] || ""),
      passage: segments(row[3], isHit), heading: "", anchor: ""
    };
  }

  // The passage that matched, with its heading; or, where only the page's vocabulary terms or keywords
  // matched, those as the reason it was found (the summary stays); or null. row: the result's row.
  function withPassage(sections, isHit, row) {
    var found = passage(sections, isHit, hasHit(row[0], isHit) || hasHit(row[3], isHit));
    if (found && found.reason) return { passage: null, heading: "", anchor: "", reason: segments(found.text, isHit) };
    return found && { passage: segments(found.text, isHit), heading: found.anchor ? found.heading : "", anchor: found.anchor };
  }

  worker.marker = marker;
  worker.shown = shown;
  worker.withPassage = withPassage;
})(katalogSearchWorker);
