// The self-analysis editor: one formatted-text area per section, saved as a draft as the
// member types, the way the notes editor (web/editor.js) saves one text.
//
// <form data-analysis-form data-draft-url="…" data-keep-draft="…"> holds one
// [data-editor] box per section (a contenteditable area over the textarea the server reads,
// `data-editor-source`). Each area is cleaned to the tags the server keeps (the server
// cleans again with nh3), counted against its section's minimum and maximum, and the whole
// form is posted as a draft about five seconds after a change. `data-keep-draft` (app.js)
// keeps every keystroke in the browser, so an expired session or a refused save loses
// nothing. The opinion boxes belong to a form of their own (data-links-form), saved on
// each tick.
(function () {
  "use strict";
  var ALLOWED = { P: 1, BR: 1, STRONG: 1, EM: 1, B: 1, I: 1, U: 1, UL: 1, OL: 1, LI: 1,
                  BLOCKQUOTE: 1, H3: 1, H4: 1 };
  var DROPPED = { SCRIPT: 1, STYLE: 1, TEMPLATE: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, SVG: 1,
                  MATH: 1, NOSCRIPT: 1, TITLE: 1, HEAD: 1 };
  var DELAY = 5000;

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
    return cleanInto(parsed.body, document.createElement("div"));
  }
  function visibleCount(text) { return Array.from((text || "").replace(/\s/g, "")).length; }
  function show(el, on) { if (el) { el.classList.toggle("d-none", !on); } }

  function setUpBox(box, changed) {
    var area = box.querySelector("[data-editor-area]");
    var source = box.querySelector("[data-editor-source]");
    if (!area || !source) { return null; }
    var count = box.querySelector("[data-editor-count]");
    var neededWrap = box.querySelector("[data-editor-needed-wrap]");
    var over = box.querySelector("[data-editor-over]");
    var min = parseInt(box.getAttribute("data-min") || "0", 10);
    var max = parseInt(box.getAttribute("data-max") || "0", 10);
    area.replaceChildren.apply(area, Array.prototype.slice.call(cleanHTML(source.value).childNodes));
    show(area, true);
    show(box.querySelector("[data-editor-toolbar]"), true);
    show(source, false);
    function sync() {
      source.value = cleanHTML(area.innerHTML).innerHTML;
      var n = visibleCount(area.textContent);
      if (count) { count.textContent = String(n); }
      show(neededWrap, n < Math.max(min, 1));
      show(over, max > 0 && n > max);
    }
    area.addEventListener("input", function () { sync(); changed(); });
    area.addEventListener("paste", function (event) {
      var text = event.clipboardData && event.clipboardData.getData("text/plain");
      if (typeof text !== "string") { return; }
      event.preventDefault();
      document.execCommand("insertText", false, text);
    });
    box.querySelectorAll("[data-cmd]").forEach(function (button) {
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () {
        area.focus();
        document.execCommand(button.getAttribute("data-cmd"), false, null);
        sync();
        changed();
      });
    });
    sync();
    return { sync: sync, area: area };
  }

  function setUp(form) {
    var version = form.querySelector("input[name=version]");
    var state = form.querySelector("[data-editor-state]");
    var alertBox = form.querySelector("[data-editor-alert]");
    var expired = form.querySelector("[data-editor-expired]");
    var keepKey = "vanguard-draft:" + form.getAttribute("data-keep-draft");
    var timer = null, inflight = null, dirty = false, stopped = false;
    var boxes = [];

    function say(text) { if (state) { state.textContent = text || ""; } }
    function fail(message) {
      show(alertBox, !!message);
      if (alertBox) { alertBox.textContent = message || ""; }
    }
    function changed() {
      dirty = true;
      if (!timer && !stopped) { timer = window.setTimeout(save, DELAY); }
    }
    function snapshot() {
      return boxes.map(function (b) { return b.source.value; }).join("\u0000");
    }
    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (!dirty || stopped) { return inflight || Promise.resolve(); }
      if (inflight) { return inflight.then(save); }
      dirty = false;
      var sent = snapshot();
      var data = new FormData(form);
      data.delete("action");
      say(form.getAttribute("data-msg-saving"));
      inflight = fetch(form.getAttribute("data-draft-url"), {
        method: "POST", body: data, credentials: "same-origin", redirect: "manual",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
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
          if (snapshot() === sent) {
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

    try { document.execCommand("defaultParagraphSeparator", false, "p"); } catch (e) {}
    form.querySelectorAll("[data-editor]").forEach(function (box) {
      var made = setUpBox(box, changed);
      if (made) {
        made.source = box.querySelector("[data-editor-source]");
        made.area.addEventListener("blur", function () { if (dirty) { save(); } });
        boxes.push(made);
      }
    });
    form.addEventListener("submit", function (event) {
      boxes.forEach(function (b) { b.sync(); });
      window.clearTimeout(timer);
      timer = null;
      if (inflight) {
        event.preventDefault();
        var submitter = event.submitter;
        inflight.then(function () { form.requestSubmit(submitter || undefined); });
      }
    });
    // Text app.js brought back from the browser is newer than the server's: save it soon.
    var note = form.querySelector("[data-draft-note]");
    if (note && !note.classList.contains("d-none")) { changed(); }
  }

  function setUpLinks(linksForm) {
    var state = linksForm.querySelector("[data-links-state]");
    Array.prototype.forEach.call(linksForm.elements, function (box) {
      if (box.type !== "checkbox") { return; }
      box.addEventListener("change", function () {
        fetch(linksForm.action, {
          method: "POST", body: new FormData(linksForm), credentials: "same-origin",
          redirect: "manual", headers: { "X-Requested-With": "fetch" }
        }).then(function (response) {
          if (response.type === "opaqueredirect") { return { ok: false, error: "" }; }
          return response.json();
        }).then(function (answer) {
          if (state) { state.textContent = answer.ok ? "✓" : (answer.error || "✗"); }
        }).catch(function () { if (state) { state.textContent = "✗"; } });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-analysis-form]").forEach(setUp);
    document.querySelectorAll("form[data-links-form]").forEach(setUpLinks);
  });
})();
