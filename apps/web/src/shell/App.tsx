import { Route, Routes } from "react-router";
import { Empty } from "../ui/Empty";
import { Layout } from "./Layout";
import { modules } from "./modules";
import { SessionGuard } from "./SessionGuard";

const routes = modules.flatMap((m) => m.routes);

export function App() {
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
