"""Fixtures: a classic local PySpark session with the package's jar, the quick start's sample videos, and a Spark
Connect server started from Spark's Maven jars as ``start-connect-server.sh`` starts it (``spark-submit --class
SparkConnectServer``), the package's jar given with ``--jars``."""

from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import time
from typing import Iterator

import pytest
from pyspark.sql import SparkSession

import spark_video

JAVA_17_FLAGS = [
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
    "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
]


@pytest.fixture(scope="session")
def samples() -> pathlib.Path:
    """The quick start's sample videos (made by run-tests)."""
    path = pathlib.Path(os.environ["SPARK_VIDEO_SAMPLES"])
    assert any(path.iterdir()), "no sample videos in %s" % path
    return path


@pytest.fixture(scope="session")
def h264(samples: pathlib.Path) -> str:
    """The 10 s 1080p H.264 sample, its index at the end."""
    return str(next(samples.glob("h264-*.mp4")))


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    """A classic local[2] session, the connector added by :func:`spark_video.configure`."""
    builder = (SparkSession.builder.master("local[2]").appName("spark_video tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2"))
    session = spark_video.configure(builder).getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(server: "subprocess.Popen[bytes]", port: int, log: pathlib.Path, seconds: float = 120) -> None:
    """Waits until ``server`` listens on ``port``; fails with its log if it exits or does not within ``seconds``."""
    deadline = time.time() + seconds
    while True:
        if server.poll() is not None:
            raise RuntimeError("the server exited with %d: %s" % (server.returncode, log.read_text()))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.time() > deadline:
                raise RuntimeError("the server did not listen within %.0f s: %s" % (seconds, log.read_text()))
            time.sleep(0.5)


@pytest.fixture(scope="session")
def connect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Spark Connect server (local[2]) with the connector added by ``--jars``, as docs/python.md says; its URL."""
    classpath = pathlib.Path(os.environ["SPARK_VIDEO_SPARK_CLASSPATH_FILE"]).read_text().strip()
    port = free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    command = ["java", "-Xmx2g", *JAVA_17_FLAGS, "-cp", classpath, "org.apache.spark.deploy.SparkSubmit",
               "--class", "org.apache.spark.sql.connect.service.SparkConnectServer", "--name", "Spark Connect server",
               "--master", "local[2]", "--jars", spark_video.jar_path(),
               "--conf", "spark.ui.enabled=false", "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
               "--conf", "spark.connect.grpc.binding.port=%d" % port, "spark-internal"]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(server, port, log)
        yield "sc://127.0.0.1:%d" % port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
