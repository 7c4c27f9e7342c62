// Live parts of the console: new chat lines and the queue refresh without a reload.
// Text is always inserted with textContent: customer text is never HTML.
"use strict";

function nameOf(kind, value) {
  const node = document.querySelector(`#names [data-${kind}="${value}"]`);
  return node ? node.textContent : value;
}

function addLine(list, message) {
  const item = document.createElement("li");
  item.className = `line ${message.sender}`;
  item.dataset.sender = message.sender;
  item.setAttribute("data-testid", "line");
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = nameOf("sender", message.sender);
  const text = document.createElement("span");
  text.className = "text";
  text.textContent = message.sender === "system" ? nameOf("system", message.text) : message.text;
  item.append(who, text);
  list.append(item);
}

async function followConversation(list) {
  const id = list.dataset.conversation;
  let last = Number(list.dataset.last || 0);
  let state = null;
  for (;;) {
    try {
      const response = await fetch(`/desk/api/conversations/${id}/messages?after=${last}`, { credentials: "same-origin" });
      if (response.ok) {
        const data = await response.json();
        for (const message of data.messages) {
          addLine(list, message);
          last = message.seq;
        }
        if (state !== null && state !== data.state) window.location.reload();
        state = data.state;
      }
    } catch (error) {
      // the next round tries again
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function sendWithoutReload(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = new FormData(form);
    const response = await fetch(form.action, { method: "POST", body, headers: { Accept: "application/json" } });
    if (response.ok) form.querySelector("textarea").value = "";
  });
}

async function followQueue(table) {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    try {
      const response = await fetch("/desk/api/queue", { credentials: "same-origin" });
      if (!response.ok) continue;
      const rows = await response.json();
      const shown = [...table.querySelectorAll("[data-conversation]")].map((row) => row.dataset.conversation);
      const fresh = rows.map((row) => row.id);
      if (JSON.stringify(shown) !== JSON.stringify(fresh)) window.location.reload();
    } catch (error) {
      // try again next round
    }
  }
}

const transcript = document.getElementById("transcript");
if (transcript) {
  followConversation(transcript);
  const form = document.getElementById("reply");
  if (form) sendWithoutReload(form);
}
const queueTable = document.getElementById("queue");
if (queueTable) followQueue(queueTable);
