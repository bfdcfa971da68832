// The onboarding page (spec/product.md 2.1): mobile-first HTML, its stylesheet and its script, served from our
// own origin so the Content-Security-Policy can forbid inline code. Option lists and consent wording come from
// app/preferences; every interpolated string is escaped.

import {
  CREDENTIALS_NOTICE,
  DIETARY_RESTRICTIONS,
  DISH_TILES,
  GOAL_LABELS,
  GOALS,
  HOUSEHOLD_SIZES,
  MEAL_TIMINGS,
  RESTRICTION_LABELS,
  SMS_CONSENT_TEXT,
  STYLE_TILES,
} from "../../preferences";
import { escapeHtml } from "../escape-html";
import { FORM_HELPERS_JS } from "../form-script";

/** What the page says after a 201 (product.md 2.2). */
export const SIGNUP_CONFIRMATION =
  "Check your phone: reply YES to the text we just sent. If nothing arrives within a few minutes, text START to our number.";

export const MEAL_LABELS: Record<(typeof MEAL_TIMINGS)[number], string> = {
  breakfast: "Breakfast",
  lunch: "Lunch",
  dinner: "Dinner",
  snacks: "Snacks",
};

/** One tile (checkbox or radio); shared with the settings page. */
export function choice(type: "checkbox" | "radio", name: string, value: string, label: string, checked = false): string {
  return `<label class="tile"><input type="${type}" name="${escapeHtml(name)}" value="${escapeHtml(value)}"${checked ? " checked" : ""}><span>${escapeHtml(label)}</span></label>`;
}

/** A fieldset of tiles with its hint and error slot; shared with the settings page. */
export function group(name: string, legend: string, hint: string | null, choices: string[]): string {
  const hintHtml = hint === null ? "" : `<p class="hint" id="${name}-hint">${escapeHtml(hint)}</p>`;
  const describedBy = `${hint === null ? "" : `${name}-hint `}${name}-error`;
  return `<fieldset aria-describedby="${describedBy}"><legend>${escapeHtml(legend)}</legend>${hintHtml}<div class="tiles">${choices.join("")}</div><p class="field-error" id="${name}-error" hidden></p></fieldset>`;
}

export function renderSignupPage(): string {
  const household = group(
    "householdSize",
    "How many people do you cook for?",
    null,
    HOUSEHOLD_SIZES.map((size) => choice("radio", "householdSize", size, size, size === "1-2")),
  );
  const timing = group(
    "mealTiming",
    "Which meals should we plan?",
    "Pick at least one.",
    MEAL_TIMINGS.map((m) => choice("checkbox", "mealTiming", m, MEAL_LABELS[m], m === "dinner")),
  );
  const dishes = group(
    "favouriteDishes",
    "Dishes you love",
    "Pick about 3.",
    DISH_TILES.map((t) => choice("checkbox", "favouriteDishes", t.id, t.label)),
  );
  const styles = group(
    "cookingStyles",
    "Cooking styles you like",
    null,
    STYLE_TILES.map((t) => choice("checkbox", "cookingStyles", t.id, t.label)),
  );
  const restrictions = group(
    "dietaryRestrictions",
    "Dietary restrictions",
    "“None” clears the others.",
    DIETARY_RESTRICTIONS.map((r) => choice("checkbox", "dietaryRestrictions", r, RESTRICTION_LABELS[r])),
  );
  const goals = group(
    "goals",
    "Goals",
    "Pick up to 2.",
    GOALS.map((g) => choice("checkbox", "goals", g, GOAL_LABELS[g])),
  );

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign up for Farm to People meal plans</title>
<link rel="stylesheet" href="/signup/signup.css">
<script src="/signup/signup.js" defer></script>
</head>
<body>
<main>
<h1>Meal plans from your Farm to People cart</h1>
<p>Text us PLAN and get meals made from what is in your cart.</p>
<div id="status" role="status" aria-live="polite"></div>
<form id="signup-form" novalidate>
<fieldset>
<legend>Your phone</legend>
<label for="phone">Mobile number</label>
<input id="phone" name="phone" type="text" inputmode="tel" autocomplete="tel" required aria-describedby="phone-error">
<p class="field-error" id="phone-error" hidden></p>
</fieldset>
<fieldset>
<legend>Farm to People account</legend>
<p class="hint" id="credentials-notice">${escapeHtml(CREDENTIALS_NOTICE)}</p>
<label for="ftpEmail">Email</label>
<input id="ftpEmail" name="ftpEmail" type="email" autocomplete="username" required aria-describedby="credentials-notice ftpEmail-error">
<p class="field-error" id="ftpEmail-error" hidden></p>
<label for="ftpPassword">Password</label>
<input id="ftpPassword" name="ftpPassword" type="password" autocomplete="current-password" required aria-describedby="credentials-notice ftpPassword-error">
<p class="field-error" id="ftpPassword-error" hidden></p>
</fieldset>
${household}
${timing}
${dishes}
${styles}
${restrictions}
${goals}
<fieldset>
<legend>Foods to avoid</legend>
<label for="avoid">Separate with commas (optional)</label>
<input id="avoid" name="avoid" type="text" autocomplete="off" aria-describedby="avoid-error">
<p class="field-error" id="avoid-error" hidden></p>
</fieldset>
<fieldset>
<legend>Texts</legend>
<div class="consent">
<input id="smsConsent" name="smsConsent" type="checkbox" aria-describedby="smsConsent-error">
<label for="smsConsent">${escapeHtml(SMS_CONSENT_TEXT)}</label>
</div>
<p class="field-error" id="smsConsent-error" hidden></p>
</fieldset>
<button type="submit">Sign up</button>
</form>
</main>
</body>
</html>
`;
}

export const SIGNUP_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1d2a1d;background:#f7f5ef}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:700;margin-bottom:.5rem}
label{display:block;margin:.5rem 0 .25rem}
input[type=text],input[type=email],input[type=password]{width:100%;padding:.75rem;font-size:1rem;border:1px solid #6b7a6b;border-radius:.5rem}
.tiles{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:.5rem}
.tile{display:flex;gap:.5rem;align-items:center;margin:0;padding:.75rem;border:1px solid #6b7a6b;border-radius:.5rem;background:#fff;min-height:3rem}
.tile:has(input:checked){border-color:#2f6b2f;background:#e6f2e6}
.consent{display:flex;gap:.75rem;align-items:flex-start}
.consent input{margin-top:.8rem;width:1.25rem;height:1.25rem;flex:none}
.hint{color:#4a574a;margin:.25rem 0}
.field-error{color:#a10000;font-weight:600;margin:.25rem 0}
:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
button{width:100%;padding:.9rem;font-size:1.1rem;font-weight:700;color:#fff;background:#2f6b2f;border:0;border-radius:.5rem}
#status:not(:empty){padding:.75rem;border-radius:.5rem;background:#fff;border:2px solid #2f6b2f;margin-bottom:1rem}
@media (min-width:40rem){.tiles{grid-template-columns:repeat(4,minmax(0,1fr))}}
`;

/** The page's script: sends the form as JSON, shows field errors beside their fields, then the confirmation. */
export const SIGNUP_JS = `"use strict";
(function () {
  var CONFIRMATION = ${JSON.stringify(SIGNUP_CONFIRMATION)};
  var form = document.getElementById("signup-form");
  var status = document.getElementById("status");
${FORM_HELPERS_JS}  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    status.textContent = "";
    var body = {
      phone: form.phone.value,
      ftpEmail: form.ftpEmail.value,
      ftpPassword: form.ftpPassword.value,
      smsConsent: form.smsConsent.checked,
      preferences: preferencesOf()
    };
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch("/api/signup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
      })
      .then(function (r) {
        button.disabled = false;
        if (r.status === 201) {
          form.hidden = true;
          status.textContent = CONFIRMATION;
          status.setAttribute("tabindex", "-1");
          status.focus();
          return;
        }
        var error = (r.data && r.data.error) || {};
        if (r.status === 400 && error.fields) {
          status.textContent = "Please check the highlighted fields.";
          showFieldErrors(error.fields);
          return;
        }
        status.textContent = error.message || "Something went wrong. Please try again in a minute.";
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = "We could not reach the server. Please check your connection and try again.";
      });
  });
})();
`;
