import { Suspense } from "react";
import { Route, Routes } from "react-router";
import { Empty } from "../ui/Empty";
import { PageLoader } from "../ui/PageLoader";
import { Layout } from "./Layout";
import { modules } from "./modules";
import { SessionGuard } from "./SessionGuard";

const routes = modules.flatMap((m) => m.routes);
const publicRoutes = modules.flatMap((m) => m.publicRoutes ?? []);

/** Public screens first, each on its own (no session check, no navigation); everything else behind the guard. */
export function App() {
  return (
    <Routes>
      {publicRoutes.map(({ path, page: Page }) => (
        <Route
          key={path}
          path={path}
          element={
            <Suspense fallback={<PageLoader />}>
              <Page />
            </Suspense>
          }
        />
      ))}
      <Route path="*" element={<SignedIn />} />
    </Routes>
  );
}

function SignedIn() {
  return (
    <SessionGuard>
      <Layout>
        <Routes>
          {routes.map(({ path, page: Page }) => (
            <Route key={path} path={path} element={<Page />} />
          ))}
          <Route
            path="*"
            element={<Empty title="Page not found" description="Use the navigation to find your way back." />}
          />
        </Routes>
      </Layout>
    </SessionGuard>
  );
}
