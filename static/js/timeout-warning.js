// Warns an applicant before their unsaved answers expire, and lets them carry on
// without leaving the page, so nothing they have typed is lost.
export function initTimeoutWarning() {
  const settings = document.querySelector("[data-timeout-seconds]");
  const dialog = document.getElementById("timeout-warning");
  if (!settings || !dialog || typeof dialog.showModal !== "function") {
    return;
  }
  // The time left when the page was drawn; after "carry on", a whole session's.
  let seconds = Number(settings.dataset.timeoutSeconds);
  const warnBefore = Number(settings.dataset.warnBeforeSeconds);
  let timer;

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => dialog.showModal(), Math.max(0, seconds - warnBefore) * 1000);
  }

  dialog.querySelector("[data-keep-alive]").addEventListener("click", async () => {
    await fetch(settings.dataset.keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": settings.dataset.csrfToken },
      credentials: "same-origin",
    });
    dialog.close();
    seconds = Number(settings.dataset.sessionSeconds);
    schedule();
  });
  schedule();
}
