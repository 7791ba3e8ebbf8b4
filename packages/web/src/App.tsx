import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthContext';
import { ConsolePage } from './pages/console/ConsolePage';
import { MerchantPage } from './pages/console/MerchantPage';
import { LandingPage } from './pages/landing/LandingPage';
import { LoginPage } from './pages/login/LoginPage';
import { MePage } from './pages/me/MePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductPage } from './pages/shop/ProductPage';
import { ShelfPage } from './pages/shop/ShelfPage';

export function App() {
  return (
    <AuthProvider>
      {/* Plain (non-transition) navigation updates, so a navigate() and an auth change made
          together render together (e.g. log-out → "/" never flashes a /login redirect). */}
      <BrowserRouter useTransitions={false}>
        <Routes>
          <Route path="/" element={<LandingPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/app" element={<ShelfPage />} />
          <Route path="/app/product/:id" element={<ProductPage />} />
          <Route path="/me" element={<MePage />} />
          <Route path="/merchant/*" element={<MerchantPage />} />
          <Route path="/creator/*" element={<ConsolePage role="creator" />} />
          <Route path="/admin/*" element={<ConsolePage role="admin" />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
