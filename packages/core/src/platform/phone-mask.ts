/** A mobile number as people other than its owner see it: 138****5678 (first three, last four). */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
