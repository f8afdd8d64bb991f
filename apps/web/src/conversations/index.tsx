import { Skeleton } from "@mantine/core";
import { IconPuzzle, IconRobot, IconMessages } from "@tabler/icons-react";
import { lazy, Suspense } from "react";
import type { SpaModule } from "../lib/module";
import type { ChatPanelProps } from "./chat/ChatPanel";

/** The conversation engine's screens: personas, chat modules and the playground. */
export const conversationsModule: SpaModule = {
  name: "conversations",
  routes: [
    { path: "personas", page: lazy(() => import("./personas/PersonasPage")) },
    { path: "personas/:id", page: lazy(() => import("./personas/PersonaPage")) },
    { path: "chat-modules", page: lazy(() => import("./modules/ChatModulesPage")) },
    { path: "chat-modules/:id", page: lazy(() => import("./modules/ModulePage")) },
    { path: "conversations", page: lazy(() => import("./playground/ConversationsPage")) },
    { path: "conversations/:id", page: lazy(() => import("./playground/ConversationPage")) },
  ],
  nav: [
    { to: "/conversations", label: "Playground", icon: <IconMessages size={18} aria-hidden />, roles: "writers" },
    { to: "/personas", label: "Personas", icon: <IconRobot size={18} aria-hidden />, roles: "writers" },
    { to: "/chat-modules", label: "Chat modules", icon: <IconPuzzle size={18} aria-hidden />, roles: "writers" },
  ],
};

const LazyChatPanel = lazy(() => import("./chat/ChatPanel"));

/**
 * A conversation's chat (messages, streamed replies, retry and stop, quick replies, composer), for other screens
 * such as the vacancy intake: its own chunk, loaded when first shown.
 */
export function ChatPanel(props: ChatPanelProps) {
  return (
    <Suspense fallback={<Skeleton h={props.height ?? 520} aria-label="Loading the chat" />}>
      <LazyChatPanel {...props} />
    </Suspense>
  );
}

export type { ChatPanelProps };
export type { ChatMessage, Conversation, ConversationView } from "./types";
