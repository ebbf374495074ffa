/* The timetable grid (templates/grid/): places every cell from its data-* attributes (the strict
 * CSP allows no style attribute, the CSSOM is fine), and on the organiser's page moves sessions
 * by drag and drop or keyboard. Every move is a form post the server checks for clashes with the
 * session form's own rules; its answer (a message and the page's new body) is shown in place.
 * Without JavaScript the grid stays hidden and the list by day and room is the page. */
(() => {
  "use strict";
  const SLOT = 5; // minutes per row, as eventapp/grid/layout.py
  const body = document.getElementById("timetable-body");
  const message = document.getElementById("grid-message");
  const label = (name) => (body && body.dataset["label" + name]) || "";

  function layout(root) {
    for (const grid of root.querySelectorAll(".tt-grid")) {
      const columns = Number(grid.dataset.columns);
      for (const cell of grid.querySelectorAll("[data-row]")) {
        const row = Number(cell.dataset.row);
        cell.style.gridRow = `${row + 1} / span ${cell.dataset.rows}`;
        cell.style.gridColumn = cell.classList.contains("tt-time")
          ? `1 / span ${columns + 1}`
          : `${Number(cell.dataset.column) + 1} / span ${cell.dataset.columns}`;
      }
    }
    for (const shown of root.querySelectorAll(".tt-grids, .tt-public-grid")) shown.hidden = false;
  }

  layout(document);
  if (!body) return;
  body.classList.add("has-grid");
  const help = document.getElementById("grid-help");
  if (help) help.hidden = false;

  // Wall-clock minutes, computed in UTC so that the browser's own zone plays no part.
  const toMinutes = (text) => {
    const [d, t] = text.split("T");
    const [y, m, day] = d.split("-").map(Number);
    const [hh, mm] = t.split(":").map(Number);
    return Date.UTC(y, m - 1, day, hh, mm) / 60000;
  };
  const fromMinutes = (minutes) => new Date(minutes * 60000).toISOString().slice(0, 16);
  const clock = (minutes) => fromMinutes(minutes).slice(11, 16);

  function say(text, kind) {
    message.textContent = text;
    message.className = "tt-message" + (kind ? " is-" + kind : "");
  }

  function csrf() {
    const input = document.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  // A refusal is also written where the session was dropped, not only at the top of the page.
  function note(where, text) {
    const grid = body.querySelector(`.tt-grid[data-day-start="${where.day}"]`);
    if (!grid) return;
    const box = document.createElement("p");
    box.className = "tt-note";
    box.textContent = text;
    box.style.gridRow = `${where.row} / span 6`;
    box.style.gridColumn = `${where.column + 1} / span 1`;
    grid.append(box);
  }

  function send(url, fields, focusAfter, where) {
    const form = new FormData();
    form.append("csrf_token", csrf());
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf() },
      body: form,
    })
      .then((response) => response.json())
      .then((data) => {
        if (data.html !== undefined) {
          body.innerHTML = data.html;
          layout(body);
        }
        say(data.message || data.error || "", data.ok ? "ok" : "error");
        if (!data.ok && where) note(where, data.message || data.error || "");
        if (focusAfter) {
          const id = data.focus || focusAfter;
          const grip = body.querySelector(`[data-session="${id}"] .tt-grip`);
          (grip || message).focus();
        }
      })
      .catch(() => say(label("Network"), "error"));
  }

  // A target: which grid (day), first slot, length in minutes, column; and what is placed.
  let target = null;
  let ghost = null;

  function grids() {
    return [...body.querySelectorAll(".tt-grid")];
  }

  function columnOf(grid, index) {
    return grid.querySelector(`.tt-room[data-column="${index}"]`);
  }

  function showGhost() {
    if (!ghost) {
      ghost = document.createElement("div");
      ghost.className = "tt-ghost";
    }
    if (ghost.parentNode !== target.grid) target.grid.append(ghost);
    const slot = Math.floor(target.offset / SLOT);
    const rows = Math.max(1, Math.ceil((target.offset + target.length) / SLOT) - slot);
    ghost.style.gridRow = `${slot + 2} / span ${rows}`;
    ghost.style.gridColumn = `${target.column + 1} / span 1`;
  }

  function hideGhost() {
    if (ghost) ghost.remove();
  }

  function describe() {
    const start = toMinutes(target.grid.dataset.dayStart) + target.offset;
    const room = columnOf(target.grid, target.column);
    const day = target.grid.closest(".tt-day").querySelector("h2, h3").textContent;
    return `${day}, ${clock(start)}–${clock(start + target.length)}, ${room ? room.textContent : ""}`;
  }

  function pick(item) {
    const grid = item.closest(".tt-grid") || grids()[0];
    if (!grid) return null;
    if (item.dataset.session) {
      const start = toMinutes(item.dataset.starts);
      return {
        item,
        grid,
        offset: start - toMinutes(grid.dataset.dayStart),
        length: toMinutes(item.dataset.ends) - start,
        column: Number(item.dataset.column),
      };
    }
    return { item, grid, offset: 0, length: Number(item.dataset.minutes) || 20, column: 1 };
  }

  function drop(focus) {
    const { item, grid, offset, length, column } = target;
    const start = toMinutes(grid.dataset.dayStart) + offset;
    const room = columnOf(grid, column);
    const fields = { starts_at: fromMinutes(start), room_id: room ? room.dataset.roomId : "0" };
    const where = { day: grid.dataset.dayStart, row: Math.floor(offset / SLOT) + 2, column };
    target = null;
    hideGhost();
    if (item.dataset.session) {
      fields.session_id = item.dataset.session;
      fields.ends_at = fromMinutes(start + length);
      return send(body.dataset.moveUrl, fields, focus && item.dataset.session, where);
    }
    fields.submission_id = item.dataset.submission;
    return send(body.dataset.placeUrl, fields, focus && "placed", where);
  }

  // Pointer: drag a block (move), its lower edge (resize) or a contribution of the side list.
  let drag = null;

  function pointAt(grid, event) {
    const first = grid.querySelector(".tt-time");
    const rect = first.getBoundingClientRect();
    const rowHeight = rect.height / Number(first.dataset.rows);
    const slot = Math.floor((event.clientY - rect.top) / rowHeight);
    let column = null;
    for (const room of grid.querySelectorAll(".tt-room")) {
      const box = room.getBoundingClientRect();
      if (event.clientX >= box.left && event.clientX < box.right) column = Number(room.dataset.column);
    }
    return { slot: Math.max(0, Math.min(slot, Number(grid.dataset.slots) - 1)), column };
  }

  body.addEventListener("dragstart", (event) => {
    const handle = event.target.closest(".tt-resize");
    const item = event.target.closest(".tt-block, .tt-pending");
    if (!item) return;
    const picked = pick(item);
    if (!picked) return;
    let grab = 0;
    if (item.classList.contains("tt-block") && !handle) {
      grab = pointAt(picked.grid, event).slot * SLOT - picked.offset;
    }
    drag = { picked, resize: Boolean(handle), grab };
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.session || item.dataset.submission);
    item.classList.add("is-dragging");
  });

  function dragTarget(event) {
    const grid = event.target.closest && event.target.closest(".tt-grid");
    if (!drag || !grid) return null;
    const { slot, column } = pointAt(grid, event);
    const p = drag.picked;
    if (drag.resize) {
      if (grid !== p.grid) return null;
      const end = (slot + 1) * SLOT;
      return { ...p, length: Math.max(SLOT, end - p.offset) };
    }
    if (column === null) return null;
    const offset = Math.max(0, Math.round((slot * SLOT - drag.grab) / SLOT) * SLOT);
    return { ...p, grid, offset, column };
  }

  body.addEventListener("dragover", (event) => {
    const next = dragTarget(event);
    if (!next) return;
    event.preventDefault();
    target = next;
    showGhost();
  });

  body.addEventListener("drop", (event) => {
    const next = dragTarget(event);
    if (!next) return;
    event.preventDefault();
    target = next;
    drop(false);
  });

  body.addEventListener("dragend", (event) => {
    const item = event.target.closest(".tt-block, .tt-pending");
    if (item) item.classList.remove("is-dragging");
    drag = null;
    if (target && !target.keyboard) {
      target = null;
      hideGhost();
    }
  });

  // Keyboard: Enter picks up, arrows move (Shift: the end), Page Up/Down change the day,
  // Enter drops, Escape puts back.
  body.addEventListener("keydown", (event) => {
    const grip = event.target.closest(".tt-grip");
    if (!grip) return;
    const item = grip.closest(".tt-block, .tt-pending");
    const key = event.key;
    if (!target || target.item !== item) {
      if (key !== "Enter" && key !== " ") return;
      event.preventDefault();
      target = pick(item);
      if (!target) return;
      target.keyboard = true;
      item.classList.add("is-picked");
      showGhost();
      say(`${label("Picked")} ${describe()}`);
      return;
    }
    const days = grids();
    const columns = Number(target.grid.dataset.columns);
    const limit = Number(target.grid.dataset.slots) * SLOT;
    if (key === "Enter" || key === " ") {
      event.preventDefault();
      item.classList.remove("is-picked");
      drop(true);
      return;
    }
    if (key === "Escape") {
      event.preventDefault();
      item.classList.remove("is-picked");
      target = null;
      hideGhost();
      say(label("Cancelled"));
      return;
    }
    if (key === "ArrowUp" && event.shiftKey) target.length = Math.max(SLOT, target.length - SLOT);
    else if (key === "ArrowDown" && event.shiftKey) target.length += SLOT;
    else if (key === "ArrowUp") target.offset = Math.max(0, target.offset - SLOT);
    else if (key === "ArrowDown") target.offset = Math.min(limit - SLOT, target.offset + SLOT);
    else if (key === "ArrowLeft") target.column = Math.max(1, target.column - 1);
    else if (key === "ArrowRight") target.column = Math.min(columns, target.column + 1);
    else if (key === "PageDown" || key === "PageUp") {
      const index = days.indexOf(target.grid) + (key === "PageDown" ? 1 : -1);
      if (index < 0 || index >= days.length) return;
      target.grid = days[index];
    } else return;
    event.preventDefault();
    showGhost();
    say(describe());
  });

  function undo() {
    const form = body.querySelector("[data-grid-undo]");
    if (form) send(form.action, {}, "undo");
  }

  body.addEventListener("submit", (event) => {
    if (event.target.matches("[data-grid-undo]")) {
      event.preventDefault();
      undo();
    }
  });

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest("input, textarea, select, [contenteditable]");
    if ((event.ctrlKey || event.metaKey) && event.key === "z" && !typing) {
      event.preventDefault();
      undo();
    }
  });
})();
