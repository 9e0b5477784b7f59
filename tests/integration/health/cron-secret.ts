// Imported first by the cron route test: lib/env reads CRON_SECRET once, when something first imports it.
process.env.CRON_SECRET = "cron-secret-for-route-tests-0123";
