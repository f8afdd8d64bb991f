import { IconMail, IconTemplate } from "@tabler/icons-react";
import { lazy } from "react";
import type { SpaModule } from "../lib/module";

/** Email: the Mailbox (the outbox, read and retried by writers) and the templates admins edit. */
export const mailModule: SpaModule = {
  name: "mail",
  routes: [
    { path: "mailbox", page: lazy(() => import("./MailboxPage")) },
    { path: "mail-templates", page: lazy(() => import("./TemplatesPage")) },
  ],
  nav: [
    { to: "/mailbox", label: "Mailbox", icon: <IconMail size={18} aria-hidden />, roles: "writers" },
    {
      to: "/mail-templates",
      label: "Email templates",
      icon: <IconTemplate size={18} aria-hidden />,
      roles: "admin",
    },
  ],
};
