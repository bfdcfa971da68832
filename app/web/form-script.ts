// Browser-side helpers shared by the sign-up and settings page scripts (the same form fields, the same error
// slots): inlined into each page's script, which defines `form` before them.
export const FORM_HELPERS_JS = `  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }
  // "None" is exclusive (product.md 2.1): ticking it clears the others, ticking another clears it.
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name !== "dietaryRestrictions" || !input.checked) return;
    form.querySelectorAll('input[name="dietaryRestrictions"]').forEach(function (other) {
      if (other !== input && (input.value === "none" || other.value === "none")) other.checked = false;
    });
  });
  function clearErrors() {
    document.querySelectorAll(".field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    document.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
  }
  function showFieldErrors(fields) {
    var first = null;
    Object.keys(fields).forEach(function (key) {
      var name = key.split(".").pop();
      var slot = document.getElementById(name + "-error");
      if (!slot) return;
      slot.textContent = fields[key];
      slot.hidden = false;
      var input = document.getElementById(name) || document.querySelector('input[name="' + name + '"]');
      if (input) input.setAttribute("aria-invalid", "true");
      if (!first && input) first = input;
    });
    if (first) first.focus();
  }
  // The preferences part of the body, shaped like PreferencesSchema (app/preferences).
  function preferencesOf() {
    return {
      householdSize: (checked("householdSize")[0] || "1-2"),
      mealTiming: checked("mealTiming"),
      favouriteDishes: checked("favouriteDishes"),
      cookingStyles: checked("cookingStyles"),
      dietaryRestrictions: checked("dietaryRestrictions"),
      goals: checked("goals"),
      avoid: form.avoid.value.split(",").map(function (s) { return s.trim(); }).filter(Boolean)
    };
  }
`;
