/**
 * A conversation about a candidate is their personal data: the GDPR export holds it (messages, state, memories)
 * and erasure deletes it whole, while the candidate row stays as the anonymous placeholder.
 */
import { beforeAll, expect, test } from "vitest";
import { useTestApi } from "./helpers";

const api = useTestApi();
let admin: Awaited<ReturnType<typeof api.signedIn>>["caller"];

beforeAll(async () => {
  admin = (await api.signedIn("admin")).caller;
});

test("export holds the conversations about a candidate; erasure deletes them, messages and memories too", async () => {
  const candidate = await admin.candidates.create({ name: "Odalys Fennimore", email: "odalys.f@example.org" });
  const persona = await admin.personas.create({ name: "Screening chat", template: "You screen candidates." });
  const { conversation } = await admin.conversations.start({ personaId: persona.id, candidateId: candidate.id });
  const { reply } = await admin.conversations.send({
    conversationId: conversation.id,
    content: "Odalys Fennimore told me she prefers remote work and will start in March.",
  });
  await admin.conversations.awaitReply({ messageId: reply.id, timeoutMs: 10_000 });

  const exported = (await admin.candidates.exportPersonalData({ id: candidate.id })) as unknown as {
    conversations: { conversation: { id: string }; messages: { content: string }[]; memories: unknown[] }[];
  };
  expect(exported.conversations.map((c) => c.conversation.id)).toEqual([conversation.id]);
  expect(exported.conversations[0]!.messages.map((m) => m.content)).toContain(
    "Odalys Fennimore told me she prefers remote work and will start in March.",
  );

  await admin.candidates.erase({ id: candidate.id });
  const sql = (text: string) => api.db.orm.em.fork().execute<{ n: number }[]>(text, [conversation.id]);
  expect((await sql("select count(*)::int as n from conversations where id = ?"))[0]!.n).toBe(0);
  expect((await sql("select count(*)::int as n from chat_messages where conversation_id = ?"))[0]!.n).toBe(0);
  expect((await sql("select count(*)::int as n from conversation_memories where conversation_id = ?"))[0]!.n).toBe(0);
});
