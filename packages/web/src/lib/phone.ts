/** A mobile number as shown in lists: 138****5678 (the full number only in its owner's edit form). */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
