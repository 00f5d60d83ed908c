"""docs/cluster.md's ``--packages``: a new PySpark process resolves the connector by its Maven coordinates with
Spark's Ivy, from a file repository of the jar and poms just built (FFmpeg and JavaCPP, natives included, from Maven
Central), and reads a video with it, without the Python package's jar."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

from test_docs import PROJECT

GROUP = "dev.sparkvideo"
PARENT = "spark-video-parent"
CONNECTOR = "spark-video-connector_2.13"


def project_version() -> str:
    jars = sorted((PROJECT / "connector" / "target").glob(CONNECTOR + "-*-all.jar"))
    assert jars, "no connector jar in connector/target: build it first (mvn -B -DskipTests package)"
    return jars[-1].name[len(CONNECTOR) + 1:-len("-all.jar")]


def file_repository(root: pathlib.Path, version: str) -> pathlib.Path:
    """A Maven repository layout holding the connector's jar and pom and the parent pom."""
    shutil.rmtree(root, ignore_errors=True)
    for artifact, files in ((PARENT, {"pom": PROJECT / "pom.xml"}),
                            (CONNECTOR, {"pom": PROJECT / "connector" / "pom.xml",
                                         "jar": PROJECT / "connector" / "target" / ("%s-%s.jar" % (CONNECTOR, version))})):
        directory = root.joinpath(*GROUP.split("."), artifact, version)
        directory.mkdir(parents=True)
        for extension, source in files.items():
            shutil.copyfile(source, directory / ("%s-%s.%s" % (artifact, version, extension)))
    return root


def test_packages_resolve_the_connector_from_a_repository(h264: str, tmp_path: pathlib.Path) -> None:
    version = project_version()
    work = pathlib.Path(os.environ.get("SPARK_VIDEO_WORK", tmp_path))
    repository = file_repository(work / "m2-repository", version)
    ivy = work / "ivy-packages"
    shutil.rmtree(ivy / "cache" / GROUP, ignore_errors=True)   # always the jar just built, never a cached one
    ivy.mkdir(parents=True, exist_ok=True)
    settings = ivy / "ivysettings.xml"
    settings.write_text(textwrap.dedent("""\
        <ivysettings>
          <settings defaultResolver="chain"/>
          <caches defaultCacheDir="%s"/>
          <resolvers>
            <chain name="chain">
              <ibiblio name="built" m2compatible="true" root="%s"/>
              <ibiblio name="central" m2compatible="true" root="https://repo1.maven.org/maven2/"/>
            </chain>
          </resolvers>
        </ivysettings>
        """ % (ivy / "cache", repository.as_uri())))
    script = tmp_path / "packages_read.py"
    script.write_text(textwrap.dedent("""\
        import json, sys
        from pyspark.sql import SparkSession
        spark = SparkSession.builder.appName("packages").getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        frames = spark.read.format("video").load(sys.argv[1]).where("frame_index < 3")
        rows = frames.selectExpr("frame_index", "md5(data)").orderBy("frame_index").collect()
        jars = spark.sparkContext.getConf().get("spark.jars", "")
        print("RESULT " + json.dumps({"frames": [list(r) for r in rows], "jars": jars}))
        spark.stop()
        """))
    submit = "--packages %s:%s:%s --conf spark.jars.ivySettings=%s pyspark-shell" % (GROUP, CONNECTOR, version, settings)
    done = subprocess.run([sys.executable, str(script), h264], capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, PYSPARK_SUBMIT_ARGS=submit))
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert done.returncode == 0 and lines, "--packages failed:\n%s\n%s" % (done.stdout[-4000:], done.stderr[-8000:])
    result = json.loads(lines[0][len("RESULT "):])
    assert [r[0] for r in result["frames"]] == [0, 1, 2]
    jar_names = {pathlib.Path(j).name for j in result["jars"].split(",") if j}
    assert "%s_%s-%s.jar" % (GROUP, CONNECTOR, version) in jar_names, jar_names
    assert any(n.startswith("org.bytedeco_ffmpeg-") and "linux" in n for n in jar_names), jar_names
