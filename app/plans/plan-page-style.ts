// The plan page's one stylesheet, served at PLAN_STYLESHEET_PATH because the CSP allows styles from 'self' only.
// Mobile first; the print rules shape the PDF (US Letter).

export const PLAN_STYLESHEET_PATH = "/plans/assets/plan.css";

export const PLAN_STYLESHEET = `
*{box-sizing:border-box}
body{margin:0;overflow-wrap:anywhere;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d2a1d;background:#fbfaf6}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:2px solid #dfe8d5;padding-bottom:.25rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.facts{list-style:none;padding:0;margin:.25rem 0;color:#435243}
.badges{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0}
.badge{display:inline-block;padding:.15rem .6rem;border-radius:1rem;background:#fff3c4;border:1px solid #e3c65a;font-size:.9rem}
.meal{background:#fff;border:1px solid #e3e8dc;border-radius:.6rem;padding:1rem;margin:.75rem 0;break-inside:avoid}
.meta{color:#435243;margin:0 0 .5rem}
.below{color:#a0400b;font-weight:600}
.pantry{color:#6b776b;font-size:.9rem}
.tip{background:#f1f6ec;border-radius:.4rem;padding:.5rem .75rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #e3e8dc;vertical-align:top}
a{color:#22612f}
footer{margin:2rem 0 1rem;color:#5b675b;font-size:.9rem}
@media print{
  @page{size:Letter;margin:.6in}
  body{background:#fff;font-size:11pt}
  main{max-width:none;padding:0}
  .no-print{display:none}
  a{color:inherit;text-decoration:none}
}
`;
