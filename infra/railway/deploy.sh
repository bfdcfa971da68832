#!/usr/bin/env bash
# Deploys the checkout to one Railway service and environment; run by the Pulumi deploy Command from the project
# root. Needs the Railway CLI (docs/infrastructure.md) and, in the environment: RAILWAY_TOKEN (project token),
# RAILWAY_SERVICE, RAILWAY_ENVIRONMENT, APP_VERSION. Prints one JSON line: {"deploymentId": "...", "release": "..."}.
# Build logs go to stderr (kept secret by the Command); nothing here echoes a variable's value.
set -euo pipefail
: "${RAILWAY_TOKEN:?}" "${RAILWAY_SERVICE:?}" "${RAILWAY_ENVIRONMENT:?}" "${APP_VERSION:?}"
target=(--service "$RAILWAY_SERVICE" --environment "$RAILWAY_ENVIRONMENT")

# --ci streams the build and exits non-zero when the deployment fails or crashes.
railway up . --ci "${target[@]}" --message "release $APP_VERSION" 1>&2

railway deployment list "${target[@]}" --json |
  node -e '
    let raw = ""; process.stdin.on("data", (c) => (raw += c)).on("end", () => {
      const list = JSON.parse(raw); const items = Array.isArray(list) ? list : (list.deployments ?? []);
      const latest = items[0];
      if (!latest || !latest.id) { console.error("no deployment listed"); process.exit(1); }
      console.log(JSON.stringify({ deploymentId: latest.id, release: process.env.APP_VERSION }));
    });'
