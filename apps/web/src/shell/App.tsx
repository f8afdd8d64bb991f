import { lazy } from "react";
import { Route, Routes } from "react-router";
import { SessionGuard } from "./auth/SessionGuard";
import { CandidatesPage } from "./candidates/CandidatesPage";
import { Empty } from "./ui/Empty";
import { Layout } from "./ui/Layout";

// Kept out of the first download: most visits start (and many end) at the candidate list.
const CandidateDetailPage = lazy(() => import("./candidates/CandidateDetailPage"));
const UsersPage = lazy(() => import("./admin/UsersPage"));
const ApiTokensPage = lazy(() => import("./admin/ApiTokensPage"));
const HomePage = lazy(() => import("./home/HomePage"));
const BenchmarksPage = lazy(() => import("./vetting/BenchmarksPage"));

export function App() {
  return (
    <SessionGuard>
      <Layout>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="candidates" element={<CandidatesPage />} />
          <Route path="candidates/:id" element={<CandidateDetailPage />} />
          <Route path="benchmarks" element={<BenchmarksPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="api-tokens" element={<ApiTokensPage />} />
          <Route
            path="*"
            element={<Empty title="Page not found" description="Use the navigation to find your way back." />}
          />
        </Routes>
      </Layout>
    </SessionGuard>
  );
}
