import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the account does not exist, so an unknown username takes as long
// as a wrong password and the answer gives nothing away.
const unknownAccountHash = hash('no account has this password');

export async function verifyPassword(
  passwordHash: string | null,
  password: string,
): Promise<boolean> {
  if (passwordHash === null) {
    await verify(await unknownAccountHash, password);
    return false;
  }
  return verify(passwordHash, password);
}
