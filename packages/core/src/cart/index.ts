/** The cart module's public API: other modules import only from here. */
export {
  MAX_CART_ITEMS,
  type CartView,
  putCartItem,
  removeCartItem,
  selectCartItems,
  cartCount,
  cartView,
} from './cart.js';
