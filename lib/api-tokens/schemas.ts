import { z } from "zod";
import { uuidField } from "@/lib/accounts/schemas";

export const createApiTokenSchema = z.object({
  name: z.string({ error: "Name is required." }).trim().min(1, "Name is required.").max(100, "Use at most 100 characters."),
});

export const revokeApiTokenSchema = z.object({ tokenId: uuidField("Token") });
