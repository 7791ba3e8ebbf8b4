/** The flash sale's rules kept in memory, for the bare server the flash-sale benchmark measures against. */
export interface SaleAnswer {
  status: 201 | 409;
  body: unknown;
}

export class InMemorySale {
  private remaining: number;
  private orders = 0;
  private readonly unitsByBuyer = new Map<string, number>();
  private readonly answers = new Map<string, SaleAnswer>();

  constructor(
    quantity: number,
    private readonly perPersonLimit: number,
  ) {
    this.remaining = quantity;
  }

  /** One answer per idempotency key; the limit is checked before the stock, as the real sale does. */
  order(saleId: string, buyer: string, key: string, units: number): SaleAnswer {
    const known = this.answers.get(key);
    if (known) return known;
    const held = this.unitsByBuyer.get(buyer) ?? 0;
    let answer: SaleAnswer;
    if (held + units > this.perPersonLimit) answer = { status: 409, body: { error: { code: 'SALE_LIMIT_REACHED' } } };
    else if (this.remaining < units) answer = { status: 409, body: { error: { code: 'SALE_SOLD_OUT' } } };
    else {
      this.remaining -= units;
      this.unitsByBuyer.set(buyer, held + units);
      answer = {
        status: 201,
        body: { orderId: `o${++this.orders}`, saleId, quantity: units, remaining: this.remaining },
      };
    }
    this.answers.set(key, answer);
    return answer;
  }
}
