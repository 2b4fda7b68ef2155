// The preview page: each server-sent "state" event redraws the findings, the downloads and
// the problems, and loads the new outline into the frame, keeping its scroll position.
// Every text from the event is set with textContent: nothing from an input becomes markup.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const frame = $("outline");
  let wanted = null; // the outline the frame is loading or shows

  function add(parent, tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = text;
    if (className) element.className = className;
    parent.appendChild(element);
    return element;
  }

  function plural(count, word) {
    return `${count} ${word}${count === 1 ? "" : "s"}`;
  }

  function showProblems(state) {
    const list = $("problem-list");
    list.replaceChildren();
    for (const problem of state.problems) {
      const item = add(list, "li");
      if (problem.where) add(item, "code", problem.where, "where");
      if (problem.path) add(item, "span", problem.path, "path");
      add(item, "span", problem.message, "message");
    }
    $("problems").hidden = state.ok;
  }

  function showFindings(state) {
    const list = $("findings");
    list.replaceChildren();
    for (const finding of state.findings) {
      const item = add(list, "li", null, `finding ${finding.severity}`);
      add(item, "span", finding.severity, "severity");
      add(item, "code", finding.code, "code");
      if (finding.where) add(item, "code", finding.where, "where");
      if (finding.path) add(item, "span", finding.path, "path");
      add(item, "p", finding.message, "message");
    }
    $("finding-count").textContent = state.ok ? `(${state.findings.length})` : "";
    $("no-findings").hidden = !state.ok || state.findings.length > 0;
  }

  function showDownloads(state) {
    const list = $("downloads");
    list.replaceChildren();
    for (const doc of state.downloads) {
      const link = add(add(list, "li"), "a", doc.filename);
      link.href = doc.url;
      link.download = doc.filename;
      link.dataset.format = doc.format;
      link.title = `${doc.format}, ${doc.media_type}, ${doc.size.toLocaleString()} bytes`;
    }
    for (const failure of state.failures) add(list, "li", failure, "failure");
    $("downloads-note").textContent = !state.ok
      ? "None until the input is fixed."
      : state.complete === false
        ? "Building the other formats from the same state as the outline…"
        : "Built from the same state as the outline.";
    const files = $("files");
    files.replaceChildren();
    for (const file of state.files) add(files, "li", file);
  }

  function showOutline(state) {
    frame.hidden = !state.ok || !state.outline;
    // The second state of a rebuild (the other formats) shows the same outline: no reload.
    if (frame.hidden || state.outline === wanted) return;
    wanted = state.outline;
    let scroll = 0;
    try {
      scroll = frame.contentWindow.scrollY;
    } catch (error) {
      scroll = 0;
    }
    frame.onload = () => {
      const page = frame.contentDocument;
      frame.contentWindow.scrollTo(0, scroll);
      for (const link of page.querySelectorAll("a[href]")) {
        if (!link.getAttribute("href").startsWith("#")) {
          link.target = "_blank";
          link.rel = "noopener noreferrer";
        }
      }
      document.body.dataset.shown = String(state.version);
      document.body.dataset.outlineTook = String(state.took_ms);
    };
    frame.src = state.outline;
  }

  function render(state) {
    const name = state.title || state.event_id;
    document.title = name ? `${name} – confdocs preview` : "confdocs preview";
    $("title").textContent = name || "confdocs preview";
    $("status").textContent = state.ok
      ? `Built at ${state.finished} in ${state.took_ms} ms`
      : `Not built at ${state.finished}: ${plural(state.problems.length, "problem")}`;
    document.body.dataset.state = state.ok ? "ok" : "broken";
    document.body.dataset.version = String(state.version);
    document.body.dataset.took = String(state.took_ms);
    showProblems(state);
    showFindings(state);
    showDownloads(state);
    showOutline(state);
  }

  const events = new EventSource("/events");
  events.addEventListener("state", (event) => render(JSON.parse(event.data)));
  events.onerror = () => {
    document.body.dataset.connection = "lost";
    $("status").textContent = "Lost the server; trying again…";
  };
  events.onopen = () => {
    document.body.dataset.connection = "open";
  };
})();
