"""The same reads from a Spark Connect client (PySpark's remote mode, what managed notebooks use) against a Connect
server started with the connector's jar in --jars."""

from __future__ import annotations

import pytest
from pyspark.errors import AnalysisException
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import spark_video

pytestmark = pytest.mark.connect


@pytest.fixture(scope="module")
def remote(connect_url):
    session = SparkSession.builder.remote(connect_url).getOrCreate()
    yield session
    session.stop()


def test_frames_and_pushed_filters_through_connect(remote, h264):
    frames = spark_video.read_video(remote, h264, width=64)
    assert frames.count() == 300
    window = frames.where(F.col("pts_seconds").between(2.0, 3.0)).select("frame_index", "data", "width", "height")
    rows = window.collect()
    assert 29 <= len(rows) <= 31
    assert spark_video.to_numpy(rows[0]).shape == (rows[0].height, 64, 3)


def test_metadata_mode_through_connect(remote, samples):
    catalog = spark_video.read_video(remote, str(samples), mode="metadata")
    assert catalog.where("media_type = 'video'").count() == 5


def test_errors_through_connect(remote, samples):
    with pytest.raises(Exception, match="seekMode"):
        spark_video.read_video(remote, str(samples), seekMode="fast").count()
    with pytest.raises(AnalysisException, match="PATH_NOT_FOUND"):
        spark_video.read_video(remote, str(samples / "nothing-here.mp4")).count()
