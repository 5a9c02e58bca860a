# news-monitor: one image for the worker (`monitor run`) and the browser
# (`monitor serve`).  docker-compose.yml runs both, plus Mailpit for the digests.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHON=python3 \
    PATH=/opt/venv/bin:$PATH

WORKDIR /app

# The install steps live in a script that CI runs too, without a daemon.
COPY pyproject.toml README.md ./
COPY monitor/ monitor/
COPY scripts/docker-steps.sh scripts/docker-steps.sh
RUN sh scripts/docker-steps.sh /opt/venv /app \
    && rm -rf build monitor.egg-info news_monitor.egg-info

# Defaults: compose mounts ./config (read-only) and ./storage over these.
COPY config/ config/
COPY storage/seeds/ storage/seeds/

# Runs unprivileged; compose sets the user to own ./storage (MONITOR_UID).
RUN useradd --uid 1000 --user-group --no-create-home --home-dir /app monitor \
    && chown -R monitor:monitor /app/storage
USER monitor

EXPOSE 8001
CMD ["monitor", "run"]
