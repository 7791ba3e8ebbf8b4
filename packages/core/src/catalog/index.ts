/** The catalog module's public API: other modules import only from here. */
export {
  type SpecOption,
  type SkuInput,
  MAX_PRICE_FEN,
  MAX_STOCK,
  MAX_SPEC_OPTIONS,
  MAX_SPEC_NAME,
  MAX_SPEC_VALUES,
  MAX_SPEC_VALUE_CHARS,
  MAX_SKUS,
  MIN_PRODUCT_TITLE,
  MAX_PRODUCT_TITLE,
  MAX_PRODUCT_DESCRIPTION,
  specKey,
  checkSpecsAndSkus,
  checkPrice,
  checkStock,
  type ProductStatus,
  PRODUCT_TRANSITIONS,
  checkProductTransition,
  isBuyable,
} from './product-rules.js';
export {
  type ProductCard,
  type CatalogProductDetail,
  type ProductKey,
  type Page,
  imageUrl,
  type ProductQuery,
  productCardsByIds,
  listProducts,
  catalogProductDetail,
  firstImages,
} from './product-views.js';
export { type ShopInput, type ShopView, createShop, updateShop, addStaff, getShop, myShops } from './shops.js';
export { MIN_SHOP_NAME, MAX_SHOP_NAME, MAX_SHOP_DESCRIPTION, MAX_SHIPPING_FEE_FEN } from './shops.js';
export {
  type ProductInput,
  createProduct,
  requireOwnProduct,
  updateProduct,
  setProductStatus,
  type ProductChangedEvent,
  delistProductByPlatform,
  productForReview,
  updateSkuPrice,
  requireOwnSku,
} from './products.js';
export {
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_PRODUCT,
  sniffImageType,
  mediaDir,
  addProductImage,
  KEEP_UNUSED_UPLOADS_MS,
  deleteMediaFiles,
} from './images.js';
export {
  type CategoryBasics,
  type CategoryView,
  type CategoryInput,
  MAX_SHIP_BY_HOURS,
  MAX_CATEGORY_NAME,
  checkCategoryBasics,
  createCategory,
  updateCategoryRules,
  categoryTree,
  requireLeafCategory,
} from './categories.js';
export { shelfProducts, SHELF_SORTS, type ShelfSort, type ShelfQuery } from './shelf.js';
export { shopSummary, type ShopSummary } from './shop-summary.js';
