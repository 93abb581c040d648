# tend: one image for polling, webhook and (later) dispatch-only processes.
# The base image is pinned by digest (a re-pushed tag cannot change what is built). This digest of
# python:3.11-slim was taken from public Dockerfiles that pin it, not from a pull on the machine
# that wrote it: run scripts/check-base-image where Docker can reach the registry, and update the
# line it prints when Debian or Python security fixes land.
FROM python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
# Inside a container the webhook must be reachable from the proxy outside it (tend's own default
# is 127.0.0.1).
ENV TEND_WEBHOOK_LISTEN=0.0.0.0

WORKDIR /app
# Exact versions first (a layer that changes only with the lock file), then the package itself.
COPY requirements/run.lock ./requirements/run.lock
RUN pip install --require-hashes -r requirements/run.lock
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY content ./content
COPY core ./core
COPY db ./db
COPY demo ./demo
COPY scheduler ./scheduler
# The same install as the README: a regular (non-editable) install of the package.
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 tend \
    && mkdir /data \
    && chown tend:tend /data

USER 10001:10001
# The SQLite database and its key file live here: mount a volume and back it up.
WORKDIR /data
VOLUME ["/data"]
# Metrics, /healthz and /readyz (loopback unless TEND_METRICS_LISTEN says otherwise).
ENV TEND_METRICS_PORT=9464
EXPOSE 8443 9464
# Healthy = ready: database reachable, migrations at head, dispatch passes finishing. The slim
# image has no curl, so Python's urllib asks (a 503 raises, so the command fails).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('TEND_METRICS_PORT', '9464') + '/readyz', timeout=4)"]

CMD ["python", "-m", "bot"]
