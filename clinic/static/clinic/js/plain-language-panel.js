/* The editor's Checks panel: the reading grade and what to change, from the scores the
   server put in the preview (clinic/plain_language/preview_marks.py). Runs each time Wagtail refreshes
   the preview's content metrics. Text only: nothing from the page is inserted as HTML. */
(function () {
  "use strict";

  function report() {
    var frame = document.getElementById("w-preview-iframe");
    var doc = frame && frame.contentDocument;
    var data = doc && doc.getElementById("plain-language-report");
    return data ? JSON.parse(data.textContent) : null;
  }

  function fill(list, items, text) {
    list.replaceChildren();
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.textContent = text(item);
      list.appendChild(li);
    });
    list.closest("[data-plain-language-part]").hidden = items.length === 0;
  }

  function show(scores) {
    var panel = document.querySelector("[data-plain-language-panel]");
    if (!panel) return;
    var grade = document.querySelector("[data-plain-language-grade]");
    // A Spanish page is scored on INFLESZ, where higher is easier (page_scores.py).
    var spanish = scores.scale === "INFLESZ";
    var score = spanish ? scores.inflesz : scores.grade;
    var scored = score !== null;
    grade.textContent = scored
      ? (spanish ? "INFLESZ " : "") + score + " (" + scores.verdict + ")"
      : scores.verdict;
    panel.querySelector("[data-plain-language-verdict]").textContent = !scored
      ? "Too short to score: a reading score needs at least 100 words."
      : spanish
        ? "INFLESZ " + score + " (Spanish scale, higher is easier), " + scores.band + ": " +
          scores.verdict.toLowerCase() + ". Target " + scores.target + " or more; lower limit " +
          scores.limit + "."
        : "Reading grade " + score + ": " + scores.verdict.toLowerCase() +
          ". Target " + scores.target + " or lower; upper limit " + scores.limit + ".";
    panel.querySelector("[data-plain-language-figures]").textContent = spanish
      ? "Fernández-Huerta " + (scores.fernandez_huerta === null ? "-" : scores.fernandez_huerta) +
        " · " + scores.average_sentence + " words a sentence on average"
      : "SMOG grade " + (scores.smog === null ? "-" : scores.smog) + " · " +
        scores.average_sentence + " words a sentence on average · " +
        scores.long_words_percent + "% of words with 3 or more syllables";
    fill(
      panel.querySelector("[data-plain-language-longest]"),
      scores.longest_sentences.filter(function (s) { return s.words > 20; }),
      function (s) { return s.words + " words: " + s.text; }
    );
    fill(
      panel.querySelector("[data-plain-language-problems]"),
      scores.problems,
      function (p) { return p.rule + ": " + p.detail; }
    );
    panel.hidden = false;
  }

  document.addEventListener("w-preview:content", function () {
    var scores = report();
    if (scores) show(scores);
  });
})();
