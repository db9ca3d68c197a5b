// Start the GOV.UK Frontend components on every page (error summaries, notification banners, headers).
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();

// Progressive enhancement: a referral form with data-autosave saves its answers to the draft a moment after the
// referrer stops typing, so a lost connection or a timed-out session loses nothing. Without JavaScript, each page
// is still saved when it is sent.
const AUTOSAVE_DELAY_MS = 1500;

function autosave(form) {
  const status = form.querySelector("[data-autosave-status]");
  let timer = null;

  const save = () => {
    timer = null;
    fetch(form.dataset.autosave, {
      method: "POST",
      body: new FormData(form), // includes the CSRF token
      credentials: "same-origin",
      redirect: "manual", // a signed-out session answers with a redirect to sign in: that is not a save
      headers: { Accept: "application/json" },
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((body) => {
        if (status && body.saved) {
          status.textContent = `Draft saved at ${body.savedAt}`;
          status.hidden = false;
        }
      })
      .catch(() => {
        if (status) {
          status.textContent = "Your draft could not be saved automatically. It will be saved when you continue.";
          status.hidden = false;
        }
      });
  };

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, AUTOSAVE_DELAY_MS);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", () => window.clearTimeout(timer));
}

document.querySelectorAll("form[data-autosave]").forEach(autosave);
