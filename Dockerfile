# counsel-bot: the Telegram bot of a working-parents support center.
# Build: docker build -t counsel-bot .   (docker compose builds it for you)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # matplotlib keeps its font cache here (the app user has no writable home).
    MPLCONFIGDIR=/tmp/matplotlib \
    FAQ_DIR=/app/faq \
    TIMEZONE=Asia/Seoul

WORKDIR /app

# Dependencies first, from the pinned lock file, so code changes rebuild quickly.
# Every dependency ships wheels for linux/amd64 and arm64: no compiler is needed.
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
# Fail the build if the report chart could not draw Hangul (the font comes with a wheel).
RUN pip install --no-deps . \
    && python -c "from bot.reports.fonts import korean_font_family; korean_font_family()" \
    && rm -rf "$MPLCONFIGDIR"

# The FAQ shipped with this version; docker-compose.yml mounts the staff's copy over it.
COPY faq ./faq

RUN useradd --system --uid 10001 --gid 0 --home-dir /app --shell /usr/sbin/nologin counsel
USER counsel

# Webhook mode only (WEBHOOK_URL set): the bot listens here at path /telegram.
EXPOSE 8443

# `run` starts long polling, or the webhook server when WEBHOOK_URL is set; it applies
# database migrations first. Other commands: `db upgrade`, `faq check`, `report`, `purge`.
ENTRYPOINT ["counsel-bot"]
CMD ["run"]
