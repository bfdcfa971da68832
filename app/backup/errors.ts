// Every expected failure of backup, restore and verification, with the exit status the command line gives
// it. Messages say what went wrong and what to do; they never carry connection strings or keys.
import { AppError } from "../errors";

export const BACKUP_ERROR_EXIT_STATUS = {
  usage: 2,
  backup_not_configured: 3,
  dump_failed: 10,
  upload_failed: 11,
  backup_not_found: 12,
  checksum_mismatch: 13,
  target_not_empty: 14,
  restore_failed: 15,
  integrity_failed: 16,
  scratch_database_failed: 17,
} as const;

export type BackupErrorCode = keyof typeof BACKUP_ERROR_EXIT_STATUS;

export class BackupError extends AppError<BackupErrorCode> {
  constructor(code: BackupErrorCode, message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(code, message, { status: 500, ...options });
  }

  get exitStatus(): number {
    return BACKUP_ERROR_EXIT_STATUS[this.code];
  }
}

/** One failed integrity check, by name, with a short reason (counts and table names, never row contents). */
export interface IntegrityProblem {
  check: string;
  problem: string;
}

export class IntegrityError extends BackupError {
  constructor(readonly problems: IntegrityProblem[]) {
    super(
      "integrity_failed",
      `Integrity checks failed (${problems.length}):\n  - ${problems.map((p) => `${p.check}: ${p.problem}`).join("\n  - ")}`,
      { details: { problems } },
    );
  }
}
