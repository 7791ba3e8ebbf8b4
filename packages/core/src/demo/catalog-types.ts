/** Shapes of the deterministic demo data set (pure data, no I/O). */

export interface DemoRuleProfile {
  /** Hours after payment within which the merchant must ship. */
  shipByHours: number;
  /** Perishable goods (fresh fruit, seafood…): no 7-day no-reason return. */
  perishable: boolean;
  /** Platform fee rate in basis points (100 bp = 1 %). */
  feeRateBp: number;
}

export interface DemoCategory {
  /** Stable key used to refer to the category inside the demo set, e.g. "fresh.fruit". */
  key: string;
  parentKey: string | null;
  name: string; // zh-CN display name, e.g. "水果"
  rules: DemoRuleProfile;
}

export interface DemoSpecOption {
  name: string; // e.g. "规格"
  values: string[]; // e.g. ["5斤", "10斤"]
}

export interface DemoSku {
  /** One value per spec option, in the product's option order. */
  specValues: string[];
  priceFen: number; // integer fen
  originalPriceFen: number | null; // crossed-out price, integer fen, >= priceFen
  stock: number;
}

export interface DemoProduct {
  key: string; // stable, unique in the set
  shopKey: string;
  categoryKey: string; // a leaf category key
  title: string; // real-looking Chinese listing title
  description: string;
  specOptions: DemoSpecOption[]; // 1–2 options
  skus: DemoSku[]; // one per combination of option values
  status: 'listed' | 'draft' | 'delisted';
  /** Colour used to draw the generated placeholder image (hex, e.g. "#e85d3f"). */
  imageColor: string;
  /** Short text drawn on the generated placeholder image (2–4 Chinese characters). */
  imageLabel: string;
  /** The product's name as drawn on its generated image (the title's core, e.g. "哀牢山冰糖橙"). */
  imageName: string;
}

export interface DemoShop {
  key: string;
  name: string;
  description: string;
  /** Origin shown to buyers, e.g. "云南·昆明". */
  origin: string;
  shippingFeeFen: number;
  freeShippingOverFen: number | null;
  ownerLogin: string;
}

export interface DemoPerson {
  login: string;
  displayName: string;
  roles: Array<'shopper' | 'creator' | 'merchant' | 'mcn' | 'colonel' | 'admin'>;
  /** Shipping address for shoppers. */
  address: {
    name: string;
    phone: string;
    province: string;
    city: string;
    district: string;
    detail: string;
  } | null;
}

export interface DemoCatalog {
  categories: DemoCategory[];
  shops: DemoShop[];
  products: DemoProduct[];
  people: DemoPerson[];
}
