/** The one list of API modules: adding a module is one line here (see docs/modules.md). */
import { candidatesModule } from "./candidates";
import { identityModule } from "./identity";
import { vettingModule } from "./vetting";

export const modules = [identityModule, candidatesModule, vettingModule] as const;
