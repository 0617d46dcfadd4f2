#!/usr/bin/env python3
"""The availability attacks of issue 32 beside ordinary traffic, against a running Rulescope on loopback only.

    attack.py BASE_URL SECONDS SLOW BATCHES

SLOW clients each declare a 1 MB event body and send one byte every 5 s; BATCHES clients each post 16 MiB batches of
tiny events, one after the other. Meanwhile the health check is asked four times a second. Prints one RESULT line:
health p50 / p99 / max (ms), health failures, slow clients turned away, batches answered / turned away.
Every loop is bounded by SECONDS; the script stops by itself.
"""
import http.client
import socket
import sys
import threading
import time
import urllib.parse

base, seconds, slow, batches = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
url = urllib.parse.urlsplit(base)
host, port = url.hostname, url.port
assert host in ("127.0.0.1", "localhost", "::1"), "attacks go to this machine's loopback only"
end = time.monotonic() + seconds
lock = threading.Lock()
counts = {"slow_refused": 0, "batch_ok": 0, "batch_refused": 0, "health_failed": 0}
health = []


def count(key):
    with lock:
        counts[key] += 1


def slow_client():
    while time.monotonic() < end:
        try:
            with socket.create_connection((host, port), timeout=10) as s:
                s.sendall(b"POST /api/match HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 1000000\r\n\r\n")
                s.settimeout(0.2)
                while time.monotonic() < end:
                    s.sendall(b"x")
                    try:
                        if s.recv(64):  # an answer (503, 408): turned away or timed out; come back in a second
                            count("slow_refused")
                            time.sleep(1)
                            break
                    except socket.timeout:
                        pass
                    time.sleep(5)
        except OSError:
            time.sleep(0.5)


BODY = ("\n".join('{"EventID": 1, "Image": "C:\\\\x%d.exe", "CommandLine": "x"}' % (i % 1000) for i in range(230_000))).encode()


def batch_client():
    while time.monotonic() < end:
        try:
            c = http.client.HTTPConnection(host, port, timeout=120)
            c.request("POST", "/api/match/batch", body=BODY, headers={"Content-Type": "application/x-ndjson"})
            r = c.getresponse()
            r.read()
            count("batch_ok" if r.status == 200 else "batch_refused")
            if r.status != 200:
                time.sleep(1)
            c.close()
        except (OSError, http.client.HTTPException):
            time.sleep(0.5)


def health_probe():
    while time.monotonic() < end:
        started = time.monotonic()
        try:
            c = http.client.HTTPConnection(host, port, timeout=5)
            c.request("GET", "/actuator/health")
            ok = c.getresponse().status == 200
            c.close()
        except (OSError, http.client.HTTPException):
            ok = False
        took = (time.monotonic() - started) * 1000
        with lock:
            health.append(took)
        if not ok:
            count("health_failed")
        time.sleep(max(0, 0.25 - took / 1000))


threads = [threading.Thread(target=slow_client) for _ in range(slow)] + [threading.Thread(target=batch_client) for _ in range(batches)]
threads.append(threading.Thread(target=health_probe))
for t in threads:
    t.daemon = True
    t.start()
for t in threads:
    t.join(timeout=max(0, end - time.monotonic()) + 130)
health.sort()
pick = lambda q: health[min(len(health) - 1, int(q * len(health)))] if health else float("nan")
print("RESULT %.1f %.1f %.1f %d %d %d %d" % (pick(0.5), pick(0.99), health[-1] if health else float("nan"), counts["health_failed"],
      counts["slow_refused"], counts["batch_ok"], counts["batch_refused"]))
