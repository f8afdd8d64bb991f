import type { AppRouter } from "@shortlist/api";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import { errorReason } from "./errors";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type Trpc = ReturnType<typeof useTRPC>;

/** tRPC keys are `[path, { input, type }]`; the session query is the one at ["auth", "me"]. */
export const ME_KEY = [["auth", "me"]] as const;

/** Every audit.* query (list, verify): tRPC keys start with the procedure's path. */
const AUDIT_KEY = [["audit"]] as const;

/** Only these may pass with a retry: no answer at all, a database that was away, a server fault. */
const retryable = (error: unknown) => {
  const reason = errorReason(error);
  return reason === null || reason === "unavailable" || reason === "internal";
};

export function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A session that ended (expired, revoked, user disabled) surfaces on whatever query runs next:
      // re-ask auth.me, whose `unauthenticated` makes the session guard show the sign-in screen.
      onError(error, query) {
        const isMe = JSON.stringify(query.queryKey[0]) === JSON.stringify(ME_KEY[0]);
        if (!isMe && errorReason(error) === "unauthenticated") void queryClient.invalidateQueries({ queryKey: ME_KEY });
      },
    }),
    mutationCache: new MutationCache({
      // Every mutation that succeeds has written to the audit trail: whatever view of it is on screen is stale.
      onSuccess() {
        void queryClient.invalidateQueries({ queryKey: AUDIT_KEY });
      },
      onError(error, _variables, _context, mutation) {
        // A wrong password on auth.login is also `unauthenticated`; that is the sign-in form's business.
        const path = (mutation.options.mutationKey?.[0] as string[] | undefined) ?? [];
        if (path[0] !== "auth" && errorReason(error) === "unauthenticated")
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && retryable(error),
      },
    },
  });
  return queryClient;
}

export function createClient() {
  return createTRPCClient<AppRouter>({
    links: [
      // Subscriptions (a conversation's live events) over SSE; everything else batched.
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/trpc", transformer: superjson }),
        false: httpBatchLink({ url: "/trpc", transformer: superjson }),
      }),
    ],
  });
}
