"""Runtime settings, read once from the environment and `.env`."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from storage.urls import normalize_database_url

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///counsel-bot.db"


class SettingsError(Exception):
    """Invalid configuration; `lines` holds one readable line per bad field."""

    def __init__(self, lines: list[str], inputs: dict[str, Any] | None = None) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        #: The rejected values by field name (lower case, as in Settings).
        self.inputs = inputs or {}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", env_ignore_empty=True, extra="ignore"
    )

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    database_url: str = DEFAULT_DATABASE_URL
    team_chat_id: int | None = None
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    faq_dir: Path = Path("faq")
    webhook_url: str | None = None
    # Validated even when unset: webhook mode without a secret would accept anyone's POST.
    webhook_secret: SecretStr | None = Field(default=None, validate_default=True)
    port: int = Field(default=8443, ge=1, le=65535)
    timezone: str = "Asia/Seoul"
    draft_retention_days: int = Field(default=7, ge=1)
    case_retention_years: int = Field(default=3, ge=1)
    unanswered_retention_days: int = Field(default=365, ge=1)
    reminder_unclaimed_hours: float = Field(default=4.0, gt=0)
    reminder_urgent_minutes: int = Field(default=30, ge=1)
    work_day_start: int = Field(default=9, ge=0, le=23)
    work_day_end: int = Field(default=18, ge=1, le=24, validate_default=True)
    digest_time: str = "09:00"
    outbox_interval_seconds: float = Field(default=2.0, gt=0)
    # Per-user rate limit: updates one user may send at once, and per second after that
    # (staff get four times both); 0 turns it off.
    rate_limit_burst: int = Field(default=15, ge=0)
    rate_limit_per_second: float = Field(default=1.0, gt=0)
    # How long a notification being sent is kept from other sends; after a crash it is
    # picked up again when this runs out (cards then count as possibly posted).
    outbox_lease_seconds: int = Field(default=120, ge=10)
    log_level: str = "INFO"

    @field_validator("database_url")
    @classmethod
    def _normalize_database_url(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _parse_id_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError:
                raise ValueError("must be comma-separated numeric Telegram user ids") from None
        return value

    @field_validator("faq_dir")
    @classmethod
    def _check_faq_dir(cls, value: Path) -> Path:
        if not value.is_dir() or not os.access(value, os.R_OK | os.X_OK):
            raise ValueError(f"'{value}' is not a readable directory")
        return value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}'") from None
        return value

    @field_validator("webhook_url")
    @classmethod
    def _check_webhook_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("must start with https:// (Telegram only calls HTTPS webhooks)")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(
        cls, value: SecretStr | None, info: ValidationInfo
    ) -> SecretStr | None:
        if value is None and info.data.get("webhook_url"):
            raise ValueError(
                "required when WEBHOOK_URL is set (without it anyone could post updates "
                "to the webhook); use a long random string of A-Z, a-z, 0-9, _ and -"
            )
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError(
                "use 1-256 characters from A-Z, a-z, 0-9, _ and - "
                "(Telegram's rule for secret tokens)"
            )
        return value

    @field_validator("telegram_base_url")
    @classmethod
    def _normalize_base_url(cls, value: str | None) -> str | None:
        """The server's root URL; PTB's own form (`…/bot`) is accepted too."""
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/").removesuffix("/bot").rstrip("/")

    @field_validator("work_day_end")
    @classmethod
    def _check_work_day(cls, value: int, info: ValidationInfo) -> int:
        start = info.data.get("work_day_start")
        if start is not None and value <= start:
            raise ValueError(f"must be later than WORK_DAY_START ({start}), e.g. 9 and 18")
        return value

    @field_validator("digest_time")
    @classmethod
    def _check_digest_time(cls, value: str) -> str:
        hour, _, minute = value.partition(":")
        if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
            raise ValueError("must be HH:MM, e.g. 09:00")
        return f"{int(hour):02d}:{int(minute):02d}"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(**overrides: Any) -> Settings:
    """Build Settings, turning validation errors into one readable line per field."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines, inputs = [], {}
        for err in exc.errors():
            field = ".".join(str(part) for part in err["loc"]).upper() or "SETTINGS"
            message = str(err["msg"]).removeprefix("Value error, ")
            lines.append(f"configuration error: {field}: {message}")
            inputs[field.lower()] = err.get("input")
        raise SettingsError(lines, inputs) from None
