/** The Kustomer connector's triggers (outbound webhooks), in the order the catalog lists them. */
import { newCustomer } from './new-customer.ts';
import { customerUpdated } from './customer-updated.ts';
import { newConversation } from './new-conversation.ts';
import { conversationUpdated } from './conversation-updated.ts';
import { newMessage } from './new-message.ts';

export const triggers = [newCustomer, customerUpdated, newConversation, conversationUpdated, newMessage];
