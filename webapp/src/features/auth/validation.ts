export const PASSWORD_HINT =
  'At least 10 characters, with a letter and a digit; not a common password.';

export interface FieldErrors {
  name?: string;
  email?: string;
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function validateEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your email address.';
  if (!EMAIL.test(email.trim())) return 'Enter an email address like name@example.com.';
  return undefined;
}

/** Mirrors the server's rule (422 weak_password) so people learn it before submitting. */
export function validateNewPassword(password: string): string | undefined {
  if (!password) return 'Choose a password.';
  if (Array.from(password).length < 10) return 'Use at least 10 characters.';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password))
    return 'Use at least one letter and one digit.';
  return undefined;
}
