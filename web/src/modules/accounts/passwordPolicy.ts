// The same policy the server enforces (等保 2.0): at least 8 characters from 3 of the 4 classes.
const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

export function meetsPasswordPolicy(password: string): boolean {
  return password.length >= 8 && CLASSES.filter((re) => re.test(password)).length >= 3;
}
