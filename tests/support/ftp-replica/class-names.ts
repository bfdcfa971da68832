// CSS-module class names as the site builds them: `<module>_<local>__<hash>`, the hash derived from a build id
// (ftp-site.md §1, §11). A "rebuild" changes every hash; the "renamed" variant is a redesign of two modules.
import { createHash } from "node:crypto";

export type ClassVariant = "standard" | "renamed";

/**
 * Module renames of the layout-changed scenario (ftp-site.md §11.1), plus the catalog tile, so that the same
 * redesign also trips the canary's public markers.
 */
const RENAMED: Readonly<Record<string, string>> = {
  "cart-order_cartOrderItem": "cart-item_container",
  "quantity-selector": "stepper",
  "product-tile": "product-card",
};

export type ClassNamer = (module: string, local?: string) => string;

export function classNamer(buildId: string, variant: ClassVariant): ClassNamer {
  return (module, local) => {
    let name = local === undefined ? module : `${module}_${local}`;
    if (variant === "renamed") {
      const whole = RENAMED[name];
      if (whole !== undefined) name = whole;
      else if (RENAMED[module] !== undefined) name = local === undefined ? RENAMED[module]! : `${RENAMED[module]}_${local}`;
    }
    return `${name}__${hashOf(buildId, module)}`;
  };
}

function hashOf(buildId: string, module: string): string {
  const letters = createHash("sha1")
    .update(`${buildId}:${module}`)
    .digest("base64")
    .replace(/[^A-Za-z0-9]/g, "");
  return letters.slice(0, 5);
}
