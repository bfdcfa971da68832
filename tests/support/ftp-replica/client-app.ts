// The replica's browser side, served as /_next/static/<build>/app.js and app.css: it renders every page from data
// calls and reproduces the behaviours the scraper meets (two-step login, drawer, late-filling customize panel,
// infinite catalog). Plain ES2017 so that any Chromium runs it unmodified.

export const CLIENT_CSS = `
body{margin:0;font-family:system-ui,sans-serif;font-size:14px}
button{text-transform:uppercase;cursor:pointer}
[hidden],.md\\:hidden{display:none}
header{display:flex;gap:12px;align-items:center;padding:8px;border-bottom:1px solid #ddd;flex-wrap:wrap}
.cart-button{width:36px;height:36px;background:#2a6;border-radius:18px;color:#fff;text-align:center;line-height:36px}
#cart aside{position:fixed;top:0;right:0;width:420px;height:100vh;overflow:auto;background:#fff;border-left:1px solid #ccc;z-index:10}
aside[aria-label^="Customize "]{position:fixed;top:0;right:420px;width:600px;height:100vh;overflow:auto;background:#fafafa;border-right:1px solid #ccc;z-index:11}
aside[aria-label="Enter Your Zip Code"]{position:fixed;top:0;right:0;width:380px;height:100vh;background:#fff;z-index:12}
article{border-bottom:1px solid #eee;padding:6px}
article img{width:48px;height:48px;background:#eee}
`;

export const CLIENT_JS = `(function () {
  "use strict";
  var root = document.getElementById("__next");
  var classes = {};
  function json(r) { return r.json(); }
  function post(url, body) {
    return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), credentials: "same-origin" });
  }
  function record(action) { post("/api/mutations", { action: action }); }
  function esc(t) { var d = document.createElement("div"); d.textContent = t; return d.innerHTML; }

  fetch("/api/page?path=" + encodeURIComponent(location.pathname), { credentials: "same-origin" }).then(json).then(function (page) {
    if (page.redirect) { location.replace(page.redirect); return; }
    classes = page.classes || {};
    root.innerHTML = page.html;
  });

  function showAlert(form, text) {
    var p = document.createElement("p");
    p.setAttribute("role", "alert");
    p.className = classes.loginError || "";
    p.textContent = text;
    form.querySelector('button[type="submit"]').before(p);
  }

  function login(form) {
    var emailInput = form.querySelector('input[placeholder="Enter email address"]');
    var password = form.querySelector('input[type="password"]');
    var button = form.querySelector('button[type="submit"]');
    var old = form.querySelector('[role="alert"]');
    if (old) old.remove();
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    function idle() { button.disabled = false; button.removeAttribute("aria-busy"); }
    if (!password) {
      post("/api/login/email", { email: emailInput.value }).then(json).then(function (r) {
        idle();
        if (r.next === "password") {
          var input = document.createElement("input");
          input.type = "password"; input.name = "password"; input.placeholder = "Password"; input.autocomplete = "current-password";
          button.before(input);
        } else if (r.next === "magic-link") {
          form.innerHTML = "<h2>Check your email</h2><p>We sent a login link to " + esc(emailInput.value) + ".</p>";
        } else {
          showAlert(form, "We couldn't find an account with that email.");
        }
      });
      return;
    }
    post("/api/login/password", { email: emailInput.value, password: password.value }).then(function (r) {
      if (r.ok) { location.href = "/home"; return; }
      idle();
      showAlert(form, "Incorrect email or password.");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    event.preventDefault();
    if (form.querySelector('input[placeholder="Enter email address"]')) { login(form); return; }
    if (form.closest('[aria-label="Enter Your Zip Code"]')) { record("zip-submit"); return; }
  }, true);

  function openCart() {
    fetch("/api/cart-drawer", { credentials: "same-origin" }).then(function (r) {
      return r.json().then(function (body) {
        var old = document.getElementById("cart");
        if (old) old.remove();
        document.body.insertAdjacentHTML("beforeend", body.html);
      });
    });
  }

  function currentPanel() { return document.querySelector('aside[aria-label^="Customize "]'); }

  function openPanel(article) {
    var link = article.querySelector('a[href^="/product/"]');
    var slug = link.getAttribute("href").slice("/product/".length);
    var previous = currentPanel();
    fetch("/api/customize/" + slug + "/shell", { credentials: "same-origin" }).then(json).then(function (shell) {
      function show() {
        if (previous && previous.isConnected) previous.remove();
        document.body.insertAdjacentHTML("beforeend", shell.html);
        var panel = document.body.lastElementChild;
        if (shell.staleMs > 0) panel.setAttribute("data-sticky", "true");
        var body = panel.querySelector("div:last-child");
        fetch("/api/customize/" + slug + "/selected", { credentials: "same-origin" }).then(json).then(function (selected) {
          body.insertAdjacentHTML("beforeend", selected.html);
          panel.insertAdjacentHTML("beforeend", selected.footer);
          return fetch("/api/customize/" + slug + "/alternatives", { credentials: "same-origin" }).then(json);
        }).then(function (alternatives) {
          body.insertAdjacentHTML("beforeend", alternatives.html);
          var spinner = panel.querySelector('[aria-busy="true"]');
          if (spinner) spinner.remove();
        });
      }
      if (previous && shell.staleMs > 0) setTimeout(show, shell.staleMs); else show();
    });
  }

  function closePanel(panel) {
    if (!panel || panel.getAttribute("data-sticky") === "true") return;
    panel.remove();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var cartButton = target.closest(".cart-button");
    if (cartButton) { openCart(); return; }
    var button = target.closest("button, a");
    if (!button) return;
    var text = (button.textContent || "").trim().toUpperCase();
    var label = button.getAttribute("aria-label");
    if (label === "Decrease" || label === "Increase") { record("stepper"); return; }
    if (label === "Close cart") { var cart = document.getElementById("cart"); if (cart) cart.remove(); return; }
    if (text === "CUSTOMIZE") { openPanel(button.closest("article")); return; }
    if (text === "CLOSE") { closePanel(button.closest("aside")); return; }
    if (text === "SAVE") { record("save"); return; }
    if (text === "ADD") { record("add"); return; }
    if (text === "REMOVE") { event.preventDefault(); record("remove"); return; }
    if (text === "SUBSCRIBE") { record("newsletter"); return; }
    if (text === "ADD TO CART") { record("add-to-cart"); return; }
    if (text.indexOf("RESCHEDULE") === 0) { event.preventDefault(); record("reschedule"); return; }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.closest("article")) record("quantity-select");
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closePanel(currentPanel());
  });

  var loadingTiles = false;
  window.addEventListener("scroll", function () {
    var main = document.querySelector("main[data-category]");
    if (!main || loadingTiles || main.getAttribute("data-complete") === "true") return;
    if (window.innerHeight + window.scrollY < document.body.scrollHeight - 400) return;
    loadingTiles = true;
    var grid = main.querySelector("div");
    var offset = main.querySelectorAll("article").length;
    fetch("/api/catalog/" + main.getAttribute("data-category") + "?offset=" + offset).then(json).then(function (batch) {
      grid.insertAdjacentHTML("beforeend", batch.html);
      if (!batch.more) main.setAttribute("data-complete", "true");
      loadingTiles = false;
    });
  }, { passive: true });
})();
`;
