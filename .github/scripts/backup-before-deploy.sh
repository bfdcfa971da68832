#!/usr/bin/env bash
# Pre-deploy backup of the stack's database into its backup bucket (the bucket name is a stack output). Needs the
# Pulumi CLI logged in, AWS credentials allowed to write the bucket, STACK and DATABASE_URL. The very first deploy has
# no bucket yet: it warns and skips, since there is no data to lose.
set -euo pipefail
: "${STACK:?}" "${DATABASE_URL:?}"
bucket=$(pulumi stack output backupBucketName --stack "$STACK" 2>/dev/null || true)
if [ -z "$bucket" ]; then
  echo "::warning::stack $STACK has no backup bucket yet (first deploy): skipping the pre-deploy backup"
  exit 0
fi
export BACKUP_S3_BUCKET="$bucket" BACKUP_S3_PREFIX="${BACKUP_S3_PREFIX:-backups/}" AWS_REGION="${AWS_REGION:-us-east-1}"
npm run --silent backup
