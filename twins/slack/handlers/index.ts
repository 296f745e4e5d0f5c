/** Every hand-written Web API method of the Slack twin, by method name. */
import type { MethodTable } from './common.js';
import { metaMethods } from './meta.js';
import { conversationReadMethods } from './conversations-read.js';
import { conversationWriteMethods } from './conversations-write.js';
import { chatMethods } from './chat.js';
import { scheduleMethods } from './scheduled-messages.js';
import { itemMethods } from './items.js';
import { userMethods, usergroupMethods } from './users.js';
import { fileMethods } from './files.js';
import { surfaceMethods } from './surfaces.js';
import { searchMethods } from './search.js';
import { personalMethods } from './personal.js';
import { adminUserMethods } from './admin-users.js';
import { adminConversationMethods } from './admin-conversations.js';
import { adminOrgMethods } from './admin-org.js';
import { collabMethods } from './collab.js';
import { platformMethods } from './platform.js';
import { legacyMethods } from './legacy.js';
import { barrierMethods } from './barriers.js';
import { agentMethods } from './agents.js';
import { agentViewMethods } from './agent-views.js';

export const methods: MethodTable = {
  ...metaMethods,
  ...conversationReadMethods,
  ...conversationWriteMethods,
  ...chatMethods,
  ...scheduleMethods,
  ...itemMethods,
  ...userMethods,
  ...usergroupMethods,
  ...fileMethods,
  ...surfaceMethods,
  ...searchMethods,
  ...personalMethods,
  ...adminUserMethods,
  ...adminConversationMethods,
  ...adminOrgMethods,
  ...collabMethods,
  ...platformMethods,
  ...legacyMethods,
  ...barrierMethods,
  ...agentMethods,
  ...agentViewMethods,
};
