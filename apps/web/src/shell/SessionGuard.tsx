import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, type ReactNode } from "react";
import { errorReason } from "../lib/errors";
import { SessionContext } from "../lib/session";
import { useTRPC } from "../lib/trpc";
import { ErrorState } from "../ui/ErrorState";
import { PageLoader } from "../ui/PageLoader";

// Most visits come with a session; the forms (and zod behind them) load only when needed.
const SetupScreen = lazy(() => import("./SetupScreen"));
const SignInScreen = lazy(() => import("./SignInScreen"));

/**
 * First run → setup screen; no session (auth.me fails as `unauthenticated`) → sign-in screen;
 * otherwise the app, with the user in context. Rendered in place, so after signing
 * in the user is on the page they asked for.
 */
export function SessionGuard({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const setupStatus = useQuery(trpc.auth.setupStatus.queryOptions(undefined, { staleTime: Infinity }));
  const needsSetup = setupStatus.data?.needsSetup;
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { enabled: needsSetup === false, staleTime: 60_000 }));

  if (setupStatus.isPending) return <PageLoader label="Starting Shortlist" />;
  if (setupStatus.isError)
    return (
      <Centered>
        <ErrorState
          error={setupStatus.error}
          title="Shortlist is not answering"
          onRetry={() => void setupStatus.refetch()}
          retrying={setupStatus.isFetching}
        />
      </Centered>
    );
  if (needsSetup)
    return (
      <Suspense fallback={<PageLoader />}>
        <SetupScreen />
      </Suspense>
    );

  if (me.isError) {
    if (errorReason(me.error) === "unauthenticated")
      return (
        <Suspense fallback={<PageLoader />}>
          <SignInScreen />
        </Suspense>
      );
    return (
      <Centered>
        <ErrorState
          error={me.error}
          title="Could not check your session"
          onRetry={() => void me.refetch()}
          retrying={me.isFetching}
        />
      </Centered>
    );
  }
  if (me.isPending) return <PageLoader label="Checking your session" />;
  return <SessionContext value={me.data.user}>{children}</SessionContext>;
}

function Centered({ children }: { children: ReactNode }) {
  return <div style={{ maxWidth: 560, margin: "10vh auto", padding: 16 }}>{children}</div>;
}
