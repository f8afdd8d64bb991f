import type { AddressInfo, Server } from "node:net";
import { once } from "node:events";
import { freePort } from "@shortlist/db/net";

export { freePort };

/** Listens on a free loopback port; returns the base URL and a close function. */
export async function listen(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
