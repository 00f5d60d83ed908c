"""Fixtures: a classic local PySpark session with the package's jar, the quick start's sample videos, and a Spark
Connect server started from the Maven jars (the connector on its classpath)."""

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def connect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Spark Connect server (local[2]) from the Maven jars, the connector on its classpath; its sc:// URL."""
    classpath = pathlib.Path(os.environ["SPARK_VIDEO_JVM_CLASSPATH_FILE"]).read_text().strip()
    port = _free_port()
    log = tmp_path_factory.mktemp("connect") / "server.log"
    command = ["java", "-Xmx2g", *JAVA_17_FLAGS, "-cp", classpath, "-Dspark.master=local[2]",
               "-Dspark.app.name=spark_video connect tests", "-Dspark.ui.enabled=false",
               "-Dspark.connect.grpc.binding.address=127.0.0.1", "-Dspark.connect.grpc.binding.port=%d" % port,
               "org.apache.spark.sql.connect.service.SparkConnectServer"]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.time() + 120
        while True:
            if server.poll() is not None:
                raise RuntimeError("the Connect server exited with %d: %s" % (server.returncode, log.read_text()))
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("the Connect server did not listen within 120 s: %s" % log.read_text())
                time.sleep(0.5)
        yield "sc://127.0.0.1:%d" % port
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
