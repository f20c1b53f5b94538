// The annotated report page: claim details, theme toggles, term search, keyboard navigation.
// Plain script, no framework; the data is the JSON block above it.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("jzrol-data").textContent);
  var tip = document.getElementById("tip");
  var claims = Array.prototype.slice.call(document.querySelectorAll("main .claim"));
  var sentences = Array.prototype.slice.call(document.querySelectorAll("main .u.text"));
  var texts = Array.prototype.slice.call(document.querySelectorAll("main .u .tx"));
  var hits = [];
  var current = -1;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function show(target, rows) {
    tip.replaceChildren();
    var list = el("dl");
    rows.forEach(function (row) {
      list.appendChild(el("dt", row[0]));
      list.appendChild(el("dd", row[1]));
    });
    tip.appendChild(list);
    tip.hidden = false;
    var box = target.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
  }

  function hide() { tip.hidden = true; }

  function number(value) { return value === null ? "—" : value.toLocaleString("en-US"); }

  function claimRows(id) {
    var claim = data.claims[id];
    var rows = [["claim", claim.raw], ["value", number(claim.value)], ["unit", claim.unit || "—"],
      ["kind", claim.kind], ["qualifier", claim.qualifier], ["interval", claim.interval],
      ["subject", claim.subject || "—"]];
    if (claim.role) rows.push(["change", claim.role + " (group " + claim.group + ")"]);
    claim.findings.forEach(function (f) {
      var finding = data.findings[String(f)];
      rows.push(["finding " + f, finding.status + " · " + finding.check + " (Enter to open)"]);
    });
    return rows;
  }

  function sentenceRows(sentence) {
    var marks = sentence.querySelectorAll(".marks .tm");
    if (!marks.length) return [["themes", "none"]];
    return Array.prototype.map.call(marks, function (mark) {
      var title = mark.getAttribute("title");
      var split = title.indexOf(": ");
      return [title.slice(0, split), title.slice(split + 2)];
    });
  }

  claims.forEach(function (claim) {
    var rows = function () { return claimRows(claim.dataset.claim); };
    claim.addEventListener("mouseenter", function () { show(claim, rows()); });
    claim.addEventListener("mouseleave", hide);
    claim.addEventListener("focus", function () { show(claim, rows()); });
    claim.addEventListener("blur", hide);
  });
  sentences.forEach(function (sentence) {
    sentence.addEventListener("focus", function () { show(sentence, sentenceRows(sentence)); });
    sentence.addEventListener("blur", hide);
  });

  document.querySelectorAll(".toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      document.body.classList.toggle("off-" + button.dataset.theme, !on);
    });
  });

  // A DOM range over characters [from, to) of one element's text (claims nest inside it).
  function rangeOf(node, from, to) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var seen = 0, started = false, text;
    while ((text = walker.nextNode())) {
      var length = text.data.length;
      if (!started && from <= seen + length) { range.setStart(text, from - seen); started = true; }
      if (started && to <= seen + length) { range.setEnd(text, to - seen); return range; }
      seen += length;
    }
    return null;
  }

  function search(term) {
    var list = document.getElementById("kwic");
    var count = document.getElementById("search-count");
    list.replaceChildren();
    hits = [];
    current = -1;
    if (window.CSS && CSS.highlights) CSS.highlights.delete("jzrol-term");
    if (!term) { count.textContent = ""; return; }
    var needle = term.toLowerCase();
    var ranges = [];
    texts.forEach(function (node) {
      var text = node.textContent, lower = text.toLowerCase(), at = lower.indexOf(needle);
      var unit = node.parentElement;
      while (at !== -1) {
        var item = el("li");
        var link = el("a");
        link.href = "#" + unit.id;
        link.appendChild(document.createTextNode(text.slice(Math.max(0, at - 12), at).replace(/\s+/g, " ")));
        link.appendChild(el("b", text.slice(at, at + term.length)));
        link.appendChild(document.createTextNode(text.slice(at + term.length, at + term.length + 12).replace(/\s+/g, " ")));
        item.appendChild(link);
        list.appendChild(item);
        hits.push(link);
        var range = rangeOf(node, at, at + term.length);
        if (range) ranges.push(range);
        at = lower.indexOf(needle, at + Math.max(1, needle.length));
      }
    });
    count.textContent = hits.length + " occurrence" + (hits.length === 1 ? "" : "s") + " of “" + term + "”";
    if (ranges.length && window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set("jzrol-term", new Highlight(...ranges));
    }
  }

  var input = document.getElementById("search");
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value.trim()); }, 120);
  });
  var initial = new URLSearchParams(window.location.search).get("term");
  if (initial) { input.value = initial; search(initial); }
  // A link to one claim (page.html#c47) opens on it with its details shown.
  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.classList.contains("claim")) { target.focus(); target.scrollIntoView({ block: "center" }); }

  function step(list, delta) {
    if (!list.length) return;
    var active = list.indexOf(document.activeElement);
    var next = active === -1 ? (delta > 0 ? 0 : list.length - 1) : (active + delta + list.length) % list.length;
    list[next].focus();
    list[next].scrollIntoView({ block: "center" });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); if (document.activeElement === input) input.blur(); return; }
    if (event.target === input || event.altKey || event.ctrlKey || event.metaKey) return;
    var keys = { j: [claims, 1], k: [claims, -1], "]": [sentences, 1], "[": [sentences, -1], n: [hits, 1], p: [hits, -1] };
    if (event.key === "/") { event.preventDefault(); input.focus(); return; }
    if (keys[event.key]) { event.preventDefault(); step(keys[event.key][0], keys[event.key][1]); }
  });
})();
