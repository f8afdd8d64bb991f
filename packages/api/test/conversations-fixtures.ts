/** Every mutation of the conversation engine (personas, chat modules, conversations, state, memories) through its happy path. */
import type { MikroORM } from "@shortlist/db";
import type { Caller } from "./helpers";

export async function driveConversations(admin: Caller, orm: MikroORM): Promise<void> {
  const moduleFields = { name: "Coverage counter", type: "advanced" as const, script: `{"state": {"seen": true}}` };
  const counter = await admin.chatModules.create(moduleFields);
  await admin.chatModules.update({ ...moduleFields, id: counter.id, version: counter.version, description: "Counts" });
  const onDemand = await admin.chatModules.create({ name: "Coverage summary", executionContext: "ON_DEMAND" });
  const unused = await admin.chatModules.create({ name: "Coverage unused" });
  await admin.chatModules.delete({ id: unused.id, version: unused.version });

  const personaFields = { name: "Coverage persona", template: "You help.", moduleIds: [counter.id, onDemand.id] };
  const persona = await admin.personas.create(personaFields);
  await admin.personas.update({ ...personaFields, id: persona.id, version: persona.version, description: "Helps" });
  const spare = await admin.personas.create({ name: "Coverage spare", template: "Spare." });
  await admin.personas.delete({ id: spare.id, version: spare.version });

  const { conversation } = await admin.conversations.start({ personaId: persona.id });
  const { reply } = await admin.conversations.send({ conversationId: conversation.id, content: "Hello" });
  await admin.conversations.awaitReply({ messageId: reply.id });
  // A pending reply nothing is writing (as a stopped server leaves one): cancelled, then retried.
  const [pending] = await orm.em.fork().execute<{ id: string }[]>(
    `insert into chat_messages (conversation_id, seq, role, status, reply_to_id)
     values (?, 3, 'assistant', 'pending', ?) returning id`,
    [conversation.id, reply.replyToId],
  );
  await orm.em.fork().execute("update conversations set last_seq = 3 where id = ?", [conversation.id]);
  await admin.conversations.cancel({ id: pending!.id });
  await admin.conversations.retry({ id: pending!.id });
  await admin.conversations.awaitReply({ messageId: pending!.id });

  await admin.conversations.runModule({ conversationId: conversation.id, moduleId: onDemand.id });
  const [state] = await admin.conversations.state({ conversationId: conversation.id });
  await admin.conversations.setState({ id: state!.id, value: false, version: state!.version });
  const memory = await admin.conversations.addMemory({ conversationId: conversation.id, content: "Likes tea" });
  await admin.conversations.deleteMemory({ id: memory.id });
  await admin.conversations.delete({ id: conversation.id });
}
