import { modules } from "./modules";
import { router } from "./trpc";

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every module's namespaces in one object type, so AppRouter keeps each procedure's exact type. */
type AllRoutes = UnionToIntersection<(typeof modules)[number]["routes"]>;

function mergeRoutes(): AllRoutes {
  const all: Record<string, unknown> = {};
  for (const module of modules) {
    for (const [namespace, routes] of Object.entries(module.routes)) {
      if (namespace in all) throw new Error(`API namespace "${namespace}" is claimed twice (module ${module.name})`);
      all[namespace] = routes;
    }
  }
  return all as AllRoutes;
}

export const appRouter = router(mergeRoutes());

export type AppRouter = typeof appRouter;
