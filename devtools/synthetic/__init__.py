"""A synthetic corpus of signing releases with the truth to score the ledger by (`python -m devtools.synthetic`)."""
