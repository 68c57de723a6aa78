"""`python -m devtools.eval` (`make eval`): strict scores by kind and language on the gold set over ./seeds and,
when ../shared/corpus is present, on its questions and follow-up threads."""
