/* The guide's editing page never loses a word.
 *
 * - Every few seconds while the text changes (data-guide-autosave-seconds),
 *   the form is posted to the page's autosave address (data-guide-autosave):
 *   a private copy for this editor, offered back when they return.
 * - When the editor leaves (tab closed, another page, the phone locks), the
 *   last changes go with navigator.sendBeacon (or fetch keepalive).
 * - Leaving with unsaved changes asks first (beforeunload), except when the
 *   form itself is being submitted; the new page form (data-guide-leave-warning)
 *   has this warning only.
 * No inline script (Content-Security-Policy). */
(function () {
  "use strict";
  // A new page (no address yet to autosave to): only the warning on leaving.
  const newPage = document.querySelector("form[data-guide-leave-warning]");
  if (newPage) {
    let dirty = newPage.dataset.guideDirty === "true";
    let submitting = false;
    newPage.addEventListener("input", () => (dirty = true));
    newPage.addEventListener("submit", () => (submitting = true));
    window.addEventListener("beforeunload", (event) => {
      if (!dirty || submitting) return;
      event.preventDefault();
      event.returnValue = "";
    });
  }
  const form = document.querySelector("form[data-guide-autosave]");
  if (!form) return;
  const url = form.dataset.guideAutosave;
  const seconds = Math.max(5, parseInt(form.dataset.guideAutosaveSeconds, 10) || 20);
  const status = document.getElementById("autosave-status");
  let dirty = form.dataset.guideDirty === "true"; // differs from the saved version
  let pending = false; // changed since the last autosave
  let submitting = false;

  function payload() {
    const data = new FormData(form);
    data.delete("action");
    data.delete("publish_at");
    return data;
  }

  function say(message) {
    if (status && message) status.textContent = message;
  }

  function changed() {
    dirty = true;
    pending = true;
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  // Inputs outside the form (form="page-form") are the schedule's, not the text.

  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    // The preview opens in a new tab: this page stays, with its changes.
    if (button && button.hasAttribute("data-guide-preview")) return;
    submitting = true;
  });

  function send() {
    if (!pending || submitting) return;
    pending = false;
    fetch(url, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then((response) => response.json().then((body) => say(body.message)))
      .catch(() => {
        pending = true; // try again at the next tick
      });
  }

  function sendOnLeaving() {
    if (!pending || submitting) return;
    pending = false;
    const data = payload();
    if (navigator.sendBeacon && navigator.sendBeacon(url, data)) return;
    fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true });
  }

  window.setInterval(send, seconds * 1000);
  window.addEventListener("pagehide", sendOnLeaving);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") sendOnLeaving();
  });
  window.addEventListener("beforeunload", (event) => {
    if (!dirty || submitting) return;
    sendOnLeaving();
    event.preventDefault();
    event.returnValue = "";
  });
})();
