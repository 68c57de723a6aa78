"""One frozen settings object, read from the environment and `.env` by the entry point only."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting the bot reads; each is documented in .env.example."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    seeds_dir: Path = Path("seeds")
    data_dir: Path = Path(".data")
    embed_backend: Literal["use", "sentence-transformers"] = "use"
    st_model: str = ""  # path or name of a local sentence-transformers model; empty = bundled MiniLM
    chroma_host: str = ""
    chroma_port: int = 8000

    slack_bot_token: str = ""
    slack_app_token: str = ""
    slack_signing_secret: str = ""
    slack_api_url: str = ""
    slack_allowed_channels: str = ""  # comma-separated channel IDs; empty = every channel
    slack_slash_command: str = "/ask"

    source_base_url: str = ""  # where users reach the source page; set, Slack citations link to it
    web_host: str = "127.0.0.1"  # the source page listens here (loopback unless you put it behind a proxy)
    web_port: int = 8080
