import { useEffect } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { CasePage } from '../aftersales/CasePage';
import { MyCasesPage } from '../aftersales/MyCasesPage';
import { NewCasePage } from '../aftersales/NewCasePage';
import { CartPage } from '../cart/CartPage';
import { CheckoutPage } from '../checkout/CheckoutPage';
import { FeedPage } from '../feed/FeedPage';
import { LiveRoomPage } from '../live/LiveRoomPage';
import { MallPage } from '../mall/MallPage';
import { AddressesPage } from '../me/AddressesPage';
import { CouponWalletPage } from '../me/CouponWalletPage';
import { FavouritesPage } from '../me/FavouritesPage';
import { MePage } from '../me/MePage';
import { NotFoundPage } from '../NotFoundPage';
import { OrderDetailPage } from '../orders/OrderDetailPage';
import { OrdersPage } from '../orders/OrdersPage';
import { CreatorProfilePage } from '../profile/CreatorProfilePage';
import { SearchPage } from '../search/SearchPage';
import { ProductPage } from '../shop/ProductPage';
import { MyReviewsPage } from '../reviews/MyReviewsPage';
import { ProductReviewsPage } from '../reviews/ProductReviewsPage';
import { ReviewNewPage } from '../reviews/ReviewNewPage';
import { ShopPage } from '../shoppage/ShopPage';
import { ChatPage } from '../service/ChatPage';
import { MessagesPage } from '../service/MessagesPage';

/** Everything under /app: the shopper app. */
export function ShopperApp() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0); // a new screen starts at its top
  }, [pathname]);
  return (
    <Routes>
      <Route index element={<FeedPage />} />
      <Route path="mall" element={<MallPage />} />
      <Route path="category/:categoryId" element={<MallPage />} />
      <Route path="search" element={<SearchPage />} />
      <Route path="product/:id" element={<ProductPage />} />
      <Route path="product/:id/reviews" element={<ProductReviewsPage />} />
      <Route path="shop/:shopId" element={<ShopPage />} />
      <Route path="u/:userId" element={<CreatorProfilePage />} />
      <Route path="cart" element={<CartPage />} />
      <Route path="checkout" element={<CheckoutPage />} />
      <Route path="orders" element={<OrdersPage />} />
      <Route path="orders/:orderId" element={<OrderDetailPage />} />
      <Route path="orders/:orderId/aftersales/new" element={<NewCasePage />} />
      <Route path="orders/:orderId/review" element={<ReviewNewPage />} />
      <Route path="aftersales" element={<MyCasesPage />} />
      <Route path="aftersales/:caseId" element={<CasePage />} />
      <Route path="live/:roomId" element={<LiveRoomPage />} />
      <Route path="me" element={<MePage />} />
      <Route path="me/addresses" element={<AddressesPage />} />
      <Route path="me/coupons" element={<CouponWalletPage />} />
      <Route path="me/favourites" element={<FavouritesPage />} />
      <Route path="me/reviews" element={<MyReviewsPage />} />
      <Route path="messages" element={<MessagesPage />} />
      <Route path="service/:conversationId" element={<ChatPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
