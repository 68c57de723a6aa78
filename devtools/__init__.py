"""Development tools, outside the installed package: synthetic corpus, bench, eval."""
