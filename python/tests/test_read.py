"""Reads through a classic PySpark session: frames, pushed filters, metadata mode, errors, options as kwargs."""

from __future__ import annotations

import pytest
from pyspark.errors import AnalysisException, IllegalArgumentException
from pyspark.sql import functions as F

import spark_video


def test_frame_rows_carry_every_column(spark, h264):
    frames = spark_video.read_video(spark, h264)
    assert frames.columns[:4] == ["path", "stream_index", "frame_index", "pts"]
    assert frames.count() == 300
    first = frames.where("frame_index = 0").select("width", "height", F.length("data").alias("bytes")).first()
    assert (first.width, first.height, first.bytes) == (1920, 1080, 1920 * 1080 * 3)


def test_options_are_keyword_arguments_with_python_values(spark, h264):
    frames = spark_video.read_video(spark, h264, frameFormat="gray", width=64, keyframesOnly=True, frameStep=1)
    rows = frames.select("frame_index", "is_key_frame", "width", "height", F.length("data").alias("n")).collect()
    assert rows and all(r.is_key_frame for r in rows)
    assert all(r.width == 64 and r.n == 64 * r.height for r in rows)


def test_pushed_time_filter_becomes_a_seek(spark, h264):
    window = spark_video.read_video(spark, h264).where(F.col("pts_seconds").between(2.0, 3.0)).select("frame_index")
    plan = window._jdf.queryExecution().executedPlan().toString()
    assert "PushedFilters" in plan and "pts_seconds" in plan
    indices = [r.frame_index for r in window.collect()]
    assert indices == list(range(indices[0], indices[0] + len(indices))) and 29 <= len(indices) <= 31


def test_sampled_frame_indices_are_pushed(spark, h264):
    wanted = [3, 150, 151, 290]
    sample = spark_video.read_video(spark, h264).where(F.col("frame_index").isin(wanted))
    plan = sample._jdf.queryExecution().executedPlan().toString()
    assert "frame_index IN" in plan
    rows = sample.select("frame_index", F.md5("data").alias("md5")).collect()
    every = spark_video.read_video(spark, h264).where((F.col("frame_index") * 2).isin([2 * i for i in wanted]))
    assert sorted(rows) == sorted(every.select("frame_index", F.md5("data").alias("md5")).collect())
    assert sorted(r.frame_index for r in rows) == wanted


def test_metadata_mode_gives_one_row_per_stream(spark, samples):
    catalog = spark_video.read_video(spark, str(samples), mode="metadata")
    codecs = {r.codec for r in catalog.select("codec").collect()}
    assert {"h264", "vp9", "av1", "mpeg4", "aac"} <= codecs
    assert catalog.where("media_type = 'video'").count() == 5


def test_files_opened_ahead_give_the_same_rows_as_one_by_one(spark, samples):
    def catalog(**options):
        df = spark_video.read_video(spark, str(samples), mode="metadata", **options)
        return sorted(df.select("path", "stream_index", "codec", "num_frames").collect())

    assert catalog(openAhead=0) == catalog() == catalog(openAhead=2)


def test_frames_converted_on_a_second_thread_are_the_frames_of_one(spark, h264):
    def frames(**options):
        df = spark_video.read_video(spark, h264, endSeconds=3.0, **options)
        return df.select("frame_index", "pts", F.md5("data").alias("md5")).orderBy("frame_index").collect()

    pipelined = frames()
    assert len(pipelined) > 0
    assert pipelined == frames(conversionThread=False) == frames(conversionThread=False, threads=2)


def test_several_paths(spark, samples):
    paths = sorted(str(p) for p in samples.glob("vp9-*"))
    assert spark_video.read_video(spark, paths, mode="metadata").select("path").distinct().count() == 2


def test_bad_options_raise_with_the_connectors_message(spark, h264):
    with pytest.raises(IllegalArgumentException, match="seekMode: expected one of approximate, exact"):
        spark_video.read_video(spark, h264, seekMode="fast")
    with pytest.raises(IllegalArgumentException, match="Unknown option"):
        spark_video.read_video(spark, h264, fps=1)


def test_a_missing_path_fails_at_load(spark, samples):
    with pytest.raises(AnalysisException) as failure:
        spark_video.read_video(spark, str(samples / "nothing-here.mp4"))
    assert failure.value.getCondition() == "PATH_NOT_FOUND"


class _Builder:
    """Stands for SparkSession.Builder, whose options PySpark keeps in a dict shared by every builder."""

    def __init__(self, options):
        self._options = dict(options)

    def config(self, key, value):
        self._options[key] = value
        return self


def test_configure_adds_the_jar_and_keeps_jars_already_set():
    assert spark_video.configure(_Builder({}))._options["spark.jars"] == spark_video.jar_path()
    builder = spark_video.configure(_Builder({"spark.jars": "/opt/other.jar"}))
    assert builder._options["spark.jars"] == "/opt/other.jar," + spark_video.jar_path()
    assert spark_video.configure(builder)._options["spark.jars"].count(spark_video.jar_path()) == 1
