# tend: one image for polling, webhook and (later) dispatch-only processes.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY content ./content
COPY core ./core
COPY db ./db
COPY scheduler ./scheduler
# The same install as the README: a regular (non-editable) install of the package.
RUN pip install . \
    && useradd --create-home --uid 10001 tend \
    && mkdir /data \
    && chown tend:tend /data

USER 10001:10001
# The SQLite database and its key file live here: mount a volume and back it up.
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8443

CMD ["python", "-m", "bot"]
