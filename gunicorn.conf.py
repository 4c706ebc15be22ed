"""gunicorn settings for one SatuPintu node (`make serve`); every value can be set from the environment.

    SATUPINTU_BIND=0.0.0.0:8080 SATUPINTU_WORKERS=4 SATUPINTU_THREADS=4 gunicorn -c gunicorn.conf.py run:app
"""
import multiprocessing
import os

bind = os.environ.get("SATUPINTU_BIND", "127.0.0.1:8080")
workers = int(os.environ.get("SATUPINTU_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Threads serve slow clients and uploads without a worker per client; the app holds no per-process state.
threads = int(os.environ.get("SATUPINTU_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("SATUPINTU_TIMEOUT", "60"))
# On SIGTERM (deploy, scale-down) a worker finishes the requests in hand for this long before it is killed.
graceful_timeout = int(os.environ.get("SATUPINTU_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycled now and then, so a slow leak never grows without bound; jitter keeps them from restarting together.
max_requests = int(os.environ.get("SATUPINTU_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
accesslog = os.environ.get("SATUPINTU_ACCESS_LOG", "-")
errorlog = os.environ.get("SATUPINTU_ERROR_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# The app is imported once in the master and forked: workers share the parsed templates and fonts.
preload_app = True
forwarded_allow_ips = os.environ.get("SATUPINTU_FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_fork(server, worker):
    # Connections opened in the master (preload) must not be shared by forked workers.
    from app.extensions import db

    with server.app.wsgi().app_context():
        db.engine.dispose(close=False)
