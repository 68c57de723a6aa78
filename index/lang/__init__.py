"""Language knowledge shared by indexing and question understanding: places, numbers, ordinals, scripts, and
the vocabulary of the genre in three languages (concepts)."""
