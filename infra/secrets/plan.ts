// Which random secrets the app gets and when they change: values are stable across updates and change only when an
// operator raises a generation number in the stack config (docs/infrastructure.md, rotation).

export interface GeneratedSecretSpec {
  /** Child resource name suffix; a new suffix is a new resource, hence a new value. */
  role: string;
  kind: "password" | "bytes";
  /** Characters for passwords, bytes for keys. */
  length: number;
  /** Stored as a keeper: changing it replaces the resource and so rotates the value. */
  generation: number;
}

export interface SecretsPlan {
  secretKey: GeneratedSecretSpec;
  apiKey: GeneratedSecretSpec;
  encryptionKey: GeneratedSecretSpec;
  /** The generation before the current one, kept so credentials encrypted with it stay readable until re-encrypted. */
  previousEncryptionKey: GeneratedSecretSpec | null;
}

// Lengths exceed the app's minimums (SECRET_KEY 32, API_KEY 24) with alphanumerics only, so values survive shells,
// URLs and the Railway dashboard without quoting: 64 and 48 characters carry about 380 and 285 bits.
export const SECRET_KEY_LENGTH = 64;
export const API_KEY_LENGTH = 48;
/** AES-256-GCM needs exactly 32 bytes (app/config.ts checks the base64 decodes to 32). */
export const ENCRYPTION_KEY_BYTES = 32;

export function planSecrets(rotation: { secretKey: number; apiKey: number; encryptionKey: number }): SecretsPlan {
  const encryptionKey = (generation: number): GeneratedSecretSpec => ({
    role: `encryption-key-g${generation}`,
    kind: "bytes",
    length: ENCRYPTION_KEY_BYTES,
    generation,
  });
  return {
    secretKey: { role: "secret-key", kind: "password", length: SECRET_KEY_LENGTH, generation: rotation.secretKey },
    apiKey: { role: "api-key", kind: "password", length: API_KEY_LENGTH, generation: rotation.apiKey },
    encryptionKey: encryptionKey(rotation.encryptionKey),
    previousEncryptionKey: rotation.encryptionKey > 1 ? encryptionKey(rotation.encryptionKey - 1) : null,
  };
}
