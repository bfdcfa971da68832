// The settings page (spec/product.md 2.4): the sign-up page's tiles and stylesheet, ticked with the customer's
// current choices, a masked email, blank login fields and the "Delete my data" step; plus the expired-link page.
// Every interpolated string is escaped; the script is served from our origin (no inline code under the CSP).
import {
  CREDENTIALS_NOTICE,
  DEFAULT_PREFERENCES,
  DIETARY_RESTRICTIONS,
  DISH_TILES,
  GOAL_LABELS,
  GOALS,
  HOUSEHOLD_SIZES,
  MEAL_TIMINGS,
  type Preferences,
  RESTRICTION_LABELS,
  STYLE_TILES,
} from "../../preferences";
import { escapeHtml } from "../escape-html";
import { FORM_HELPERS_JS } from "../form-script";
import { choice, group, MEAL_LABELS, SIGNUP_CSS } from "../signup/signup-page";
import { SETTINGS_LINK_EXPIRED_MESSAGE } from "./errors";

export const SETTINGS_SAVED_MESSAGE = "Saved. Your next plan will use these settings.";
export const SETTINGS_DELETED_MESSAGE = "Your data is deleted and this number will get no more texts from us.";
export const KEEP_PASSWORD_HINT = "Leave blank to keep your current password.";

/** What the page shows: never the email itself, never the password. */
export interface SettingsView {
  /** Null until the customer saved preferences: the page then shows the defaults. */
  preferences: Preferences | null;
  /** `j***@example.com`, or null when no login is stored. */
  maskedEmail: string | null;
}

export function renderSettingsPage(view: SettingsView): string {
  const p = view.preferences ?? DEFAULT_PREFERENCES;
  const restrictions = p.dietaryRestrictions.length === 0 ? ["none"] : p.dietaryRestrictions;
  const tiles = [
    group(
      "householdSize",
      "How many people do you cook for?",
      null,
      HOUSEHOLD_SIZES.map((size) => choice("radio", "householdSize", size, size, size === p.householdSize)),
    ),
    group(
      "mealTiming",
      "Which meals should we plan?",
      "Pick at least one.",
      MEAL_TIMINGS.map((m) => choice("checkbox", "mealTiming", m, MEAL_LABELS[m], p.mealTiming.includes(m))),
    ),
    group(
      "favouriteDishes",
      "Dishes you love",
      "Pick about 3.",
      DISH_TILES.map((t) => choice("checkbox", "favouriteDishes", t.id, t.label, p.favouriteDishes.includes(t.id))),
    ),
    group(
      "cookingStyles",
      "Cooking styles you like",
      null,
      STYLE_TILES.map((t) => choice("checkbox", "cookingStyles", t.id, t.label, p.cookingStyles.includes(t.id))),
    ),
    group(
      "dietaryRestrictions",
      "Dietary restrictions",
      "“None” clears the others.",
      DIETARY_RESTRICTIONS.map((r) => choice("checkbox", "dietaryRestrictions", r, RESTRICTION_LABELS[r], restrictions.includes(r))),
    ),
    group(
      "goals",
      "Goals",
      "Pick up to 2.",
      GOALS.map((g) => choice("checkbox", "goals", g, GOAL_LABELS[g], p.goals.includes(g))),
    ),
  ].join("\n");
  const currentLogin =
    view.maskedEmail === null ? "No Farm to People login is saved yet: enter your email and password." : `Saved login: ${view.maskedEmail}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Your Farm to People meal plan settings</title>
<link rel="stylesheet" href="/settings/settings.css">
<script src="/settings/settings.js" defer></script>
</head>
<body>
<main>
<h1>Your meal plan settings</h1>
<div id="status" role="status" aria-live="polite"></div>
<form id="settings-form" novalidate>
<fieldset>
<legend>Farm to People account</legend>
<p class="hint" id="credentials-notice">${escapeHtml(CREDENTIALS_NOTICE)}</p>
<p id="current-login">${escapeHtml(currentLogin)}</p>
<label for="ftpEmail">Email</label>
<input id="ftpEmail" name="ftpEmail" type="email" autocomplete="username" aria-describedby="email-hint ftpEmail-error">
<p class="hint" id="email-hint">Leave blank to keep your saved email. A new password needs the email too.</p>
<p class="field-error" id="ftpEmail-error" hidden></p>
<label for="ftpPassword">Password</label>
<input id="ftpPassword" name="ftpPassword" type="password" autocomplete="new-password" aria-describedby="password-hint ftpPassword-error">
<p class="hint" id="password-hint">${escapeHtml(KEEP_PASSWORD_HINT)}</p>
<p class="field-error" id="ftpPassword-error" hidden></p>
</fieldset>
${tiles}
<fieldset>
<legend>Foods to avoid</legend>
<label for="avoid">Separate with commas (optional)</label>
<input id="avoid" name="avoid" type="text" autocomplete="off" value="${escapeHtml(p.avoid.join(", "))}" aria-describedby="avoid-error">
<p class="field-error" id="avoid-error" hidden></p>
</fieldset>
<button type="submit">Save settings</button>
</form>
<section id="delete-section" aria-labelledby="delete-heading">
<h2 id="delete-heading">Delete my data</h2>
<p>This deletes your account, your saved login, preferences, carts and plans, and stops all texts to this number.</p>
<button type="button" id="delete-start" class="danger">Delete my data</button>
<div id="delete-confirm" hidden>
<div class="consent">
<input id="confirm" name="confirm" type="checkbox" aria-describedby="confirm-error">
<label for="confirm">I understand this cannot be undone.</label>
</div>
<p class="field-error" id="confirm-error" hidden></p>
<button type="button" id="delete-submit" class="danger">Delete everything now</button>
</div>
</section>
</main>
</body>
</html>
`;
}

/** The answer to an unknown, expired, used or malformed link: small, static, nothing from the request in it. */
export function renderSettingsExpiredPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Settings link expired</title>
<link rel="stylesheet" href="/settings/settings.css">
</head>
<body>
<main>
<h1>Settings link expired</h1>
<p>${escapeHtml(SETTINGS_LINK_EXPIRED_MESSAGE)}</p>
<p>Settings links work for 30 minutes and for one save.</p>
</main>
</body>
</html>
`;
}

export const SETTINGS_CSS = `${SIGNUP_CSS}
#delete-section{margin-top:2.5rem;padding-top:1rem;border-top:1px solid #6b7a6b}
h2{font-size:1.2rem}
button.danger{background:#a10000;margin-top:.5rem}
`;

/** The page's script: sends the form as JSON to the same token's API, shows field errors, then the outcome. */
export const SETTINGS_JS = `"use strict";
(function () {
  var SAVED = ${JSON.stringify(SETTINGS_SAVED_MESSAGE)};
  var DELETED = ${JSON.stringify(SETTINGS_DELETED_MESSAGE)};
  // The token is the last path segment; it never goes anywhere but back to our own API.
  var token = location.pathname.split("/").pop();
  var form = document.getElementById("settings-form");
  var status = document.getElementById("status");
  var deleteSection = document.getElementById("delete-section");
${FORM_HELPERS_JS}  function announce(text) {
    status.textContent = text;
    status.setAttribute("tabindex", "-1");
    status.focus();
  }
  function send(path, body, button, onOk) {
    clearErrors();
    status.textContent = "";
    button.disabled = true;
    fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
      })
      .then(function (r) {
        button.disabled = false;
        if (r.status === 200) return onOk();
        var error = (r.data && r.data.error) || {};
        if (r.status === 400 && error.fields) {
          status.textContent = "Please check the highlighted fields.";
          showFieldErrors(error.fields);
          return;
        }
        if (r.status === 404 || r.status === 410) {
          form.hidden = true;
          deleteSection.hidden = true;
        }
        announce(error.message || "Something went wrong. Please try again in a minute.");
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = "We could not reach the server. Please check your connection and try again.";
      });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = {
      ftpEmail: form.ftpEmail.value,
      ftpPassword: form.ftpPassword.value,
      preferences: preferencesOf()
    };
    send("/api/settings/" + token, body, form.querySelector("button[type=submit]"), function () {
      // A saved link is used up (product.md 2.4): hide the forms rather than invite a second save that would fail.
      form.hidden = true;
      deleteSection.hidden = true;
      announce(SAVED);
    });
  });
  document.getElementById("delete-start").addEventListener("click", function () {
    document.getElementById("delete-confirm").hidden = false;
    document.getElementById("confirm").focus();
  });
  document.getElementById("delete-submit").addEventListener("click", function (event) {
    var confirmed = document.getElementById("confirm").checked;
    send("/api/settings/" + token + "/delete", { confirm: confirmed }, event.currentTarget, function () {
      form.hidden = true;
      deleteSection.hidden = true;
      announce(DELETED);
    });
  });
})();
`;
