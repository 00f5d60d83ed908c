"""docs/storage.md's S3A setup for Python, run as written: a new PySpark process with the documented
``spark.jars.packages`` (resolved by Spark's Ivy) reads a video from a real S3 server (S3Proxy on 127.0.0.1) through
S3A, with the same rows as the local file."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import textwrap
import time
from typing import Iterator

import pytest

from conftest import free_port, wait_for_port
from test_docs import PROJECT, read_blocks

# Spark's default Ivy chain reads ~/.m2 first, and fails when it finds a pom there without its jar (as a Maven build
# leaves for versions it only inspected); Maven Central alone resolves the documented packages everywhere.
IVY_SETTINGS = """<ivysettings>
  <settings defaultResolver="central"/>
  <resolvers><ibiblio name="central" m2compatible="true" root="https://repo1.maven.org/maven2/"/></resolvers>
</ivysettings>
"""
ACCESS_KEY = "video-access"
SECRET_KEY = "video-secret"


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """S3Proxy (its own main) on a directory, with an empty bucket ``videos``; its endpoint URL."""
    work = tmp_path_factory.mktemp("s3")
    (work / "blobs" / "videos").mkdir(parents=True)
    port = free_port()
    properties = work / "s3proxy.properties"
    properties.write_text("\n".join([
        "s3proxy.endpoint=http://127.0.0.1:%d" % port, "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=filesystem-nio2", "jclouds.identity=" + ACCESS_KEY, "jclouds.credential=" + SECRET_KEY,
        "jclouds.filesystem.basedir=" + str(work / "blobs"), ""]))
    classpath = pathlib.Path(os.environ["SPARK_VIDEO_S3_CLASSPATH_FILE"]).read_text().strip()
    log = work / "s3proxy.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(["java", "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", str(properties)],
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(server, port, log)
        yield "http://127.0.0.1:%d" % port
    finally:
        server.terminate()
        server.wait(timeout=30)


def documented_session_block() -> str:
    blocks = [b for b in read_blocks(PROJECT / "docs" / "storage.md", "docs/storage.md")
              if b.language == "python" and "spark.jars.packages" in b.code]
    assert len(blocks) == 1, "docs/storage.md should have one Python block that sets spark.jars.packages"
    return blocks[0].code


def test_the_documented_s3a_packages_read_from_s3(s3_endpoint: str, h264: str, tmp_path: pathlib.Path) -> None:
    script = tmp_path / "s3a_read.py"
    script.write_text(documented_session_block() + textwrap.dedent("""
        import json, sys
        spark.sparkContext.setLogLevel("ERROR")
        conf = spark._jsc.hadoopConfiguration()
        for key, value in json.loads(sys.argv[1]).items():
            conf.set(key, value)
        jvm = spark._jvm
        target = jvm.org.apache.hadoop.fs.Path("s3a://videos/clip.mp4")
        target.getFileSystem(conf).copyFromLocalFile(jvm.org.apache.hadoop.fs.Path(sys.argv[2]), target)

        def summary(path):
            frames = spark_video.read_video(spark, path).where("frame_index < 40")
            rows = frames.selectExpr("frame_index", "pts", "md5(data) AS md5").orderBy("frame_index").collect()
            codec = spark_video.read_video(spark, path, mode="metadata").where("media_type = 'video'").first().codec
            return {"codec": codec, "frames": [list(r) for r in rows]}

        print("RESULT " + json.dumps({"s3a": summary("s3a://videos/clip.mp4"), "local": summary(sys.argv[2])}))
        spark.stop()
        """))
    settings = {
        "fs.s3a.endpoint": s3_endpoint, "fs.s3a.endpoint.region": "us-east-1", "fs.s3a.path.style.access": "true",
        "fs.s3a.connection.ssl.enabled": "false", "fs.s3a.access.key": ACCESS_KEY, "fs.s3a.secret.key": SECRET_KEY,
        "fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.bucket.probe": "0", "fs.s3a.change.detection.mode": "none",
    }
    ivy = pathlib.Path(os.environ.get("SPARK_VIDEO_WORK", tmp_path)) / "ivy"
    ivy.mkdir(parents=True, exist_ok=True)
    (ivy / "ivysettings.xml").write_text(IVY_SETTINGS)
    submit = "--conf spark.jars.ivySettings=%s --conf spark.jars.ivy=%s pyspark-shell" % (ivy / "ivysettings.xml", ivy)
    started = time.time()
    done = subprocess.run([sys.executable, str(script), json.dumps(settings), h264], capture_output=True, text=True,
                          timeout=900, env=dict(os.environ, PYTHONUNBUFFERED="1", PYSPARK_SUBMIT_ARGS=submit))
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, "the documented session failed after %.0f s:\n%s\n%s" % (
        time.time() - started, done.stdout[-4000:], done.stderr[-8000:])
    result = json.loads(lines[0][len("RESULT "):])
    assert result["s3a"]["codec"] == "h264"
    assert len(result["s3a"]["frames"]) == 40
    assert result["s3a"] == result["local"]
