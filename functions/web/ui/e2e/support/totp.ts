import { Secret, TOTP } from 'otpauth';

/** The current code for `secret` (base32, as the enrolment screen shows it). */
export function totpCode(secret: string): string {
  // The emulator's secret is lower-case base32: decode leniently.
  return new TOTP({ secret: Secret.fromBase32(secret.toUpperCase().replace(/[^A-Z2-7]/g, '')), digits: 6, period: 30 }).generate();
}

/**
 * A code that Cognito has not seen yet: a code is accepted once, so after using one wait for the
 * next 30-second window.
 */
export async function freshTotpCode(secret: string, used?: string): Promise<string> {
  let code = totpCode(secret);
  while (code === used) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    code = totpCode(secret);
  }
  return code;
}
