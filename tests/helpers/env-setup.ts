// Runs before each server test file: a test environment never reaches the internet and never guards loopback emulators away by accident.
process.env.CONNECTOR_SECRETS_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.AUTH_SECRET ??= "test-auth-secret-test-auth-secret-0123";
process.env.CRON_SECRET ??= "test-cron-secret";
