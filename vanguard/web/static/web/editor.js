// The small formatted-text editor of notes and reflections, without outside libraries.
//
// <form data-editor-form data-draft-url="…"> holds a toolbar, a contenteditable area and the
// textarea the server reads (`data-editor-source`). Without this script the textarea is the
// editor. The area's HTML is cleaned here to the tags the server keeps (the server cleans it
// again with nh3: this copy is only for the page), counted, and posted as a draft about five
// seconds after a change and when the area loses focus. The form also carries
// `data-keep-draft` (app.js): every keystroke is kept in the browser, so an expired session,
// a closed tab or a refused save loses nothing; a draft the server has taken is dropped from
// the browser's copy.
(function () {
  "use strict";
  var ALLOWED = { P: 1, BR: 1, STRONG: 1, EM: 1, B: 1, I: 1, U: 1, UL: 1, OL: 1, LI: 1,
                  BLOCKQUOTE: 1, H3: 1, H4: 1 };
  var DROPPED = { SCRIPT: 1, STYLE: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, SVG: 1,
                  MATH: 1, NOSCRIPT: 1, TITLE: 1, HEAD: 1 };
  var DELAY = 5000;

  // A copy of `from`'s children with only the allowed tags and no attributes: text stays,
  // unknown wrappers (span, font, a …) give way to their contents, a div becomes a paragraph.
  function cleanInto(from, into) {
    Array.prototype.forEach.call(from.childNodes, function (node) {
      if (node.nodeType === 3) { into.appendChild(document.createTextNode(node.nodeValue)); return; }
      if (node.nodeType !== 1) { return; }
      var tag = node.tagName.toUpperCase();
      if (DROPPED[tag]) { return; }
      if (tag === "DIV") { tag = "P"; }
      if (ALLOWED[tag]) {
        var copy = document.createElement(tag.toLowerCase());
        cleanInto(node, copy);
        into.appendChild(copy);
      } else {
        cleanInto(node, into);
      }
    });
    return into;
  }
  function cleanHTML(html) {
    var parsed = new DOMParser().parseFromString("<body>" + (html || "") + "</body>", "text/html");
    var holder = document.createElement("div");
    cleanInto(parsed.body, holder);
    return holder;
  }
  function visibleCount(text) {
    return Array.from((text || "").replace(/\s/g, "")).length;
  }
  function show(el, on) { if (el) { el.classList.toggle("d-none", !on); } }

  function setUp(form) {
    var box = form.querySelector("[data-editor]");
    var area = form.querySelector("[data-editor-area]");
    var source = form.querySelector("[data-editor-source]");
    if (!box || !area || !source) { return; }
    var title = form.querySelector("input[name=title]");
    var item = form.querySelector("select[name=item]");
    var version = form.querySelector("input[name=version]");
    var state = form.querySelector("[data-editor-state]");
    var alertBox = form.querySelector("[data-editor-alert]");
    var expired = form.querySelector("[data-editor-expired]");
    var count = form.querySelector("[data-editor-count]");
    var needed = form.querySelector("[data-editor-needed]");
    var neededWrap = form.querySelector("[data-editor-needed-wrap]");
    var over = form.querySelector("[data-editor-over]");
    var min = parseInt(box.getAttribute("data-min") || "0", 10);
    var max = parseInt(box.getAttribute("data-max") || "0", 10);
    var keepKey = "vanguard-draft:" + form.getAttribute("data-keep-draft");
    var timer = null, inflight = null, dirty = false, stopped = false;

    // app.js has already put back any copy kept in the browser: the area starts from it.
    area.replaceChildren.apply(area, Array.prototype.slice.call(cleanHTML(source.value).childNodes));
    show(area, true);
    show(form.querySelector("[data-editor-toolbar]"), true);
    show(source, false);
    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) {}

    function say(text) { if (state) { state.textContent = text || ""; } }
    function sync() {
      source.value = cleanHTML(area.innerHTML).innerHTML;
      var n = visibleCount(area.textContent);
      if (count) { count.textContent = String(n); }
      if (needed) { needed.textContent = String(Math.max(min - n, 0)); }
      show(neededWrap, n < min);
      show(over, max > 0 && n > max);
    }
    function changed() {
      sync();
      dirty = true;
      // app.js listens to `input` on the form; the area's own input events reach it too,
      // after the textarea has been brought up to date here.
      if (!timer && !stopped) { timer = window.setTimeout(save, DELAY); }
    }
    function fail(message) {
      show(alertBox, !!message);
      if (alertBox) { alertBox.textContent = message || ""; }
    }
    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (!dirty || stopped) { return inflight || Promise.resolve(); }
      if (inflight) {  // one call at a time: the next goes when this one is back
        return inflight.then(save);
      }
      dirty = false;
      var sent = { body: source.value, title: title ? title.value : "" };
      var data = new FormData(form);
      data.delete("action");
      say(form.getAttribute("data-msg-saving"));
      inflight = fetch(form.getAttribute("data-draft-url"), {
        method: "POST", body: data, credentials: "same-origin", redirect: "manual",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        // A login redirect (opaque here) or a refusal: the session has ended. The browser's
        // copy stays; after logging in, the page brings it back.
        if (response.type === "opaqueredirect" || response.status === 401 ||
            response.status === 403) {
          dirty = true;
          stopped = true;
          show(expired, true);
          say(form.getAttribute("data-msg-kept"));
          return null;
        }
        return response.json().then(function (answer) {
          if (!answer.ok) {
            dirty = true;
            if (response.status === 409) { stopped = true; }
            fail(answer.error);
            say(form.getAttribute("data-msg-kept"));
            return;
          }
          fail("");
          version.value = String(answer.version);
          say(form.getAttribute("data-msg-saved").replace("%s", answer.saved_at));
          // The server has exactly this text: the browser's copy is no longer needed.
          if (source.value === sent.body && (!title || title.value === sent.title)) {
            try { window.localStorage.removeItem(keepKey); } catch (e) {}
          }
        });
      }).catch(function () {
        dirty = true;
        say(form.getAttribute("data-msg-kept"));
      }).then(function () {
        inflight = null;
        if (dirty && !stopped && !timer) { timer = window.setTimeout(save, DELAY); }
      });
      return inflight;
    }

    area.addEventListener("input", changed);
    area.addEventListener("blur", function () { if (dirty) { save(); } });
    [title, item].forEach(function (field) {
      if (field) {
        field.addEventListener("input", changed);
        field.addEventListener("change", function () { if (dirty) { save(); } });
      }
    });
    // Pasted text comes in plain: formatting from other programs carries styles and tags
    // the server would drop anyway.
    area.addEventListener("paste", function (event) {
      var text = event.clipboardData && event.clipboardData.getData("text/plain");
      if (typeof text !== "string") { return; }
      event.preventDefault();
      document.execCommand("insertText", false, text);
    });
    form.querySelectorAll("[data-cmd]").forEach(function (button) {
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () {
        area.focus();
        var value = button.getAttribute("data-value");
        document.execCommand(button.getAttribute("data-cmd"), false, value || null);
        changed();
      });
    });
    // A hand-in waits for a draft call still on its way, so it carries the newest version.
    form.addEventListener("submit", function (event) {
      sync();
      window.clearTimeout(timer);
      timer = null;
      if (inflight) {
        event.preventDefault();
        var submitter = event.submitter;
        inflight.then(function () { form.requestSubmit(submitter || undefined); });
      }
    });
    sync();
    // Text app.js brought back from the browser is newer than the server's: save it soon.
    var note = form.querySelector("[data-draft-note]");
    if (note && !note.classList.contains("d-none")) { changed(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-editor-form]").forEach(setUp);
  });
})();
