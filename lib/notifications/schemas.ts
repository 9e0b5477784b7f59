import { z } from "zod";
import { uuidField } from "@/lib/accounts/schemas";
import { emailField } from "@/lib/validation/email";
import { text } from "@/lib/validation/text";

const groupName = text("Name", { name: true }).min(1, "Name is required.").max(80, "Use at most 80 characters.");

export const createGroupSchema = z.object({ name: groupName });
export const renameGroupSchema = z.object({ groupId: uuidField("Notification group"), name: groupName });
export const deleteGroupSchema = z.object({ groupId: uuidField("Notification group") });

/** A member is a user of the organisation or a plain address: the form offers both, exactly one must be given. */
export const addMemberSchema = z
  .object({
    groupId: uuidField("Notification group"),
    userId: z.union([z.literal(""), uuidField("User")]).optional(),
    email: z.union([z.literal(""), emailField]).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.userId && !v.email)
      ctx.addIssue({ code: "custom", path: ["email"], message: "Choose a user or enter an e-mail address." });
    if (v.userId && v.email)
      ctx.addIssue({ code: "custom", path: ["email"], message: "Choose a user or enter an address, not both." });
  });
export const removeMemberSchema = z.object({ groupId: uuidField("Notification group"), memberId: uuidField("Member") });

/** "" = the organisation's administrators (the default). */
export const connectorGroupSchema = z.object({
  connectorId: uuidField("Connector"),
  groupId: z.union([z.literal(""), uuidField("Notification group")]),
});

export const registerWebhookSchema = z.object({
  url: text("URL")
    .min(1, "URL is required.")
    .max(2000, "Use at most 2000 characters.")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter a full URL, like https://example.com/hooks/patchbay." })),
});
/** A Slack or Teams channel: its incoming-webhook URL (the host rules are in chat-channels.ts). */
export const registerChatChannelSchema = z.object({
  kind: z.enum(["slack", "teams"], { error: "Choose Slack or Microsoft Teams." }),
  url: text("Incoming-webhook URL")
    .min(1, "Incoming-webhook URL is required.")
    .max(2000, "Use at most 2000 characters.")
    .pipe(z.url({ protocol: /^https?$/, error: "Enter the full incoming-webhook URL, starting with https://." })),
});
export const webhookIdSchema = z.object({ webhookId: uuidField("Webhook") });
export const setWebhookActiveSchema = z.object({
  webhookId: uuidField("Webhook"),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});
