import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { AuthProvider } from './auth/AuthContext';
import { ConsolePage } from './pages/console/ConsolePage';
import { MerchantPage } from './pages/console/MerchantPage';
import { LandingPage } from './pages/landing/LandingPage';
import { LoginPage } from './pages/login/LoginPage';
import { FeedPage } from './pages/feed/FeedPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { LinkPage } from './pages/link/LinkPage';
import { RegisterPage } from './pages/register/RegisterPage';
import { ShopperApp } from './pages/shopper/ShopperApp';

export function App() {
  return (
    <AuthProvider>
      {/* Plain (non-transition) navigation updates, so a navigate() and an auth change made
          together render together (e.g. log-out → "/" never flashes a /login redirect). */}
      <BrowserRouter useTransitions={false}>
        <Routes>
          <Route path="/" element={<LandingPage />} />
          <Route path="/login" element={<LoginPage />} />
          <Route path="/app/*" element={<ShopperApp />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/v/:videoId" element={<FeedPage />} />
          <Route path="/l/:token" element={<LinkPage />} />
          <Route path="/me" element={<Navigate to="/app/me" replace />} />
          <Route path="/merchant/*" element={<MerchantPage />} />
          <Route path="/creator/*" element={<ConsolePage role="creator" />} />
          <Route path="/admin/*" element={<ConsolePage role="admin" />} />
          <Route path="/colonel/*" element={<ConsolePage role="colonel" />} />
          <Route path="/mcn/*" element={<ConsolePage role="mcn" />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </BrowserRouter>
    </AuthProvider>
  );
}
