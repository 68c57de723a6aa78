"""`python -m devtools.bench`: index time, latency, retrieval beside the canonical pipeline, synthetic ledger, Slack acks."""
