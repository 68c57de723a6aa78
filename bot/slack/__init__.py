"""The Slack front end: the Bolt app (app.py), its messages (blocks.py), its SQLite state (state.py), serving (serve.py)."""
