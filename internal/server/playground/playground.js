// The playground: checks the payload with POST /validate as it is typed and
// lists the violations. The payload goes only in the request's body: never
// in the URL, in storage or in a log.
"use strict";

(() => {
  const byId = (id) => document.getElementById(id);
  const payload = byId("payload");
  const profile = byId("profile");
  const strict = byId("strict");
  const openCategories = byId("open-categories");
  const verdict = document.querySelector(".verdict");
  const status = byId("status");
  const hint = byId("hint");
  const list = byId("violations");

  const examples = new Map([...profile.options].map((o) => [o.value, o.dataset.example]));
  let shownProfile = profile.value;
  let timer = 0;
  let inflight = null;

  // The page asks for every option, so that what it shows does not depend
  // on how the server was started; the server's settings are the controls'
  // initial state.
  function endpoint() {
    const q = new URLSearchParams({
      profile: profile.value,
      strict: String(strict.checked),
      "open-categories": String(openCategories.checked),
    });
    return "/validate?" + q.toString();
  }

  function busy() {
    verdict.setAttribute("aria-busy", "true");
  }

  async function check() {
    clearTimeout(timer);
    if (inflight) inflight.abort();
    const request = new AbortController();
    inflight = request;
    busy();
    let code, body;
    try {
      const resp = await fetch(endpoint(), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: payload.value,
        cache: "no-store",
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: request.signal,
      });
      code = resp.status;
      const text = await resp.text();
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    } catch {
      if (request.signal.aborted) return;
      code = 0;
    }
    if (inflight !== request) return;
    inflight = null;
    render(code, body);
  }

  function setStatus(kind, text) {
    status.className = "status " + kind;
    status.textContent = text;
  }

  function render(code, body) {
    list.replaceChildren();
    hint.hidden = true;
    hint.textContent = "";
    if (code === 200 && body && body.valid === true) {
      const how = [profile.value + " profile"];
      if (strict.checked) how.push("strict");
      if (openCategories.checked) how.push("open categories");
      setStatus("valid", "Valid auth link (" + how.join(", ") + ")");
    } else if (body && Array.isArray(body.errors)) {
      const n = body.errors.length;
      setStatus("invalid", body.title + ": " + n + (n === 1 ? " violation" : " violations"));
      for (const e of body.errors) list.append(item(e));
      if (body.hint) {
        hint.textContent = body.hint + ".";
        hint.hidden = false;
      }
    } else if (body && body.title) {
      setStatus("error", body.title + ". " + body.detail);
    } else {
      setStatus("error", "No answer from authlink serve: is it still running?");
    }
    verdict.setAttribute("aria-busy", "false");
  }

  function span(cls, text) {
    const s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }

  // item is one violation, a button that selects it in the payload.
  function item(e) {
    const b = document.createElement("button");
    b.type = "button";
    const located = Number.isInteger(e.line) && e.line > 0;
    b.append(
      span("where", located ? e.line + ":" + e.column : "–"),
      span("pointer", displayPointer(e.pointer)),
      span("code", e.code),
      span("message", e.detail),
    );
    if (located) {
      b.dataset.line = e.line;
      b.dataset.column = e.column;
      b.addEventListener("click", () => {
        for (const other of list.querySelectorAll("button[aria-current]")) other.removeAttribute("aria-current");
        b.setAttribute("aria-current", "true");
        select(e.line, e.column);
      });
    } else {
      b.disabled = true;
    }
    const li = document.createElement("li");
    li.append(b);
    return li;
  }

  // displayPointer turns the problem's pointer, in URI-fragment form
  // ("#/categories/2"), back into the JSON Pointer people read, "(root)" for
  // the whole document, as the CLI shows it.
  function displayPointer(fragment) {
    let p = fragment.startsWith("#") ? fragment.slice(1) : fragment;
    try {
      p = decodeURIComponent(p);
    } catch {
      return fragment; // a name that is not UTF-8: keep its escapes
    }
    return p === "" ? "(root)" : p;
  }

  // indexOf returns the UTF-16 index, as JavaScript strings count, of the
  // 1-based line and column the server reports, which count characters
  // (code points): a character outside the Basic Multilingual Plane is one
  // column but two UTF-16 units.
  function indexOf(text, line, column) {
    let i = 0;
    for (let l = 1; l < line; l++) {
      const nl = text.indexOf("\n", i);
      if (nl < 0) return text.length;
      i = nl + 1;
    }
    for (let c = 1; c < column && i < text.length && text[i] !== "\n"; c++) {
      i += text.codePointAt(i) > 0xffff ? 2 : 1;
    }
    return i;
  }

  const word = /[-+.\w]+/y;

  // tokenEnd returns where the token at i ends: a string with its quotes, a
  // number or literal, or else the one character there (a brace).
  function tokenEnd(text, i) {
    if (i >= text.length) return i;
    if (text[i] === '"') {
      for (let j = i + 1; j < text.length; j++) {
        if (text[j] === "\\") j++;
        else if (text[j] === '"') return j + 1;
        else if (text[j] === "\n") return j;
      }
      return text.length;
    }
    word.lastIndex = i;
    if (word.test(text)) return word.lastIndex;
    return i + (text.codePointAt(i) > 0xffff ? 2 : 1);
  }

  function select(line, column) {
    const text = payload.value;
    const start = indexOf(text, line, column);
    payload.focus();
    payload.setSelectionRange(start, tokenEnd(text, start));
    const lineHeight = parseFloat(getComputedStyle(payload).lineHeight) || 20;
    payload.scrollTop = Math.max(0, (line - 1) * lineHeight - payload.clientHeight / 3);
  }

  payload.addEventListener("input", () => {
    busy();
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
  profile.addEventListener("change", () => {
    // An untouched example follows the profile; a payload of one's own
    // stays, to be checked under the other profile.
    if (payload.value === examples.get(shownProfile)) payload.value = examples.get(profile.value);
    shownProfile = profile.value;
    check();
  });
  strict.addEventListener("change", check);
  openCategories.addEventListener("change", check);
  check();
})();
