/** Filling the shopper app's address form the way a person does. */
import type { Locator } from 'playwright-core';

/** Picks 省 / 市 / 区县 in the form's region picker (each list fills in once the level above is chosen). */
export async function pickRegion(form: Locator, province: string, city: string, district: string): Promise<void> {
  await form.locator('select[name="province"]').selectOption({ label: province });
  const cities = form.locator('select[name="city"]');
  await cities.locator('option', { hasText: city }).first().waitFor({ state: 'attached' });
  await cities.selectOption({ label: city });
  const districts = form.locator('select[name="district"]');
  await districts.locator('option', { hasText: district }).first().waitFor({ state: 'attached' });
  await districts.selectOption({ label: district });
}

/** Fills a new address (name, phone, region, detail) into an open address form. */
export async function fillAddress(
  form: Locator,
  a: { name: string; phone: string; province: string; city: string; district: string; detail: string },
): Promise<void> {
  await form.locator('input[name="name"]').fill(a.name);
  await form.locator('input[name="phone"]').fill(a.phone);
  await pickRegion(form, a.province, a.city, a.district);
  await form.locator('input[name="detail"]').fill(a.detail);
}
