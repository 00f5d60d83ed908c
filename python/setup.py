"""Builds the wheel with the connector's jar inside.

The jar is the one Maven builds (``connector/target/spark-video-connector_2.13-*-all.jar``); ``mvn -B verify`` (or
``mvn -B -DskipTests package``) builds it before this package is built. The ``SPARK_VIDEO_JAR`` environment variable
names another jar.
"""

import glob
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


def connector_jar() -> str:
    named = os.environ.get("SPARK_VIDEO_JAR")
    if named:
        return named
    pattern = os.path.join(HERE, "..", "connector", "target", "spark-video-connector_2.13-*-all.jar")
    found = sorted(glob.glob(pattern))
    if not found:
        raise SystemExit("No connector jar at %s: build it first with 'mvn -B -DskipTests package' in %s, or set "
                         "SPARK_VIDEO_JAR" % (pattern, os.path.dirname(HERE)))
    return found[-1]


class BuildWithJar(build_py):
    """Copies the connector's jar into the package being built."""

    def run(self) -> None:
        super().run()
        target = os.path.join(self.build_lib, "spark_video", "jars")
        os.makedirs(target, exist_ok=True)
        for old in glob.glob(os.path.join(target, "*.jar")):
            os.remove(old)
        shutil.copy2(connector_jar(), target)


setup(cmdclass={"build_py": BuildWithJar})
