import bcrypt from "bcryptjs";
import { env } from "@/lib/env";

// bcrypt cost 12 in real use; the test suite creates hundreds of users, so it uses the minimum cost.
const COST = env.NODE_ENV === "test" ? 4 : 12;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

let dummyHash: string | undefined;
/** Compared against when no user matches, so a wrong email takes as long as a wrong password (no account enumeration). */
export function dummyPasswordHash(): string {
  dummyHash ??= bcrypt.hashSync("no-such-user", COST);
  return dummyHash;
}
