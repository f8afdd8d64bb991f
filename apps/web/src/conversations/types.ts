import type { inferInput, inferOutput } from "@trpc/tanstack-react-query";
import type { Trpc } from "../lib/trpc";

export type Persona = inferOutput<Trpc["personas"]["get"]>;
export type ChatModule = inferOutput<Trpc["chatModules"]["get"]>;
export type ChatModuleDraft = inferInput<Trpc["chatModules"]["create"]>;
export type ModuleTestResult = inferOutput<Trpc["chatModules"]["test"]>;
export type ConversationView = inferOutput<Trpc["conversations"]["get"]>;
export type Conversation = ConversationView["conversation"];
export type ChatMessage = ConversationView["messages"][number];
export type TraceEntry = ChatMessage["trace"][number];
export type StateEntry = inferOutput<Trpc["conversations"]["state"]>[number];
export type Memory = inferOutput<Trpc["conversations"]["memories"]>[number];
/** A JSON object as the API takes it (variables, sample state). */
export type JsonObject = NonNullable<inferInput<Trpc["personas"]["preview"]>["variables"]>;
/** Any JSON value as the API takes it (a state value). */
export type JsonValue = inferInput<Trpc["conversations"]["setState"]>["value"];
