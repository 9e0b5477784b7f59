// Imported first by the metrics test: lib/env reads METRICS_TOKEN once, when something first imports it.
process.env.METRICS_TOKEN = "metrics-token-for-route-tests-0123";
