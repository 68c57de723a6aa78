"""Language knowledge shared by indexing and question understanding: places, numbers, ordinals, scripts."""
