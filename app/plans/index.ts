// Plan delivery's public face: the plan page and its PDF, artifact storage, link tokens and the /plans router.
export { createLocalArtifactStore, type PlanArtifactStore, pdfArtifactKey } from "./artifact-store";
export { CART_HISTORY_FOR_PAGE, type PlanLinkStore, planLinksFromStore } from "./plan-links";
export { renderPlanPage } from "./plan-page";
export { createPdfRenderer, type PdfRenderer, type PdfRendererOptions } from "./plan-pdf";
export { EXPIRED_TEXT, PLAN_PAGE_HEADERS, type PlanLinkRecord, type PlansRouterOptions, plansRouter } from "./plans-router";
export { createS3ArtifactStore, type S3ArtifactStoreOptions } from "./s3-artifact-store";
