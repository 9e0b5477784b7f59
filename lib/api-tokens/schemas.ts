import { z } from "zod";
import { uuidField } from "@/lib/accounts/schemas";
import { text } from "@/lib/validation/text";

export const createApiTokenSchema = z.object({
  name: text("Name", { name: true }).min(1, "Name is required.").max(100, "Use at most 100 characters."),
});

export const revokeApiTokenSchema = z.object({ tokenId: uuidField("Token") });
